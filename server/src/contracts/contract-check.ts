import { formatMinor, type OrganisationFormats } from '../shared/organisation-formats.js';
import type { ZoneClock } from '../shared/time/zone-clock.js';
import { effectiveOption, setInForce } from './option-sets.js';
import { type RatingContext, rateVisit } from './rating.js';
import type {
  ContractOptions,
  Contracts,
  OptionSet,
  RatedLine,
  RatingCalendar,
  Schedule,
} from './rating.types.js';

/**
 * A contract's "check", as the editor shows it before saving: the price of a visit by duration from 0 to 4
 * hours, warnings where non-pro-rata rates make a longer visit cheaper than a shorter one or a fixed price
 * costs more than a whole hour, and a Friday 19:45 → Saturday 02:00 visit priced with useFirstRange on and
 * off. Pure: the zone clock, calendar and date come in; every price is the rating engine's.
 */

export const CHART_STEP_MINUTES = 15;
export const CHART_MAX_MINUTES = 240;
/** The chart's visits start at 10:00 local on the checked date (a weekday's base rate, unless that day is not). */
export const CHART_START = '10:00';

export type PricedExample = { totalMinor: number; lines: RatedLine[] } | { problem: string };

export type ContractCheck = {
  date: string;
  chartStart: string;
  points: { minutes: number; totalMinor: number | null }[];
  warnings: string[];
  useFirstRange: {
    value: boolean;
    example: { start: string; end: string; firstRange: PricedExample; split: PricedExample };
  };
  problems: string[];
};

function priceAt(
  context: RatingContext,
  clock: ZoneClock,
  date: string,
  time: string,
  minutes: number,
): PricedExample {
  const start = clock.parseLocal(`${date}T${time}`);
  if (!start) return { problem: `${date} ${time} is not a time in ${clock.zone}` };
  try {
    // The visit took exactly as long as planned, so a contract billing actual times (and rounding them)
    // prices it too.
    const visit = {
      id: 'check',
      plannedStart: start,
      plannedMinutes: minutes,
      actualStart: start,
      actualEnd: start.add({ minutes }),
    };
    const rated = rateVisit(context, visit, 'visit');
    return { totalMinor: rated.totalMinor, lines: rated.lines };
  } catch (error) {
    const issues = (error as { issues?: { reason: string }[] }).issues;
    if (issues) return { problem: issues.map((i) => i.reason).join('; ') };
    throw error;
  }
}

/** The assignment schedule with useFirstRange forced on `date` (its other options as they are). */
function withFirstRange(
  assignment: Schedule<ContractOptions>,
  date: string,
  value: boolean,
): Schedule<ContractOptions> {
  const inForce = setInForce(assignment, date)?.set;
  const set: OptionSet<ContractOptions> = {
    effectiveFrom: date,
    options: { ...(inForce?.options ?? {}), useFirstRange: value },
  };
  return [set];
}

/** The first Friday on or after `date`. */
function fridayFrom(clock: ZoneClock, date: string): string {
  let day = date;
  for (let i = 0; i < 7 && clock.dayOfWeek(day) !== 'fri'; i++) day = clock.addDays(day, 1);
  return day;
}

export function checkContract(
  clock: ZoneClock,
  calendar: RatingCalendar,
  contracts: Pick<Contracts, 'contractType' | 'assignment'>,
  date: string,
  formats: Pick<OrganisationFormats, 'locale' | 'currency'>,
): ContractCheck {
  /** Warnings name amounts as the organisation writes money: '$12.50', '£12.50'. */
  const money = (minor: number) => formatMinor(minor, formats);
  const context: RatingContext = { clock, calendar, contracts };
  const problems = new Set<string>();
  const byMinute: (number | null)[] = [];
  for (let minutes = 0; minutes <= CHART_MAX_MINUTES; minutes++) {
    const priced = priceAt(context, clock, date, CHART_START, minutes);
    if ('problem' in priced) problems.add(priced.problem);
    byMinute.push('problem' in priced ? null : priced.totalMinor);
  }
  const points = byMinute
    .map((totalMinor, minutes) => ({ minutes, totalMinor }))
    .filter((p) => p.minutes % CHART_STEP_MINUTES === 0);

  const warnings: string[] = [];
  // Each drop in price as a visit gets longer, once per drop (the first minute it happens).
  for (let minutes = 1; minutes <= CHART_MAX_MINUTES; minutes++) {
    const price = byMinute[minutes];
    const before = byMinute[minutes - 1];
    if (price === null || price === undefined || before === null || before === undefined) continue;
    if (price < before)
      warnings.push(
        `A ${minutes} min visit costs ${money(price)}, less than a ${minutes - 1} min visit (${money(before)}): ` +
          'check the non-pro-rata rates',
      );
  }
  const hourly = effectiveOption(contracts, 'hourlyRate', date)?.value;
  const fixed = effectiveOption(contracts, 'nonProRataRates', date)?.value ?? [];
  if (hourly !== undefined)
    for (const rate of fixed)
      if (rate.minutes < 60 && rate.amount > hourly)
        warnings.push(
          `The fixed price for ${rate.minutes} min (${money(rate.amount)}) is more than a whole hour at the ` +
            `hourly rate (${money(hourly)}/h)`,
        );

  const friday = fridayFrom(clock, date);
  const useFirstRange = effectiveOption(contracts, 'useFirstRange', date)?.value ?? true;
  const both = (value: boolean) =>
    priceAt(
      {
        clock,
        calendar,
        contracts: { ...contracts, assignment: withFirstRange(contracts.assignment, friday, value) },
      },
      clock,
      friday,
      '19:45',
      6 * 60 + 15,
    );
  return {
    date,
    chartStart: CHART_START,
    points,
    warnings,
    useFirstRange: {
      value: useFirstRange,
      example: {
        start: `${friday}T19:45`,
        end: `${clock.addDays(friday, 1)}T02:00`,
        firstRange: both(true),
        split: both(false),
      },
    },
    problems: [...problems],
  };
}
