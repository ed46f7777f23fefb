import { recordAudit } from '../audit/audit.store.js';
import { auditBy } from '../audit/audit-actor.js';
import type { Actor } from '../identity/actor.js';
import type { Tx } from '../platform/db/database.js';
import { conflict, DomainError, notFound } from '../shared/domain-error.js';
import type { BookingView } from './booking.schemas.js';
import { deleteBookings, findBooking, invoiceOf } from './booking.store.js';
import { announceBookingEvent, type CancellationKind } from './booking-events.action.js';
import { refusalFor } from './booking-rules.js';
import { rewriteBooking } from './booking-write.store.js';
import { loadBookingView } from './read-bookings.action.js';

/**
 * Cancelling keeps the booking (with its reason) and frees the assignee's time. `notifyClient` false: the
 * client is not sent the cancellation (the booking's choice; without it, the booking's own or its default).
 * `ending` says whether it is a no-show or a cancellation with or without charge; listeners (entitlements/)
 * settle a case's session by it.
 */
export async function cancelBooking(
  tx: Tx,
  actor: Actor,
  id: string,
  reason: string,
  notifyClient?: boolean | undefined,
  ending: CancellationKind = { noShow: false },
): Promise<BookingView> {
  const current = await findBooking(tx, actor.organisationId, id, true);
  if (!current) throw notFound('Booking');
  const invoiceId = await invoiceOf(tx, actor.organisationId, id);
  if (invoiceId)
    throw conflict('This booking has been invoiced; void the invoice before cancelling it', { invoiceId });
  const refusal = refusalFor(current.status, 'cancel');
  if (refusal) throw new DomainError('conflict', refusal);
  const before = await loadBookingView(tx, actor.organisationId, id);
  await rewriteBooking(tx, actor.organisationId, id, {
    status: 'cancelled',
    cancellationReason: reason,
    ...(current.seriesId !== null ? { isException: true } : {}),
  });
  const after = await loadBookingView(tx, actor.organisationId, id);
  await recordAudit(tx, {
    ...auditBy(actor),
    action: 'update',
    entityType: 'booking',
    entityId: id,
    before,
    after,
  });
  await announceBookingEvent(tx, actor.organisationId, {
    kind: 'cancelled',
    bookingId: id,
    source: 'single',
    notifyClient,
    actorStaffId: actor.staffId,
    actor,
    ending,
  });
  return after;
}

export async function removeBooking(tx: Tx, actor: Actor, id: string): Promise<void> {
  const current = await findBooking(tx, actor.organisationId, id, true);
  if (!current) throw notFound('Booking');
  const invoiceId = await invoiceOf(tx, actor.organisationId, id);
  if (invoiceId) throw conflict('This booking has been invoiced and cannot be deleted', { invoiceId });
  const before = await loadBookingView(tx, actor.organisationId, id);
  await deleteBookings(tx, actor.organisationId, [id]);
  await recordAudit(tx, { ...auditBy(actor), action: 'delete', entityType: 'booking', entityId: id, before });
}
