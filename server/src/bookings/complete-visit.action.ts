import type { Temporal } from 'temporal-polyfill';
import { recordAudit } from '../audit/audit.store.js';
import { auditBy } from '../audit/audit-actor.js';
import { type Actor, can } from '../identity/actor.js';
import type { Tx } from '../platform/db/database.js';
import { conflict, DomainError, notFound } from '../shared/domain-error.js';
import type { BookingView, CompleteVisitInput } from './booking.schemas.js';
import { findBooking, invoiceNumberOf } from './booking.store.js';
import { refusalFor } from './booking-rules.js';
import { instantToLocal } from './booking-time.js';
import { recordCompletion } from './booking-write.store.js';
import { loadBookingView, visibleBooking } from './read-bookings.action.js';
import { decideCompletion } from './visit-completion.js';

/** The 409 for a visit already invoiced: it names the invoice, so the user knows what to void. */
export function invoicedRefusal(invoice: { invoiceId: string; number: number | null }) {
  const named = invoice.number === null ? 'a draft invoice' : `invoice ${invoice.number}`;
  return conflict(`This visit is already on ${named}; void the invoice before changing what was delivered`, {
    invoiceId: invoice.invoiceId,
    invoiceNumber: invoice.number,
  });
}

/**
 * Completes a visit with what happened (actual start and end, default planned; mileage; a note), or corrects
 * a completed one that is not yet invoiced: both are audited before → after. A visit cannot be completed
 * before it starts, and one on an invoice is locked. A worker without bookings.write may do so only for a
 * booking they take part in. Group sessions reuse this for their lead client's delivery only.
 */
export async function completeVisit(
  tx: Tx,
  actor: Actor,
  id: string,
  input: CompleteVisitInput,
  now: Temporal.Instant,
): Promise<BookingView> {
  if (!can(actor, 'bookings.write')) await visibleBooking(tx, actor, id);
  const current = await findBooking(tx, actor.organisationId, id, true);
  if (!current) throw notFound('Booking');
  const correcting = current.status === 'completed';
  if (!correcting) {
    const refusal = refusalFor(current.status, 'complete');
    if (refusal) throw new DomainError('conflict', refusal);
  }
  const invoice = await invoiceNumberOf(tx, actor.organisationId, id);
  if (invoice) throw invoicedRefusal(invoice);

  const decision = decideCompletion({ start: current.startsAt, end: current.endsAt }, input, now);
  if (!decision.ok && 'refusal' in decision) {
    const start = instantToLocal(current.startsAt, current.timeZone);
    throw conflict(
      `This visit starts on ${start.bookingDate} at ${start.startTime} (${current.timeZone}); it can be completed once it has started`,
    );
  }
  if (!decision.ok) throw new DomainError('invalid', 'The completion is not valid', decision.issues);

  const before = await loadBookingView(tx, actor.organisationId, id);
  const keep = <T>(value: T | undefined, fallback: T) => (value === undefined ? fallback : value);
  await recordCompletion(tx, actor.organisationId, id, {
    clientId: current.clientId,
    complete: !correcting,
    actualStart: decision.actualStart,
    actualEnd: decision.actualEnd,
    mileage: keep(input.mileage, current.mileage === null ? null : Number(current.mileage)),
    note: keep(input.note, current.completionNote),
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
  return after;
}
