import { Temporal } from 'temporal-polyfill';
import { describe, expect, it } from 'vitest';
import { expandRecurrence, firstOccurrences } from './recurrence.js';
import { parseRecurrence } from './recurrence-rule.js';

/**
 * Every DST transition 2020–2030 in zones with 60- and 30-minute shifts on both hemispheres, found with
 * Temporal. A DAILY rule whose wall-clock time falls inside the gap, inside the overlap, or outside both must
 * give exactly one occurrence per day around the transition: at the same wall time, or moved forward by the gap
 * length on the gap day, or at the earlier of the two instants on the overlap day.
 */
const ZONES = [
  'Australia/Sydney',
  'Australia/Lord_Howe',
  'Europe/London',
  'America/New_York',
  'Pacific/Chatham',
];

type Transition = {
  zone: string;
  at: Temporal.Instant;
  before: number;
  after: number;
  date: Temporal.PlainDate;
};

function transitions(zone: string): Transition[] {
  const found: Transition[] = [];
  let cursor: Temporal.ZonedDateTime | null = Temporal.ZonedDateTime.from(`2020-01-01T00:00[${zone}]`);
  const end = Temporal.Instant.from('2031-01-01T00:00:00Z');
  for (;;) {
    cursor = cursor.getTimeZoneTransition('next');
    if (!cursor || Temporal.Instant.compare(cursor.toInstant(), end) >= 0) return found;
    const before = cursor.subtract({ nanoseconds: 1 }).offsetNanoseconds / 1e9;
    found.push({
      zone,
      at: cursor.toInstant(),
      before,
      after: cursor.offsetNanoseconds / 1e9,
      date: cursor.toPlainDate(),
    });
  }
}

const hhmm = (seconds: number) =>
  `${String(Math.floor(seconds / 3600)).padStart(2, '0')}:${String(Math.floor(seconds / 60) % 60).padStart(2, '0')}`;

/** Wall-clock seconds of day of the transition instant read with the offset before it. */
function wallBefore(t: Transition): number {
  const local = t.at.add({ seconds: t.before }).toZonedDateTimeISO('UTC');
  return local.hour * 3600 + local.minute * 60;
}

function daily(
  zone: string,
  date: Temporal.PlainDate,
  time: string,
  count: number,
): Temporal.ZonedDateTime[] {
  const compact = `${date.toString().replace(/-/g, '')}T${time.replace(':', '')}00`;
  return firstOccurrences(
    parseRecurrence(`DTSTART;TZID=${zone}:${compact}\nRRULE:FREQ=DAILY;COUNT=${count}`),
    100,
  );
}

function check(t: Transition, time: string, kind: 'gap' | 'overlap' | 'outside') {
  for (const result of [
    daily(t.zone, t.date.subtract({ days: 3 }), time, 7),
    // the same days reached through a window on a rule that started years earlier (skips ahead)
    [
      ...expandRecurrence(
        parseRecurrence(`DTSTART;TZID=${t.zone}:20191225T${time.replace(':', '')}00\nRRULE:FREQ=DAILY`),
        {
          from: t.date.subtract({ days: 3 }).toZonedDateTime({ timeZone: t.zone }).toInstant(),
          to: t.date.add({ days: 4 }).toZonedDateTime({ timeZone: t.zone }).toInstant(),
        },
      ),
    ],
  ]) {
    expect(result.map((z) => z.toPlainDate().toString())).toEqual(
      [-3, -2, -1, 0, 1, 2, 3].map((d) => t.date.add({ days: d }).toString()),
    );
    for (const z of result) {
      const wall = Temporal.PlainDateTime.from(`${z.toPlainDate()}T${time}`);
      const isTransitionDay = z.toPlainDate().equals(t.date);
      if (!isTransitionDay || kind === 'outside') {
        expect(z.toPlainTime().toString({ smallestUnit: 'minute' })).toBe(time);
        expect(z.epochMilliseconds).toBe(wall.toZonedDateTime(t.zone).epochMilliseconds);
        continue;
      }
      // Inside the gap or the overlap the instant is the wall time read with the offset before the transition:
      // for a gap that lands after the jump (moved forward by the gap), for an overlap it is the earlier one.
      const expected = wall.toZonedDateTime('UTC').toInstant().subtract({ seconds: t.before });
      expect(z.toInstant().toString()).toBe(expected.toString());
      if (kind === 'gap') {
        const [h, m] = time.split(':').map(Number) as [number, number];
        expect(z.toPlainTime().toString({ smallestUnit: 'minute' })).toBe(
          hhmm(h * 3600 + m * 60 + t.after - t.before),
        );
        expect(z.offsetNanoseconds / 1e9).toBe(t.after);
      } else {
        expect(z.toPlainTime().toString({ smallestUnit: 'minute' })).toBe(time);
        expect(z.offsetNanoseconds / 1e9).toBe(t.before);
      }
    }
  }
}

describe('DAILY rules across every DST transition 2020–2030', () => {
  for (const zone of ZONES) {
    const all = transitions(zone);
    it(`${zone}: finds two transitions a year`, () => {
      expect(all.length).toBeGreaterThanOrEqual(21);
      expect(all.length).toBeLessThanOrEqual(22);
    });
    for (const t of all) {
      const shift = t.after - t.before;
      const start = wallBefore(t);
      const kind = shift > 0 ? 'gap' : 'overlap';
      // the middle of the skipped or repeated wall-clock interval, e.g. 02:30 in Sydney, 02:15 on Lord Howe
      const inside = hhmm(shift > 0 ? start + shift / 2 : start + shift / 2);
      it(`${zone} ${t.date} (${kind} of ${Math.abs(shift) / 60} min at ${hhmm(start)}): ${inside} and 12:00`, () => {
        check(t, inside, kind);
        check(t, '12:00', 'outside');
        check(t, hhmm((start + 3 * 3600) % 86400), 'outside');
      });
    }
  }

  for (const zone of ['Australia/Brisbane', 'Asia/Kolkata']) {
    it(`${zone} has no transition, and a DAILY 02:30 rule keeps one offset for 11 years`, () => {
      expect(transitions(zone)).toEqual([]);
      const window = [
        ...expandRecurrence(parseRecurrence(`DTSTART;TZID=${zone}:20200101T023000\nRRULE:FREQ=DAILY`), {
          to: Temporal.ZonedDateTime.from(`2031-01-01T00:00[${zone}]`).toInstant(),
        }),
      ];
      expect(window).toHaveLength(4018);
      expect(new Set(window.map((z) => `${z.toPlainTime()} ${z.offset}`))).toEqual(
        new Set([`02:30:00 ${zone === 'Asia/Kolkata' ? '+05:30' : '+10:00'}`]),
      );
    });
  }

  it('Sydney 2026-10-04: 02:30 becomes 03:30 AEDT; 2026-04-05: 02:30 is the first (AEDT) one', () => {
    const spring = daily('Australia/Sydney', Temporal.PlainDate.from('2026-10-03'), '02:30', 3);
    // 02:30 AEST on the 3rd = 16:30 UTC on the 2nd; 03:30 AEDT on the 4th = 16:30 UTC on the 3rd; 02:30 AEDT.
    expect(spring.map((z) => z.toInstant().toString())).toEqual([
      '2026-10-02T16:30:00Z',
      '2026-10-03T16:30:00Z',
      '2026-10-04T15:30:00Z',
    ]);
    const autumn = daily('Australia/Sydney', Temporal.PlainDate.from('2026-04-04'), '02:30', 3);
    // 02:30 AEDT (+11) on the 4th and on the 5th (the earlier of the two 02:30s), then 02:30 AEST (+10).
    expect(autumn.map((z) => z.toInstant().toString())).toEqual([
      '2026-04-03T15:30:00Z',
      '2026-04-04T15:30:00Z',
      '2026-04-05T16:30:00Z',
    ]);
  });
});
