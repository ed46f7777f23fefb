import type { Temporal } from 'temporal-polyfill';
import { recordAudit } from '../audit/audit.store.js';
import { auditBy } from '../audit/audit-actor.js';
import { type Actor, can } from '../identity/actor.js';
import { hashSecret, newSecret } from '../platform/auth/tokens.js';
import { type Db, type Tx, withTenant } from '../platform/db/database.js';
import { DomainError, notFound } from '../shared/domain-error.js';
import { calendarBookings, findLiveFeed, insertFeed, revokeFeeds, subjectName } from './calendar.store.js';
import { bookingUid, calendarFeed, type FeedEvent } from './ics.js';

export type FeedSubjectType = 'staff' | 'client';

/**
 * The subject of a feed, checked: it must exist in the actor's organisation (clients need clients.write, which
 * the route requires), and without staff.manage a staff member may only hold a feed of their own. Anything
 * else is "not found", never a silent no-op.
 */
async function checkedSubject(tx: Tx, actor: Actor, type: FeedSubjectType, id: string) {
  const label = type === 'staff' ? 'Staff member' : 'Client';
  if (type === 'staff' && !can(actor, 'staff.manage') && id !== actor.staffId) throw notFound(label);
  const subject = { type, id };
  const name = await subjectName(tx, actor.organisationId, subject);
  if (!name) throw notFound(label);
  return { subject, name };
}

/**
 * A new subscription secret for the subject, revoking the previous one; returns "<organisation>.<secret>".
 * A feed exposes a schedule without sign-in, so it is audited.
 */
export async function createFeed(tx: Tx, actor: Actor, type: FeedSubjectType, id: string): Promise<string> {
  const secret = newSecret();
  const { subject, name } = await checkedSubject(tx, actor, type, id);
  const revoked = await revokeFeeds(tx, actor.organisationId, subject);
  await insertFeed(tx, actor.organisationId, subject, hashSecret(secret));
  await recordAudit(tx, {
    ...auditBy(actor),
    action: 'create',
    entityType: 'calendar_feed',
    entityId: id,
    after: { subjectType: type, subjectId: id, subjectName: name, revokedPrevious: revoked > 0 },
  });
  return `${actor.organisationId}.${secret}`;
}

/** Revokes the live subscription URL, if any; revoking twice is harmless (and audited once). */
export async function revokeFeed(tx: Tx, actor: Actor, type: FeedSubjectType, id: string) {
  const { subject, name } = await checkedSubject(tx, actor, type, id);
  const revoked = await revokeFeeds(tx, actor.organisationId, subject);
  if (revoked === 0) return;
  await recordAudit(tx, {
    ...auditBy(actor),
    action: 'delete',
    entityType: 'calendar_feed',
    entityId: id,
    before: { subjectType: type, subjectId: id, subjectName: name },
  });
}

/**
 * The iCalendar body behind a feed token ("<organisation>.<secret>.ics"): 60 days back and 60 weeks ahead of
 * `now`. A staff feed shows that staff member's bookings, a client feed that client's. Unknown, malformed and
 * revoked tokens are all "not found".
 */
export async function renderFeed(
  db: Db,
  token: string,
  now: Temporal.Instant,
): Promise<{ text: string; events: FeedEvent[] }> {
  const match = token.match(/^([0-9a-f-]{36})\.([A-Za-z0-9_-]{43})\.ics$/);
  if (!match) throw notFound('Calendar feed');
  const [, organisationId, secret] = match as unknown as [string, string, string];
  const body = await withTenant(db, organisationId, async (tx) => {
    const feed = await findLiveFeed(tx, organisationId, hashSecret(secret));
    if (!feed) return null;
    const subject = { type: feed.subjectType, id: feed.subjectId };
    const name = (await subjectName(tx, organisationId, subject)) ?? 'Carebook';
    const rows = await calendarBookings(tx, organisationId, {
      from: now.subtract({ hours: 24 * 60 }),
      to: now.add({ hours: 24 * 7 * 60 }),
      ...(subject.type === 'staff' ? { staffIds: [subject.id] } : { clientId: subject.id }),
      limit: 5000,
    });
    const events = rows.map(
      (r): FeedEvent => ({
        uid: bookingUid(r.id),
        sequence: r.sequence,
        startsAt: r.startsAt,
        endsAt: r.endsAt,
        timeZone: r.timeZone,
        summary:
          subject.type === 'staff'
            ? `${r.name} — ${r.clientName}`
            : `${r.name}${r.staffName ? ` with ${r.staffName}` : ''}`,
        description: r.notes,
        cancelled: r.status === 'cancelled',
        suspendedByLeave: r.status === 'cancelled' && r.clientStatus === 'suspended',
        updatedAt: r.updatedAt,
      }),
    );
    return { text: calendarFeed(`Carebook: ${name}`, events, now), events };
  });
  if (body === null) throw new DomainError('not_found', 'This calendar feed does not exist or was revoked');
  return body;
}
