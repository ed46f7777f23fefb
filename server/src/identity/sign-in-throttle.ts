import type { Temporal } from 'temporal-polyfill';

/**
 * Failure budgets in a sliding window. The e-mail budget is per source address, so an attacker who
 * exhausts it locks out only their own address, not the owner; the much larger global budget per e-mail
 * bounds guessing spread over many addresses.
 */
export type ThrottlePolicy = {
  windowMinutes: number;
  /** Failures for one e-mail from one IP address. */
  maxFailuresPerEmail: number;
  /** Failures from one IP address, any e-mail. */
  maxFailuresPerIp: number;
  /** Failures for one e-mail from all addresses together. */
  maxFailuresPerEmailGlobal: number;
};

/** Failed (or still unfinished) attempts inside the window, oldest first. */
export type RecentFailures = {
  forEmailFromIp: Temporal.Instant[];
  forIp: Temporal.Instant[];
  forEmail: Temporal.Instant[];
};
export type ThrottleDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/**
 * Refuses a sign-in while any budget is used up; the caller may try again when the oldest counted
 * failure of that budget leaves the window.
 */
export function decideSignIn(
  failures: RecentFailures,
  now: Temporal.Instant,
  policy: ThrottlePolicy,
): ThrottleDecision {
  const waits: number[] = [];
  for (const [list, max] of [
    [failures.forEmailFromIp, policy.maxFailuresPerEmail],
    [failures.forIp, policy.maxFailuresPerIp],
    [failures.forEmail, policy.maxFailuresPerEmailGlobal],
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
