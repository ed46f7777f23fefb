import { Temporal } from 'temporal-polyfill';
import { recordAudit } from '../audit/audit.store.js';
import { auditBy } from '../audit/audit-actor.js';
import { findBooking, invoiceOf } from '../bookings/booking.store.js';
import { announceAttendanceCancelled } from '../bookings/booking-events.action.js';
import { lockBooking, rewriteBooking } from '../bookings/booking-write.store.js';
import type { NdisCancellationDecision } from '../bookings/session.types.js';
import { cancelParticipation } from '../bookings/session-write.store.js';
import type { Actor } from '../identity/actor.js';
import type { Tx } from '../platform/db/database.js';
import { conflict, invalid, notFound } from '../shared/domain-error.js';
import { loadSession } from './read-sessions.action.js';
import type { CancelAttendanceInput, SessionView } from './session.schemas.js';
import { findParticipant } from './session-read.store.js';

/**
 * Cancels a whole session: an individual appointment, or a group with no charge to anyone (its clients'
 * places are cancelled without a client cancellation, so nothing is chargeable). A series keeps it as is.
 * Each client still booked hears of it through the attendance port as a cancellation by the provider, so a
 * case session is given back to its case.
 */
export async function cancelSession(
  tx: Tx,
  actor: Actor,
  id: string,
  reason: string,
  now: Temporal.Instant,
): Promise<SessionView> {
  const org = actor.organisationId;
  const current = await findBooking(tx, org, id, true);
  if (!current) throw notFound('Session');
  if (current.status !== 'booked') throw conflict(`This session is already ${current.status}`);
  const invoiceId = await invoiceOf(tx, org, id);
  if (invoiceId) throw conflict('This session has been invoiced; void the invoice first', { invoiceId });
  const before = await loadSession(tx, org, id);
  await rewriteBooking(tx, org, id, { status: 'cancelled', cancellationReason: reason });
  const after = await loadSession(tx, org, id);
  await recordAudit(tx, {
    ...auditBy(actor),
    action: 'update',
    entityType: 'booking',
    entityId: id,
    before,
    after,
  });
  for (const c of before.clients.filter((x) => x.status === 'booked'))
    await announceAttendanceCancelled(tx, {
      bookingId: id,
      clientId: c.clientId,
      cancelledBy: 'provider',
      notifiedAt: now,
      actor,
    });
  return after;
}

/**
 * Cancels one client's attendance, recording who cancelled, when the provider was told and why (what the NDIS
 * short-notice rules need). The others go ahead; when nobody is left the session is cancelled. Other sessions
 * of a series are untouched (Ava cancels 12 May only). The attendance port settles the client's case session.
 */
export async function cancelAttendance(
  tx: Tx,
  actor: Actor,
  id: string,
  participantId: string,
  input: CancelAttendanceInput,
  now: Temporal.Instant,
  /** ndis/ judges NDIS short notice and passes its decision to be stored with the cancellation. */
  ndis: NdisCancellationDecision | null = null,
): Promise<SessionView> {
  const org = actor.organisationId;
  const booking = await lockBooking(tx, org, id);
  if (!booking) throw notFound('Session');
  if (booking.status !== 'booked')
    throw conflict(`This session is ${booking.status}; only a booked session's attendance can be cancelled`);
  const p = await findParticipant(tx, org, id, participantId);
  if (p?.type !== 'client') throw notFound('Client of this session');
  if (p.status !== 'booked') throw conflict(`This client's place is already ${p.status}`);
  const notifiedAt = Temporal.Instant.from(input.notifiedAt);
  if (Temporal.Instant.compare(notifiedAt, now) > 0) throw invalid('notifiedAt', 'must not be in the future');
  const before = await loadSession(tx, org, id);
  await cancelParticipation(
    tx,
    org,
    { participantId, bookingId: id },
    {
      cancelledBy: input.cancelledBy,
      cancelledByName: input.cancelledByName,
      notifiedAt,
      reasonCode: input.reasonCode,
      note: input.note,
      recordedAt: now,
      ndis,
    },
  );
  const after = await loadSession(tx, org, id);
  await recordAudit(tx, {
    ...auditBy(actor),
    action: 'update',
    entityType: 'booking',
    entityId: id,
    before,
    after,
  });
  // The client's case (if this is a case session of theirs) is settled in this transaction.
  await announceAttendanceCancelled(tx, {
    bookingId: id,
    clientId: p.subjectId,
    cancelledBy: input.cancelledBy,
    notifiedAt,
    actor,
  });
  return after;
}
