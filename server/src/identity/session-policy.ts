import { Temporal } from 'temporal-polyfill';

export type SessionTimes = { createdAt: Temporal.Instant; lastSeenAt: Temporal.Instant };
export type SessionPolicy = { idleMinutes: number; absoluteHours: number };
export type SessionState = 'active' | 'idle_expired' | 'expired';

/** A session ends after `idleMinutes` without a request, or `absoluteHours` after sign-in, whichever first. */
export function sessionState(
  session: SessionTimes,
  now: Temporal.Instant,
  policy: SessionPolicy,
): SessionState {
  if (Temporal.Instant.compare(now, session.createdAt.add({ hours: policy.absoluteHours })) >= 0)
    return 'expired';
  if (Temporal.Instant.compare(now, session.lastSeenAt.add({ minutes: policy.idleMinutes })) >= 0)
    return 'idle_expired';
  return 'active';
}

/**
 * Every request that finds the session older than `now` records it, so the idle limit counts from the last
 * request exactly, whatever its length (a coarser "once a minute" ended a 1-minute limit mid-use).
 */
export function shouldTouch(session: SessionTimes, now: Temporal.Instant): boolean {
  return Temporal.Instant.compare(now, session.lastSeenAt) > 0;
}
