import ICAL from 'ical.js';
import rrule from 'rrule';
import { RRuleTemporal } from 'rrule-temporal';
import { Temporal } from 'temporal-polyfill';
import { expandRecurrence } from '../../server/src/scheduling/recurrence.js';
import { parseRecurrence } from '../../server/src/scheduling/recurrence-rule.js';
import { type BenchResult, fmt, ratioText } from './support/report.js';
import { median, nowMs } from './support/timing.js';

/**
 * Benchmark 1: the same rules expanded over a year by Carebook's engine, rrule.js and rrule-temporal, in one
 * process. Each engine parses the rule text and expands it every time (nothing cached between passes), and
 * produces its own native values (Temporal.ZonedDateTime, or Date for rrule.js). The referee for agreement is
 * ical.js expanding the rule on floating wall-clock times, converted to instants with RFC 5545 §3.3.5's rule
 * (a time in a gap uses the offset before it, i.e. moves forward; an ambiguous time is the first one) —
 * Temporal's 'compatible' disambiguation.
 */

// rrule.js only gives correct instants with TZID when the process runs in UTC (its documented usage).
process.env.TZ = 'UTC';

export const ZONES = ['Australia/Sydney', 'Europe/London', 'America/New_York', 'UTC'] as const;

/** Rules as a scheduler writes them; start times include one inside each zone's spring-forward gap. */
export const RULES = [
  { name: 'weekly multi-day', rrule: 'FREQ=WEEKLY;BYDAY=MO,WE,FR,SU', start: '2026-01-04T09:00:00' },
  { name: 'fortnightly', rrule: 'FREQ=WEEKLY;INTERVAL=2;BYDAY=TU,SU', start: '2026-01-04T17:30:00' },
  { name: 'monthly by weekday', rrule: 'FREQ=MONTHLY;BYDAY=2WE', start: '2026-01-14T10:15:00' },
  {
    name: 'last weekday of month',
    rrule: 'FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1',
    start: '2026-01-30T16:00:00',
  },
  // Sundays at 02:30 (01:30 in London): each zone's DST change falls on one of them.
  { name: 'weekly in the DST gap', rrule: 'FREQ=WEEKLY;BYDAY=SU', start: '2026-01-04T02:30:00' },
] as const;

type Case = {
  zone: string;
  rule: (typeof RULES)[number];
  start: string;
  text: string;
  from: number;
  to: number;
};

function casesOf(): Case[] {
  const cases: Case[] = [];
  for (const zone of ZONES)
    for (const rule of RULES) {
      const start =
        zone === 'Europe/London' && rule.name === 'weekly in the DST gap'
          ? '2026-01-04T01:30:00'
          : rule.start;
      const compact = start.replace(/[-:]/g, '');
      const dtstart = zone === 'UTC' ? `DTSTART:${compact}Z` : `DTSTART;TZID=${zone}:${compact}`;
      const from = Temporal.PlainDateTime.from(start).toZonedDateTime(zone).epochMilliseconds;
      const to = Temporal.PlainDate.from('2027-01-01').toZonedDateTime(zone).epochMilliseconds;
      cases.push({ zone, rule, start, text: `${dtstart}\nRRULE:${rule.rrule}`, from, to });
    }
  return cases;
}

type Engine = { name: string; expand: (c: Case) => number[] };

const PAD = 2 * 86_400_000;

const inWindow = (c: Case) => (ms: number) => ms >= c.from && ms < c.to;

export const ENGINES: Engine[] = [
  {
    name: 'Carebook',
    expand: (c) => {
      const out: number[] = [];
      const window = {
        from: Temporal.Instant.fromEpochMilliseconds(c.from),
        to: Temporal.Instant.fromEpochMilliseconds(c.to),
      };
      for (const z of expandRecurrence(parseRecurrence(c.text), window)) out.push(z.epochMilliseconds);
      return out;
    },
  },
  {
    name: 'rrule-temporal',
    expand: (c) =>
      new RRuleTemporal({ rruleString: c.text, cache: false })
        .between(new Date(c.from - PAD), new Date(c.to + PAD), true)
        .map((z) => z.epochMilliseconds)
        .filter(inWindow(c)),
  },
  {
    name: 'rrule.js',
    expand: (c) =>
      rrule
        .rrulestr(c.text)
        .between(new Date(c.from - PAD), new Date(c.to + PAD), true)
        .map((d) => d.getTime())
        .filter(inWindow(c)),
  },
];

/** The referee: ical.js on floating local times, each converted as RFC 5545 §3.3.5 says. */
export function reference(c: Case): number[] {
  const recur = ICAL.Recur.fromString(c.rule.rrule);
  const iterator = recur.iterator(ICAL.Time.fromDateTimeString(c.start));
  const out: number[] = [];
  for (let next = iterator.next(); next; next = iterator.next()) {
    const local = Temporal.PlainDateTime.from(next.toString());
    const ms = local.toZonedDateTime(c.zone, { disambiguation: 'compatible' }).epochMilliseconds;
    if (ms >= c.to) break;
    if (ms >= c.from) out.push(ms);
  }
  return out;
}

export type Disagreement = { zone: string; rule: string; engine: string; instant: string; kind: string };

/** Every occurrence one engine has and the referee lacks, or the other way round. */
export function disagreements(c: Case, engine: string, got: number[], want: number[]): Disagreement[] {
  const found: Disagreement[] = [];
  const have = new Set(got);
  const should = new Set(want);
  const show = (ms: number) =>
    Temporal.Instant.fromEpochMilliseconds(ms).toZonedDateTimeISO(c.zone).toString({ timeZoneName: 'never' });
  for (const ms of got)
    if (!should.has(ms))
      found.push({ zone: c.zone, rule: c.rule.name, engine, instant: show(ms), kind: 'extra (wrong)' });
  for (const ms of want)
    if (!have.has(ms))
      found.push({ zone: c.zone, rule: c.rule.name, engine, instant: show(ms), kind: 'missing' });
  if (got.length !== have.size)
    found.push({ zone: c.zone, rule: c.rule.name, engine, instant: '-', kind: 'duplicates' });
  return found;
}

/** Occurrences per second of each engine over `cases`, measured in interleaved rounds of at least `roundMs`. */
function measure(cases: Case[], rounds: number, roundMs: number): Map<string, number[]> {
  const rates = new Map<string, number[]>(ENGINES.map((e) => [e.name, []]));
  for (let round = 0; round < rounds; round++)
    for (const engine of round % 2 === 0 ? ENGINES : [...ENGINES].reverse()) {
      let occurrences = 0;
      const start = nowMs();
      let elapsed = 0;
      do {
        for (const c of cases) occurrences += engine.expand(c).length;
        elapsed = nowMs() - start;
      } while (elapsed < roundMs);
      rates.get(engine.name)!.push((occurrences / elapsed) * 1000);
    }
  return rates;
}

export async function recurrenceBench(options: { full: boolean }): Promise<BenchResult> {
  const cases = casesOf();
  // Agreement first (also the warm-up).
  const all: Disagreement[] = [];
  let occurrences = 0;
  for (const c of cases) {
    const want = reference(c);
    occurrences += want.length;
    for (const engine of ENGINES) all.push(...disagreements(c, engine.name, engine.expand(c), want));
  }
  const rounds = options.full ? 7 : 5;
  const roundMs = options.full ? 1500 : 600;
  const named = cases.filter((c) => c.zone !== 'UTC');
  const utc = cases.filter((c) => c.zone === 'UTC');
  const namedRates = measure(named, rounds, roundMs);
  const utcRates = measure(utc, rounds, Math.max(200, roundMs / 3));

  const rate = (m: Map<string, number[]>, name: string) => median(m.get(name)!);
  const ratioOf = (m: Map<string, number[]>, a: string, b: string) =>
    median(m.get(a)!.map((x, i) => x / m.get(b)![i]!));
  const vsTemporal = ratioOf(namedRates, 'Carebook', 'rrule-temporal');
  const vsRrule = ratioOf(namedRates, 'Carebook', 'rrule.js');
  const wrongBy = (engine: string) => all.filter((d) => d.engine === engine).length;

  const byEngine = ENGINES.map((e) => e.name);
  const details = [
    `Rules (${RULES.length}) × zones (${ZONES.join(', ')}), each expanded from its start to 2027-01-01 in its zone: ${fmt(occurrences)} occurrences per pass. Referee: ical.js on wall-clock times + RFC 5545 §3.3.5 (gap → offset before the gap, i.e. moved forward; ambiguous → first).`,
    '',
    '| engine | named zones occ/s | UTC occ/s | disagreements with RFC 5545 |',
    '| --- | ---: | ---: | ---: |',
    ...byEngine.map(
      (n) => `| ${n} | ${fmt(rate(namedRates, n))} | ${fmt(rate(utcRates, n))} | ${wrongBy(n)} |`,
    ),
  ];
  if (all.length > 0) {
    details.push('', 'Every disagreement (the referee, RFC 5545, is right in each):', '');
    details.push('| engine | zone | rule | occurrence (local) | what |', '| --- | --- | --- | --- | --- |');
    for (const d of all) details.push(`| ${d.engine} | ${d.zone} | ${d.rule} | ${d.instant} | ${d.kind} |`);
  }
  return {
    id: 'recurrence',
    title: '1. Recurrence expansion',
    figures: byEngine.map((n) => ({
      label: `${n}`,
      value: `${fmt(rate(namedRates, n))} occurrences/s in named zones, ${fmt(rate(utcRates, n))} in UTC`,
    })),
    ratios: [
      {
        label: 'Carebook / rrule-temporal (named zones)',
        value: vsTemporal,
        goal: '≥ 1×',
        met: vsTemporal >= 1,
      },
      { label: 'Carebook / rrule.js (named zones)', value: vsRrule, goal: '≥ 40×', met: vsRrule >= 40 },
      { label: 'Carebook / rrule.js (UTC)', value: ratioOf(utcRates, 'Carebook', 'rrule.js') },
    ],
    checks: byEngine.map((n) => ({
      label: `${n} agrees with RFC 5545 on all ${fmt(occurrences)} occurrences`,
      ok: wrongBy(n) === 0,
      ...(wrongBy(n) ? { detail: `${wrongBy(n)} disagreements (listed below)` } : {}),
    })),
    notes: [
      `median of ${rounds} interleaved rounds of ≥ ${roundMs} ms per engine; ratios are medians of per-round ratios (${ratioText(vsTemporal)} and ${ratioText(vsRrule)} here)`,
      'rrule.js runs with TZ=UTC, the only process zone in which it returns correct instants for a TZID',
    ],
    details: details.join('\n'),
  };
}
