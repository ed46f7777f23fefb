import type { Temporal } from 'temporal-polyfill';

import { recordAudit } from '../audit/audit.store.js';
import { auditBy } from '../audit/audit-actor.js';
import type { Actor } from '../identity/actor.js';
import { enqueueExtraSessionOutcome } from '../notifications/case-outbox.action.js';
import type { Tx } from '../platform/db/database.js';
import { conflict, invalid, notFound } from '../shared/domain-error.js';
import { publicHolidays } from '../shared/public-holidays.js';
import {
  decideRequest,
  entriesOf,
  findRequest,
  insertEntry,
  insertRequest,
  requestsOf,
} from './case.store.js';
import { loadCase } from './cases.action.js';
import { extraRequestPlan, MAX_EXTRA_PER_REQUEST } from './entitlement-rules.js';
import { toEntries } from './ledger-view.js';
import { requesterOf, staffOfUser } from './rebooking.store.js';

/**
 * Asks the funder for up to 4 more sessions. The due dates count business days on the funder's holiday
 * calendar: 7, or 13 in all when the request takes the client to 12 or more sessions in 12 months (clinical
 * review). One request at a time per case.
 */
export async function requestExtraSessions(
  tx: Tx,
  actor: Actor,
  caseId: string,
  input: { sessions: number; justification: string },
  now: Temporal.Instant,
) {
  if (input.sessions < 1 || input.sessions > MAX_EXTRA_PER_REQUEST)
    throw invalid('sessions', `must be between 1 and ${MAX_EXTRA_PER_REQUEST}`);
  const { c, client } = await loadCase(tx, actor, caseId, true);
  if (c.status !== 'open') throw conflict('This case is closed');
  const pending = (await requestsOf(tx, actor.organisationId, c.id)).find((r) => r.status === 'pending');
  if (pending)
    throw conflict(`A request for extra sessions is already waiting (due ${pending.dueOn})`, {
      pendingRequestId: pending.id,
    });
  const today = now.toZonedDateTimeISO(client.timeZone).toPlainDate();
  const holidays = new Set(
    publicHolidays(c.funderRegion, today.toString(), today.add({ days: 60 }).toString()).map((h) => h.date),
  );
  const entries = toEntries(await entriesOf(tx, actor.organisationId, c.id));
  const plan = extraRequestPlan(entries, input.sessions, today.toString(), holidays);
  const r = await insertRequest(tx, actor.organisationId, {
    caseId: c.id,
    sessions: input.sessions,
    justification: input.justification,
    clinicalReview: plan.clinicalReview,
    requestedOn: today.toString(),
    funderDueOn: plan.funderDueOn,
    dueOn: plan.dueOn,
    userId: actor.userId,
  });
  await recordAudit(tx, {
    ...auditBy(actor),
    action: 'create',
    entityType: 'extra_session_request',
    entityId: r.id,
    after: r,
  });
  return { ...r, decidedAt: null, totalInTwelveMonths: plan.totalInTwelveMonths };
}

/** The funder's outcome: approve (as asked), modify (another count, 1–4) or decline; a grant goes on the ledger. */
export async function decideExtraSessions(
  tx: Tx,
  actor: Actor,
  requestId: string,
  input: {
    outcome: 'approved' | 'modified' | 'declined';
    sessions?: number | undefined;
    note: string | null;
  },
  now: Temporal.Instant,
) {
  const r = await findRequest(tx, actor.organisationId, requestId, true);
  if (!r) throw notFound('Extra-session request');
  if (r.status !== 'pending') throw conflict(`This request was already ${r.status}`);
  const { c, client } = await loadCase(tx, actor, r.caseId, true);
  let granted = 0;
  if (input.outcome === 'approved') granted = r.sessions;
  if (input.outcome === 'modified') {
    if (input.sessions === undefined) throw invalid('sessions', 'is needed when the count is modified');
    if (input.sessions < 1 || input.sessions > MAX_EXTRA_PER_REQUEST)
      throw invalid('sessions', `must be between 1 and ${MAX_EXTRA_PER_REQUEST}`);
    granted = input.sessions;
  }
  await decideRequest(tx, actor.organisationId, r.id, {
    status: input.outcome,
    grantedSessions: granted,
    note: input.note,
    userId: actor.userId,
    at: now,
  });
  if (granted > 0)
    await insertEntry(tx, actor.organisationId, {
      caseId: c.id,
      kind: 'grant',
      sessions: granted,
      reason:
        input.outcome === 'approved'
          ? `${granted} extra sessions approved by ${c.funder}`
          : `${granted} of ${r.sessions} extra sessions requested approved by ${c.funder}`,
      bookingId: null,
      effectiveOn: now.toZonedDateTimeISO(client.timeZone).toPlainDate().toString(),
      requestId: r.id,
      overrideReason: null,
      userId: actor.userId,
    });
  const after = await findRequest(tx, actor.organisationId, r.id);
  // Both parties hear the outcome: the client, and the associate who asked; the rows commit with the decision.
  const userId = await requesterOf(tx, actor.organisationId, r.id);
  const associate = userId ? await staffOfUser(tx, actor.organisationId, userId) : undefined;
  await enqueueExtraSessionOutcome(
    tx,
    actor.organisationId,
    {
      requestId: r.id,
      clientId: c.clientId,
      outcome: input.outcome,
      requested: r.sessions,
      granted,
      funder: c.funder,
      issue: c.issue,
      note: input.note,
      associate: associate
        ? {
            staffId: associate.staffId,
            name: `${associate.givenName} ${associate.familyName}`,
            email: associate.email,
            timeZone: associate.timeZone,
          }
        : null,
    },
    now,
  );
  await recordAudit(tx, {
    ...auditBy(actor),
    action: 'update',
    entityType: 'extra_session_request',
    entityId: r.id,
    before: r,
    after,
  });
  return { ...(after as NonNullable<typeof after>), decidedAt: now.toString() };
}
