import type { Temporal } from 'temporal-polyfill';
import { leaveForClient } from '../availability/client-leave.store.js';
import type { LeaveRecord } from '../availability/client-leave.types.js';
import { insideLeave, leaveWindow } from '../availability/leave-window.js';
import { availabilityOf } from '../availability/staff-availability.store.js';
import { findOverlapping } from '../bookings/booking.store.js';
import type { Tx } from '../platform/db/database.js';
import {
  deleteBookings,
  insertOccurrence,
  seriesBookingsFrom,
  updateOccurrence,
  updateSeries,
} from './schedule.store.js';
import type { OccurrenceOutcome, SeriesRecord } from './schedule.types.js';
import { occurrencesBetween, occurrenceTimes, planSeriesChanges } from './series.js';
import { softConflictsOf } from './soft-conflicts.action.js';

function leaveCovering(
  leaves: readonly LeaveRecord[],
  start: Temporal.Instant,
  zone: string,
): LeaveRecord | null {
  return leaves.find((l) => insideLeave(start, leaveWindow(l.startsOn, l.endsOn, zone))) ?? null;
}

/**
 * Brings the series' bookings from `from` to `to` in line with its definition, one occurrence at a time:
 * creates missing ones, updates changed ones in place, deletes ones the rule no longer has, keeps individually
 * edited and delivered ones. An occurrence whose staff member is already booked is reported and not written;
 * the rest still are. Occurrences inside client leave are created suspended.
 */
export async function syncSeries(
  tx: Tx,
  organisationId: string,
  series: SeriesRecord,
  from: Temporal.Instant,
  to: Temporal.Instant,
  userId: string,
): Promise<OccurrenceOutcome[]> {
  const zone = series.timeZone;
  const leaves = await leaveForClient(tx, organisationId, series.clientId);
  const availability = series.staffId ? await availabilityOf(tx, organisationId, series.staffId) : null;
  const existing = await seriesBookingsFrom(tx, organisationId, series.id, from, zone);
  const plan = planSeriesChanges(existing, occurrencesBetween(series, from, to), series.staffId);
  const outcomes: OccurrenceOutcome[] = [];
  const toDelete: string[] = [];
  for (const change of plan) {
    if (change.action === 'keep') {
      const e = existing.find((x) => x.bookingId === change.bookingId)!;
      if (change.reason !== 'unchanged')
        outcomes.push({
          ...occurrenceTimes({ ...e, localDate: e.localDate }, zone),
          action: 'keep',
          bookingId: e.bookingId,
          result: 'kept',
          reason: change.reason,
        });
      continue;
    }
    if (change.action === 'delete') {
      const e = existing.find((x) => x.bookingId === change.bookingId)!;
      toDelete.push(change.bookingId);
      outcomes.push({
        ...occurrenceTimes(e, zone),
        action: 'delete',
        bookingId: change.bookingId,
        result: 'done',
      });
      continue;
    }
    const o = change.occurrence;
    const write = {
      occurrence: o,
      staffId: series.staffId,
      suspendedBy: leaveCovering(leaves, o.startsAt, zone),
    };
    const result =
      change.action === 'create'
        ? await insertOccurrence(tx, organisationId, series, write, userId)
        : await updateOccurrence(tx, organisationId, change.bookingId, series, write);
    if (!result.ok && result.kind === 'exists') continue; // a concurrent generator made it: nothing to report
    if (!result.ok) {
      const other = await findOverlapping(tx, organisationId, series.staffId!, o.startsAt, o.endsAt, null);
      outcomes.push({
        ...occurrenceTimes(o, zone),
        action: change.action,
        bookingId: change.action === 'update' ? change.bookingId : null,
        result: 'conflict',
        reason: `${series.staffName ?? 'The staff member'} is already booked${other ? ` for "${other.name}"` : ''}`,
        ...(other ? { conflictingBookingId: other.id } : {}),
      });
      continue;
    }
    const warnings: string[] = [];
    if (write.suspendedBy)
      warnings.push(`suspended: client on ${write.suspendedBy.type.replace('_', ' ')} leave`);
    warnings.push(
      ...(await softConflictsOf(
        tx,
        organisationId,
        {
          clientId: series.clientId,
          startsAt: o.startsAt,
          endsAt: o.endsAt,
          except: { seriesId: series.id, bookingId: null },
        },
        availability,
      )),
    );
    outcomes.push({
      ...occurrenceTimes(o, zone),
      action: change.action,
      bookingId: result.bookingId,
      result: 'done',
      ...(warnings.length ? { warnings } : {}),
    });
  }
  await deleteBookings(tx, organisationId, toDelete);
  await updateSeries(tx, organisationId, series.id, { generatedUntil: to });
  return outcomes;
}
