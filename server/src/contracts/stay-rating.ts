import { Temporal } from 'temporal-polyfill';
import { describeSource, effectiveOption } from './option-sets.js';
import type { AccommodationRate, Contracts, OptionSource } from './rating.types.js';

/**
 * Rating stays in a bed: each night (or 24-hour day, which begins at check-in, so a stay has as many days as
 * nights) is priced by the contract's accommodation rate of that name in the option set in force on the night's
 * local date, so a stay crossing an option-set change prices each night by its own set.
 */

export type PricedNight = { night: string; rate: AccommodationRate; source: OptionSource };

export type StayRun = {
  nights: string[];
  rate: AccommodationRate;
  source: OptionSource;
  amountMinor: number;
  explanation: string;
};

type Schedules = Pick<Contracts, 'contractType' | 'assignment'>;

const sameName = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/** The contract's accommodation rates in force on a night, with where they came from. */
export function accommodationRatesOn(
  contracts: Schedules,
  night: string,
): { rates: AccommodationRate[]; source: OptionSource } {
  const found = effectiveOption(contracts, 'accommodationRates', night);
  return found
    ? { rates: found.value, source: found.source }
    : { rates: [], source: { from: 'default', inheritance: 'inherited' } };
}

/** Prices each night by the named rate in force on it; `missing` lists nights whose set has no such rate. */
export function priceNights(
  contracts: Schedules,
  rateName: string,
  nights: readonly string[],
): { priced: PricedNight[]; missing: string[] } {
  const priced: PricedNight[] = [];
  const missing: string[] = [];
  for (const night of nights) {
    const { rates, source } = accommodationRatesOn(contracts, night);
    const rate = rates.find((r) => sameName(r.name, rateName));
    if (rate) priced.push({ night, rate, source });
    else missing.push(night);
  }
  return { priced, missing };
}

const sameSource = (a: OptionSource, b: OptionSource) =>
  a.from === b.from && ('setIndex' in a ? a.setIndex : -1) === ('setIndex' in b ? b.setIndex : -1);

const sameRate = (a: AccommodationRate, b: AccommodationRate) =>
  a.rate === b.rate && a.unit === b.unit && (a.supportItem ?? null) === (b.supportItem ?? null);

const nextDay = (night: string, next: string) =>
  Temporal.PlainDate.from(night).add({ days: 1 }).toString() === next;

/**
 * Consecutive priced nights with one rate from one option set, as one run each: a stay crossing an option-set
 * change (or a gap of nights billed earlier) gives several runs. Nights in ascending order.
 */
export function stayRuns(priced: readonly PricedNight[]): StayRun[] {
  const runs: { nights: PricedNight[] }[] = [];
  for (const p of priced) {
    const run = runs.at(-1);
    const last = run?.nights.at(-1);
    if (
      run &&
      last &&
      nextDay(last.night, p.night) &&
      sameRate(last.rate, p.rate) &&
      sameSource(last.source, p.source)
    )
      run.nights.push(p);
    else runs.push({ nights: [p] });
  }
  return runs.map(({ nights }) => {
    const { rate, source } = nights[0]!;
    const count = nights.length;
    const amountMinor = rate.rate * count;
    const unit = `${rate.unit}${count === 1 ? '' : 's'}`;
    return {
      nights: nights.map((n) => n.night),
      rate,
      source,
      amountMinor,
      explanation: `${count} ${unit} × ${rate.rate}/${rate.unit} = ${amountMinor}: accommodation rate "${rate.name}"${rate.supportItem ? ` (support item ${rate.supportItem})` : ''}, nights ${nights[0]!.night} to ${nights.at(-1)!.night} (accommodationRates: ${describeSource(source)})`,
    };
  });
}
