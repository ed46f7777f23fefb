import { Temporal } from 'temporal-polyfill';

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

/** Attempts still being checked count as failures for this long; older ones were left behind by a crash. */
export const PENDING_STALE_SECONDS = 60;

export type PendingDecision = ThrottleDecision | { allowed: false; wait: true };

const merged = (a: Temporal.Instant[], b: Temporal.Instant[]) =>
  b.length === 0 ? a : [...a, ...b].sort((x, y) => Temporal.Instant.compare(x, y));

/**
 * The throttle with attempts whose password is still being checked (`pending`). Counting them as failures
 * keeps concurrent guesses within the budget; but they may be concurrent successes, which are no failures.
 * So: allowed while failures and pending together fit the budgets; refused when the failures alone fill one;
 * otherwise the newcomer waits for the pending attempts to be decided and asks again.
 */
export function decideWithPending(
  failures: RecentFailures,
  pending: RecentFailures,
  now: Temporal.Instant,
  policy: ThrottlePolicy,
): PendingDecision {
  const together: RecentFailures = {
    forEmailFromIp: merged(failures.forEmailFromIp, pending.forEmailFromIp),
    forIp: merged(failures.forIp, pending.forIp),
    forEmail: merged(failures.forEmail, pending.forEmail),
  };
  const counted = decideSignIn(together, now, policy);
  if (counted.allowed) return counted;
  const failedOnly = decideSignIn(failures, now, policy);
  return failedOnly.allowed ? { allowed: false, wait: true } : failedOnly;
}
