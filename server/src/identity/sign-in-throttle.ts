import type { Temporal } from 'temporal-polyfill';

export type ThrottlePolicy = { windowMinutes: number; maxFailuresPerEmail: number; maxFailuresPerIp: number };
/** Failed attempts inside the window, oldest first, counted for the e-mail and for the IP address. */
export type RecentFailures = { forEmail: Temporal.Instant[]; forIp: Temporal.Instant[] };
export type ThrottleDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/**
 * Refuses a sign-in while the e-mail or the IP address has reached its failure budget in the sliding
 * window; the caller may try again when the oldest counted failure leaves the window.
 */
export function decideSignIn(
  failures: RecentFailures,
  now: Temporal.Instant,
  policy: ThrottlePolicy,
): ThrottleDecision {
  const waits: number[] = [];
  for (const [list, max] of [
    [failures.forEmail, policy.maxFailuresPerEmail],
    [failures.forIp, policy.maxFailuresPerIp],
  ] as const) {
    if (list.length < max) continue;
    const releasing = list[list.length - max];
    if (releasing === undefined) continue;
    const releasedAt = releasing.add({ minutes: policy.windowMinutes });
    const seconds = Math.ceil(now.until(releasedAt).total('seconds'));
    if (seconds > 0) waits.push(seconds);
  }
  return waits.length === 0 ? { allowed: true } : { allowed: false, retryAfterSeconds: Math.max(...waits) };
}

export function windowStart(now: Temporal.Instant, policy: ThrottlePolicy): Temporal.Instant {
  return now.subtract({ minutes: policy.windowMinutes });
}
