import fc from 'fast-check';
import { Temporal } from 'temporal-polyfill';
import { describe, expect, it } from 'vitest';
import { findSlots, localOf, type SlotSearchInput } from './slot-search.js';
import { naiveSlots } from './slot-search-naive.js';

const SYD = 'Australia/Sydney';
const at = (local: string, zone = SYD) =>
  Temporal.PlainDateTime.from(local).toZonedDateTime(zone).toInstant();
const base = (over: Partial<SlotSearchInput>): SlotSearchInput => ({
  timeZone: SYD,
  now: at('2026-12-07T00:00'),
  days: 1,
  durationMinutes: 60,
  stepMinutes: 30,
  lines: [],
  busy: [],
  breaks: [],
  blockedDays: new Set(),
  ...over,
});
/** Each slot as its local start with offset in the zone, e.g. "2026-10-04T03:00+11:00". */
const starts = (input: SlotSearchInput) =>
  findSlots(input).map((s) => {
    const l = localOf(s.start, input.timeZone);
    return `${l.date}T${l.time}${l.offset}`;
  });

describe('findSlots', () => {
  it('offers each grid start whose whole session fits a line, around bookings and after now', () => {
    // Monday 7 December 2026, 09:00–12:00, one booking 10:00–10:45, now 09:10.
    const input = base({
      now: at('2026-12-07T09:10'),
      lines: [{ scheduleId: 's', weekday: 1, startsAt: '09:00', endsAt: '12:00' }],
      busy: [{ start: at('2026-12-07T10:00'), end: at('2026-12-07T10:45') }],
    });
    expect(starts(input)).toEqual(['2026-12-07T11:00+11:00']);
    expect(starts({ ...input, now: at('2026-12-07T08:00') })).toEqual([
      '2026-12-07T09:00+11:00',
      '2026-12-07T11:00+11:00',
    ]);
    expect(starts({ ...input, busy: [] })).toEqual([
      '2026-12-07T09:30+11:00',
      '2026-12-07T10:00+11:00',
      '2026-12-07T10:30+11:00',
      '2026-12-07T11:00+11:00',
    ]);
  });

  it("keeps a line's elapsed-time grid across the spring-forward gap (Sydney, 4 October 2026)", () => {
    const input = base({
      now: at('2026-10-04T00:00'),
      lines: [{ scheduleId: 's', weekday: 7, startsAt: '01:00', endsAt: '05:00' }],
    });
    // 01:00–05:00 that night is three hours long: 02:00 AEST does not exist.
    expect(starts(input)).toEqual([
      '2026-10-04T01:00+10:00',
      '2026-10-04T01:30+10:00',
      '2026-10-04T03:00+11:00',
      '2026-10-04T03:30+11:00',
      '2026-10-04T04:00+11:00',
    ]);
    // A line starting in the gap starts when the gap ends, and is shorter by it.
    const inGap = { ...input, lines: [{ scheduleId: 's', weekday: 7, startsAt: '02:30', endsAt: '04:00' }] };
    expect(starts(inGap)).toEqual([]);
    expect(starts({ ...inGap, durationMinutes: 30 })).toEqual(['2026-10-04T03:30+11:00']);
  });

  it('offers the repeated hour twice on the fall-back night (Sydney, 5 April 2026)', () => {
    const input = base({
      now: at('2026-04-05T00:00'),
      stepMinutes: 60,
      lines: [{ scheduleId: 's', weekday: 7, startsAt: '01:00', endsAt: '04:00' }],
    });
    expect(starts(input)).toEqual([
      '2026-04-05T01:00+11:00',
      '2026-04-05T02:00+11:00',
      '2026-04-05T02:00+10:00',
      '2026-04-05T03:00+10:00',
    ]);
  });

  it('handles Lord Howe Island, whose clocks move by half an hour', () => {
    const zone = 'Australia/Lord_Howe';
    const input = base({
      timeZone: zone,
      now: at('2026-10-04T00:00', zone),
      lines: [{ scheduleId: 's', weekday: 7, startsAt: '01:00', endsAt: '03:00' }],
    });
    expect(starts(input)).toEqual(['2026-10-04T01:00+10:30', '2026-10-04T01:30+10:30']);
    // 01:00–03:00 is 90 minutes that night: a session from 01:30 ends at 03:00 (+11:00).
    expect(findSlots(input).map((s) => localOf(s.end, zone).time)).toEqual(['02:30', '03:00']);
  });

  it('blocks public holidays and leave whole, and breaks for their part of the day', () => {
    const lines = [1, 2, 3].map((weekday) => ({
      scheduleId: 's',
      weekday,
      startsAt: '09:00',
      endsAt: '11:00',
    }));
    const input = base({
      now: at('2026-12-07T00:00'),
      days: 3,
      stepMinutes: 60,
      lines,
      blockedDays: new Set(['2026-12-08']),
      breaks: [{ startsOn: '2026-12-09', endsOn: '2026-12-09', fromTime: '09:30', toTime: '10:00' }],
    });
    expect(starts(input)).toEqual([
      '2026-12-07T09:00+11:00',
      '2026-12-07T10:00+11:00',
      '2026-12-09T10:00+11:00',
    ]);
    const fullDay = {
      ...input,
      breaks: [{ startsOn: '2026-12-07', endsOn: '2026-12-09', fromTime: null, toTime: null }],
    };
    expect(starts(fullDay)).toEqual([]);
  });

  it('lists a start once per schedule, both schedules when two overlap, ordered by start', () => {
    const input = base({
      now: at('2026-12-07T00:00'),
      stepMinutes: 60,
      lines: [
        { scheduleId: 'b', weekday: 1, startsAt: '09:00', endsAt: '11:00' },
        { scheduleId: 'a', weekday: 1, startsAt: '10:00', endsAt: '11:00' },
        { scheduleId: 'b', weekday: 1, startsAt: '09:00', endsAt: '10:00' },
      ],
    });
    expect(findSlots(input).map((s) => `${s.scheduleId} ${localOf(s.start, SYD).time}`)).toEqual([
      'b 09:00',
      'a 10:00',
      'b 10:00',
    ]);
  });

  it('shows a slot in both zones, an hour apart only while Sydney is on daylight time', () => {
    const summer = at('2026-12-07T13:00');
    const winter = at('2026-07-06T13:00');
    expect(localOf(summer, 'Australia/Brisbane')).toEqual({
      date: '2026-12-07',
      time: '12:00',
      offset: '+10:00',
    });
    expect(localOf(winter, 'Australia/Brisbane')).toEqual({
      date: '2026-07-06',
      time: '13:00',
      offset: '+10:00',
    });
  });

  it('offers nothing for hostile inputs rather than failing', () => {
    const lines = [
      { scheduleId: 'x', weekday: 0, startsAt: '09:00', endsAt: '10:00' },
      { scheduleId: 'x', weekday: 1, startsAt: '25:00', endsAt: '26:00' },
      { scheduleId: 'x', weekday: 1, startsAt: '11:00', endsAt: '10:00' },
      { scheduleId: 'x', weekday: 1.5, startsAt: '09:00', endsAt: '10:00' },
    ];
    expect(findSlots(base({ lines }))).toEqual([]);
    const good = [{ scheduleId: 'x', weekday: 1, startsAt: '09:00', endsAt: '10:00' }];
    for (const over of [
      { durationMinutes: 0 },
      { durationMinutes: Number.NaN },
      { stepMinutes: -5 },
      { days: -3 },
      { days: 0 },
      { durationMinutes: 61 },
    ])
      expect(findSlots(base({ lines: good, ...over }))).toEqual([]);
    // A reversed booking blocks nothing; a huge search is capped.
    const reversed = base({
      lines: good,
      busy: [{ start: at('2026-12-07T10:00'), end: at('2026-12-07T09:00') }],
    });
    expect(findSlots(reversed)).toHaveLength(1);
    expect(findSlots(base({ lines: good, days: 1e9 })).length).toBeLessThanOrEqual(9);
  });
});

const ZONES = [
  'Australia/Sydney',
  'Australia/Lord_Howe',
  'Australia/Brisbane',
  'Pacific/Chatham',
  'America/New_York',
  'America/Sao_Paulo',
  'Europe/London',
  'Asia/Kathmandu',
  'UTC',
];
const hhmm = fc
  .tuple(fc.integer({ min: 0, max: 24 }), fc.constantFrom(0, 15, 30, 45, 59))
  .map(([h, m]) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`);
const time = fc.oneof(hhmm, fc.constantFrom('24:00', '9:00', '', '12:60', 'ab:cd'));
/** A well-formed line: a day of the search, a start and a later end on the quarter hour or "24:00". */
const goodLine = fc
  .record({
    scheduleId: fc.constantFrom('a', 'b'),
    // Days from today, turned into the weekday of that day below, so most lines fall inside the search.
    weekday: fc.integer({ min: 0, max: 3 }).map((d) => -1 - d),
    from: fc.integer({ min: 0, max: 95 }),
    length: fc.integer({ min: 1, max: 48 }),
  })
  .map((l) => {
    const quarter = (q: number) =>
      q >= 96
        ? '24:00'
        : `${String(Math.floor(q / 4)).padStart(2, '0')}:${String((q % 4) * 15).padStart(2, '0')}`;
    return {
      scheduleId: l.scheduleId,
      weekday: l.weekday,
      startsAt: quarter(l.from),
      endsAt: quarter(l.from + l.length),
    };
  });
// Around both 2026 daylight-saving changes of the zones above, and the minute they happen.
const nowArb = fc
  .tuple(
    fc.constantFrom('2026-03-06', '2026-03-27', '2026-04-03', '2026-09-24', '2026-10-02', '2026-10-31'),
    fc.integer({ min: 0, max: 3 * 24 * 3600 - 1 }),
  )
  .map(([day, seconds]) => Temporal.Instant.from(`${day}T00:00:00Z`).add({ seconds }));

const inputArb = fc
  .record({
    timeZone: fc.constantFrom(...ZONES),
    now: nowArb,
    days: fc.oneof({ weight: 12, arbitrary: fc.integer({ min: 1, max: 3 }) }, fc.constantFrom(-1, 0)),
    durationMinutes: fc.oneof(
      { weight: 12, arbitrary: fc.integer({ min: 1, max: 180 }) },
      fc.constantFrom(-1, 0, 1441),
    ),
    stepMinutes: fc.oneof(
      { weight: 12, arbitrary: fc.integer({ min: 1, max: 60 }) },
      fc.constantFrom(-15, 0),
    ),
    lines: fc.array(
      fc.oneof(
        { weight: 4, arbitrary: goodLine },
        {
          weight: 1,
          arbitrary: fc.record({
            scheduleId: fc.constantFrom('a', 'b'),
            weekday: fc.integer({ min: 0, max: 8 }).map((w) => (w === 0 ? 0.5 : w)),
            startsAt: time,
            endsAt: time,
          }),
        },
      ),
      { minLength: 1, maxLength: 8 },
    ),
    busy: fc.array(
      fc.oneof(
        {
          weight: 4,
          arbitrary: fc.tuple(
            fc.integer({ min: 0, max: 3 * 96 }).map((q) => q * 15),
            fc.integer({ min: 1, max: 90 }),
          ),
        },
        fc.tuple(fc.integer({ min: -1440, max: 4 * 1440 }), fc.integer({ min: -60, max: 300 })),
      ),
      { maxLength: 12 },
    ),
    breaks: fc.array(
      fc.record({
        from: fc.integer({ min: -2, max: 8 }),
        length: fc.integer({ min: -1, max: 2 }),
        fromTime: fc.option(time, { nil: null }),
        toTime: fc.option(time, { nil: null }),
      }),
      { maxLength: 2 },
    ),
    blocked: fc.array(fc.integer({ min: -1, max: 7 }), { maxLength: 2 }),
  })
  .map((r): SlotSearchInput => {
    const today = r.now.toZonedDateTimeISO(r.timeZone).toPlainDate();
    const midnight = today.toZonedDateTime(r.timeZone).toInstant();
    return {
      timeZone: r.timeZone,
      now: r.now,
      days: r.days,
      durationMinutes: r.durationMinutes,
      stepMinutes: r.stepMinutes,
      lines: r.lines.map((l) =>
        l.weekday < 0 ? { ...l, weekday: today.add({ days: -1 - l.weekday }).dayOfWeek } : l,
      ),
      busy: r.busy.map(([offset, length]) => ({
        start: midnight.add({ minutes: offset }),
        end: midnight.add({ minutes: offset + length }),
      })),
      breaks: r.breaks.map((b) => ({
        startsOn: today.add({ days: b.from }).toString(),
        endsOn: today.add({ days: b.from + b.length }).toString(),
        fromTime: b.fromTime,
        toTime: b.toTime,
      })),
      blockedDays: new Set(r.blocked.map((d) => today.add({ days: d }).toString())),
    };
  });

const show = (slots: ReturnType<typeof findSlots>) => slots.map((s) => `${s.scheduleId} ${s.start} ${s.end}`);

describe('findSlots against the minute-by-minute scan', () => {
  it('agrees with the naive scan on hostile inputs around daylight-saving changes', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        expect(show(findSlots(input))).toEqual(show(naiveSlots(input)));
      }),
      { numRuns: 120 },
    );
  }, 120_000);

  it('never offers a slot before now, outside its line, or meeting a booking', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        for (const slot of findSlots(input)) {
          expect(Temporal.Instant.compare(slot.start, input.now)).toBeGreaterThanOrEqual(0);
          expect(slot.start.until(slot.end).total('minutes')).toBe(Math.trunc(input.durationMinutes));
          for (const b of input.busy)
            if (Temporal.Instant.compare(b.start, b.end) < 0)
              expect(
                Temporal.Instant.compare(slot.end, b.start) <= 0 ||
                  Temporal.Instant.compare(b.end, slot.start) <= 0,
              ).toBe(true);
          const local = localOf(slot.start, input.timeZone);
          expect(input.blockedDays.has(local.date)).toBe(false);
        }
      }),
      { numRuns: 150 },
    );
  });
});
