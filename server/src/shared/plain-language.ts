/**
 * Plain-language wording for problem bodies (pure). Validators and domain code speak in field keys and
 * validator terms ("Too big: expected string to have <=5000 characters", "must be within 366 days of
 * periodFrom"); a coordinator reads "Notes can be at most 5,000 characters". Contract:
 * - a field `reason` is a predicate without the field's name ("can be at most 5,000 characters"), so a form
 *   can show it under the field's label; it never contains a camelCase key or validator jargon;
 * - `detail` is a whole sentence naming the fields in words, fit to show on its own.
 */

/** Words for field keys whose automatic split ("ndisNumber" → "ndis number") would read badly. */
const LABELS: Record<string, string> = {
  ndisNumber: 'NDIS number',
  dateOfBirth: 'date of birth',
  addressLine1: 'address line 1',
  addressLine2: 'address line 2',
  email: 'e-mail address',
  timeZone: 'time zone',
  periodFrom: 'the period’s first day',
  periodTo: 'the period’s last day',
  from: 'the first day',
  to: 'the last day',
  startsAt: 'the start',
  endsAt: 'the end',
  startsOn: 'the first day',
  endsOn: 'the last day',
  startDate: 'the start date',
  endDate: 'the end date',
  fromDate: 'the date',
  durationMinutes: 'duration',
  bookingDate: 'booking date',
  startTime: 'start time',
  assignee: 'assignee',
  staffId: 'staff member',
  clientId: 'client',
  contractId: 'contract',
  contractTypeId: 'contract type',
  serviceTypeId: 'service type',
  roleIds: 'roles',
  stepId: 'step',
  effectiveFrom: 'effective from',
  overrideReason: 'reason to go ahead',
  localAuthorityReference: 'local-authority reference',
  // NDIS support items per time band (contract option `ndisSupportItems`).
  weekday_daytime: 'the weekday daytime support item',
  weekday_evening: 'the weekday evening support item',
  weekday_night: 'the weekday night support item',
  saturday: 'the Saturday support item',
  sunday: 'the Sunday support item',
  public_holiday: 'the public holiday support item',
  q: 'search',
  '(body)': 'the request',
};

const KEY = /^[a-z][a-zA-Z0-9]*$/;

/** "ndisNumber" → "NDIS number", "givenName" → "given name"; lower case, for use inside a sentence. */
export function wordsForKey(key: string): string {
  const known = LABELS[key];
  if (known) return known;
  if (!KEY.test(key)) return key;
  return key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([a-zA-Z])(\d)/g, '$1 $2')
    .toLowerCase();
}

const capitalise = (s: string) => (s ? s[0]!.toUpperCase() + s.slice(1) : s);

/**
 * A field path in words: "notes" → "Notes", "steps.2.stepId" → "Step (item 3 of steps)",
 * "body.periodTo" → "The period’s last day".
 */
export function fieldLabel(field: string): string {
  const parts = field.split('.').filter((p) => p !== '' && p !== 'body');
  if (parts.length === 0) return 'The request';
  if (parts[0] === 'querystring' || parts[0] === 'params') parts.shift();
  if (parts.length === 0) return 'The address';
  const last = parts.at(-1)!;
  const index = [...parts].reverse().find((p) => /^\d+$/.test(p));
  const head = /^\d+$/.test(last)
    ? `item ${Number(last) + 1} of ${wordsForKey(parts.at(-2) ?? '')}`
    : wordsForKey(last);
  if (index !== undefined && !/^\d+$/.test(last)) {
    const listKey = parts[parts.indexOf(index) - 1];
    return capitalise(`${head} (item ${Number(index) + 1}${listKey ? ` of ${wordsForKey(listKey)}` : ''})`);
  }
  return capitalise(head);
}

const QUOTED = /("[^"]*")/;

/** Replaces field keys inside a sentence with words, leaving quoted names (a booking called "iPad") alone. */
export function plainText(text: string): string {
  return text
    .split(QUOTED)
    .map((part, i) =>
      i % 2 === 1 ? part : part.replace(/\b[a-z]+(?:[A-Z][a-z0-9]*)+\b/g, (key) => wordsForKey(key)),
    )
    .join('');
}

const number = (n: unknown) =>
  typeof n === 'number' || typeof n === 'bigint' ? Number(n).toLocaleString('en-AU') : String(n);

/** A Zod issue as the error handler receives it (fastify-type-provider-zod keeps `code` and the rest). */
export type IssueLike = {
  code?: string;
  message?: string;
  params?: Record<string, unknown>;
};

/**
 * Our own schema messages are already predicates ("is required", "must be 9 digits"): they start with a
 * lower-case word. Zod's defaults start with a capital ("Too big: …", "Invalid input: …").
 */
const isOwnWording = (message: string | undefined): message is string => !!message && /^[a-z]/.test(message);

const TYPE_WORDS: Record<string, string> = {
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  boolean: 'yes or no',
  array: 'a list',
  object: 'a group of fields',
  date: 'a date',
};

/** The reason for one validation issue, as a predicate ("is required", "can be at most 5,000 characters"). */
export function reasonForIssue(issue: IssueLike): string {
  if (isOwnWording(issue.message)) return plainText(issue.message);
  const p = issue.params ?? {};
  const origin = p.origin as string | undefined;
  switch (issue.code) {
    case 'invalid_type': {
      if (/received undefined/.test(issue.message ?? '')) return 'is required';
      const expected = TYPE_WORDS[String(p.expected)] ?? String(p.expected);
      return `must be ${expected}`;
    }
    case 'too_big': {
      const inclusive = p.inclusive !== false;
      const max = p.maximum;
      if (origin === 'string') return `can be at most ${number(max)} characters`;
      if (origin === 'array' || origin === 'set') return `can have at most ${number(max)} items`;
      return inclusive ? `can be at most ${number(max)}` : `must be less than ${number(max)}`;
    }
    case 'too_small': {
      const inclusive = p.inclusive !== false;
      const min = p.minimum;
      if (origin === 'string')
        return Number(min) <= 1 ? 'is required' : `needs at least ${number(min)} characters`;
      if (origin === 'array' || origin === 'set')
        return `needs at least ${number(min)} item${Number(min) === 1 ? '' : 's'}`;
      return inclusive ? `must be at least ${number(min)}` : `must be more than ${number(min)}`;
    }
    case 'invalid_format': {
      switch (p.format) {
        case 'email':
          return 'must be an e-mail address such as name@example.org';
        case 'uuid':
        case 'guid':
          return 'must be chosen from the list';
        case 'date':
          return 'must be a date (YYYY-MM-DD)';
        case 'datetime':
          return 'must be a date and time with its offset, such as 2026-01-05T09:00:00+11:00';
        case 'time':
          return 'must be a time HH:MM';
        default:
          return 'is not in the expected format';
      }
    }
    case 'not_multiple_of':
      return p.divisor === 1 ? 'must be a whole number' : `must be a multiple of ${number(p.divisor)}`;
    case 'invalid_value': {
      const values = Array.isArray(p.values) ? p.values.map(String) : [];
      return values.length === 1 ? `must be ${values[0]}` : `must be one of: ${values.join(', ')}`;
    }
    case 'unrecognized_keys': {
      const keys = Array.isArray(p.keys) ? p.keys.map((k) => wordsForKey(String(k))) : [];
      return `has fields Carebook does not know: ${keys.join(', ')}`;
    }
    case 'invalid_union':
      return 'is not valid here';
    default:
      return 'is not valid';
  }
}

const FRAMEWORK: Record<string, string> = {
  FST_ERR_CTP_INVALID_JSON_BODY: 'The request body is not valid JSON.',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'The request says it sends JSON but its body is empty.',
  FST_ERR_CTP_BODY_TOO_LARGE: 'The request is too large.',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'Carebook accepts JSON (application/json) here.',
};

/** Words for an error raised by the web framework itself (bad JSON, too large…), by its code. */
export function frameworkDetail(code: string | undefined, fallback: string): string {
  return (code && FRAMEWORK[code]) ?? plainText(fallback);
}

/** What a person reads when the server failed: no internals, and what to do next. */
export const UNEXPECTED_DETAIL =
  'Carebook could not finish this request because of an error on the server. Try again; if it keeps happening, tell your administrator.';

export type WordedIssue = { field: string; reason: string };

/** "Notes can be at most 5,000 characters." or "2 fields need attention: …; …." */
export function detailFor(issues: readonly WordedIssue[]): string {
  const sentences = issues.map((i) => `${fieldLabel(i.field)} ${i.reason}`);
  if (sentences.length === 0) return 'Some fields are missing or not valid.';
  if (sentences.length === 1) return `${sentences[0]}.`;
  const shown = sentences.slice(0, 3).join('; ');
  const more = sentences.length > 3 ? `; and ${sentences.length - 3} more` : '';
  return `${sentences.length} fields need attention: ${shown}${more}.`;
}
