import type { Temporal } from 'temporal-polyfill';
import { type Availability, availabilityWarnings } from '../availability/availability.js';

/**
 * Soft conflicts as small functions over intervals (after Medplum's scheduling utilities): no queries, the
 * caller loads the participant's other bookings and availability once for any number of periods.
 */

/** A half-open period [start, end). */
export type Period = { start: Temporal.Instant; end: Temporal.Instant };

/** Another booking the client takes part in (booked or attended), as the conflict check needs it. */
export type ClientBooking = Period & { bookingId: string; name: string; seriesId: string | null };

/** What must not count as a clash with itself: the booking being changed, or the series being written. */
export type Self = { bookingId: string | null; seriesId: string | null };

export const overlaps = (a: Period, b: Period): boolean =>
  a.start.epochNanoseconds < b.end.epochNanoseconds && b.start.epochNanoseconds < a.end.epochNanoseconds;

/** The client's first other booking overlapping `period`, in start order. */
export function clientClash(
  period: Period,
  others: readonly ClientBooking[],
  self: Self,
): ClientBooking | undefined {
  return others.find(
    (o) =>
      o.bookingId !== self.bookingId &&
      (self.seriesId === null || o.seriesId !== self.seriesId) &&
      overlaps(period, o),
  );
}

/**
 * Warnings a booking raises that the user may override with a reason: the client already has a booking then,
 * the assignee is on leave, or outside their working hours (`availability` null: unassigned).
 */
export function softConflicts(
  period: Period,
  clientBookings: readonly ClientBooking[],
  self: Self,
  availability: Availability | null,
): string[] {
  const warnings: string[] = [];
  const clash = clientClash(period, clientBookings, self);
  if (clash) warnings.push(`the client already has "${clash.name}" at that time`);
  if (availability) warnings.push(...availabilityWarnings(period.start, period.end, availability));
  return warnings;
}
