import type { Temporal } from 'temporal-polyfill';
import { recordAudit } from '../audit/audit.store.js';
import { auditBy } from '../audit/audit-actor.js';
import type { BookingInput } from '../bookings/booking.schemas.js';
import { cancelBooking } from '../bookings/cancel-booking.action.js';
import { createAdhocBooking } from '../bookings/save-booking.action.js';
import { type Actor, can } from '../identity/actor.js';
import type { Tx } from '../platform/db/database.js';
import { conflict, DomainError, invalid, notFound } from '../shared/domain-error.js';
import { insertEntry, requestsOf } from './case.store.js';
import { balanceOn, loadCase } from './cases.action.js';
import { settleEndedSession } from './settle-session.action.js';

export type CaseSessionInput = BookingInput & {
  entitlementOverrideReason?: string | undefined;
  /** A couple, family or group session's other clients (they use none of this case's sessions). */
  otherClientIds?: readonly string[] | undefined;
};

/**
 * Books a session on a case: under the case's row lock it checks the balance of the session's window, books
 * through bookings' write path and writes the ledger's "use" entry, all in the caller's transaction. With no
 * session left it refuses (409) unless an override reason is given — and always while an extra-session request
 * is pending. A refusal writes nothing.
 */
export async function bookCaseSession(
  tx: Tx,
  actor: Actor,
  caseId: string,
  input: CaseSessionInput,
  now?: Temporal.Instant,
) {
  const { c } = await loadCase(tx, actor, caseId, true);
  if (c.status !== 'open') throw conflict('This case is closed: open a new case to book more sessions');
  if (
    !can(actor, 'bookings.write') &&
    (input.assignee?.type !== 'staff' || input.assignee.id !== actor.staffId)
  )
    throw invalid('assignee', 'must be yourself: you can book sessions only with yourself');
  const { balance, refusal } = await balanceOn(tx, actor, c, input.bookingDate);
  if (!balance) throw conflict(`This session cannot be booked on this case: ${refusal}`);
  const override = input.entitlementOverrideReason ?? null;
  if (balance.remaining <= 0) {
    const pending = (await requestsOf(tx, actor.organisationId, c.id)).find((r) => r.status === 'pending');
    if (pending)
      throw conflict(
        `No sessions are left on this case and a request for extra sessions is waiting for ${c.funder} (due ${pending.dueOn}): no session can be booked until it is decided`,
        { entitlement: balance, pendingRequestId: pending.id },
      );
    if (override === null)
      throw conflict(
        `No sessions are left on this case (${balance.granted} granted, ${balance.used - balance.reversed} used). Request extra sessions, or give a reason to book anyway.`,
        { entitlement: balance, needsOverrideReason: true },
      );
  }
  // `now` guards a session recorded as delivered (a retrospective entry): it must have started.
  const booking = await createAdhocBooking(tx, actor, c.clientId, input, now, {
    ids: input.otherClientIds ?? [],
    field: 'participantClientIds',
  });
  const entry = await insertEntry(tx, actor.organisationId, {
    caseId: c.id,
    kind: 'use',
    sessions: 1,
    reason: `Session on ${input.bookingDate} at ${input.startTime} booked`,
    bookingId: booking.id,
    effectiveOn: input.bookingDate,
    requestId: null,
    overrideReason: balance.remaining <= 0 ? override : null,
    userId: actor.userId,
  });
  await recordAudit(tx, {
    ...auditBy(actor),
    action: 'create',
    entityType: 'entitlement_entry',
    entityId: entry.id,
    after: {
      caseId: c.id,
      kind: 'use',
      bookingId: booking.id,
      overrideReason: balance.remaining <= 0 ? override : null,
    },
  });
  return { booking, remaining: balance.remaining - 1 };
}

/**
 * Cancels a case's session, or records a no-show, and decides by the funder's rules whether it still uses a
 * session: a cancellation less than 24 h before does when the funder counts late cancellations; a no-show does
 * when the funder counts no-shows. When it does not, a reversal entry gives the session back
 * (`settleEndedSession`, which also runs for a cancellation made through the ordinary booking routes).
 */
export async function endCaseSession(
  tx: Tx,
  actor: Actor,
  caseId: string,
  bookingId: string,
  input: { outcome: 'cancelled' | 'no_show'; reason: string },
  now: Temporal.Instant,
) {
  const { c, client } = await loadCase(tx, actor, caseId, true);
  const { rows } = await balanceOn(
    tx,
    actor,
    c,
    now.toZonedDateTimeISO(client.timeZone).toPlainDate().toString(),
  );
  const use = rows.find((r) => r.kind === 'use' && r.bookingId === bookingId);
  if (!use?.bookingStartsAt) throw notFound('Session of this case');
  if (rows.some((r) => r.kind === 'reversal' && r.bookingId === bookingId))
    throw new DomainError('conflict', 'This session has already been given back to the case');
  const ending = { noShow: input.outcome === 'no_show' };
  const booking = await cancelBooking(
    tx,
    actor,
    bookingId,
    input.outcome === 'no_show' ? `No-show: ${input.reason}` : input.reason,
    undefined,
    ending,
  );
  const settled = await settleEndedSession(tx, actor, bookingId, ending, now);
  return { booking, sessionUsed: settled?.sessionUsed ?? true, lateNotice: settled?.lateNotice ?? true };
}
