import type { Temporal } from 'temporal-polyfill';
import { type Availability, availabilityWarnings } from '../availability/availability.js';
import { availabilityOf } from '../availability/staff-availability.store.js';
import type { Tx } from '../platform/db/database.js';
import { clientOverlap } from './schedule.store.js';

export type SoftConflictCheck = {
  clientId: string;
  startsAt: Temporal.Instant;
  endsAt: Temporal.Instant;
  /** What must not count as a clash with itself: the booking being changed, or the series being written. */
  except: { seriesId: string | null; bookingId: string | null };
};

/**
 * Warnings a booking raises that the user may override with a reason: the client already has a booking then,
 * the assignee is on leave, or outside their working hours. `availability` is the assignee's, loaded once by a
 * caller that checks many occurrences (null: unassigned).
 */
export async function softConflictsOf(
  tx: Tx,
  organisationId: string,
  b: SoftConflictCheck,
  availability: Availability | null,
): Promise<string[]> {
  const warnings: string[] = [];
  const clash = await clientOverlap(
    tx,
    organisationId,
    b.clientId,
    b.startsAt,
    b.endsAt,
    b.except.seriesId,
    b.except.bookingId,
  );
  if (clash) warnings.push(`the client already has "${clash.name}" at that time`);
  if (availability) warnings.push(...availabilityWarnings(b.startsAt, b.endsAt, availability));
  return warnings;
}

/** The same for one booking, loading its assignee's availability. */
export async function bookingSoftConflicts(
  tx: Tx,
  organisationId: string,
  b: Omit<SoftConflictCheck, 'except'> & { staffId: string | null; bookingId: string | null },
): Promise<string[]> {
  const availability = b.staffId ? await availabilityOf(tx, organisationId, b.staffId) : null;
  return softConflictsOf(
    tx,
    organisationId,
    { ...b, except: { seriesId: null, bookingId: b.bookingId } },
    availability,
  );
}
