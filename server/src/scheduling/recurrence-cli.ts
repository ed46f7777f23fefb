import { Temporal } from 'temporal-polyfill';
import { type DtstartReading, expandRecurrence, untilBeforeStart } from './recurrence.js';
import { RecurrenceError } from './recurrence-error.js';
import { parseRecurrence } from './recurrence-rule.js';

/**
 * `recurrence expand`: reads `{ "rule": "<DTSTART/RRULE/EXDATE/RDATE lines>", "from"?: instant, "to"?: instant,
 * "limit"?: n, "timeZone"?: IANA zone for floating times }` and answers `{ "occurrences": [ZonedDateTime
 * strings], "truncated": boolean }`. At most `limit` occurrences are returned (default and maximum
 * DEFAULT_LIMIT and MAX_LIMIT); `truncated` says more exist. Errors are a problem document and exit code 1.
 *
 * By default DTSTART is read as scheduled services read it (an occurrence only when the rule gives it, COUNT
 * counting occurrences, an UNTIL before the start refused); `dtstart: 'rfc5545'` (`--rfc`) is RFC 5545's
 * reading, where DTSTART is always the first occurrence and counts toward COUNT.
 */

export const DEFAULT_LIMIT = 1000;
export const MAX_LIMIT = 100_000;

type Issue = { field: string; reason: string };
type Result = { exitCode: number; output: string };

const json = (value: unknown) => JSON.stringify(value, null, 2);

function problem(title: string, errors: Issue[]): Result {
  return { exitCode: 1, output: json({ type: 'https://carebook.dev/problems/validation', title, errors }) };
}

function instant(input: Record<string, unknown>, field: string): Temporal.Instant | undefined {
  const value = input[field];
  if (value === undefined) return undefined;
  if (typeof value === 'string') {
    try {
      return Temporal.Instant.from(value);
    } catch {
      // reported below
    }
  }
  throw new RecurrenceError(field, 'must be an instant with an offset, e.g. 2026-01-05T00:00:00Z');
}

export async function recurrenceExpandCommand(
  stdinText: string,
  options: { dtstart?: DtstartReading } = {},
): Promise<Result> {
  const dtstart = options.dtstart ?? 'if-matched';
  let input: unknown;
  try {
    input = JSON.parse(stdinText);
  } catch {
    return problem('The input is not valid JSON', [{ field: 'input', reason: 'is not valid JSON' }]);
  }
  if (typeof input !== 'object' || input === null || Array.isArray(input))
    return problem('The input is not valid', [{ field: 'input', reason: 'must be a JSON object' }]);
  const fields = input as Record<string, unknown>;
  try {
    for (const key of Object.keys(fields))
      if (!['rule', 'from', 'to', 'limit', 'timeZone'].includes(key))
        throw new RecurrenceError(key, 'is not a known field (rule, from, to, limit, timeZone)');
    if (typeof fields.rule !== 'string')
      throw new RecurrenceError('rule', 'is required: the iCalendar lines');
    if (fields.timeZone !== undefined && typeof fields.timeZone !== 'string')
      throw new RecurrenceError('timeZone', 'must be an IANA time zone name');
    const limit = fields.limit ?? DEFAULT_LIMIT;
    if (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT)
      throw new RecurrenceError('limit', `must be an integer from 1 to ${MAX_LIMIT}`);
    const from = instant(fields, 'from');
    const to = instant(fields, 'to');
    if (from && to && Temporal.Instant.compare(from, to) > 0)
      throw new RecurrenceError('to', 'is before from');
    const recurrence = parseRecurrence(
      fields.rule,
      typeof fields.timeZone === 'string' ? { defaultZone: fields.timeZone } : {},
    );
    if (dtstart === 'if-matched' && untilBeforeStart(recurrence))
      throw new RecurrenceError(
        'UNTIL',
        'is before DTSTART, so the rule gives no occurrence (--rfc reads it as RFC 5545 does)',
      );
    const window: { from?: Temporal.Instant; to?: Temporal.Instant } = {};
    if (from) window.from = from;
    if (to) window.to = to;
    const occurrences: string[] = [];
    let truncated = false;
    for (const zoned of expandRecurrence(recurrence, window, { dtstart })) {
      if (occurrences.length === limit) {
        truncated = true;
        break;
      }
      occurrences.push(zoned.toString());
    }
    return { exitCode: 0, output: json({ occurrences, truncated }) };
  } catch (error) {
    if (error instanceof RecurrenceError)
      return problem('The recurrence is not valid', [{ field: error.field, reason: error.reason }]);
    throw error;
  }
}
