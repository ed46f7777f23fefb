import { availabilityOf } from '../availability/staff-availability.store.js';
import type { Tx } from '../platform/db/database.js';
import { type BookingRecord, findOverlapping, findResourceOverlapping } from './booking.store.js';
import { type BookingDraw, extraDrawChecks } from './booking-checks.action.js';
import { announceBookingEvent } from './booking-events.action.js';
import {
  type BookingChange,
  clientBookingsBetween,
  type NewBooking,
  OccurrenceExistsError,
  ParticipantOverlapError,
  rewriteBooking,
  writeNewBooking,
} from './booking-write.store.js';
import { listParticipants, staffNameOf } from './participant.store.js';
import { findResource } from './resource.store.js';
import { type Period, softConflicts } from './soft-conflicts.js';

/** One occurrence to write: a new booking, or a change to an existing one. */
export type OccurrenceWrite =
  | { action: 'create'; booking: Omit<NewBooking, 'override'> }
  | { action: 'update'; bookingId: string; period: Period; change: BookingChange };

export type OccurrenceWriteResult =
  | { ok: true; bookingId: string; warnings: string[] }
  /** Another writer made this occurrence first: nothing to report. */
  | { ok: false; reason: 'exists' }
  /**
   * A staff member of the occurrence is taken then (the lead or another worker, named when found); `other` is
   * the booking in the way (never the occurrence itself).
   */
  | { ok: false; reason: 'staff_busy'; staffName: string | null; other: BookingRecord | undefined }
  /** A resource of the occurrence (a vehicle, a room) is taken then, by `other`. */
  | { ok: false; reason: 'resource_busy'; resourceName: string; other: BookingRecord | undefined }
  /** A module above bookings/ refused it (ndis/: over a funding period's allocation, or a price limit). */
  | { ok: false; reason: 'refused'; message: string };

export type OccurrenceBatch = {
  clientId: string;
  /** The series being written: its own bookings never clash with each other. */
  seriesId: string | null;
  /** The lead staff member of every occurrence (whose availability raises soft conflicts). */
  staffId: string | null;
  writes: readonly OccurrenceWrite[];
};

/**
 * The lead client's draw of an occurrence: a session's services estimate it; otherwise its contract prices
 * it (ndis/ rates it). A cancellation draws nothing.
 */
function drawOf(batch: OccurrenceBatch, w: OccurrenceWrite, period: Period): BookingDraw {
  const b = w.action === 'create' ? w.booking : null;
  const cancelled = w.action === 'create' ? b!.status === 'cancelled' : w.change.status === 'cancelled';
  const minutes = period.start.until(period.end).total('minutes');
  const services = (b?.session?.services ?? []).filter(
    (s) => s.hourlyRateMinor !== null && (s.clientId === null || s.clientId === batch.clientId),
  );
  const estimate = services.reduce(
    (a, s) => a + Math.round((s.hourlyRateMinor! * minutes) / 60 / s.ratio),
    0,
  );
  const timeZone = w.action === 'create' ? b!.timeZone : (w.change.timeZone ?? 'UTC');
  return {
    clientId: batch.clientId,
    date: period.start.toZonedDateTimeISO(timeZone).toPlainDate().toString(),
    serviceTypeId: b?.serviceTypeId ?? null,
    amountMinor: cancelled ? 0 : services.length > 0 ? estimate : null,
    visit: {
      bookingId: w.action === 'update' ? w.bookingId : null,
      startsAt: period.start,
      endsAt: period.end,
      contractId: (w.action === 'create' ? b!.contractId : w.change.contractId) ?? null,
      staffId: batch.staffId,
    },
  };
}

const periodOf = (w: OccurrenceWrite): Period =>
  w.action === 'create' ? { start: w.booking.startsAt, end: w.booking.endsAt } : w.period;

/**
 * Writes many occurrences, reporting each one: the bulk write path of series generation, series edits, and
 * (later) rebooking. The semantics are the single write's: a hard conflict (the staff member is taken) refuses
 * that occurrence and leaves it as it was; soft conflicts cannot ask for a reason here, so each occurrence is
 * written and its warnings reported. The client's other bookings and the staff member's availability are
 * loaded once; the checks themselves are pure.
 */
export async function writeOccurrences(
  tx: Tx,
  organisationId: string,
  batch: OccurrenceBatch,
): Promise<OccurrenceWriteResult[]> {
  if (batch.writes.length === 0) return [];
  const periods = batch.writes.map(periodOf);
  const from = periods.reduce(
    (a, p) => (p.start.epochNanoseconds < a.epochNanoseconds ? p.start : a),
    periods[0]!.start,
  );
  const to = periods.reduce(
    (a, p) => (p.end.epochNanoseconds > a.epochNanoseconds ? p.end : a),
    periods[0]!.end,
  );
  const [clientBookings, availability] = await Promise.all([
    clientBookingsBetween(tx, organisationId, batch.clientId, from, to),
    batch.staffId ? availabilityOf(tx, organisationId, batch.staffId) : Promise.resolve(null),
  ]);
  const extra = await extraDrawChecks(
    tx,
    organisationId,
    batch.writes.map((w, i) => drawOf(batch, w, periods[i]!)),
  );
  const results: OccurrenceWriteResult[] = [];
  for (const [i, w] of batch.writes.entries()) {
    const period = periods[i]!;
    const selfId = w.action === 'update' ? w.bookingId : null;
    const refusal = extra[i]!.refusal;
    if (refusal !== null) {
      results.push({ ok: false, reason: 'refused', message: refusal });
      continue;
    }
    try {
      let bookingId: string;
      if (w.action === 'create')
        bookingId = await writeNewBooking(tx, organisationId, { ...w.booking, override: null });
      else {
        await rewriteBooking(tx, organisationId, w.bookingId, w.change);
        bookingId = w.bookingId;
      }
      const warnings = softConflicts(
        period,
        clientBookings,
        { bookingId, seriesId: batch.seriesId },
        availability,
      );
      for (const x of extra[i]!.warnings) if (!warnings.includes(x)) warnings.push(x);
      results.push({ ok: true, bookingId, warnings });
      await announceBookingEvent(tx, organisationId, {
        kind: w.action === 'create' ? 'created' : w.change.status === 'cancelled' ? 'cancelled' : 'changed',
        bookingId,
        source: 'series',
      });
    } catch (error) {
      if (error instanceof OccurrenceExistsError) {
        results.push({ ok: false, reason: 'exists' });
        continue;
      }
      if (error instanceof ParticipantOverlapError && error.subject === 'resource') {
        results.push(await resourceClash(tx, organisationId, w, period, selfId));
        continue;
      }
      if (!(error instanceof ParticipantOverlapError)) throw error;
      results.push(await staffClash(tx, organisationId, batch.staffId, w, period, selfId));
    }
  }
  return results;
}

/**
 * The staff member of a refused occurrence who is taken then (the lead first, then a group's other workers),
 * named, with the booking holding them: a second worker's clash must not be reported under the lead's name.
 */
async function staffClash(
  tx: Tx,
  organisationId: string,
  leadStaffId: string | null,
  w: OccurrenceWrite,
  period: Period,
  selfId: string | null,
): Promise<OccurrenceWriteResult> {
  const staff =
    w.action === 'create'
      ? (w.booking.session?.participants ?? [])
          .filter((p) => p.type === 'staff')
          .map((p) => ({ id: p.subjectId, name: null as string | null }))
      : (await listParticipants(tx, organisationId, [w.bookingId]))
          .filter((p) => p.type === 'staff')
          .map((p) => ({ id: p.subjectId, name: p.name as string | null }));
  const candidates = [
    ...(leadStaffId ? [{ id: leadStaffId, name: null as string | null }] : []),
    ...staff.filter((s) => s.id !== leadStaffId),
  ];
  for (const candidate of candidates) {
    const other = await findOverlapping(tx, organisationId, candidate.id, period.start, period.end, selfId);
    if (other) {
      const staffName =
        candidate.id === leadStaffId
          ? null
          : (candidate.name ?? (await staffNameOf(tx, organisationId, candidate.id)));
      return { ok: false, reason: 'staff_busy', staffName, other };
    }
  }
  return { ok: false, reason: 'staff_busy', staffName: null, other: undefined };
}

/** The resource of a refused occurrence that is taken then, named, with the booking holding it. */
async function resourceClash(
  tx: Tx,
  organisationId: string,
  w: OccurrenceWrite,
  period: Period,
  selfId: string | null,
): Promise<OccurrenceWriteResult> {
  const resourceIds =
    w.action === 'create'
      ? (w.booking.session?.participants ?? []).filter((p) => p.type === 'resource').map((p) => p.subjectId)
      : (await listParticipants(tx, organisationId, [w.bookingId]))
          .filter((p) => p.type === 'resource')
          .map((p) => p.subjectId);
  for (const resourceId of resourceIds) {
    const other = await findResourceOverlapping(
      tx,
      organisationId,
      resourceId,
      period.start,
      period.end,
      selfId,
    );
    if (other) {
      const resource = await findResource(tx, organisationId, resourceId);
      return { ok: false, reason: 'resource_busy', resourceName: resource?.name ?? 'The resource', other };
    }
  }
  return { ok: false, reason: 'resource_busy', resourceName: 'A resource', other: undefined };
}
