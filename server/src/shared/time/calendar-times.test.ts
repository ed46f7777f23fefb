import fc from 'fast-check';
import { Temporal } from 'temporal-polyfill';
import { describe, expect, it } from 'vitest';
import { calendarTimes } from './calendar-times.js';
import { epochSecondOf } from './civil-date.js';
import { clearZoneOffsetCache } from './zone-offset.js';

const ZONES = [
  'Australia/Sydney',
  'Australia/Lord_Howe',
  'Pacific/Chatham',
  'America/New_York',
  'Europe/London',
  'UTC',
  'Asia/Kolkata',
];

describe('calendarTimes', () => {
  it('prints the wall clock and the offset instant in the zone', () => {
    // 2026-04-04T15:30:00Z is 02:30 AEDT on the fall-back morning, the first of the two 02:30s.
    expect(
      calendarTimes('Australia/Sydney', epochSecondOf(Temporal.Instant.from('2026-04-04T15:30:00Z'))),
    ).toEqual({
      wallClock: '2026-04-05T02:30',
      withOffset: '2026-04-05T02:30:00+11:00',
    });
    // An hour later it is 02:30 again, now AEST.
    expect(
      calendarTimes('Australia/Sydney', epochSecondOf(Temporal.Instant.from('2026-04-04T16:30:00Z'))),
    ).toEqual({
      wallClock: '2026-04-05T02:30',
      withOffset: '2026-04-05T02:30:00+10:00',
    });
  });

  it('agrees with Temporal for any second between 1970 and 2100 in zones with odd offsets and DST', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 4_102_444_800 }), fc.constantFrom(...ZONES), (seconds, zone) => {
        const zoned = Temporal.Instant.fromEpochNanoseconds(
          BigInt(seconds) * 1_000_000_000n,
        ).toZonedDateTimeISO(zone);
        expect(calendarTimes(zone, seconds)).toEqual({
          wallClock: zoned.toPlainDateTime().toString({ smallestUnit: 'minute' }),
          withOffset: zoned.toString({ timeZoneName: 'never', smallestUnit: 'second' }),
        });
      }),
      { numRuns: 3000 },
    );
    // 3,000 Temporal conversions: seconds on a loaded 2-core machine, so not the default 5 s budget.
  }, 30_000);
});

describe('calendarTimes after a first lookup exactly on a transition instant', () => {
  it('prints other bookings at their own offset (they read an hour late until a restart before)', () => {
    clearZoneOffsetCache();
    const at = (s: string) => calendarTimes('Australia/Sydney', epochSecondOf(Temporal.Instant.from(s)));
    expect(at('2026-04-04T16:00:00Z').withOffset).toBe('2026-04-05T02:00:00+10:00');
    expect(at('2026-01-05T22:00:00Z').withOffset).toBe('2026-01-06T09:00:00+11:00');
    expect(at('2026-03-01T22:00:00Z').withOffset).toBe('2026-03-02T09:00:00+11:00');
  });
});
