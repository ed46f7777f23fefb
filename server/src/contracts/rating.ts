import { DomainError, type FieldIssue } from '../shared/domain-error.js';
import { dateText, epochMinuteOf, epochSecondOf, floorDiv } from '../shared/time/civil-date.js';
import type { ZoneClock } from '../shared/time/zone-clock.js';
import { distanceCharge, proRata, toHundredths } from './money.js';
import {
  carerOption,
  describeSource,
  type EffectiveOptions,
  effectiveOptions,
  setInForce,
} from './option-sets.js';
import type {
  Contracts,
  EpochVisit,
  NonProRataRate,
  OptionName,
  OptionSource,
  RatedLine,
  RatedVisit,
  RatingCalendar,
  Rounding,
  RuleRef,
  VisitInput,
} from './rating.types.js';
import { roundElapsed } from './rounding.js';
import { type RangeWindow, ruleAt, splitByRanges, type VisitPart } from './unsociable-ranges.js';

/** Everything a batch of visits for one client shares; build once and rate many visits with it. */
export type RatingContext = { clock: ZoneClock; calendar: RatingCalendar; contracts: Contracts };

export const MAX_VISIT_MINUTES = 7 * 24 * 60;

/** The largest non-pro-rata duration not longer than the visit; the hourly rate is never one of them. */
export function largestNonProRata(
  rates: readonly NonProRataRate[],
  minutes: number,
): NonProRataRate | undefined {
  let best: NonProRataRate | undefined;
  for (const rate of rates)
    if (rate.minutes <= minutes && (!best || rate.minutes > best.minutes)) best = rate;
  return best;
}

function ruleRef(window: RangeWindow | undefined): RuleRef {
  return window
    ? {
        kind: 'range',
        rangeIndex: window.rangeIndex,
        when: window.range.when,
        from: window.range.from,
        to: window.range.to,
        windowDate: window.date,
      }
    : { kind: 'default' };
}

const WHEN_WORDS: Record<string, string> = {
  weekday: 'weekdays',
  weekend: 'weekends',
  publicHoliday: 'public holidays',
  specialDay: 'special days',
  mon: 'Mondays',
  tue: 'Tuesdays',
  wed: 'Wednesdays',
  thu: 'Thursdays',
  fri: 'Fridays',
  sat: 'Saturdays',
  sun: 'Sundays',
};

/** 'base rate', or 'unsociable range 1 (Sundays 00:00–24:00, window starting 2026-11-22)': numbered from 1. */
function describeRule(window: RangeWindow | undefined): string {
  if (!window) return 'base rate';
  const { when, from, to } = window.range;
  const key = when.kind === 'dayOfWeek' ? (when.day ?? '') : when.kind;
  return `unsociable range ${window.rangeIndex + 1} (${WHEN_WORDS[key] ?? key} ${from}–${to}, window starting ${window.date})`;
}

// Options in force per contracts and local day: a client's visits share a handful of days, and resolving every
// option with its source is most of a simple visit's work. Keyed by the contracts object, which rating never
// mutates, and the local day number; entries go when the contracts do. Contracts with one option set on each
// side resolve the same options on every date, so those skip the visit's local day altogether.
type OptionsCache = { sameEveryDay: EffectiveOptions | null; byDay: Map<number, EffectiveOptions> };
const optionsCache = new WeakMap<Contracts, OptionsCache>();
// The last contracts asked about: a run rates one client's visits after another, so most look-ups skip the
// WeakMap.
let lastContracts: Contracts | undefined;
let lastCache: OptionsCache | undefined;

function optionsAt(contracts: Contracts, clock: ZoneClock, epochMinute: number): EffectiveOptions {
  let cache = contracts === lastContracts ? lastCache : optionsCache.get(contracts);
  if (!cache) {
    const sameEveryDay = contracts.contractType.length <= 1 && contracts.assignment.length <= 1;
    // With one set per schedule, setInForce picks it (or nothing) on any date: any date resolves them all.
    cache = {
      sameEveryDay: sameEveryDay ? effectiveOptions(contracts, '1970-01-01') : null,
      byDay: new Map(),
    };
    optionsCache.set(contracts, cache);
  }
  lastContracts = contracts;
  lastCache = cache;
  if (cache.sameEveryDay) return cache.sameEveryDay;
  const day = clock.localDayOf(epochMinute);
  let found = cache.byDay.get(day);
  if (!found) {
    found = effectiveOptions(contracts, dateText(day));
    cache.byDay.set(day, found);
  }
  return found;
}

/** 'YYYY-MM-DD' of an epoch minute on the clock: built only where text needs it. */
const dateAt = (clock: ZoneClock, epochMinute: number) => dateText(clock.localDayOf(epochMinute));

const invalidVisit = (issues: FieldIssue[]) =>
  new DomainError('invalid', 'The visit cannot be rated', issues);

const cite = (name: OptionName | 'mileageRate', source: OptionSource) => `${name}: ${describeSource(source)}`;

/**
 * Rates one visit: its total and its priced lines, each with a human explanation and its source. `at` names
 * the visit in error fields (e.g. 'visits.2'). Option sets are chosen by the local date of the planned start
 * (billOnActualTimes itself comes from them, so it cannot be the actual one). Throws DomainError('invalid')
 * listing every problem found.
 */
export function rateVisit(context: RatingContext, visit: VisitInput, at: string): RatedVisit {
  const lines: RatedLine[] = [];
  const totalMinor = price(context, epochVisitOf(visit), at, lines);
  return { id: visit.id, totalMinor, lines };
}

/** A visit's instants as the epoch numbers rating computes with (planned start in minutes, actual in seconds). */
export function epochVisitOf(visit: VisitInput): EpochVisit {
  const times: EpochVisit = {
    id: visit.id,
    plannedStart: epochMinuteOf(visit.plannedStart),
    plannedMinutes: visit.plannedMinutes,
  };
  if (visit.actualStart) times.actualStart = epochSecondOf(visit.actualStart);
  if (visit.actualEnd) times.actualEnd = epochSecondOf(visit.actualEnd);
  if (visit.mileage !== undefined) times.mileage = visit.mileage;
  return times;
}

/**
 * The visit's total alone, for callers that need only the number: the same pricing as rateVisit (one code
 * path, so the same total and the same refusals), without building lines, explanations or sources, on epoch
 * numbers (`epochVisitOf` converts instants). Billing stores the lines ("why this price") and so calls
 * rateVisit.
 */
export function rateVisitTotal(context: RatingContext, visit: EpochVisit, at: string): number {
  return price(context, visit, at, null);
}

/**
 * Prices a visit and returns its total; with `lines`, also appends each priced line with its explanation
 * (every amount added to the total is one line's amount, so the total is the lines' sum). Without, no text is
 * built: explanations are the engine's cost, the arithmetic is not.
 */
function price(context: RatingContext, visit: EpochVisit, at: string, lines: RatedLine[] | null): number {
  const { clock, calendar, contracts } = context;
  const issues: FieldIssue[] = [];
  const plannedStart = visit.plannedStart;
  const options = optionsAt(contracts, clock, plannedStart);
  // The visit's local date, for explanations; refusals and the carer contract look-up build it when needed.
  const date = lines ? dateAt(clock, plannedStart) : '';

  // Duration and start: planned, or actual check-in → check-out rounded per the contract.
  let start = plannedStart;
  let minutes = visit.plannedMinutes;
  let actualSeconds = -1;
  if (options.billOnActualTimes.value) {
    if (visit.actualStart === undefined || visit.actualEnd === undefined) {
      issues.push({
        field: `${at}.${visit.actualStart !== undefined ? 'actualEnd' : 'actualStart'}`,
        reason: `is required: the contract bills actual times on ${dateAt(clock, plannedStart)} (${cite('billOnActualTimes', options.billOnActualTimes.source)})`,
      });
    } else {
      const seconds = visit.actualEnd - visit.actualStart;
      if (seconds < 0) issues.push({ field: `${at}.actualEnd`, reason: 'must not be before actualStart' });
      else if (seconds > MAX_VISIT_MINUTES * 60)
        issues.push({
          field: `${at}.actualEnd`,
          reason: `must be within ${MAX_VISIT_MINUTES} minutes of actualStart`,
        });
      else {
        start = floorDiv(visit.actualStart, 60);
        minutes = roundElapsed(seconds, options.rounding.value);
        actualSeconds = seconds;
      }
    }
  }

  const hundredths = visit.mileage === undefined ? 0 : (toHundredths(visit.mileage) ?? -1);
  if (hundredths < 0) issues.push({ field: `${at}.mileage`, reason: 'must have at most two decimals' });
  if (hundredths > 0 && !options.enableTravelPayments.value)
    issues.push({
      field: `${at}.mileage`,
      reason: `cannot be recorded: travel payments are disabled on ${dateAt(clock, plannedStart)} (${cite('enableTravelPayments', options.enableTravelPayments.source)})`,
    });
  if (issues.length > 0) throw invalidVisit(issues);

  // Time: one rule for the whole visit, or one part per rule with useFirstRange off. No ranges: one part at
  // the base rule, found without looking for windows.
  const ranges = options.unsociableRanges.value;
  const end = start + minutes;
  const parts: VisitPart[] =
    ranges.length === 0
      ? basePart(start, end)
      : options.useFirstRange.value
        ? [{ window: ruleAt(ranges, clock, calendar, start), start, end }]
        : splitByRanges(ranges, clock, calendar, start, end);
  const wholeVisit = parts.length === 1;
  const basis = lines ? basisText(visit.plannedMinutes, actualSeconds, minutes, options.rounding.value) : '';
  let total = 0;
  for (const part of parts) {
    const partMinutes = part.end - part.start;
    const npr = wholeVisit
      ? largestNonProRata(
          part.window ? (part.window.range.nonProRataRates ?? []) : options.nonProRataRates.value,
          partMinutes,
        )
      : undefined;
    const rate = part.window ? part.window.range.hourlyRate : options.hourlyRate?.value;
    const remaining = partMinutes - (npr?.minutes ?? 0);
    if (npr) total += npr.amount;
    if (rate !== undefined && !(remaining === 0 && npr)) total += proRata(remaining, rate);
    if (rate === undefined && remaining > 0) {
      const on = dateAt(clock, plannedStart);
      const typeSet = setInForce(contracts.contractType, on)?.index ?? 0;
      issues.push({
        field: `contractType.optionSets.${typeSet}.options.hourlyRate`,
        reason: `is required: visit ${visit.id} (${at}) has ${remaining} min at the base rate on ${on} and no option set in force gives an hourly rate`,
      });
    }
    if (lines) explainPart(lines, clock, options, date, part, npr, remaining, rate, basis, wholeVisit);
  }

  for (const charge of options.callOutCharges.value) {
    total += charge.amount;
    lines?.push({
      kind: 'callOut',
      amountMinor: charge.amount,
      explanation: `Call-out charge "${charge.name}" = ${charge.amount} (${cite('callOutCharges', options.callOutCharges.source)})`,
      source: { date, option: { name: 'callOutCharges', source: options.callOutCharges.source } },
    });
  }

  if (options.chargeMileageToClient.value && hundredths > 0) {
    const via = { name: 'chargeMileageToClient' as const, source: options.chargeMileageToClient.source };
    const schedule = contracts.carerContract;
    const on = date || dateAt(clock, plannedStart);
    const rate = schedule && carerOption(schedule, 'mileageRate', on);
    if (!schedule)
      issues.push({
        field: 'carerContract',
        reason: `is required: visit ${visit.id} (${at}) charges mileage to the client (${cite(via.name, via.source)})`,
      });
    else if (!rate)
      issues.push({
        field: `carerContract.optionSets.${setInForce(schedule, on)?.index ?? 0}.options.mileageRate`,
        reason: `is required: visit ${visit.id} (${at}) charges mileage to the client on ${on}`,
      });
    else {
      const amount = distanceCharge(hundredths, rate.value);
      total += amount;
      lines?.push({
        kind: 'mileage',
        rateMinor: rate.value,
        amountMinor: amount,
        explanation: `Mileage ${hundredths / 100} × ${rate.value} = ${amount} (${cite('mileageRate', rate.source)}; ${cite(via.name, via.source)})`,
        source: { date: on, option: { name: 'mileageRate', source: rate.source }, via },
      });
    }
  }

  if (issues.length > 0) throw invalidVisit(issues);
  return total;
}

// The one part of a visit under the base rule, reused: `price` reads it before returning and keeps no
// reference (lines copy what they need), so a simple visit allocates no parts.
const BASE_PART: VisitPart = { window: undefined, start: 0, end: 0 };
const BASE_PARTS: VisitPart[] = [BASE_PART];

function basePart(start: number, end: number): VisitPart[] {
  BASE_PART.start = start;
  BASE_PART.end = end;
  return BASE_PARTS;
}

/** 'planned 60 min', or 'actual 61 min 20 s rounded nearest to 15 min → 60 min' (actualSeconds < 0: planned). */
function basisText(planned: number, actualSeconds: number, minutes: number, rounding: Rounding): string {
  if (actualSeconds < 0) return `planned ${planned} min`;
  const elapsed = `${Math.floor(actualSeconds / 60)} min${actualSeconds % 60 ? ` ${actualSeconds % 60} s` : ''}`;
  return rounding.mode === 'none'
    ? `actual ${elapsed} → ${minutes} min`
    : `actual ${elapsed} rounded ${rounding.mode} to ${rounding.minutes} min → ${minutes} min`;
}

/** The non-pro-rata and time lines of one part, as priced by `price` (which adds their amounts). */
function explainPart(
  lines: RatedLine[],
  clock: ZoneClock,
  options: EffectiveOptions,
  date: string,
  part: VisitPart,
  npr: NonProRataRate | undefined,
  remaining: number,
  rate: number | undefined,
  basis: string,
  wholeVisit: boolean,
): void {
  const partMinutes = part.end - part.start;
  const rule = ruleRef(part.window);
  const period = { from: clock.describe(part.start), to: clock.describe(part.end) };
  const where = `${period.from} → ${period.to}; ${basis}${wholeVisit ? '' : `; split at range boundaries (useFirstRange off)`}`;
  if (npr) {
    const nprOption = part.window
      ? { name: 'unsociableRanges' as const, source: options.unsociableRanges.source }
      : { name: 'nonProRataRates' as const, source: options.nonProRataRates.source };
    lines.push({
      kind: 'nonProRata',
      minutes: npr.minutes,
      amountMinor: npr.amount,
      explanation: `Non-pro-rata ${npr.minutes} min = ${npr.amount}: ${describeRule(part.window)}, largest non-pro-rata duration within ${partMinutes} min (${cite(nprOption.name, nprOption.source)}); ${where}`,
      source: { date, rule, period, option: nprOption },
    });
  }
  if (rate === undefined || (remaining === 0 && npr)) return;
  const rateOption = part.window
    ? { name: 'unsociableRanges' as const, source: options.unsociableRanges.source }
    : { name: 'hourlyRate' as const, source: options.hourlyRate!.source };
  const amount = proRata(remaining, rate);
  lines.push({
    kind: 'time',
    minutes: remaining,
    rateMinor: rate,
    amountMinor: amount,
    explanation: `Time ${remaining} min × ${rate}/h = ${amount}${npr ? ' (remainder after non-pro-rata)' : ''}: ${describeRule(part.window)} (${cite(rateOption.name, rateOption.source)}); ${where}`,
    source: { date, rule, period, option: rateOption },
  });
}
