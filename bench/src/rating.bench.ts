import { Temporal } from 'temporal-polyfill';
import {
  epochVisitOf,
  type RatingContext,
  rateVisit,
  rateVisitTotal,
} from '../../server/src/contracts/rating.js';
import type {
  ContractOptions,
  Contracts,
  EpochVisit,
  VisitInput,
} from '../../server/src/contracts/rating.types.js';
import { createZoneClock } from '../../server/src/shared/time/zone-clock.js';
import { type BenchResult, fmt } from './support/report.js';
import { median, nowMs, seededRandom } from './support/timing.js';

/**
 * Benchmark 2: 100,000 generated visits through the rating engine (`rateVisit`, the function invoice runs
 * call) against a floor — a hand-written integer loop computing the same totals for the simplest contract
 * (hourly rate only) — and the full mix of rules. Visits are grouped by client, one RatingContext per client,
 * as an invoice run does. Both paths are timed: `rateVisit` (lines with explanations, what billing stores) and
 * `rateVisitTotal` (the same pricing, the total alone), and every visit's total must agree between them.
 */

const ZONES = ['Australia/Sydney', 'Australia/Perth', 'Australia/Brisbane', 'Australia/Adelaide'];
const CLIENTS = 100;
const HOURLY = 6_250; // minor units per hour

/** `epochVisits`: the same visits as the epoch numbers the totals path takes (converted once, as the floor's input is). */
type Client = { context: RatingContext; visits: VisitInput[]; epochVisits: EpochVisit[] };
/** The floor's input: the same visits as plain integers. */
type FloorInput = { minutes: Int32Array; rates: Int32Array };

const SIMPLE: Contracts = {
  contractType: [{ effectiveFrom: '2026-01-01', options: { hourlyRate: HOURLY } }],
  assignment: [],
};

/** A contract with every rule in play: dated option sets, ranges, non-pro-rata, rounding, call-outs. */
function fullContracts(i: number): Contracts {
  const ranges: ContractOptions['unsociableRanges'] = [
    { when: { kind: 'weekday' }, from: '18:00', to: '06:00', hourlyRate: 7_500 },
    {
      when: { kind: 'weekend' },
      from: '00:00',
      to: '24:00',
      hourlyRate: 8_800,
      nonProRataRates: [{ minutes: 60, amount: 9_000 }],
    },
    { when: { kind: 'publicHoliday' }, from: '00:00', to: '24:00', hourlyRate: 13_000 },
    { when: { kind: 'dayOfWeek', day: 'sat' }, from: '06:00', to: '12:00', hourlyRate: 8_000 },
  ];
  return {
    contractType: [
      {
        effectiveFrom: '2026-01-01',
        options: {
          hourlyRate: HOURLY,
          nonProRataRates: [
            { minutes: 30, amount: 3_900 },
            { minutes: 45, amount: 5_100 },
          ],
          unsociableRanges: ranges,
          useFirstRange: i % 2 === 0,
        },
      },
      { effectiveFrom: '2026-07-01', options: { hourlyRate: 6_480, unsociableRanges: ranges } },
    ],
    assignment:
      i % 3 === 0
        ? [
            {
              effectiveFrom: '2026-03-01',
              options: {
                billOnActualTimes: true,
                rounding: { mode: (['up', 'down', 'nearest'] as const)[i % 3]!, minutes: 15 },
                callOutCharges: [{ name: 'Establishment', amount: 1_250 }],
              },
            },
          ]
        : [],
  };
}

function generate(seed: number, count: number, full: boolean): { clients: Client[]; floor: FloorInput } {
  const random = seededRandom(seed);
  const clients: Client[] = [];
  const minutes = new Int32Array(count);
  const rates = new Int32Array(count);
  const start = Temporal.Instant.from('2026-01-01T00:00:00Z').epochMilliseconds;
  for (let c = 0; c < CLIENTS; c++) {
    const zone = ZONES[c % ZONES.length]!;
    const calendar = {
      publicHolidays: new Set(['2026-01-26', '2026-04-03', '2026-12-25']),
      specialDays: new Set<string>(),
    };
    clients.push({
      context: { clock: createZoneClock(zone), calendar, contracts: full ? fullContracts(c) : SIMPLE },
      visits: [],
      epochVisits: [],
    });
  }
  for (let v = 0; v < count; v++) {
    const client = clients[v % CLIENTS]!;
    const planned = start + Math.floor(random() * 365 * 96) * 900_000; // quarter hours through 2026
    const length = 30 + 15 * Math.floor(random() * 11); // 30 … 180 min
    const lateBy = Math.floor(random() * 600) - 120; // seconds
    const visit: VisitInput = {
      id: `v${v}`,
      plannedStart: Temporal.Instant.fromEpochMilliseconds(planned),
      plannedMinutes: length,
      actualStart: Temporal.Instant.fromEpochMilliseconds(planned + lateBy * 1000),
      actualEnd: Temporal.Instant.fromEpochMilliseconds(
        planned + (length * 60 + lateBy + Math.floor(random() * 900)) * 1000,
      ),
    };
    client.visits.push(visit);
    client.epochVisits.push(epochVisitOf(visit));
    minutes[v] = length;
    rates[v] = HOURLY;
  }
  return { clients, floor: { minutes, rates } };
}

/** Rates every visit; returns the grand total and a checksum of the per-visit totals in order. */
function rateAll(clients: Client[]): { total: number; checksum: number } {
  let total = 0;
  let checksum = 0;
  for (const client of clients)
    for (const visit of client.visits) {
      const rated = rateVisit(client.context, visit, 'visit');
      total += rated.totalMinor;
      checksum = (Math.imul(checksum, 31) + rated.totalMinor) | 0;
    }
  return { total, checksum };
}

/**
 * The same through the totals path (no lines, no explanations), on epoch numbers; `fromInstants` converts
 * each visit's Temporal instants first, as rateVisit does.
 */
function totalAll(clients: Client[], fromInstants = false): { total: number; checksum: number } {
  let total = 0;
  let checksum = 0;
  for (const client of clients)
    for (let i = 0; i < client.visits.length; i++) {
      const visit = fromInstants ? epochVisitOf(client.visits[i]!) : client.epochVisits[i]!;
      const visitTotal = rateVisitTotal(client.context, visit, 'visit');
      total += visitTotal;
      checksum = (Math.imul(checksum, 31) + visitTotal) | 0;
    }
  return { total, checksum };
}

/** The floor: minutes × rate / 60 rounded half-up, in integers, nothing else. */
function floorTotal(input: FloorInput): number {
  const { minutes, rates } = input;
  let total = 0;
  for (let i = 0; i < minutes.length; i++) {
    const product = minutes[i]! * rates[i]!;
    const remainder = product % 60;
    total += (product - remainder) / 60 + (remainder * 2 >= 60 ? 1 : 0);
  }
  return total;
}

function timed<T>(fn: () => T): { value: T; ms: number } {
  const start = nowMs();
  const value = fn();
  return { value, ms: nowMs() - start };
}

export async function ratingBench(options: {
  full: boolean;
  seed: number;
  visits?: number;
}): Promise<BenchResult> {
  const count = options.visits ?? 100_000;
  const simple = generate(options.seed, count, false);
  const mixed = generate(options.seed, count, true);
  const rounds = options.full ? 7 : 5;
  const engineRates: number[] = [];
  const totalsRates: number[] = [];
  const convertingRates: number[] = [];
  const floorRates: number[] = [];
  const mixRates: number[] = [];
  const mixTotalsRates: number[] = [];
  const ratios: number[] = [];
  const totalsRatios: number[] = [];
  const simpleTotals = new Set<string>();
  const mixTotals = new Set<string>();
  // Totals path and full path, per variant: their checksums (of every visit's total, in order) must agree.
  const pathsAgree = { simple: true, mix: true };
  let floorValue = 0;
  let engineValue = 0;
  let totalsValue = 0;
  for (let round = 0; round < rounds; round++) {
    const engine = timed(() => rateAll(simple.clients));
    const totals = timed(() => totalAll(simple.clients));
    const converting = timed(() => totalAll(simple.clients, true));
    // The floor takes microseconds: repeat it so its time is measurable, then scale.
    let repeats = 0;
    const floorStart = nowMs();
    do {
      floorValue = floorTotal(simple.floor);
      repeats++;
    } while (nowMs() - floorStart < 50);
    const floorMs = (nowMs() - floorStart) / repeats;
    const mix = timed(() => rateAll(mixed.clients));
    const mixTotal = timed(() => totalAll(mixed.clients));
    engineValue = engine.value.total;
    totalsValue = totals.value.total;
    if (totals.value.checksum !== engine.value.checksum || totals.value.total !== engine.value.total)
      pathsAgree.simple = false;
    if (converting.value.checksum !== engine.value.checksum) pathsAgree.simple = false;
    if (mixTotal.value.checksum !== mix.value.checksum || mixTotal.value.total !== mix.value.total)
      pathsAgree.mix = false;
    simpleTotals.add(`${engine.value.total}/${engine.value.checksum}`);
    mixTotals.add(`${mix.value.total}/${mix.value.checksum}`);
    engineRates.push((count / engine.ms) * 1000);
    totalsRates.push((count / totals.ms) * 1000);
    convertingRates.push((count / converting.ms) * 1000);
    floorRates.push((count / floorMs) * 1000);
    mixRates.push((count / mix.ms) * 1000);
    mixTotalsRates.push((count / mixTotal.ms) * 1000);
    ratios.push(engine.ms / floorMs);
    totalsRatios.push(totals.ms / floorMs);
  }
  const slowdown = median(ratios);
  const totalsSlowdown = median(totalsRatios);
  const mixSlowdown = median(mixRates.map((m, i) => floorRates[i]! / m));
  const mixTotalsSlowdown = median(mixTotalsRates.map((m, i) => floorRates[i]! / m));
  return {
    id: 'rating',
    title: '2. Rating',
    dataSet: `${fmt(count)} generated visits, ${CLIENTS} clients in ${ZONES.length} zones`,
    figures: [
      { label: 'integer floor (hourly rate only)', value: `${fmt(median(floorRates))} visits/s` },
      {
        label: 'engine totals path (no explanations, epoch numbers in), hourly rate only',
        value: `${fmt(median(totalsRates))} visits/s`,
      },
      {
        label: 'engine totals path converting each visit from Temporal.Instant first, hourly rate only',
        value: `${fmt(median(convertingRates))} visits/s`,
      },
      { label: 'engine with explanations, hourly rate only', value: `${fmt(median(engineRates))} visits/s` },
      {
        label:
          'engine with explanations, full mix (dated option sets, 4 unsociable ranges incl. across midnight, non-pro-rata, actual times with rounding, call-outs, split parts)',
        value: `${fmt(median(mixRates))} visits/s`,
      },
      { label: 'engine totals path, full mix', value: `${fmt(median(mixTotalsRates))} visits/s` },
    ],
    ratios: [
      {
        label: 'totals path time / floor time, hourly rate only',
        value: totalsSlowdown,
        goal: '≤ 20×',
        met: totalsSlowdown <= 20,
      },
      { label: 'engine with explanations time / floor time, hourly rate only', value: slowdown },
      { label: 'totals path time / floor time, full mix', value: mixTotalsSlowdown },
      { label: 'engine with explanations time / floor time, full mix', value: mixSlowdown },
    ],
    checks: [
      {
        label: 'engine totals equal the floor (hourly rate only)',
        ok: engineValue === floorValue,
        detail: `${fmt(engineValue)} vs ${fmt(floorValue)} minor units`,
      },
      {
        label:
          'totals path gives every visit the same total as the engine with explanations (hourly rate only)',
        ok: pathsAgree.simple && totalsValue === engineValue,
      },
      {
        label: 'totals path gives every visit the same total as the engine with explanations (full mix)',
        ok: pathsAgree.mix,
      },
      { label: `totals identical on every one of ${rounds} re-runs (simple)`, ok: simpleTotals.size === 1 },
      {
        label: `totals identical on every one of ${rounds} re-runs (full mix)`,
        ok: mixTotals.size === 1,
        detail: [...mixTotals][0],
      },
    ],
    notes: [
      `median of ${rounds} rounds; each round rates all ${fmt(count)} visits once per engine variant; same-visit totals compared by a checksum of every visit's total in order`,
      'the engine with explanations returns, per visit, lines with a human explanation and their source (option set, rule, period); the totals path (rateVisitTotal) runs the same pricing code without building them — the floor computes only the number',
    ],
  };
}
