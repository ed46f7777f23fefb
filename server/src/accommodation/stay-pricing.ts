import type { Contracts } from '../contracts/rating.types.js';
import { accommodationRatesOn, priceNights, type StayRun, stayRuns } from '../contracts/stay-rating.js';
import { addDays, nightsOf } from './bed-rules.js';
import type { StayServiceRecord } from './stay.types.js';

/**
 * What a stay's services cost over its nights: a contract rate is priced night by night with the option set in
 * force on each (contracts/stay-rating.ts, the same function invoice runs use); a typed rate overrides it.
 */

type Schedules = Pick<Contracts, 'contractType' | 'assignment'>;
type Nights = { arriveOn: string; leaveOn: string };

export type ServicePrice = {
  units: number;
  amountMinor: number;
  runs: {
    from: string;
    to: string;
    units: number;
    rateMinor: number;
    amountMinor: number;
    explanation: string;
  }[];
  /** Why some nights have no price (the named rate is missing from the option set in force on them). */
  problem: string | null;
};

export function stayNights(s: Nights): string[] {
  return Array.from({ length: nightsOf(s) }, (_, i) => addDays(s.arriveOn, i));
}

const runView = (r: StayRun) => ({
  from: r.nights[0]!,
  to: addDays(r.nights.at(-1)!, 1),
  units: r.nights.length,
  rateMinor: r.rate.rate,
  amountMinor: r.amountMinor,
  explanation: r.explanation,
});

function missingProblem(rateName: string, missing: string[]): string | null {
  if (missing.length === 0) return null;
  const first = missing[0]!;
  return `The contract has no accommodation rate "${rateName}" in force on ${missing.length === 1 ? first : `${missing.length} nights from ${first}`}`;
}

/** A contract rate priced over these nights (or, with no contract, a problem saying so). */
export function priceRate(schedules: Schedules | null, rateName: string, nights: string[]): ServicePrice {
  if (!schedules)
    return {
      units: nights.length,
      amountMinor: 0,
      runs: [],
      problem: 'The stay has no contract to price it',
    };
  const { priced, missing } = priceNights(schedules, rateName, nights);
  const runs = stayRuns(priced).map(runView);
  return {
    units: nights.length,
    amountMinor: runs.reduce((sum, r) => sum + r.amountMinor, 0),
    runs,
    problem: missingProblem(rateName, missing),
  };
}

export function priceService(
  service: Pick<StayServiceRecord, 'contractRate' | 'rateMinor' | 'unit'>,
  schedules: Schedules | null,
  stay: Nights,
): ServicePrice {
  const nights = stayNights(stay);
  if (service.rateMinor !== null || service.contractRate === null) {
    const rate = service.rateMinor ?? 0;
    const amountMinor = rate * nights.length;
    return {
      units: nights.length,
      amountMinor,
      runs:
        nights.length === 0
          ? []
          : [
              {
                from: stay.arriveOn,
                to: stay.leaveOn,
                units: nights.length,
                rateMinor: rate,
                amountMinor,
                explanation: `${nights.length} × ${rate}/${service.unit} = ${amountMinor}: the price typed on the service, overriding the contract`,
              },
            ],
      problem: null,
    };
  }
  return priceRate(schedules, service.contractRate, nights);
}

/** The contract's accommodation rates in force on any night of the stay, in first-seen order. */
export function rateNamesFor(schedules: Schedules, nights: string[]) {
  const seen = new Map<string, { name: string; unit: 'night' | 'day'; supportItem: string | null }>();
  for (const night of nights.length > 0 ? nights : [])
    for (const r of accommodationRatesOn(schedules, night).rates)
      if (!seen.has(r.name.toLowerCase()))
        seen.set(r.name.toLowerCase(), { name: r.name, unit: r.unit, supportItem: r.supportItem ?? null });
  return [...seen.values()];
}
