import { DomainError, type FieldIssue } from '../shared/domain-error.js';
import { epochMinuteOf, epochSecondOf } from '../shared/time/civil-date.js';
import type { ZoneClock } from '../shared/time/zone-clock.js';
import { distanceCharge, proRata, toHundredths } from './money.js';
import { carerOption, describeSource, effectiveOptions, setInForce } from './option-sets.js';
import type {
  Contracts,
  NonProRataRate,
  OptionName,
  OptionSource,
  RatedLine,
  RatedVisit,
  RatingCalendar,
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

// Options in force per contracts and local date: a client's visits share a handful of dates, and resolving every
// option with its source is most of a simple visit's work. Keyed by the contracts object, which rating never
// mutates; entries go when the contracts do.
const optionsByDate = new WeakMap<Contracts, Map<string, ReturnType<typeof effectiveOptions>>>();

function optionsOn(contracts: Contracts, date: string): ReturnType<typeof effectiveOptions> {
  let byDate = optionsByDate.get(contracts);
  if (!byDate) {
    byDate = new Map();
    optionsByDate.set(contracts, byDate);
  }
  let options = byDate.get(date);
  if (!options) {
    options = effectiveOptions(contracts, date);
    byDate.set(date, options);
  }
  return options;
}

const invalidVisit = (issues: FieldIssue[]) =>
  new DomainError('invalid', 'The visit cannot be rated', issues);

/**
 * Rates one visit. `at` names the visit in error fields (e.g. 'visits.2'). Option sets are chosen by the
 * local date of the planned start (billOnActualTimes itself comes from them, so it cannot be the actual one).
 * Throws DomainError('invalid') listing every problem found.
 */
export function rateVisit(context: RatingContext, visit: VisitInput, at: string): RatedVisit {
  const { clock, calendar, contracts } = context;
  const issues: FieldIssue[] = [];
  const plannedStart = epochMinuteOf(visit.plannedStart);
  const date = clock.localDateOf(plannedStart);
  const options = optionsOn(contracts, date);
  const cite = (name: OptionName | 'mileageRate', source: OptionSource) =>
    `${name}: ${describeSource(source)}`;

  // Duration and start: planned, or actual check-in → check-out rounded per the contract.
  let start = plannedStart;
  let minutes = visit.plannedMinutes;
  let basis = `planned ${minutes} min`;
  if (options.billOnActualTimes.value) {
    if (!visit.actualStart || !visit.actualEnd) {
      issues.push({
        field: `${at}.${visit.actualStart ? 'actualEnd' : 'actualStart'}`,
        reason: `is required: the contract bills actual times on ${date} (${cite('billOnActualTimes', options.billOnActualTimes.source)})`,
      });
    } else {
      const seconds = epochSecondOf(visit.actualEnd) - epochSecondOf(visit.actualStart);
      if (seconds < 0) issues.push({ field: `${at}.actualEnd`, reason: 'must not be before actualStart' });
      else if (seconds > MAX_VISIT_MINUTES * 60)
        issues.push({
          field: `${at}.actualEnd`,
          reason: `must be within ${MAX_VISIT_MINUTES} minutes of actualStart`,
        });
      else {
        const rounding = options.rounding.value;
        start = epochMinuteOf(visit.actualStart);
        minutes = roundElapsed(seconds, rounding);
        const elapsed = `${Math.floor(seconds / 60)} min${seconds % 60 ? ` ${seconds % 60} s` : ''}`;
        basis =
          rounding.mode === 'none'
            ? `actual ${elapsed} → ${minutes} min`
            : `actual ${elapsed} rounded ${rounding.mode} to ${rounding.minutes} min → ${minutes} min`;
      }
    }
  }

  const hundredths = visit.mileage === undefined ? 0 : (toHundredths(visit.mileage) ?? -1);
  if (hundredths < 0) issues.push({ field: `${at}.mileage`, reason: 'must have at most two decimals' });
  if (hundredths > 0 && !options.enableTravelPayments.value)
    issues.push({
      field: `${at}.mileage`,
      reason: `cannot be recorded: travel payments are disabled on ${date} (${cite('enableTravelPayments', options.enableTravelPayments.source)})`,
    });
  if (issues.length > 0) throw invalidVisit(issues);

  // Time: one rule for the whole visit, or one part per rule with useFirstRange off.
  const ranges = options.unsociableRanges.value;
  const end = start + minutes;
  const parts: VisitPart[] = options.useFirstRange.value
    ? [{ window: ruleAt(ranges, clock, calendar, start), start, end }]
    : splitByRanges(ranges, clock, calendar, start, end);
  const wholeVisit = parts.length === 1;
  const lines: RatedLine[] = [];
  for (const part of parts) {
    const partMinutes = part.end - part.start;
    const rule = ruleRef(part.window);
    const period = { from: clock.describe(part.start), to: clock.describe(part.end) };
    const where = `${period.from} → ${period.to}; ${basis}${wholeVisit ? '' : `; split at range boundaries (useFirstRange off)`}`;
    const rateOption = part.window
      ? { name: 'unsociableRanges' as const, source: options.unsociableRanges.source }
      : options.hourlyRate && { name: 'hourlyRate' as const, source: options.hourlyRate.source };
    const nprOption = part.window
      ? { name: 'unsociableRanges' as const, source: options.unsociableRanges.source }
      : { name: 'nonProRataRates' as const, source: options.nonProRataRates.source };
    const npr = wholeVisit
      ? largestNonProRata(
          part.window ? (part.window.range.nonProRataRates ?? []) : options.nonProRataRates.value,
          partMinutes,
        )
      : undefined;
    if (npr)
      lines.push({
        kind: 'nonProRata',
        minutes: npr.minutes,
        amountMinor: npr.amount,
        explanation: `Non-pro-rata ${npr.minutes} min = ${npr.amount}: ${describeRule(part.window)}, largest non-pro-rata duration within ${partMinutes} min (${cite(nprOption.name, nprOption.source)}); ${where}`,
        source: { date, rule, period, option: nprOption },
      });
    const remaining = partMinutes - (npr?.minutes ?? 0);
    if (remaining === 0 && npr) continue;
    const rate = part.window ? part.window.range.hourlyRate : options.hourlyRate?.value;
    if (rate === undefined || !rateOption) {
      if (remaining === 0) continue;
      const typeSet = setInForce(contracts.contractType, date)?.index ?? 0;
      issues.push({
        field: `contractType.optionSets.${typeSet}.options.hourlyRate`,
        reason: `is required: visit ${visit.id} (${at}) has ${remaining} min at the base rate on ${date} and no option set in force gives an hourly rate`,
      });
      continue;
    }
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

  options.callOutCharges.value.forEach((charge) => {
    lines.push({
      kind: 'callOut',
      amountMinor: charge.amount,
      explanation: `Call-out charge "${charge.name}" = ${charge.amount} (${cite('callOutCharges', options.callOutCharges.source)})`,
      source: { date, option: { name: 'callOutCharges', source: options.callOutCharges.source } },
    });
  });

  if (options.chargeMileageToClient.value && hundredths > 0) {
    const via = { name: 'chargeMileageToClient' as const, source: options.chargeMileageToClient.source };
    const schedule = contracts.carerContract;
    const rate = schedule && carerOption(schedule, 'mileageRate', date);
    if (!schedule)
      issues.push({
        field: 'carerContract',
        reason: `is required: visit ${visit.id} (${at}) charges mileage to the client (${cite(via.name, via.source)})`,
      });
    else if (!rate)
      issues.push({
        field: `carerContract.optionSets.${setInForce(schedule, date)?.index ?? 0}.options.mileageRate`,
        reason: `is required: visit ${visit.id} (${at}) charges mileage to the client on ${date}`,
      });
    else {
      const amount = distanceCharge(hundredths, rate.value);
      lines.push({
        kind: 'mileage',
        rateMinor: rate.value,
        amountMinor: amount,
        explanation: `Mileage ${hundredths / 100} × ${rate.value} = ${amount} (${cite('mileageRate', rate.source)}; ${cite(via.name, via.source)})`,
        source: { date, option: { name: 'mileageRate', source: rate.source }, via },
      });
    }
  }

  if (issues.length > 0) throw invalidVisit(issues);
  return { id: visit.id, totalMinor: lines.reduce((sum, line) => sum + line.amountMinor, 0), lines };
}
