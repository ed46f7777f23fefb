import { recordAudit } from '../audit/audit.store.js';
import { auditBy } from '../audit/audit-actor.js';
import { type Actor, can } from '../identity/actor.js';
import type { Tx } from '../platform/db/database.js';
import { notFound } from '../shared/domain-error.js';
import { insertFeed, revokeFeeds, subjectName } from './calendar.store.js';

export type FeedSubject = { type: 'staff' | 'client'; id: string };

/**
 * The subject of a feed, checked: it must exist in the actor's organisation, and without staff.manage a
 * staff member may only hold a feed of their own. Anything else is "not found", never a silent no-op.
 */
async function checkedSubject(tx: Tx, actor: Actor, subject: FeedSubject): Promise<string> {
  const label = subject.type === 'staff' ? 'Staff member' : 'Client';
  if (subject.type === 'staff' && !can(actor, 'staff.manage') && subject.id !== actor.staffId)
    throw notFound(label);
  const name = await subjectName(tx, actor.organisationId, subject);
  if (!name) throw notFound(label);
  return name;
}

/** A new subscription URL (revoking the previous one). A feed exposes a schedule without sign-in: audited. */
export async function createFeed(tx: Tx, actor: Actor, subject: FeedSubject, tokenHash: Buffer) {
  const name = await checkedSubject(tx, actor, subject);
  const revoked = await revokeFeeds(tx, actor.organisationId, subject);
  await insertFeed(tx, actor.organisationId, subject, tokenHash);
  await recordAudit(tx, {
    ...auditBy(actor),
    action: 'create',
    entityType: 'calendar_feed',
    entityId: subject.id,
    after: {
      subjectType: subject.type,
      subjectId: subject.id,
      subjectName: name,
      revokedPrevious: revoked > 0,
    },
  });
}

/** Revokes the live subscription URL, if any; revoking twice is harmless (and audited once). */
export async function revokeFeed(tx: Tx, actor: Actor, subject: FeedSubject) {
  const name = await checkedSubject(tx, actor, subject);
  const revoked = await revokeFeeds(tx, actor.organisationId, subject);
  if (revoked === 0) return;
  await recordAudit(tx, {
    ...auditBy(actor),
    action: 'delete',
    entityType: 'calendar_feed',
    entityId: subject.id,
    before: { subjectType: subject.type, subjectId: subject.id, subjectName: name },
  });
}
