import type { Temporal } from 'temporal-polyfill';
import { recordAudit } from '../audit/audit.store.js';
import { auditBy } from '../audit/audit-actor.js';
import { findBooking } from '../bookings/booking.store.js';
import type { BookingEvent, CancellationKind } from '../bookings/booking-events.action.js';
import type { Actor } from '../identity/actor.js';
import type { Tx } from '../platform/db/database.js';
import { findCase, insertEntry, sessionEntriesOf } from './case.store.js';
import { type CaseTerms, cancellationUsesSession } from './entitlement-rules.js';
import { termsOf } from './ledger-view.js';

export type Settlement = { caseId: string; sessionUsed: boolean; lateNotice: boolean };

/** Whether an ended session still uses one of the case's sessions, and the ledger's reason when it does not. */
export function settlementOf(
  terms: CaseTerms & { funder: string },
  ending: CancellationKind,
  start: Temporal.Instant,
  now: Temporal.Instant,
): { uses: boolean; late: boolean; why: string } {
  if (ending.noShow)
    return {
      uses: terms.noShowCounts,
      late: true,
      why: `No-show; ${terms.funder} does not count no-shows`,
    };
  const rule = cancellationUsesSession(terms, start, now);
  if (ending.charged === false)
    return { uses: false, late: rule.late, why: 'Cancelled without charge: the session is not used' };
  return {
    uses: rule.uses,
    late: rule.late,
    why: rule.late
      ? `Cancelled less than 24 hours before; ${terms.funder} does not count late cancellations`
      : 'Cancelled 24 hours or more before: the session is not used',
  };
}

/**
 * Settles a cancelled case session by the case's consumption rules, in the cancelling transaction: when the
 * session is not used, a reversal gives it back. Idempotent — a session already given back, or a booking that
 * is no case's session, writes nothing — so both the booking port's listener (every cancellation, whichever
 * route made it) and a caller that needs the answer may run it.
 */
export async function settleEndedSession(
  tx: Tx,
  actor: Actor,
  bookingId: string,
  ending: CancellationKind,
  now: Temporal.Instant,
): Promise<Settlement | null> {
  const entries = await sessionEntriesOf(tx, actor.organisationId, bookingId);
  const use = entries.find((e) => e.kind === 'use');
  if (!use) return null;
  const c = await findCase(tx, actor.organisationId, use.caseId, true);
  const booking = await findBooking(tx, actor.organisationId, bookingId);
  if (!c || !booking) return null;
  const decision = settlementOf({ ...termsOf(c), funder: c.funder }, ending, booking.startsAt, now);
  if (entries.some((e) => e.kind === 'reversal'))
    return { caseId: c.id, sessionUsed: false, lateNotice: decision.late };
  if (!decision.uses) {
    const entry = await insertEntry(tx, actor.organisationId, {
      caseId: c.id,
      kind: 'reversal',
      sessions: 1,
      reason: decision.why,
      bookingId,
      effectiveOn: use.effectiveOn,
      requestId: null,
      overrideReason: null,
      userId: actor.userId,
    });
    await recordAudit(tx, {
      ...auditBy(actor),
      action: 'create',
      entityType: 'entitlement_entry',
      entityId: entry.id,
      after: { caseId: c.id, kind: 'reversal', bookingId, reason: decision.why },
    });
  }
  return { caseId: c.id, sessionUsed: decision.uses, lateNotice: decision.late };
}

/** The booking port's listener: every single cancellation settles its case session (series writes carry no actor). */
export async function settleOnBookingEvent(event: BookingEvent, tx: Tx, now: Temporal.Instant) {
  if (event.kind !== 'cancelled' || !event.actor) return;
  await settleEndedSession(tx, event.actor, event.bookingId, event.ending ?? { noShow: false }, now);
}
