import type { Temporal } from 'temporal-polyfill';
import { leaveForClient } from '../availability/client-leave.store.js';
import type { LeaveRecord } from '../availability/client-leave.types.js';
import { insideLeave, leaveWindow } from '../availability/leave-window.js';
import { deleteBookings } from '../bookings/booking.store.js';
import { LEAVE_REASON } from '../bookings/booking-write.store.js';
import { seriesBookingsFrom } from '../bookings/occurrence.store.js';
import { type OccurrenceWrite, writeOccurrences } from '../bookings/write-occurrences.action.js';
import { deleteNoticesOf } from '../notifications/notice.store.js';
import type { Tx } from '../platform/db/database.js';
import { updateSeries } from './schedule.store.js';
import type { OccurrenceOutcome, SeriesRecord } from './schedule.types.js';
import { type Occurrence, occurrencesBetween, occurrenceTimes, planSeriesChanges } from './series.js';
import { findSeriesSession, sessionExtrasOn } from './series-session.store.js';

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
 * edited and delivered ones. The writes go through the bookings module's bulk write: an occurrence whose staff
 * member is already booked is reported and left as it was; the rest still are written. Occurrences inside
 * client leave are created with the client's place suspended.
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
  const session = await findSeriesSession(tx, organisationId, series.id);
  const existing = await seriesBookingsFrom(tx, organisationId, series.id, from, zone);
  const plan = planSeriesChanges(existing, occurrencesBetween(series, from, to), series.staffId);
  const outcomes: OccurrenceOutcome[] = [];
  const toDelete: string[] = [];
  const pending: {
    change: 'create' | 'update';
    occurrence: Occurrence;
    leave: LeaveRecord | null;
    bookingId: string | null;
  }[] = [];
  const writes: OccurrenceWrite[] = [];
  for (const change of plan) {
    if (change.action === 'keep') {
      const e = existing.find((x) => x.bookingId === change.bookingId)!;
      if (change.reason !== 'unchanged')
        outcomes.push({
          ...occurrenceTimes(e, zone),
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
    const leave = leaveCovering(leaves, o.startsAt, zone);
    const row = {
      name: series.name,
      startsAt: o.startsAt,
      endsAt: o.endsAt,
      timeZone: zone,
      notes: series.notes,
      serviceTypeId: series.serviceTypeId,
      originalStart: o.originalStart,
    };
    if (change.action === 'create') {
      const extras = sessionExtrasOn(session, o.localDate);
      writes.push({
        action: 'create',
        booking: {
          ...row,
          kind: 'scheduled',
          category: session.category,
          capacity: session.capacity,
          status: leave ? 'cancelled' : 'booked',
          cancellationReason: leave ? LEAVE_REASON : null,
          suspendedByLeaveId: leave?.id ?? null,
          seriesId: series.id,
          createdByUserId: userId,
          clientId: series.clientId,
          contractId: series.contractId,
          assignee: { staffId: series.staffId, providerId: null },
          ...(extras ? { session: extras } : {}),
        },
      });
      pending.push({ change: 'create', occurrence: o, leave, bookingId: null });
    } else {
      const e = existing.find((x) => x.bookingId === change.bookingId)!;
      writes.push({
        action: 'update',
        bookingId: change.bookingId,
        period: { start: o.startsAt, end: o.endsAt },
        change: {
          ...row,
          seriesId: series.id,
          assignee: { staffId: series.staffId, providerId: null },
          contractId: series.contractId,
        },
      });
      pending.push({
        change: 'update',
        occurrence: { ...o, localDate: e.localDate },
        leave,
        bookingId: change.bookingId,
      });
    }
  }
  const results = await writeOccurrences(tx, organisationId, {
    clientId: series.clientId,
    seriesId: series.id,
    staffId: series.staffId,
    writes,
  });
  for (const [i, result] of results.entries()) {
    const { change, occurrence: o, leave, bookingId } = pending[i]!;
    if (!result.ok && result.reason === 'exists') continue; // a concurrent generator made it: nothing to report
    if (!result.ok && result.reason === 'refused') {
      // Refused by ndis/ (funding period over its allocation, or a price limit): nothing was written.
      outcomes.push({
        ...occurrenceTimes(o, zone),
        action: change,
        bookingId,
        result: 'conflict',
        reason: change === 'create' ? result.message : `${result.message}; it keeps its earlier time`,
      });
      continue;
    }
    if (!result.ok) {
      const who =
        result.reason === 'resource_busy'
          ? result.resourceName
          : (result.staffName ?? series.staffName ?? 'The staff member');
      const busy = `${who} is already booked${result.other ? ` for "${result.other.name}"` : ''}`;
      outcomes.push({
        ...occurrenceTimes(o, zone),
        action: change,
        bookingId,
        result: 'conflict',
        // A refused change leaves the booking as it was: say so, rather than imply it was dropped.
        reason: change === 'create' ? busy : `${busy}; it keeps its earlier time`,
        ...(result.other ? { conflictingBookingId: result.other.id } : {}),
      });
      continue;
    }
    const warnings: string[] = [];
    if (leave) warnings.push(`suspended: client on ${leave.type.replace('_', ' ')} leave`);
    warnings.push(...result.warnings);
    outcomes.push({
      ...occurrenceTimes(o, zone),
      action: change,
      bookingId: result.bookingId,
      result: 'done',
      ...(warnings.length ? { warnings } : {}),
    });
  }
  await deleteNoticesOf(tx, organisationId, toDelete);
  await deleteBookings(tx, organisationId, toDelete);
  await updateSeries(tx, organisationId, series.id, { generatedUntil: to });
  return outcomes;
}
