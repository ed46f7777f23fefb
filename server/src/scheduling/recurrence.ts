import { Temporal } from 'temporal-polyfill';
import {
  civilFromDays,
  daysFromCivil,
  daysInMonth,
  SECONDS_PER_DAY,
  weekdayOf,
} from '../shared/time/civil-date.js';
import { epochToLocal, localToEpoch } from '../shared/time/zone-offset.js';
import type { Recurrence, RecurrenceDateTime, RecurrenceRule } from './recurrence-rule.js';
import { WEEKDAYS } from './recurrence-rule.js';

/**
 * Expansion of an RFC 5545 recurrence into `Temporal.ZonedDateTime` occurrences, lazily and in order.
 *
 * - Occurrences keep DTSTART's wall-clock time (or BYHOUR/BYMINUTE) in the rule's zone across DST changes. A
 *   wall-clock time that does not exist (spring-forward gap) moves forward by the gap's length; an ambiguous one
 *   (fall-back) takes the earlier instant — Temporal's `disambiguation: 'compatible'`.
 * - Invalid dates (Feb 30, BYMONTHDAY=31 in a 30-day month) are skipped, not clamped.
 * - DTSTART, by Carebook's product rule (the default, `dtstart: 'if-matched'`), is an occurrence only when the
 *   rule itself gives it (every part counts: BYDAY with ordinals, BYSETPOS, BYHOUR…), and COUNT counts the
 *   occurrences given: "every Monday from Tuesday 2 March, COUNT=4" is four Mondays. With `dtstart: 'rfc5545'`
 *   DTSTART is always the first occurrence and counts toward COUNT, as RFC 5545's text says.
 * - EXDATE-excluded occurrences still count; RDATEs are added and do not count. An instant produced twice
 *   (RDATE equal to a rule occurrence) appears once.
 * - Work is done period by period (day, week, month, year) on integer day numbers; a Temporal object is made
 *   only for an occurrence that is emitted. Without COUNT, periods before the window are skipped arithmetically.
 * - A rule that stops producing dates (e.g. BYMONTH=2;BYMONTHDAY=30) ends after 400 empty years; nothing past
 *   year 9999 is produced.
 */

/** A half-open window [from, to) of instants; either end may be open. */
export type ExpandWindow = { from?: Temporal.Instant; to?: Temporal.Instant };

/** How DTSTART is read (see above): Carebook's product rule, or RFC 5545's "DTSTART always counts". */
export type DtstartReading = 'if-matched' | 'rfc5545';
export type ExpandOptions = { dtstart?: DtstartReading };

const MARGIN = 2 * SECONDS_PER_DAY;
const GREGORIAN_CYCLE_DAYS = 146097;
const LAST_DAY = daysFromCivil(9999, 12, 31);
const EMPTY: number[] = [];

type Plan = {
  freq: RecurrenceRule['freq'];
  interval: number;
  byMonth: boolean[] | null;
  byMonthDay: number[] | null;
  /** Weekdays (ISO 1–7) of BYDAY entries without an ordinal, as a bit mask; 0 when none. */
  plainDays: number;
  /** [weekday, ordinal] pairs of BYDAY entries with an ordinal. */
  ordinalDays: [number, number][];
  hasByDay: boolean;
  bySetPos: number[] | null;
  times: number[];
  wkst: number;
  startDay: number;
  startYear: number;
  startMonth: number;
  startDate: number;
};

function toLocalSeconds(local: string): number {
  const y = Number(local.slice(0, 4));
  const mo = Number(local.slice(5, 7));
  const d = Number(local.slice(8, 10));
  const h = Number(local.slice(11, 13));
  const mi = Number(local.slice(14, 16));
  const s = Number(local.slice(17, 19));
  return daysFromCivil(y, mo, d) * SECONDS_PER_DAY + h * 3600 + mi * 60 + s;
}

const weekdayNumber = (w: string) => WEEKDAYS.indexOf(w as (typeof WEEKDAYS)[number]) + 1;

function planOf(rule: RecurrenceRule, startLocal: number): Plan {
  const startDay = Math.floor(startLocal / SECONDS_PER_DAY);
  const secondOfDay = startLocal - startDay * SECONDS_PER_DAY;
  const [startYear, startMonth, startDate] = civilFromDays(startDay, [0, 0, 0]);
  const hours = rule.byHour ?? [Math.floor(secondOfDay / 3600)];
  const minutes = rule.byMinute ?? [Math.floor((secondOfDay % 3600) / 60)];
  const second = secondOfDay % 60;
  const times = hours.flatMap((h) => minutes.map((m) => h * 3600 + m * 60 + second)).sort((a, b) => a - b);
  let byMonth: boolean[] | null = null;
  if (rule.byMonth) {
    byMonth = new Array<boolean>(13).fill(false);
    for (const m of rule.byMonth) byMonth[m] = true;
  }
  let plainDays = 0;
  const ordinalDays: [number, number][] = [];
  for (const entry of rule.byDay ?? []) {
    const wd = weekdayNumber(entry.weekday);
    if (entry.ordinal === undefined) plainDays |= 1 << wd;
    else ordinalDays.push([wd, entry.ordinal]);
  }
  if (rule.freq === 'WEEKLY' && !rule.byDay) plainDays = 1 << weekdayOf(startDay);
  return {
    freq: rule.freq,
    interval: rule.interval,
    byMonth,
    byMonthDay: rule.byMonthDay ?? null,
    plainDays,
    ordinalDays,
    hasByDay: rule.byDay !== undefined || rule.freq === 'WEEKLY',
    bySetPos: rule.bySetPos ?? null,
    times,
    wkst: weekdayNumber(rule.wkst),
    startDay,
    startYear,
    startMonth,
    startDate,
  };
}

/** Whether `day` (the `index`-th of `length` days of its month or year, 1-based) satisfies BYDAY. */
function matchesByDay(plan: Plan, day: number, index: number, length: number): boolean {
  const wd = weekdayOf(day);
  if (plan.plainDays & (1 << wd)) return true;
  for (const [w, ordinal] of plan.ordinalDays) {
    if (w !== wd) continue;
    if (
      ordinal > 0
        ? Math.floor((index - 1) / 7) + 1 === ordinal
        : -(Math.floor((length - index) / 7) + 1) === ordinal
    )
      return true;
  }
  return false;
}

/** Days `first … first+length-1` (a month or a year) that BYDAY expands to. */
function expandByDay(plan: Plan, first: number, length: number, out: number[]): void {
  const last = first + length - 1;
  for (let wd = 1; wd <= 7; wd++) {
    if (!(plan.plainDays & (1 << wd))) continue;
    for (let d = first + ((wd - weekdayOf(first) + 7) % 7); d <= last; d += 7) out.push(d);
  }
  for (const [wd, ordinal] of plan.ordinalDays) {
    const d =
      ordinal > 0
        ? first + ((wd - weekdayOf(first) + 7) % 7) + 7 * (ordinal - 1)
        : last - ((weekdayOf(last) - wd + 7) % 7) + 7 * (ordinal + 1);
    if (d >= first && d <= last) out.push(d);
  }
}

/**
 * Days of one month that BYMONTHDAY / BYDAY / DTSTART's day give. `yearFirst`/`yearLength` are the year's
 * bounds when BYDAY ordinals count within the year (YEARLY without BYMONTH).
 */
function monthDays(plan: Plan, year: number, month: number, out: number[], yearScope: boolean): void {
  const first = daysFromCivil(year, month, 1);
  const length = daysInMonth(year, month);
  const yearFirst = yearScope ? daysFromCivil(year, 1, 1) : first;
  const scopeLength = yearScope ? daysFromCivil(year + 1, 1, 1) - yearFirst : length;
  if (plan.byMonthDay) {
    for (const md of plan.byMonthDay) {
      const date = md > 0 ? md : length + md + 1;
      if (date < 1 || date > length) continue;
      const day = first + date - 1;
      if (!plan.hasByDay || matchesByDay(plan, day, day - yearFirst + 1, scopeLength)) out.push(day);
    }
  } else if (plan.hasByDay) expandByDay(plan, first, length, out);
  else if (plan.startDate <= length) out.push(first + plan.startDate - 1);
}

/** The candidate days of period `k` (unsorted, may repeat), and the first day of that period. */
function periodDays(plan: Plan, k: number, out: number[], scratch: [number, number, number]): number {
  switch (plan.freq) {
    case 'DAILY': {
      const day = plan.startDay + k * plan.interval;
      if (plan.byMonth || plan.byMonthDay || plan.hasByDay) {
        const [y, m, d] = civilFromDays(day, scratch);
        if (plan.byMonth && !plan.byMonth[m]) return day;
        if (plan.byMonthDay) {
          const length = daysInMonth(y, m);
          if (!plan.byMonthDay.some((md) => md === d || length + md + 1 === d)) return day;
        }
        if (plan.hasByDay && !(plan.plainDays & (1 << weekdayOf(day)))) return day;
      }
      out.push(day);
      return day;
    }
    case 'WEEKLY': {
      const weekStart =
        plan.startDay - ((weekdayOf(plan.startDay) - plan.wkst + 7) % 7) + 7 * k * plan.interval;
      for (let day = weekStart; day < weekStart + 7; day++) {
        if (!(plan.plainDays & (1 << weekdayOf(day)))) continue;
        if (plan.byMonth && !plan.byMonth[civilFromDays(day, scratch)[1]]) continue;
        out.push(day);
      }
      return weekStart;
    }
    case 'MONTHLY': {
      const index = plan.startYear * 12 + plan.startMonth - 1 + k * plan.interval;
      const year = Math.floor(index / 12);
      const month = index - year * 12 + 1;
      if (!plan.byMonth || plan.byMonth[month]) monthDays(plan, year, month, out, false);
      return daysFromCivil(year, month, 1);
    }
    case 'YEARLY': {
      const year = plan.startYear + k * plan.interval;
      const first = daysFromCivil(year, 1, 1);
      if (plan.byMonth) {
        for (let m = 1; m <= 12; m++) if (plan.byMonth[m]) monthDays(plan, year, m, out, false);
      } else if (plan.byMonthDay) {
        for (let m = 1; m <= 12; m++) monthDays(plan, year, m, out, true);
      } else if (plan.hasByDay) {
        expandByDay(plan, first, daysFromCivil(year + 1, 1, 1) - first, out);
      } else if (plan.startDate <= daysInMonth(year, plan.startMonth)) {
        out.push(daysFromCivil(year, plan.startMonth, plan.startDate));
      }
      return first;
    }
  }
}

/** The first period that can reach `day`, for skipping ahead when COUNT does not force counting from DTSTART. */
function periodIndexAt(plan: Plan, day: number): number {
  let units: number;
  switch (plan.freq) {
    case 'DAILY':
      units = day - plan.startDay;
      break;
    case 'WEEKLY':
      units = Math.floor((day - (plan.startDay - ((weekdayOf(plan.startDay) - plan.wkst + 7) % 7))) / 7);
      break;
    case 'MONTHLY': {
      const [y, m] = civilFromDays(day, [0, 0, 0]);
      units = y * 12 + m - 1 - (plan.startYear * 12 + plan.startMonth - 1);
      break;
    }
    case 'YEARLY':
      units = civilFromDays(day, [0, 0, 0])[0] - plan.startYear;
      break;
  }
  return Math.max(0, Math.floor(units / plan.interval));
}

function selectPositions(keys: number[], positions: number[]): number[] {
  const picked = new Set<number>();
  for (const p of positions) {
    const key = p > 0 ? keys[p - 1] : keys[keys.length + p];
    if (key !== undefined) picked.add(key);
  }
  return [...picked].sort((a, b) => a - b);
}

/**
 * Rule occurrences after DTSTART, in order, as epoch seconds; stops at COUNT, UNTIL or past the window. A cursor
 * returning plain numbers (+Infinity at the end) rather than a generator, to allocate nothing per occurrence.
 */
class RuleCursor {
  private readonly plan: Plan;
  private readonly untilEpoch: number = Number.POSITIVE_INFINITY;
  private readonly untilLocal: number = Number.POSITIVE_INFINITY;
  private readonly fromLocal: number;
  private readonly toLocal: number;
  private readonly count: number;
  private readonly firstPeriod: number;
  private k: number;
  private counted: number;
  private lastProductiveDay: number;
  private lastEpoch = Number.NEGATIVE_INFINITY;
  private finished = false;
  private readonly days: number[] = [];
  private readonly scratch: [number, number, number] = [0, 0, 0];
  private readonly keyBuffer: number[] = [];
  private readonly batch: number[] = [];
  private index = 0;

  constructor(
    rule: RecurrenceRule,
    private readonly zone: string,
    private readonly startLocal: number,
    fromEpoch: number,
    toEpoch: number,
    /** RFC 5545's reading: DTSTART is emitted (and counted) by the caller, so the rule starts after it. */
    private readonly startCounts: boolean,
  ) {
    this.plan = planOf(rule, startLocal);
    this.counted = startCounts ? 1 : 0;
    if (rule.until?.kind === 'instant') {
      this.untilEpoch = Temporal.Instant.from(rule.until.instant).epochMilliseconds / 1000;
      this.untilLocal = epochToLocal(zone, this.untilEpoch) + MARGIN;
    } else if (rule.until?.kind === 'local') this.untilLocal = toLocalSeconds(rule.until.local);
    else if (rule.until?.kind === 'date') this.untilLocal = toLocalSeconds(`${rule.until.date}T23:59:59`);
    this.fromLocal = Number.isFinite(fromEpoch)
      ? epochToLocal(zone, fromEpoch) - MARGIN
      : Number.NEGATIVE_INFINITY;
    this.toLocal = Number.isFinite(toEpoch) ? epochToLocal(zone, toEpoch) + MARGIN : Number.POSITIVE_INFINITY;
    this.count = rule.count ?? Number.POSITIVE_INFINITY;
    this.firstPeriod =
      rule.count === undefined && this.fromLocal > startLocal
        ? periodIndexAt(this.plan, Math.floor(this.fromLocal / SECONDS_PER_DAY))
        : 0;
    this.k = this.firstPeriod;
    this.lastProductiveDay = this.plan.startDay;
  }

  next(): number {
    while (this.index >= this.batch.length) {
      if (this.finished) return Number.POSITIVE_INFINITY;
      this.fill();
    }
    return this.batch[this.index++]!;
  }

  /** Expands the next period that has candidates into `batch`. */
  private fill(): void {
    const { plan, days, batch } = this;
    const times = plan.times;
    batch.length = 0;
    this.index = 0;
    for (;;) {
      const k = this.k++;
      days.length = 0;
      const periodStart = periodDays(plan, k, days, this.scratch);
      if (periodStart > LAST_DAY || periodStart * SECONDS_PER_DAY > Math.min(this.untilLocal, this.toLocal)) {
        this.finished = true;
        return;
      }
      if (k === this.firstPeriod) this.lastProductiveDay = periodStart;
      if (days.length > 0) {
        this.lastProductiveDay = periodStart;
        break;
      }
      if (periodStart - this.lastProductiveDay > GREGORIAN_CYCLE_DAYS) {
        this.finished = true;
        return;
      }
    }
    if (days.length > 1) days.sort((a, b) => a - b);
    let keys: number[] = EMPTY;
    if (plan.bySetPos || times.length > 1 || days.length > 1) {
      keys = this.keyBuffer;
      keys.length = 0;
      let previous = Number.NaN;
      for (const day of days) {
        if (day === previous) continue;
        previous = day;
        for (const t of times) keys.push(day * SECONDS_PER_DAY + t);
      }
      if (plan.bySetPos) keys = selectPositions(keys, plan.bySetPos);
    }
    const n = keys === EMPTY ? 1 : keys.length;
    let sorted = true;
    for (let i = 0; i < n; i++) {
      const local = keys === EMPTY ? days[0]! * SECONDS_PER_DAY + times[0]! : keys[i]!;
      if (local < this.startLocal || (this.startCounts && local === this.startLocal)) continue;
      if (local > this.untilLocal || local > this.toLocal || this.counted >= this.count) {
        this.finished = true;
        break;
      }
      this.counted++;
      if (local < this.fromLocal) continue;
      const epoch = localToEpoch(this.zone, local);
      if (epoch > this.untilEpoch) {
        this.finished = true;
        break;
      }
      if (batch.length > 0 && epoch <= batch[batch.length - 1]!) sorted = false;
      batch.push(epoch);
    }
    // A gap can move a wall-clock time past a later one of the same period; keep instants in order, once each.
    if (!sorted) batch.sort((a, b) => a - b);
    let kept = 0;
    for (const epoch of batch) {
      if (epoch <= this.lastEpoch) continue;
      this.lastEpoch = epoch;
      batch[kept++] = epoch;
    }
    batch.length = kept;
  }
}

function epochOf(value: RecurrenceDateTime): number {
  return localToEpoch(value.zone, toLocalSeconds(value.local));
}

const NANOS_PER_SECOND = 1_000_000_000n;

/**
 * The occurrences of `recurrence` in [from, to) in order, each in the zone of DTSTART. Lazy: with neither COUNT,
 * UNTIL nor `to` it goes on until the consumer stops (or year 9999).
 */
export function* expandRecurrence(
  recurrence: Recurrence,
  window: ExpandWindow = {},
  options: ExpandOptions = {},
): Generator<Temporal.ZonedDateTime> {
  // Without a rule, DTSTART is the recurrence's one occurrence under either reading.
  const startCounts = options.dtstart === 'rfc5545' || !recurrence.rule;
  const zone = recurrence.start.zone;
  const fromEpoch = window.from ? Math.ceil(window.from.epochMilliseconds / 1000) : Number.NEGATIVE_INFINITY;
  const toEpoch = window.to ? Math.ceil(window.to.epochMilliseconds / 1000) : Number.POSITIVE_INFINITY;
  const startLocal = toLocalSeconds(recurrence.start.local);
  const excluded = new Set(recurrence.exdates.map(epochOf));
  const extras = [
    ...(startCounts ? [localToEpoch(zone, startLocal)] : []),
    ...recurrence.rdates.map(epochOf),
  ].sort((a, b) => a - b);
  const rule = recurrence.rule
    ? new RuleCursor(recurrence.rule, zone, startLocal, fromEpoch, toEpoch, startCounts)
    : null;
  let fromRule = rule ? rule.next() : Number.POSITIVE_INFINITY;
  let e = 0;
  let last = Number.NEGATIVE_INFINITY;
  for (;;) {
    const fromExtras = e < extras.length ? extras[e]! : Number.POSITIVE_INFINITY;
    let epoch: number;
    if (rule && fromRule <= fromExtras && fromRule !== Number.POSITIVE_INFINITY) {
      epoch = fromRule;
      fromRule = rule.next();
    } else {
      epoch = fromExtras;
      e++;
    }
    if (epoch >= toEpoch || epoch === Number.POSITIVE_INFINITY) return;
    if (epoch <= last || epoch < fromEpoch || excluded.has(epoch)) continue;
    last = epoch;
    yield new Temporal.ZonedDateTime(BigInt(epoch) * NANOS_PER_SECOND, zone);
  }
}

/** At most `limit` occurrences from the start of the window. */
export function firstOccurrences(
  recurrence: Recurrence,
  limit: number,
  window: ExpandWindow = {},
  options: ExpandOptions = {},
): Temporal.ZonedDateTime[] {
  const out: Temporal.ZonedDateTime[] = [];
  if (limit <= 0) return out;
  for (const zdt of expandRecurrence(recurrence, window, options)) {
    out.push(zdt);
    if (out.length >= limit) break;
  }
  return out;
}

/**
 * Whether the rule's UNTIL is before DTSTART: under the product rule such a recurrence has no occurrence, which
 * is refused as a mistake rather than saved as a series that books nothing.
 */
export function untilBeforeStart(recurrence: Recurrence): boolean {
  const until = recurrence.rule?.until;
  if (!until) return false;
  const startLocal = toLocalSeconds(recurrence.start.local);
  switch (until.kind) {
    case 'instant':
      return (
        Temporal.Instant.from(until.instant).epochMilliseconds / 1000 <
        localToEpoch(recurrence.start.zone, startLocal)
      );
    case 'local':
      return toLocalSeconds(until.local) < startLocal;
    case 'date':
      return until.date < recurrence.start.local.slice(0, 10);
  }
}
