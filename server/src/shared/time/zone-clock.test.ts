import fc from 'fast-check';
import { Temporal } from 'temporal-polyfill';
import { describe, expect, it } from 'vitest';
import { epochDayOf, epochMinuteOf, floorDiv } from './civil-date.js';
import { createZoneClock, isVisitTime, parseVisitTime } from './zone-clock.js';
import { clearZoneOffsetCache } from './zone-offset.js';

describe('parseVisitTime', () => {
  it.each([
    ['2026-04-08T09:00', '2026-04-07T23:00:00Z'],
    ['2026-04-08T09:00+10:00', '2026-04-07T23:00:00Z'],
    ['2026-04-07T23:00Z', '2026-04-07T23:00:00Z'],
    ['2026-04-07T23:00:30Z', '2026-04-07T23:00:30Z'],
    ['2026-04-08T09:00:00+10:00[Australia/Sydney]', '2026-04-07T23:00:00Z'],
    // The ambiguous fall-back time takes the earlier instant; the skipped one moves forward.
    ['2026-04-05T02:30', '2026-04-04T15:30:00Z'],
    ['2026-10-04T02:30', '2026-10-03T16:30:00Z'],
  ])('%s is %s', (text, utc) => {
    expect(parseVisitTime(text, 'Australia/Sydney')?.toString()).toBe(utc);
  });

  it.each([
    '',
    'nope',
    '2026-04-08',
    '2026-04-08 09:00',
    '2026-02-30T09:00',
    '2026-04-08T25:00',
    '09:00+10:00',
  ])('refuses %j', (text) => {
    expect(parseVisitTime(text, 'Australia/Sydney')).toBeNull();
  });
});

describe('createZoneClock', () => {
  const clock = createZoneClock('Australia/Sydney');
  it('converts wall-clock minutes of a day, running into the next day past 1440', () => {
    const midnight = clock.epochMinuteAt('2026-04-08', 0);
    expect(clock.epochMinuteAt('2026-04-08', 1440)).toBe(midnight + 1440);
    expect(clock.epochMinuteAt('2026-04-08', 1500)).toBe(clock.epochMinuteAt('2026-04-09', 60));
    expect(clock.epochMinuteAt('2026-04-05', 1440) - clock.epochMinuteAt('2026-04-05', 0)).toBe(1500);
    expect(clock.describe(midnight)).toBe('2026-04-08 00:00+10:00');
    expect(clock.localDateOf(midnight - 1)).toBe('2026-04-07');
  });

  it('knows days of the week', () => {
    expect(['2026-04-04', '2026-04-05', '2026-04-06'].map(clock.dayOfWeek)).toEqual(['sat', 'sun', 'mon']);
  });

  it('floors epoch minutes before 1970 too', () => {
    expect(floorDiv(-1, 60)).toBe(-1);
    expect(epochMinuteOf(parseVisitTime('1969-12-31T23:59:30Z', 'UTC')!)).toBe(-1);
  });
});

describe('the integer clock agrees with Temporal', () => {
  const zones = [
    'Australia/Sydney',
    'Australia/Lord_Howe',
    'America/New_York',
    'Europe/London',
    'Asia/Kolkata',
    'America/Santiago',
    'UTC',
  ];
  const from = Temporal.Instant.from('2024-01-01T00:00:00Z').epochMilliseconds / 60_000;
  const clocks = new Map(zones.map((z) => [z, createZoneClock(z)]));

  it('on local dates, descriptions and wall-clock conversions', () => {
    fc.assert(
      fc.property(fc.constantFrom(...zones), fc.integer({ min: 0, max: 4 * 366 * 1440 }), (zone, offset) => {
        const clock = clocks.get(zone)!;
        const minute = from + offset;
        const zoned = Temporal.Instant.fromEpochMilliseconds(minute * 60_000).toZonedDateTimeISO(zone);
        expect(clock.localDateOf(minute)).toBe(zoned.toPlainDate().toString());
        expect(clock.describe(minute)).toBe(
          `${zoned.toPlainDate()} ${zoned.toPlainTime().toString({ smallestUnit: 'minute' })}${zoned.offset}`,
        );
        const date = zoned.toPlainDate().toString();
        const wall = zoned.hour * 60 + zoned.minute;
        const expected =
          Temporal.PlainDateTime.from(`${date}T${zoned.toPlainTime().toString({ smallestUnit: 'minute' })}`)
            .toZonedDateTime(zone, { disambiguation: 'compatible' })
            .toInstant().epochMilliseconds / 60_000;
        expect(clock.epochMinuteAt(date, wall)).toBe(expected);
        expect(clock.dayOfWeek(date)).toBe(
          ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'][zoned.dayOfWeek - 1],
        );
      }),
      { numRuns: 2000 },
    );
  });

  it('on gap and fall-back times', () => {
    const sydney = clocks.get('Australia/Sydney')!;
    for (const text of ['2026-10-04T02:30', '2026-04-05T02:30', '2026-04-05T01:59', '2026-10-04T03:00'])
      expect(sydney.parseLocal(text)?.toString()).toBe(parseVisitTime(text, 'Australia/Sydney')!.toString());
  });

  it('on calendar dates', () => {
    expect(epochDayOf('1970-01-01')).toBe(0);
    expect(epochDayOf('2024-02-29')).toBe(19782);
    expect(epochDayOf('2026-02-29')).toBeNaN();
    expect(isVisitTime('2026-02-29T10:00')).toBe(false);
    expect(isVisitTime('2026-02-28T24:00')).toBe(false);
    expect(isVisitTime('2026-02-28T23:59')).toBe(true);
    expect(isVisitTime('2026-02-28T23:59+10:00')).toBe(true);
  });
});

describe('the zone clock after a first lookup exactly on a transition instant', () => {
  it('describes other times with their own offset (rating explanations printed them an hour off before)', () => {
    clearZoneOffsetCache();
    const clock = createZoneClock('Europe/London');
    const minute = (s: string) => epochMinuteOf(Temporal.Instant.from(s));
    expect(clock.describe(minute('2026-10-25T01:00:00Z'))).toBe('2026-10-25 01:00+00:00');
    expect(clock.describe(minute('2026-07-01T08:00:00Z'))).toBe('2026-07-01 09:00+01:00');
    expect(clock.describe(minute('2026-04-01T08:00:00Z'))).toBe('2026-04-01 09:00+01:00');
  });
});
