import { setTimeout as delay } from 'node:timers/promises';
import type { Temporal } from 'temporal-polyfill';
import { recordAudit } from '../audit/audit.store.js';
import { dummyPasswordHash, verifyPassword } from '../platform/auth/password.js';
import { hashSecret, newSecret } from '../platform/auth/tokens.js';
import { type Db, withSystem, withTenant } from '../platform/db/database.js';
import { DomainError } from '../shared/domain-error.js';
import { deleteSession, insertSession } from './session.store.js';
import {
  decideWithPending,
  PENDING_STALE_SECONDS,
  type ThrottlePolicy,
  windowStart,
} from './sign-in-throttle.js';
import {
  findActiveUsersByEmail,
  insertPendingAttempt,
  lockSignInKeys,
  recentAttempts,
  recordAttemptOutcome,
} from './user.store.js';

export type SignInInput = {
  email: string;
  password: string;
  ip: string;
  userAgent: string | null;
  now: Temporal.Instant;
  throttle: ThrottlePolicy;
};

export type SignedIn = { organisationId: string; cookieValue: string };

/** Cookie value: "<organisation id>.<secret>". The organisation part routes the look-up to its tenant. */
export function parseSessionCookie(
  value: string | undefined,
): { organisationId: string; secret: string } | null {
  const match = value?.match(/^([0-9a-f-]{36})\.([A-Za-z0-9_-]{43})$/);
  return match?.[1] && match[2] ? { organisationId: match[1], secret: match[2] } : null;
}

/** How often, and how many times, a sign-in waiting for others' password checks asks again (about 10 s). */
const WAIT_MS = 50;
const MAX_WAITS = 200;

/**
 * Counts and records the attempt in one step under a lock, before any password is checked: concurrent guesses
 * cannot all pass the check before the first of them is recorded. An attempt that fits the budgets only if the
 * others still being checked turn out to be successes waits for them rather than being refused.
 */
async function reserveAttempt(db: Db, email: string, input: SignInInput): Promise<string> {
  for (let waits = 0; ; waits++) {
    const decision = await withSystem(db, async (tx) => {
      await lockSignInKeys(tx, email, input.ip);
      const { failures, pending } = await recentAttempts(
        tx,
        email,
        input.ip,
        windowStart(input.now, input.throttle),
        input.now.subtract({ seconds: PENDING_STALE_SECONDS }),
      );
      const decided = decideWithPending(failures, pending, input.now, input.throttle);
      if (!decided.allowed) return decided;
      return {
        allowed: true as const,
        attemptId: await insertPendingAttempt(tx, email, input.ip, input.now),
      };
    });
    if (decision.allowed) return decision.attemptId;
    if (!('wait' in decision) || waits >= MAX_WAITS)
      throw new DomainError('rate_limited', 'Too many failed sign-ins. Try again later.', [], {
        retryAfterSeconds: 'wait' in decision ? 1 : decision.retryAfterSeconds,
      });
    await delay(WAIT_MS);
  }
}

export async function signIn(db: Db, input: SignInInput): Promise<SignedIn> {
  const email = input.email.trim().toLowerCase();
  const attemptId = await reserveAttempt(db, email, input);

  const candidates = await withSystem(db, (tx) => findActiveUsersByEmail(tx, email));
  let match: (typeof candidates)[number] | undefined;
  for (const candidate of candidates) {
    if (await verifyPassword(candidate.passwordHash, input.password)) {
      match = candidate;
      break;
    }
  }
  if (candidates.length === 0) await verifyPassword(await dummyPasswordHash(), input.password);

  return withSystem(db, async (tx) => {
    await recordAttemptOutcome(tx, attemptId, match !== undefined);
    if (!match) {
      for (const c of candidates) {
        await recordAudit(tx, {
          organisationId: c.organisationId,
          actorUserId: c.userId,
          actorLabel: c.label,
          ip: input.ip,
          action: 'sign_in_failed',
          entityType: 'user',
          entityId: c.userId,
        });
      }
      return null;
    }
    const secret = newSecret();
    await insertSession(tx, {
      organisationId: match.organisationId,
      tokenHash: hashSecret(secret),
      userId: match.userId,
      csrfToken: newSecret(),
      now: input.now,
      ip: input.ip,
      userAgent: input.userAgent,
    });
    await recordAudit(tx, {
      organisationId: match.organisationId,
      actorUserId: match.userId,
      actorLabel: match.label,
      ip: input.ip,
      action: 'sign_in',
      entityType: 'user',
      entityId: match.userId,
    });
    return { organisationId: match.organisationId, cookieValue: `${match.organisationId}.${secret}` };
  }).then((result) => {
    if (!result) throw new DomainError('unauthenticated', 'E-mail or password is incorrect');
    return result;
  });
}

export async function signOut(
  db: Db,
  session: { organisationId: string; secret: string },
  actor: { userId: string; label: string; ip: string | null },
) {
  await withTenant(db, session.organisationId, async (tx) => {
    await deleteSession(tx, session.organisationId, hashSecret(session.secret));
    await recordAudit(tx, {
      organisationId: session.organisationId,
      actorUserId: actor.userId,
      actorLabel: actor.label,
      ip: actor.ip,
      action: 'sign_out',
      entityType: 'user',
      entityId: actor.userId,
    });
  });
}
