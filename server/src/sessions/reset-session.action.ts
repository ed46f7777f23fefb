import { recordAudit } from '../audit/audit.store.js';
import { auditBy } from '../audit/audit-actor.js';
import { deleteBookings, findBooking, invoiceOf } from '../bookings/booking.store.js';
import { undoCompletion } from '../bookings/session-write.store.js';
import type { Actor } from '../identity/actor.js';
import type { Tx } from '../platform/db/database.js';
import { conflict, notFound } from '../shared/domain-error.js';
import { loadSession } from './read-sessions.action.js';
import type { SessionView } from './session.schemas.js';

/**
 * Deletes a session made by mistake. A completed or cancelled one is a record and stays (cancel keeps a
 * record; delete does not), so it is refused; the audit event keeps the whole session as it was.
 */
export async function deleteSession(tx: Tx, actor: Actor, id: string): Promise<void> {
  const org = actor.organisationId;
  const current = await findBooking(tx, org, id, true);
  if (!current) throw notFound('Session');
  if (current.status !== 'booked')
    throw conflict(`A ${current.status} session is a record and cannot be deleted`);
  const before = await loadSession(tx, org, id);
  await deleteBookings(tx, org, [id]);
  await recordAudit(tx, { ...auditBy(actor), action: 'delete', entityType: 'booking', entityId: id, before });
}

/**
 * Takes a completed session back to booked, removing its delivered records so they can be made again. Once any
 * client of it is on an invoice the records are part of a financial record: refused, naming the invoice.
 */
export async function resetSession(tx: Tx, actor: Actor, id: string): Promise<SessionView> {
  const org = actor.organisationId;
  const current = await findBooking(tx, org, id, true);
  if (!current) throw notFound('Session');
  if (current.status !== 'completed')
    throw conflict(`Only a completed session can be reset; this one is ${current.status}`);
  const invoiceId = await invoiceOf(tx, org, id);
  if (invoiceId)
    throw conflict('This session is on an invoice; void the invoice before resetting it', { invoiceId });
  const before = await loadSession(tx, org, id);
  await undoCompletion(tx, org, id);
  const after = await loadSession(tx, org, id);
  await recordAudit(tx, {
    ...auditBy(actor),
    action: 'update',
    entityType: 'booking',
    entityId: id,
    before,
    after,
  });
  return after;
}
