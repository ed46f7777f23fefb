import type { Temporal } from 'temporal-polyfill';
import { recordAudit } from '../audit/audit.store.js';
import { auditBy } from '../audit/audit-actor.js';
import type { Actor } from '../identity/actor.js';
import type { Tx } from '../platform/db/database.js';
import { conflict } from '../shared/domain-error.js';
import { findCase } from './case.store.js';
import { loadCase } from './cases.action.js';
import { markCaseClosed } from './rebooking.store.js';

/**
 * Closes a case with a reason: no further session can be booked on it (bookCaseSession refuses a closed case;
 * the case's row lock orders this against a booking in flight). Sessions already booked stay as they are.
 */
export async function closeCase(
  tx: Tx,
  actor: Actor,
  caseId: string,
  input: { reason: string },
  now: Temporal.Instant,
) {
  const { c } = await loadCase(tx, actor, caseId, true);
  if (c.status === 'closed') throw conflict('This case is already closed');
  await markCaseClosed(tx, actor.organisationId, caseId, {
    reason: input.reason,
    userId: actor.userId,
    at: now.toString(),
  });
  const after = (await findCase(tx, actor.organisationId, caseId))!;
  await recordAudit(tx, {
    ...auditBy(actor),
    action: 'update',
    entityType: 'case',
    entityId: caseId,
    before: { status: c.status },
    after: { status: after.status, closeReason: input.reason, closedAt: now.toString() },
  });
  return after;
}
