import type { Temporal } from 'temporal-polyfill';
import { recordAudit } from '../audit/audit.store.js';
import { auditBy } from '../audit/audit-actor.js';
import { findBooking } from '../bookings/booking.store.js';
import type { AttendanceEvent, BookingEvent, CancellationKind } from '../bookings/booking-events.action.js';
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
 * route made it) and a caller that needs the answer may run it. With `clientId` (one client's place in a group
 * cancelled), only a session of that client's case is settled.
 */
export async function settleEndedSession(
  tx: Tx,
  actor: Actor,
  bookingId: string,
  ending: CancellationKind,
  now: Temporal.Instant,
  clientId?: string,
): Promise<Settlement | null> {
  const entries = await sessionEntriesOf(tx, actor.organisationId, bookingId);
  const use = entries.find((e) => e.kind === 'use' && e.rescheduledFrom === null);
  if (!use) return null;
  const c = await findCase(tx, actor.organisationId, use.caseId, true);
  const booking = await findBooking(tx, actor.organisationId, bookingId);
  if (!c || !booking) return null;
  if (clientId !== undefined && c.clientId !== clientId) return null;
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

const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "Tue 3 Mar 10:00": a session's start in the client's zone, as the ledger's reasons name it. */
export function sessionTimeLabel(start: Temporal.Instant, zone: string): string {
  const z = start.toZonedDateTimeISO(zone);
  const hm = `${String(z.hour).padStart(2, '0')}:${String(z.minute).padStart(2, '0')}`;
  return `${WEEKDAYS[z.dayOfWeek - 1]} ${z.day} ${MONTHS[z.month - 1]} ${hm}`;
}

/**
 * A case session moved less than 24 h before its (previous) start uses a session when the funder counts late
 * cancellations and reschedules: one more "use" of the booking, dated by the day it was moved from, in the
 * moving transaction. A move 24 h or more before, a funder that does not count it, a booking that is no case's
 * live session (none, or given back), or one no longer booked, writes nothing.
 */
export async function settleLateReschedule(
  tx: Tx,
  actor: Actor,
  bookingId: string,
  previousStartsAt: Temporal.Instant,
  now: Temporal.Instant,
): Promise<{ caseId: string; sessionUsed: boolean } | null> {
  const entries = await sessionEntriesOf(tx, actor.organisationId, bookingId);
  const use = entries.find((e) => e.kind === 'use' && e.rescheduledFrom === null);
  if (!use || entries.some((e) => e.kind === 'reversal')) return null;
  const c = await findCase(tx, actor.organisationId, use.caseId, true);
  const booking = await findBooking(tx, actor.organisationId, bookingId);
  if (!c || booking?.status !== 'booked') return null;
  const rule = cancellationUsesSession(termsOf(c), previousStartsAt, now);
  if (!rule.uses) return { caseId: c.id, sessionUsed: false };
  const was = previousStartsAt.toZonedDateTimeISO(booking.timeZone);
  const reason = `Rescheduled less than 24 h before (was ${sessionTimeLabel(previousStartsAt, booking.timeZone)}); ${c.funder} counts late reschedules`;
  const entry = await insertEntry(tx, actor.organisationId, {
    caseId: c.id,
    kind: 'use',
    sessions: 1,
    reason,
    bookingId,
    effectiveOn: was.toPlainDate().toString(),
    requestId: null,
    overrideReason: null,
    userId: actor.userId,
    rescheduledFrom: previousStartsAt,
  });
  await recordAudit(tx, {
    ...auditBy(actor),
    action: 'create',
    entityType: 'entitlement_entry',
    entityId: entry.id,
    after: { caseId: c.id, kind: 'use', bookingId, reason, rescheduledFrom: previousStartsAt.toString() },
  });
  return { caseId: c.id, sessionUsed: true };
}

/**
 * The booking port's listener, for a user's single writes (series writes carry no actor): every cancellation
 * settles its case session, and every move of one settles a late reschedule.
 */
export async function settleOnBookingEvent(event: BookingEvent, tx: Tx, now: Temporal.Instant) {
  if (!event.actor) return;
  if (event.kind === 'cancelled')
    await settleEndedSession(tx, event.actor, event.bookingId, event.ending ?? { noShow: false }, now);
  else if (event.kind === 'changed' && event.previousStartsAt)
    await settleLateReschedule(tx, event.actor, event.bookingId, event.previousStartsAt, now);
}

/**
 * The attendance port's listener: one client's place in a group cancelled settles that client's case session
 * by the late-cancellation rule, measured from when the provider was told; a cancellation by the provider is
 * without charge (the client keeps the session).
 */
export async function settleOnAttendanceCancelled(event: AttendanceEvent, tx: Tx) {
  await settleEndedSession(
    tx,
    event.actor,
    event.bookingId,
    { noShow: false, ...(event.cancelledBy === 'provider' ? { charged: false } : {}) },
    event.notifiedAt,
    event.clientId,
  );
}
