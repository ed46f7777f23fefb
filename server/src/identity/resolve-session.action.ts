import type { Temporal } from 'temporal-polyfill';
import { hashSecret } from '../platform/auth/tokens.js';
import { type Db, withTenant } from '../platform/db/database.js';
import type { Actor } from './actor.js';
import { deleteSession, findSession, permissionsOfStaff, touchSession } from './session.store.js';
import { type SessionPolicy, sessionState, shouldTouch } from './session-policy.js';

export type ResolvedSession = { actor: Actor; csrfToken: string };

/** The signed-in actor for a session cookie, or null when it is unknown, expired or its user is disabled. */
export async function resolveSession(
  db: Db,
  cookie: { organisationId: string; secret: string },
  now: Temporal.Instant,
  policy: SessionPolicy,
  ip: string | null,
): Promise<ResolvedSession | null> {
  const tokenHash = hashSecret(cookie.secret);
  return withTenant(db, cookie.organisationId, async (tx) => {
    const session = await findSession(tx, cookie.organisationId, tokenHash);
    if (!session) return null;
    if (!session.userActive || sessionState(session, now, policy) !== 'active') {
      await deleteSession(tx, cookie.organisationId, tokenHash);
      return null;
    }
    if (shouldTouch(session, now)) await touchSession(tx, cookie.organisationId, tokenHash, now);
    const permissions = await permissionsOfStaff(tx, cookie.organisationId, session.staffId);
    return {
      csrfToken: session.csrfToken,
      actor: {
        organisationId: cookie.organisationId,
        userId: session.userId,
        staffId: session.staffId,
        email: session.email,
        label: `${session.givenName} ${session.familyName}`,
        permissions: new Set(permissions),
        ip,
      },
    };
  });
}
