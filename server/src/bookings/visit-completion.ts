import { Temporal } from 'temporal-polyfill';
import type { FieldIssue } from '../shared/domain-error.js';
import { MAX_BOOKING_MINUTES } from './booking-time.js';

/** What a completion asks to record; absent times default to the planned ones. */
export type CompletionRequest = {
  actualStart?: string;
  actualEnd?: string;
  mileage?: number | null;
  note?: string | null;
};

export type CompletionDecision =
  | { ok: true; actualStart: Temporal.Instant; actualEnd: Temporal.Instant }
  | { ok: false; refusal: 'not_started' }
  | { ok: false; issues: FieldIssue[] };

/**
 * Whether a visit planned for [plannedStart, plannedEnd) may be completed at `now` with these actual times.
 * A visit cannot be completed before it starts; the actual times default to the planned ones, may not run
 * backwards or longer than a booking can be, and may not lie in the future (a completion records what
 * happened). Pure: `now` comes from the caller's clock.
 */
export function decideCompletion(
  planned: { start: Temporal.Instant; end: Temporal.Instant },
  request: CompletionRequest,
  now: Temporal.Instant,
): CompletionDecision {
  if (Temporal.Instant.compare(now, planned.start) < 0) return { ok: false, refusal: 'not_started' };
  const actualStart = request.actualStart ? Temporal.Instant.from(request.actualStart) : planned.start;
  const actualEnd = request.actualEnd ? Temporal.Instant.from(request.actualEnd) : planned.end;
  const issues: FieldIssue[] = [];
  if (Temporal.Instant.compare(actualStart, now) > 0)
    issues.push({ field: 'actualStart', reason: 'is in the future: record when the visit really started' });
  if (Temporal.Instant.compare(actualEnd, now) > 0)
    issues.push({ field: 'actualEnd', reason: 'is in the future: record when the visit really ended' });
  const minutes = actualStart.until(actualEnd).total('minutes');
  if (minutes < 0) issues.push({ field: 'actualEnd', reason: 'must not be before the actual start' });
  else if (minutes > MAX_BOOKING_MINUTES)
    issues.push({
      field: 'actualEnd',
      reason: `must be within ${MAX_BOOKING_MINUTES / 60} hours of the actual start`,
    });
  return issues.length > 0 ? { ok: false, issues } : { ok: true, actualStart, actualEnd };
}
