import { Temporal } from 'temporal-polyfill';
import { canonicalTimeZone } from '../shared/time-zone.js';
import { RecurrenceError } from './recurrence-error.js';

/**
 * The iCalendar (RFC 5545) text form of a recurrence: `DTSTART`, at most one `RRULE`, any `EXDATE` and `RDATE`
 * lines. Supported RRULE parts: FREQ (DAILY, WEEKLY, MONTHLY, YEARLY), INTERVAL, COUNT, UNTIL, BYMONTH,
 * BYMONTHDAY, BYDAY (with ordinals for MONTHLY and YEARLY), BYHOUR, BYMINUTE, BYSETPOS, WKST. Anything else
 * (HOURLY and finer frequencies, BYSECOND, BYWEEKNO, BYYEARDAY, RSCALE/SKIP, VALUE=DATE or PERIOD values) is
 * refused with a `RecurrenceError` naming the part, never ignored.
 *
 * `parseRecurrence` returns the canonical form (lists sorted and deduplicated, defaults filled in), so
 * `printRecurrence(parseRecurrence(x))` is canonical text and `parseRecurrence(printRecurrence(r))` equals r.
 * Lines are printed with `\n` and not folded; parsing accepts CRLF and folded lines.
 */

export type Frequency = 'DAILY' | 'WEEKLY' | 'MONTHLY' | 'YEARLY';
export type Weekday = 'MO' | 'TU' | 'WE' | 'TH' | 'FR' | 'SA' | 'SU';

/** A BYDAY entry: `2MO` is `{ weekday: 'MO', ordinal: 2 }`, `-1FR` the last Friday; no ordinal means every. */
export type WeekdayEntry = { weekday: Weekday; ordinal?: number };

/**
 * A date-time as written. `local` is the wall clock (`YYYY-MM-DDTHH:MM:SS`) in `zone`; `form` records how it was
 * written: with a TZID, in UTC (`…Z`, zone `UTC`), or floating (no zone; read in the caller's default zone).
 */
export type RecurrenceDateTime = { local: string; zone: string; form: 'zoned' | 'utc' | 'floating' };

/** UNTIL as written: a UTC instant, a local date-time in the rule's zone, or a whole local date (inclusive). */
export type Until =
  | { kind: 'instant'; instant: string }
  | { kind: 'local'; local: string }
  | { kind: 'date'; date: string };

export type RecurrenceRule = {
  freq: Frequency;
  interval: number;
  count?: number;
  until?: Until;
  byMonth?: number[];
  byMonthDay?: number[];
  byDay?: WeekdayEntry[];
  byHour?: number[];
  byMinute?: number[];
  bySetPos?: number[];
  wkst: Weekday;
};

export type Recurrence = {
  start: RecurrenceDateTime;
  rule?: RecurrenceRule;
  exdates: RecurrenceDateTime[];
  rdates: RecurrenceDateTime[];
};

export const WEEKDAYS: readonly Weekday[] = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'];
const FREQUENCIES: readonly string[] = ['DAILY', 'WEEKLY', 'MONTHLY', 'YEARLY'];
const UNSUPPORTED_FREQUENCIES: readonly string[] = ['HOURLY', 'MINUTELY', 'SECONDLY'];
const UNSUPPORTED_PARTS: readonly string[] = ['BYSECOND', 'BYWEEKNO', 'BYYEARDAY', 'RSCALE', 'SKIP'];

export type ParseOptions = { /** The zone for floating (zone-less) date-times. */ defaultZone?: string };

type ContentLine = { name: string; params: Map<string, string>; value: string };

function fail(field: string, reason: string): never {
  throw new RecurrenceError(field, reason);
}

function splitLines(text: string): string[] {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/\n[ \t]/g, '')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '');
}

function parseContentLine(line: string): ContentLine {
  const colon = line.indexOf(':');
  if (colon < 0) fail(line.split(';')[0]!.toUpperCase(), 'is not a "NAME:value" content line');
  const [name = '', ...rawParams] = line.slice(0, colon).split(';');
  const params = new Map<string, string>();
  for (const raw of rawParams) {
    const eq = raw.indexOf('=');
    if (eq < 1) fail(name.toUpperCase(), `has a malformed parameter "${raw}"`);
    params.set(raw.slice(0, eq).toUpperCase(), raw.slice(eq + 1).replace(/^"(.*)"$/, '$1'));
  }
  return { name: name.toUpperCase(), params, value: line.slice(colon + 1).trim() };
}

const DATE_TIME = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})(Z?)$/;
const DATE = /^(\d{4})(\d{2})(\d{2})$/;

function isoDate(field: string, y: string, m: string, d: string): string {
  try {
    return Temporal.PlainDate.from({ year: +y, month: +m, day: +d }, { overflow: 'reject' }).toString();
  } catch {
    return fail(field, `has an invalid date ${y}${m}${d}`);
  }
}

function isoLocal(field: string, match: RegExpExecArray): string {
  const [, y, m, d, hh, mm, ss] = match as unknown as string[];
  const date = isoDate(field, y!, m!, d!);
  if (+hh! > 23 || +mm! > 59 || +ss! > 59) fail(field, `has an invalid time ${hh}${mm}${ss}`);
  return `${date}T${hh}:${mm}:${ss}`;
}

function resolveZone(field: string, zone: string): string {
  return canonicalTimeZone(zone) ?? fail(field, `has an unknown time zone "${zone}"`);
}

/** Date-time values of one line: TZID, UTC or floating (zone filled in later). */
function parseDateTimes(
  line: ContentLine,
): { local: string; zone?: string; form: RecurrenceDateTime['form'] }[] {
  const field = line.name;
  for (const key of line.params.keys())
    if (key !== 'TZID' && key !== 'VALUE') fail(field, `has an unsupported parameter ${key}`);
  const valueType = line.params.get('VALUE')?.toUpperCase();
  if (valueType !== undefined && valueType !== 'DATE-TIME')
    fail(field, `VALUE=${valueType} is not supported (only DATE-TIME values)`);
  const tzid = line.params.get('TZID');
  const zone = tzid === undefined ? undefined : resolveZone(field, tzid);
  if (line.value === '') fail(field, 'has no value');
  return line.value.split(',').map((raw) => {
    const match = DATE_TIME.exec(raw.trim());
    if (!match) fail(field, `has "${raw}", not a date-time like 19970902T090000 or 19970902T130000Z`);
    const local = isoLocal(field, match);
    if (match[7] === 'Z') {
      if (zone !== undefined) fail(field, 'cannot have both a TZID and a UTC (Z) value');
      return { local, zone: 'UTC', form: 'utc' as const };
    }
    return zone === undefined
      ? { local, form: 'floating' as const }
      : { local, zone, form: 'zoned' as const };
  });
}

function parseIntList(field: string, value: string, min: number, max: number, nonZero: boolean): number[] {
  const list = value.split(',').map((raw) => {
    if (!/^[+-]?\d{1,3}$/.test(raw)) fail(field, `has "${raw}", not an integer`);
    const n = Number(raw);
    if (n < min || n > max || (nonZero && n === 0))
      fail(field, `has ${raw}, outside ${min}…${max}${nonZero ? ' (not 0)' : ''}`);
    return n;
  });
  return [...new Set(list)].sort((a, b) => a - b);
}

function positiveInt(field: string, value: string): number {
  if (!/^\d{1,9}$/.test(value) || Number(value) < 1)
    fail(field, `must be a positive integer, not "${value}"`);
  return Number(value);
}

function parseWeekday(field: string, value: string): Weekday {
  if (!(WEEKDAYS as readonly string[]).includes(value))
    fail(field, `has "${value}", not one of ${WEEKDAYS.join(',')}`);
  return value as Weekday;
}

function compareEntries(a: WeekdayEntry, b: WeekdayEntry): number {
  const byDay = WEEKDAYS.indexOf(a.weekday) - WEEKDAYS.indexOf(b.weekday);
  if (byDay !== 0) return byDay;
  const rank = (o: number | undefined) => (o === undefined ? -1000 : o < 0 ? 1000 - o : o);
  return rank(a.ordinal) - rank(b.ordinal);
}

function parseUntil(value: string): Until {
  const field = 'RRULE.UNTIL';
  const date = DATE.exec(value);
  if (date) return { kind: 'date', date: isoDate(field, date[1]!, date[2]!, date[3]!) };
  const match = DATE_TIME.exec(value);
  if (!match) fail(field, `has "${value}", not a date (19971224) or date-time (19971224T000000Z)`);
  const local = isoLocal(field, match);
  return match[7] === 'Z' ? { kind: 'instant', instant: `${local}Z` } : { kind: 'local', local };
}

export function parseRule(value: string): RecurrenceRule {
  const parts = new Map<string, string>();
  for (const raw of value.split(';')) {
    if (raw === '') continue;
    const eq = raw.indexOf('=');
    const key = (eq < 0 ? raw : raw.slice(0, eq)).toUpperCase();
    const field = `RRULE.${key}`;
    if (eq < 1) fail('RRULE', `has "${raw}", not a NAME=value part`);
    if (UNSUPPORTED_PARTS.includes(key)) fail(field, 'is not supported');
    if (parts.has(key)) fail(field, 'is given more than once');
    parts.set(key, raw.slice(eq + 1).toUpperCase());
  }
  const freqText = parts.get('FREQ');
  if (freqText === undefined) fail('RRULE.FREQ', 'is required');
  if (UNSUPPORTED_FREQUENCIES.includes(freqText))
    fail('RRULE.FREQ', `${freqText} is not supported (only ${FREQUENCIES.join(', ')})`);
  if (!FREQUENCIES.includes(freqText)) fail('RRULE.FREQ', `"${freqText}" is not a frequency`);
  const freq = freqText as Frequency;
  const rule: RecurrenceRule = { freq, interval: 1, wkst: 'MO' };
  for (const [key, text] of parts) {
    const field = `RRULE.${key}`;
    switch (key) {
      case 'FREQ':
        break;
      case 'INTERVAL':
        rule.interval = positiveInt(field, text);
        break;
      case 'COUNT':
        rule.count = positiveInt(field, text);
        break;
      case 'UNTIL':
        rule.until = parseUntil(text);
        break;
      case 'BYMONTH':
        rule.byMonth = parseIntList(field, text, 1, 12, true);
        break;
      case 'BYMONTHDAY':
        if (freq === 'WEEKLY') fail(field, 'cannot be used with FREQ=WEEKLY (RFC 5545)');
        rule.byMonthDay = parseIntList(field, text, -31, 31, true);
        break;
      case 'BYDAY': {
        const entries = text.split(',').map((raw): WeekdayEntry => {
          const m = /^([+-]?\d{1,2})?([A-Z]{2})$/.exec(raw);
          if (!m) fail(field, `has "${raw}", not a weekday like MO, 2MO or -1FR`);
          const weekday = parseWeekday(field, m[2]!);
          if (m[1] === undefined) return { weekday };
          const ordinal = Number(m[1]);
          if (freq !== 'MONTHLY' && freq !== 'YEARLY')
            fail(field, `"${raw}": an ordinal weekday needs FREQ=MONTHLY or YEARLY`);
          const max = freq === 'MONTHLY' || parts.has('BYMONTH') ? 5 : 53;
          if (ordinal === 0 || Math.abs(ordinal) > max)
            fail(field, `"${raw}": the ordinal must be ±1…${max}`);
          return { weekday, ordinal };
        });
        const seen = new Set<string>();
        rule.byDay = entries
          .filter((e) => {
            const k = `${e.ordinal ?? ''}${e.weekday}`;
            if (seen.has(k)) return false;
            seen.add(k);
            return true;
          })
          .sort(compareEntries);
        break;
      }
      case 'BYHOUR':
        rule.byHour = parseIntList(field, text, 0, 23, false);
        break;
      case 'BYMINUTE':
        rule.byMinute = parseIntList(field, text, 0, 59, false);
        break;
      case 'BYSETPOS':
        rule.bySetPos = parseIntList(field, text, -366, 366, true);
        break;
      case 'WKST':
        rule.wkst = parseWeekday(field, text);
        break;
      default:
        fail(field, 'is not an RRULE part this engine knows');
    }
  }
  if (rule.count !== undefined && rule.until !== undefined)
    fail('RRULE.UNTIL', 'cannot be combined with COUNT (RFC 5545)');
  if (rule.bySetPos && !rule.byMonth && !rule.byMonthDay && !rule.byDay && !rule.byHour && !rule.byMinute)
    fail('RRULE.BYSETPOS', 'needs another BYxxx part to select from');
  return rule;
}

/** Parses DTSTART/RRULE/EXDATE/RDATE lines; throws `RecurrenceError` naming the offending property or part. */
export function parseRecurrence(text: string, options: ParseOptions = {}): Recurrence {
  let start: ReturnType<typeof parseDateTimes>[number] | undefined;
  let rule: RecurrenceRule | undefined;
  const exdates: ReturnType<typeof parseDateTimes> = [];
  const rdates: ReturnType<typeof parseDateTimes> = [];
  for (const raw of splitLines(text)) {
    const line = parseContentLine(raw);
    switch (line.name) {
      case 'DTSTART': {
        if (start) fail('DTSTART', 'is given more than once');
        const values = parseDateTimes(line);
        if (values.length !== 1) fail('DTSTART', 'must have exactly one value');
        start = values[0];
        break;
      }
      case 'RRULE':
        if (line.params.size > 0) fail('RRULE', 'takes no parameters');
        if (rule) fail('RRULE', 'is given more than once (only one rule is supported)');
        rule = parseRule(line.value);
        break;
      case 'EXDATE':
        exdates.push(...parseDateTimes(line));
        break;
      case 'RDATE':
        rdates.push(...parseDateTimes(line));
        break;
      case 'EXRULE':
        fail('EXRULE', 'is not supported (deprecated in RFC 5545)');
        break;
      default:
        fail(line.name || 'line', 'is not a recurrence property (DTSTART, RRULE, EXDATE, RDATE)');
    }
  }
  if (!start) return fail('DTSTART', 'is required');
  let zone: string;
  if (start.form === 'floating') {
    if (options.defaultZone === undefined)
      fail('DTSTART', 'is a floating time and no default time zone was given');
    zone = resolveZone('DTSTART', options.defaultZone);
  } else zone = start.zone!;
  const complete = (v: ReturnType<typeof parseDateTimes>[number]): RecurrenceDateTime => ({
    local: v.local,
    zone: v.zone ?? zone,
    form: v.form,
  });
  const recurrence: Recurrence = {
    start: complete(start),
    exdates: canonicalDates(exdates.map(complete)),
    rdates: canonicalDates(rdates.map(complete)),
  };
  if (rule) recurrence.rule = rule;
  return recurrence;
}

/** Sorted by instant (then as written) and deduplicated, so printing is deterministic. */
function canonicalDates(values: RecurrenceDateTime[]): RecurrenceDateTime[] {
  const keyed = values.map((v) => ({
    v,
    at: Temporal.PlainDateTime.from(v.local).toZonedDateTime(v.zone, { disambiguation: 'compatible' })
      .epochMilliseconds,
    text: `${v.form} ${v.zone} ${v.local}`,
  }));
  keyed.sort((a, b) => a.at - b.at || (a.text < b.text ? -1 : a.text > b.text ? 1 : 0));
  return keyed.filter((k, i) => i === 0 || k.text !== keyed[i - 1]!.text).map((k) => k.v);
}

const compact = (local: string) => local.replace(/[-:]/g, '');

function dateTimeLine(name: string, values: RecurrenceDateTime[]): string {
  const first = values[0]!;
  const param = first.form === 'zoned' ? `;TZID=${first.zone}` : '';
  const suffix = first.form === 'utc' ? 'Z' : '';
  return `${name}${param}:${values.map((v) => compact(v.local) + suffix).join(',')}`;
}

/** Consecutive values written the same way share a line. */
function dateTimeLines(name: string, values: RecurrenceDateTime[]): string[] {
  const lines: string[] = [];
  let group: RecurrenceDateTime[] = [];
  for (const v of values) {
    const last = group[0];
    if (last && (last.form !== v.form || last.zone !== v.zone)) {
      lines.push(dateTimeLine(name, group));
      group = [];
    }
    group.push(v);
  }
  if (group.length > 0) lines.push(dateTimeLine(name, group));
  return lines;
}

function printUntil(until: Until): string {
  if (until.kind === 'date') return until.date.replace(/-/g, '');
  if (until.kind === 'local') return compact(until.local);
  return compact(until.instant);
}

export function printRule(rule: RecurrenceRule): string {
  const parts = [`FREQ=${rule.freq}`];
  if (rule.until) parts.push(`UNTIL=${printUntil(rule.until)}`);
  if (rule.count !== undefined) parts.push(`COUNT=${rule.count}`);
  if (rule.interval !== 1) parts.push(`INTERVAL=${rule.interval}`);
  if (rule.byMonth) parts.push(`BYMONTH=${rule.byMonth.join(',')}`);
  if (rule.byMonthDay) parts.push(`BYMONTHDAY=${rule.byMonthDay.join(',')}`);
  if (rule.byDay) parts.push(`BYDAY=${rule.byDay.map((d) => `${d.ordinal ?? ''}${d.weekday}`).join(',')}`);
  if (rule.byHour) parts.push(`BYHOUR=${rule.byHour.join(',')}`);
  if (rule.byMinute) parts.push(`BYMINUTE=${rule.byMinute.join(',')}`);
  if (rule.bySetPos) parts.push(`BYSETPOS=${rule.bySetPos.join(',')}`);
  if (rule.wkst !== 'MO') parts.push(`WKST=${rule.wkst}`);
  return parts.join(';');
}

export function printRecurrence(recurrence: Recurrence): string {
  const lines = [dateTimeLine('DTSTART', [recurrence.start])];
  if (recurrence.rule) lines.push(`RRULE:${printRule(recurrence.rule)}`);
  lines.push(...dateTimeLines('RDATE', recurrence.rdates), ...dateTimeLines('EXDATE', recurrence.exdates));
  return lines.join('\n');
}
