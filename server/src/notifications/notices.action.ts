import type { Temporal } from 'temporal-polyfill';
import type { Actor } from '../identity/actor.js';
import type { Tx } from '../platform/db/database.js';
import { listNotices, markNoticesRead, unreadNoticeCount } from './notice.store.js';

/** The signed-in staff member's bell: their latest notices, newest first, and how many are unread. */
export async function myNotices(tx: Tx, actor: Actor, limit = 100) {
  const [items, unread] = await Promise.all([
    listNotices(tx, actor.organisationId, actor.staffId, limit),
    unreadNoticeCount(tx, actor.organisationId, actor.staffId),
  ]);
  return {
    unread,
    items: items.map((n) => ({
      ...n,
      createdAt: n.createdAt.toString(),
      readAt: n.readAt?.toString() ?? null,
    })),
  };
}

/**
 * Marks the signed-in person's notices read (the given ones, or all). Only their own: another person's id is
 * ignored, not an error, so a stale bell never fails. Not audited: it is the reader's own view, not care data.
 */
export async function readNotices(tx: Tx, actor: Actor, ids: string[] | 'all', now: Temporal.Instant) {
  await markNoticesRead(tx, actor.organisationId, actor.staffId, ids, now.toString());
  return myNotices(tx, actor);
}
