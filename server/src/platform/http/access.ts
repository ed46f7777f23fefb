import type { FastifyReply, FastifyRequest } from 'fastify';
// Type-only: the shape of the signed-in actor and the permission keys (a named exception to "platform imports no
// domain", checked by .dependency-cruiser.cjs). The session look-up itself is injected by the composition root.
import type { Actor } from '../../identity/actor.js';
import type { Permission } from '../../identity/permissions.js';
import type { Tx } from '../db/database.js';
import { withTenant } from '../db/database.js';
import { problem, sendProblem } from './problem.js';

/** Who may call a route. Routes without one are refused: access is opt-in, never a default. */
export type Access = 'public' | 'signed-in' | Permission | readonly Permission[];

/**
 * Looks up the session behind a cookie value: undefined when the value is not a session cookie at all, null when
 * it names a session that is unknown, expired or whose user is disabled (the cookie is then cleared).
 */
export type SessionResolver = (
  cookieValue: string | undefined,
  request: FastifyRequest,
) => Promise<{ actor: Actor; csrfToken: string } | null | undefined>;

declare module 'fastify' {
  interface FastifyInstance {
    resolveSession: SessionResolver;
  }
  interface FastifyContextConfig {
    access?: Access;
  }
  interface FastifyRequest {
    actor: Actor | null;
    csrfToken: string | null;
  }
}

export const SESSION_COOKIE = 'carebook_session';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Decides from the matched route, never from the raw target: `request.url` is whatever the client wrote
 * (an absolute-form `GET http://host/api/v1/…` routes the same but would not start with `/api/v1/`).
 */
export async function accessHook(request: FastifyRequest, reply: FastifyReply) {
  if (request.is404) return;
  const route = request.routeOptions.url;
  if (route === undefined || !route.startsWith('/api/v1/')) return;
  const access = request.routeOptions.config.access;
  if (access === undefined)
    return sendProblem(reply, problem(403, 'forbidden', { detail: 'This route declares no access rule' }));
  const resolved = await request.server.resolveSession(request.cookies[SESSION_COOKIE], request);
  if (resolved) {
    request.actor = resolved.actor;
    request.csrfToken = resolved.csrfToken;
  } else if (resolved === null) {
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
  }
  if (access === 'public') return;
  const actor = request.actor;
  if (!actor) return sendProblem(reply, problem(401, 'unauthenticated', { detail: 'Sign in to continue' }));
  // Cookie-authenticated writes must echo the session's CSRF token (synchroniser token pattern).
  if (!SAFE_METHODS.has(request.method) && request.headers['x-csrf-token'] !== request.csrfToken) {
    return sendProblem(reply, problem(403, 'csrf', { detail: 'Missing or wrong X-CSRF-Token header' }));
  }
  if (access === 'signed-in') return;
  const needed: readonly Permission[] = typeof access === 'string' ? [access] : access;
  if (!needed.some((p) => actor.permissions.has(p))) {
    return sendProblem(
      reply,
      problem(403, 'forbidden', { detail: `Requires the ${needed.join(' or ')} permission` }),
    );
  }
}

/** The signed-in actor of a route whose access rule guarantees one. */
export function actorOf(request: FastifyRequest): Actor {
  if (!request.actor) throw new Error('actorOf() on a route without a signed-in access rule');
  return request.actor;
}

class DryRun<T> {
  constructor(readonly result: T) {}
}

/**
 * One transaction, scoped to the actor's organisation, for the whole request: all or nothing. With `dryRun`
 * the work runs in full and is then rolled back, so a preview reports exactly what the real request would do.
 */
export async function inTenant<T>(
  request: FastifyRequest,
  fn: (tx: Tx, actor: Actor) => Promise<T>,
  options: { dryRun?: boolean; replica?: boolean } = {},
): Promise<T> {
  const actor = actorOf(request);
  // `replica`: a read that may be answered by DATABASE_READ_URL's standby (as stale as its replication lag).
  if (options.replica) return withTenant(request.server.readDb, actor.organisationId, (tx) => fn(tx, actor));
  if (!options.dryRun) return withTenant(request.server.db, actor.organisationId, (tx) => fn(tx, actor));
  try {
    await withTenant(request.server.db, actor.organisationId, async (tx) => {
      throw new DryRun(await fn(tx, actor));
    });
  } catch (outcome) {
    if (outcome instanceof DryRun) return outcome.result as T;
    throw outcome;
  }
  throw new Error('unreachable: a dry run always rolls back');
}
