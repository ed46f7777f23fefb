import { Temporal } from 'temporal-polyfill';
import { describe, expect, it } from 'vitest';
import { availabilityWarnings } from './availability.js';

const I = (s: string) => Temporal.Instant.from(s);
const weekdays9to5 = [1, 2, 3, 4, 5].map((weekday) => ({ weekday, startsAt: '09:00', endsAt: '17:00' }));

describe('availabilityWarnings', () => {
  const sydney = { timeZone: 'Australia/Sydney', workingHours: weekdays9to5, leave: [] };

  it('is silent inside working hours, in the staff member zone', () => {
    // Monday 5 Oct 2026 09:00–10:00 AEDT = 22:00–23:00 UTC on the 4th.
    expect(availabilityWarnings(I('2026-10-04T22:00:00Z'), I('2026-10-04T23:00:00Z'), sydney)).toEqual([]);
  });

  it('warns outside working hours, at weekends, and when a booking runs past the window', () => {
    expect(availabilityWarnings(I('2026-10-04T20:00:00Z'), I('2026-10-04T21:00:00Z'), sydney)).toEqual([
      "outside the assignee's working hours",
    ]); // 07:00 Monday
    expect(availabilityWarnings(I('2026-10-03T00:00:00Z'), I('2026-10-03T01:00:00Z'), sydney)).toHaveLength(
      1,
    ); // Saturday
    expect(availabilityWarnings(I('2026-10-05T05:30:00Z'), I('2026-10-05T06:30:00Z'), sydney)).toHaveLength(
      1,
    ); // 16:30–17:30
  });

  it('says nothing about hours when none are recorded, but still sees leave (inclusive days)', () => {
    const onLeave = {
      timeZone: 'Australia/Perth',
      workingHours: [],
      leave: [{ startsOn: '2026-10-05', endsOn: '2026-10-06' }],
    };
    // 2026-10-06 23:30 in Perth (UTC+8) is 15:30 UTC: still the last day of leave.
    expect(availabilityWarnings(I('2026-10-06T15:30:00Z'), I('2026-10-06T15:45:00Z'), onLeave)).toEqual([
      'the assignee is on leave',
    ]);
    expect(availabilityWarnings(I('2026-10-06T16:00:00Z'), I('2026-10-06T17:00:00Z'), onLeave)).toEqual([]);
  });
});
