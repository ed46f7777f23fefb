import type { Temporal } from 'temporal-polyfill';
import type { Tx } from '../platform/db/database.js';
import { availabilityWarnings } from './availability.js';
import { availabilityOf, clientOverlap } from './schedule.store.js';

export type SoftConflictCheck = {
  clientId: string;
  staffId: string | null;
  startsAt: Temporal.Instant;
  endsAt: Temporal.Instant;
  /** The booking being changed, which must not count as its own clash. */
  bookingId: string | null;
};

/**
 * Warnings a single booking raises that the user may override with a reason: the client already has a
 * booking then, the assignee is on leave, or outside their working hours. Worded as in series reports.
 */
export async function softConflictsOf(
  tx: Tx,
  organisationId: string,
  b: SoftConflictCheck,
): Promise<string[]> {
  const warnings: string[] = [];
  const clash = await clientOverlap(tx, organisationId, b.clientId, b.startsAt, b.endsAt, null, b.bookingId);
  if (clash) warnings.push(`the client already has "${clash.name}" at that time`);
  if (b.staffId) {
    const availability = await availabilityOf(tx, organisationId, b.staffId);
    if (availability) warnings.push(...availabilityWarnings(b.startsAt, b.endsAt, availability));
  }
  return warnings;
}
