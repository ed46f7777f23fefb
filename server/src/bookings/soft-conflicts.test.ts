import { Temporal } from 'temporal-polyfill';
import { describe, expect, it } from 'vitest';
import { type ClientBooking, clientClash, overlaps, softConflicts } from './soft-conflicts.js';

const I = (s: string) => Temporal.Instant.from(s);
const period = (start: string, end: string) => ({ start: I(start), end: I(end) });
const booking = (id: string, start: string, end: string, seriesId: string | null = null): ClientBooking => ({
  bookingId: id,
  name: `Visit ${id}`,
  seriesId,
  ...period(start, end),
});

describe('soft conflicts as interval functions', () => {
  it('treats periods as half-open: touching is not overlapping', () => {
    expect(
      overlaps(
        period('2026-10-05T09:00Z', '2026-10-05T10:00Z'),
        period('2026-10-05T10:00Z', '2026-10-05T11:00Z'),
      ),
    ).toBe(false);
    expect(
      overlaps(
        period('2026-10-05T09:00Z', '2026-10-05T10:01Z'),
        period('2026-10-05T10:00Z', '2026-10-05T11:00Z'),
      ),
    ).toBe(true);
    expect(
      overlaps(
        period('2026-10-05T08:00Z', '2026-10-05T12:00Z'),
        period('2026-10-05T10:00Z', '2026-10-05T11:00Z'),
      ),
    ).toBe(true);
  });

  it('never counts the booking itself or its own series as a clash, and names the first real one', () => {
    const others = [
      booking('self', '2026-10-05T09:00Z', '2026-10-05T10:00Z', 's1'),
      booking('same-series', '2026-10-05T09:30Z', '2026-10-05T10:30Z', 's1'),
      booking('other', '2026-10-05T09:45Z', '2026-10-05T10:15Z'),
    ];
    const p = period('2026-10-05T09:15Z', '2026-10-05T10:00Z');
    expect(clientClash(p, others, { bookingId: 'self', seriesId: 's1' })?.bookingId).toBe('other');
    expect(clientClash(p, others, { bookingId: 'self', seriesId: null })?.bookingId).toBe('same-series');
    expect(clientClash(p, others.slice(0, 2), { bookingId: 'self', seriesId: 's1' })).toBeUndefined();
  });

  it('lists the client clash with the assignee availability warnings, in the zone the availability names', () => {
    const p = period('2026-10-05T22:00Z', '2026-10-05T23:00Z'); // Tuesday 09:00–10:00 in Sydney (AEDT)
    const availability = {
      timeZone: 'Australia/Sydney',
      workingHours: [{ weekday: 2, startsAt: '10:00', endsAt: '16:00' }],
      leave: [{ startsOn: '2026-10-06', endsOn: '2026-10-06' }],
    };
    expect(
      softConflicts(
        p,
        [booking('b', '2026-10-05T22:30Z', '2026-10-05T23:30Z')],
        { bookingId: null, seriesId: null },
        availability,
      ),
    ).toEqual([
      'the client already has "Visit b" at that time',
      'the assignee is on leave',
      "outside the assignee's working hours",
    ]);
    expect(softConflicts(p, [], { bookingId: null, seriesId: null }, null)).toEqual([]);
  });
});
