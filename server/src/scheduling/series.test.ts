import { Temporal } from 'temporal-polyfill';
import { describe, expect, it } from 'vitest';
import {
  type ExistingOccurrence,
  occurrencesBetween,
  planSeriesChanges,
  type SeriesDefinition,
  seriesRecurrenceText,
} from './series.js';

const weekly: SeriesDefinition = {
  timeZone: 'Australia/Sydney',
  startDate: '2026-09-28',
  startTime: '09:00',
  rrule: 'FREQ=WEEKLY;BYDAY=MO,TH',
  endDate: null,
  durationMinutes: 60,
  staffId: 's1',
};
const I = (s: string) => Temporal.Instant.from(s);

describe('occurrencesBetween', () => {
  it('keeps 09:00 in Sydney across the October DST change (UTC instants shift by an hour)', () => {
    const occ = occurrencesBetween(weekly, I('2026-09-27T00:00:00Z'), I('2026-10-09T00:00:00Z'));
    expect(occ.map((o) => [o.localDate, o.startsAt.toString()])).toEqual([
      ['2026-09-28', '2026-09-27T23:00:00Z'], // Mon 09:00 AEST
      ['2026-10-01', '2026-09-30T23:00:00Z'], // Thu 09:00 AEST
      ['2026-10-05', '2026-10-04T22:00:00Z'], // Mon 09:00 AEDT (clocks went forward on the 4th)
      ['2026-10-08', '2026-10-07T22:00:00Z'], // Thu 09:00 AEDT
    ]);
    expect(occ[0]!.endsAt.toString()).toBe('2026-09-28T00:00:00Z');
  });

  it('stops at the end date (inclusive, local) and at the window end', () => {
    const occ = occurrencesBetween(
      { ...weekly, endDate: '2026-10-01' },
      I('2026-09-01T00:00:00Z'),
      I('2027-01-01T00:00:00Z'),
    );
    expect(occ.map((o) => o.localDate)).toEqual(['2026-09-28', '2026-10-01']);
  });

  it('does not book the start date when the rule does not match it (RFC 5545 would)', () => {
    const saturdays = occurrencesBetween(
      { ...weekly, rrule: 'FREQ=WEEKLY;BYDAY=SA' },
      I('2026-09-27T00:00:00Z'),
      I('2026-10-11T00:00:00Z'),
    );
    expect(saturdays.map((o) => o.localDate)).toEqual(['2026-10-03', '2026-10-10']);
    const monthly = occurrencesBetween(
      { ...weekly, rrule: 'FREQ=MONTHLY;BYMONTHDAY=-1' },
      I('2026-09-27T00:00:00Z'),
      I('2026-11-01T00:00:00Z'),
    );
    expect(monthly.map((o) => o.localDate)).toEqual(['2026-09-30', '2026-10-31']);
  });

  it('prints DTSTART with the TZID', () => {
    expect(seriesRecurrenceText(weekly)).toBe(
      'DTSTART;TZID=Australia/Sydney:20260928T090000\nRRULE:FREQ=WEEKLY;BYDAY=MO,TH',
    );
  });
});

describe('planSeriesChanges', () => {
  const occ = occurrencesBetween(weekly, I('2026-09-27T00:00:00Z'), I('2026-10-09T00:00:00Z'));
  const existing = (
    o: (typeof occ)[number],
    i: number,
    extra: Partial<ExistingOccurrence> = {},
  ): ExistingOccurrence => ({
    bookingId: `b${i}`,
    localDate: o.localDate,
    originalStart: o.originalStart,
    startsAt: o.startsAt,
    endsAt: o.endsAt,
    staffId: 's1',
    isException: false,
    status: 'booked',
    cancelledByUser: false,
    ...extra,
  });

  it('leaves an unchanged series unchanged', () => {
    const plan = planSeriesChanges(
      occ.map((o, i) => existing(o, i)),
      occ,
      's1',
    );
    expect(plan.every((c) => c.action === 'keep' && c.reason === 'unchanged')).toBe(true);
  });

  it('updates same-day bookings in place when the time moves, keeps individually edited and delivered ones', () => {
    const moved = occurrencesBetween(
      { ...weekly, startTime: '10:00' },
      I('2026-09-27T00:00:00Z'),
      I('2026-10-09T00:00:00Z'),
    );
    const current = occ.map((o, i) =>
      existing(o, i, i === 1 ? { isException: true } : i === 0 ? { status: 'completed' } : {}),
    );
    const plan = planSeriesChanges(current, moved, 's1');
    expect(plan.map((c) => [c.action, 'bookingId' in c ? c.bookingId : null])).toEqual([
      ['keep', 'b0'],
      ['keep', 'b1'],
      ['update', 'b2'],
      ['update', 'b3'],
    ]);
  });

  it('never touches a cancelled session (a user cancelled it), but moves one cancelled by client leave', () => {
    const moved = occurrencesBetween(
      { ...weekly, startTime: '10:00' },
      I('2026-09-27T00:00:00Z'),
      I('2026-10-09T00:00:00Z'),
    );
    const current = occ.map((o, i) =>
      existing(
        o,
        i,
        i === 0
          ? { status: 'cancelled', cancelledByUser: true }
          : i === 1
            ? { status: 'cancelled', cancelledByUser: false }
            : {},
      ),
    );
    const plan = planSeriesChanges(current, moved, 's1');
    expect(plan.map((c) => [c.action, 'reason' in c ? c.reason : null])).toEqual([
      ['keep', 'cancelled'],
      ['update', null],
      ['update', null],
      ['update', null],
    ]);
    const none = planSeriesChanges(current, [], 's1');
    expect(none.map((c) => c.action)).toEqual(['keep', 'delete', 'delete', 'delete']);
  });

  it('creates new days and deletes days the rule no longer has', () => {
    const mondays = occurrencesBetween(
      { ...weekly, rrule: 'FREQ=WEEKLY;BYDAY=MO,FR' },
      I('2026-09-27T00:00:00Z'),
      I('2026-10-09T00:00:00Z'),
    );
    const plan = planSeriesChanges(
      occ.map((o, i) => existing(o, i)),
      mondays,
      's1',
    );
    expect(
      plan.map((c) => `${c.action} ${'occurrence' in c ? c.occurrence.localDate : c.localDate}`),
    ).toEqual([
      'keep 2026-09-28',
      'delete 2026-10-01',
      'create 2026-10-02',
      'keep 2026-10-05',
      'delete 2026-10-08',
      'create 2026-10-09',
    ]);
  });

  it('reassigning the series updates every future booking', () => {
    const plan = planSeriesChanges(
      occ.map((o, i) => existing(o, i)),
      occ,
      's2',
    );
    expect(plan.every((c) => c.action === 'update')).toBe(true);
  });
});
