import { Temporal } from 'temporal-polyfill';
import type { BillableStayService } from '../accommodation/stay.types.js';
import type { Contracts, OptionSource } from '../contracts/rating.types.js';
import { priceNights, stayRuns } from '../contracts/stay-rating.js';

/** The nights of a stay service that begin in [periodFrom, periodTo]: a stay crossing the period is split. */
export function nightsInPeriod(s: BillableStayService, periodFrom: string, periodTo: string): string[] {
  const nights: string[] = [];
  let night = Temporal.PlainDate.from(s.arriveOn > periodFrom ? s.arriveOn : periodFrom);
  const leave = Temporal.PlainDate.from(s.leaveOn);
  const last = Temporal.PlainDate.from(periodTo);
  while (Temporal.PlainDate.compare(night, leave) < 0 && Temporal.PlainDate.compare(night, last) <= 0) {
    nights.push(night.toString());
    night = night.add({ days: 1 });
  }
  return nights;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** '4–7 Dec', '30 Nov – 3 Dec', '30 Dec 2026 – 2 Jan 2027': from the first night to the morning after the last. */
export function nightsRange(firstNight: string, lastNight: string): string {
  const from = Temporal.PlainDate.from(firstNight);
  const to = Temporal.PlainDate.from(lastNight).add({ days: 1 });
  const month = (d: Temporal.PlainDate) => MONTHS[d.month - 1]!;
  if (from.year !== to.year)
    return `${from.day} ${month(from)} ${from.year} – ${to.day} ${month(to)} ${to.year}`;
  if (from.month !== to.month) return `${from.day} ${month(from)} – ${to.day} ${month(to)}`;
  return `${from.day}–${to.day} ${month(to)}`;
}

export type StayLine = {
  service: BillableStayService;
  nights: string[];
  rateMinor: number;
  amountMinor: number;
  supportItem: string | null;
  /** For the client: service, bed and nights. */
  explanation: string;
  /** The contract option that priced the nights and where it came from; none for a typed price. */
  option: { name: 'accommodationRates'; rateName: string; source: OptionSource } | null;
  /** Why this price, in the engine's words (the rate, its option set, the arithmetic). */
  calculation: string;
};

function consecutiveRuns(nights: readonly string[]): string[][] {
  const runs: string[][] = [];
  for (const night of [...nights].sort()) {
    const run = runs.at(-1);
    const previous = run?.at(-1);
    if (run && previous && Temporal.PlainDate.from(previous).add({ days: 1 }).toString() === night)
      run.push(night);
    else runs.push([night]);
  }
  return runs;
}

const describeNights = (service: BillableStayService, unit: 'night' | 'day', run: readonly string[]) =>
  `${service.name}, ${service.roomName} ${service.bedName}, ${run.length} ${unit}${run.length === 1 ? '' : 's'} ${nightsRange(run[0]!, run.at(-1)!)}`;

/**
 * One line per service and run of consecutive nights priced alike: "Respite stay, Room 2 Bed A, 3 nights
 * 4–7 Dec". A service naming a contract rate is priced night by night by the option set in force on each
 * (contracts/stay-rating.ts), so a stay crossing an option-set change has a line per set; a typed price
 * overrides it. `unpriced` lists the nights whose option set has no such rate (they are not billed).
 */
export function stayLines(
  service: BillableStayService,
  nights: readonly string[],
  schedules: Pick<Contracts, 'contractType' | 'assignment'> | null = null,
): { lines: StayLine[]; unpriced: string[] } {
  if (service.rateMinor !== null || service.contractRate === null) {
    const rate = service.rateMinor ?? 0;
    const lines = consecutiveRuns(nights).map((run) => ({
      service,
      nights: run,
      rateMinor: rate,
      amountMinor: rate * run.length,
      supportItem: service.supportItem,
      explanation: describeNights(service, service.unit, run),
      option: null,
      calculation: `${run.length} × ${rate}/${service.unit} = ${rate * run.length}: the price typed on the stay's service${service.contractRate ? `, overriding accommodation rate "${service.contractRate}"` : ''}`,
    }));
    return { lines, unpriced: [] };
  }
  if (!schedules) return { lines: [], unpriced: [...nights] };
  const { priced, missing } = priceNights(schedules, service.contractRate, [...nights].sort());
  const lines = stayRuns(priced).map((run) => ({
    service,
    nights: run.nights,
    rateMinor: run.rate.rate,
    amountMinor: run.amountMinor,
    supportItem: run.rate.supportItem ?? service.supportItem,
    explanation: describeNights(service, run.rate.unit, run.nights),
    option: { name: 'accommodationRates' as const, rateName: run.rate.name, source: run.source },
    calculation: run.explanation,
  }));
  return { lines, unpriced: missing };
}
