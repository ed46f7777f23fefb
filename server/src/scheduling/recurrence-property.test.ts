import fc from 'fast-check';
import { Temporal } from 'temporal-polyfill';
import { describe, expect, it } from 'vitest';
import { expandRecurrence } from './recurrence.js';
import { parseRecurrence, printRecurrence, type Weekday, type WeekdayEntry } from './recurrence-rule.js';

/**
 * Random rules against a brute-force oracle written independently here: walk every local day of a bounded
 * horizon with Temporal.PlainDate, decide whether the rule matches that day, and place DTSTART's wall-clock
 * time on it with Temporal's 'compatible' disambiguation.
 */
const ZONES = [
  'Australia/Sydney',
  'Australia/Lord_Howe',
  'Europe/London',
  'America/New_York',
  'Pacific/Chatham',
  'Australia/Brisbane',
  'Asia/Kolkata',
];
const DAYS: Weekday[] = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'];
type Freq = 'DAILY' | 'WEEKLY' | 'MONTHLY' | 'YEARLY';

type Spec = {
  zone: string;
  start: Temporal.PlainDateTime;
  freq: Freq;
  interval: number;
  byDay?: WeekdayEntry[];
  byMonthDay?: number[];
  byMonth?: number[];
  wkst: Weekday;
  end: { count: number } | { untilDays: number } | null;
};

const HORIZON: Record<Freq, number> = { DAILY: 370, WEEKLY: 400, MONTHLY: 800, YEARLY: 1500 };

const subset = <T>(items: T[], max: number) =>
  fc.uniqueArray(fc.constantFrom(...items), { minLength: 1, maxLength: max });

const specArb: fc.Arbitrary<Spec> = fc
  .record({
    zone: fc.constantFrom(...ZONES),
    day: fc.integer({ min: 0, max: 11 * 366 }),
    // hours around the transitions (01:xx London, 02:xx Sydney/New York/Lord Howe, 02:45–03:45 Chatham)
    hour: fc.constantFrom(0, 1, 2, 3, 9, 12, 23),
    minute: fc.constantFrom(0, 15, 30, 45),
    freq: fc.constantFrom<Freq>('DAILY', 'WEEKLY', 'MONTHLY', 'YEARLY'),
    interval: fc.integer({ min: 1, max: 4 }),
    plainDays: fc.option(subset(DAYS, 4), { nil: undefined }),
    ordinals: fc.option(
      fc.uniqueArray(fc.tuple(fc.constantFrom(...DAYS), fc.constantFrom(1, 2, 3, 4, 5, -1, -2, -5)), {
        minLength: 1,
        maxLength: 3,
      }),
      { nil: undefined },
    ),
    byMonthDay: fc.option(subset([1, 2, 13, 15, 28, 29, 30, 31, -1, -3], 4), { nil: undefined }),
    byMonth: fc.option(subset([1, 2, 3, 4, 6, 9, 10, 11, 12], 4), { nil: undefined }),
    wkst: fc.constantFrom<Weekday>('MO', 'SU', 'WE'),
    end: fc.oneof(
      fc.record({ count: fc.integer({ min: 1, max: 40 }) }),
      fc.record({ untilDays: fc.integer({ min: 0, max: 700 }) }),
      fc.constant(null),
    ),
  })
  .map((r): Spec => {
    const start = Temporal.PlainDate.from('2020-01-01')
      .add({ days: r.day })
      .toPlainDateTime({ hour: r.hour, minute: r.minute });
    const spec: Spec = { zone: r.zone, start, freq: r.freq, interval: r.interval, wkst: r.wkst, end: r.end };
    const ordinalsAllowed = r.freq === 'MONTHLY' || r.freq === 'YEARLY';
    const byDay: WeekdayEntry[] = [
      ...(r.plainDays ?? []).map((weekday) => ({ weekday })),
      ...(ordinalsAllowed ? (r.ordinals ?? []) : []).map(([weekday, ordinal]) => ({ weekday, ordinal })),
    ];
    if (byDay.length > 0) spec.byDay = byDay;
    if (r.byMonthDay && r.freq !== 'WEEKLY') spec.byMonthDay = r.byMonthDay;
    if (r.byMonth) spec.byMonth = r.byMonth;
    return spec;
  });

const compact = (pdt: Temporal.PlainDateTime) => pdt.toString().replace(/[-:]/g, '').slice(0, 15);

function untilInstant(spec: Spec, untilDays: number): Temporal.Instant {
  return spec.start.add({ days: untilDays, hours: 3 }).toZonedDateTime(spec.zone).toInstant();
}

function textOf(spec: Spec): string {
  const parts = [`FREQ=${spec.freq}`, `INTERVAL=${spec.interval}`, `WKST=${spec.wkst}`];
  if (spec.byDay) parts.push(`BYDAY=${spec.byDay.map((d) => `${d.ordinal ?? ''}${d.weekday}`).join(',')}`);
  if (spec.byMonthDay) parts.push(`BYMONTHDAY=${spec.byMonthDay.join(',')}`);
  if (spec.byMonth) parts.push(`BYMONTH=${spec.byMonth.join(',')}`);
  if (spec.end && 'count' in spec.end) parts.push(`COUNT=${spec.end.count}`);
  if (spec.end && 'untilDays' in spec.end)
    parts.push(`UNTIL=${untilInstant(spec, spec.end.untilDays).toString().replace(/[-:]/g, '')}`);
  return `DTSTART;TZID=${spec.zone}:${compact(spec.start)}\nRRULE:${parts.join(';')}`;
}

const isoDay = (w: Weekday) => DAYS.indexOf(w) + 1;

function nthIn(index: number, length: number, ordinal: number): boolean {
  return ordinal > 0
    ? Math.floor((index - 1) / 7) + 1 === ordinal
    : -(Math.floor((length - index) / 7) + 1) === ordinal;
}

function matches(spec: Spec, d: Temporal.PlainDate): boolean {
  const s = spec.start.toPlainDate();
  let units: number;
  if (spec.freq === 'DAILY') units = s.until(d).days;
  else if (spec.freq === 'WEEKLY') {
    const weekStart = (x: Temporal.PlainDate) =>
      x.subtract({ days: (x.dayOfWeek - isoDay(spec.wkst) + 7) % 7 });
    units = weekStart(s).until(weekStart(d)).days / 7;
  } else if (spec.freq === 'MONTHLY') units = d.year * 12 + d.month - (s.year * 12 + s.month);
  else units = d.year - s.year;
  if (units % spec.interval !== 0) return false;
  if (spec.byMonth && !spec.byMonth.includes(d.month)) return false;
  if (
    spec.byMonthDay &&
    !spec.byMonthDay.some((md) => (md > 0 ? d.day === md : d.day === d.daysInMonth + md + 1))
  )
    return false;
  if (spec.byDay) {
    const inMonth = spec.freq === 'MONTHLY' || (spec.freq === 'YEARLY' && spec.byMonth !== undefined);
    const index = inMonth ? d.day : d.dayOfYear;
    const length = inMonth ? d.daysInMonth : d.daysInYear;
    if (
      !spec.byDay.some(
        (e) =>
          isoDay(e.weekday) === d.dayOfWeek && (e.ordinal === undefined || nthIn(index, length, e.ordinal)),
      )
    )
      return false;
  }
  if (spec.freq === 'WEEKLY' && !spec.byDay) return d.dayOfWeek === s.dayOfWeek;
  if (spec.freq === 'MONTHLY' && !spec.byDay && !spec.byMonthDay) return d.day === s.day;
  if (spec.freq === 'YEARLY' && !spec.byDay && !spec.byMonthDay)
    return d.day === s.day && (spec.byMonth !== undefined || d.month === s.month);
  return true;
}

function horizonEnd(spec: Spec): Temporal.Instant {
  return spec.start.toPlainDate().add({ days: HORIZON[spec.freq] }).toZonedDateTime(spec.zone).toInstant();
}

/**
 * Epoch milliseconds of the occurrences before `to`, day by day. RFC 5545's reading always counts DTSTART;
 * Carebook's product rule counts it only when the rule matches its day.
 */
function oracle(spec: Spec, to: Temporal.Instant, reading: 'rfc5545' | 'if-matched'): number[] {
  const at = (d: Temporal.PlainDate) =>
    d.toPlainDateTime(spec.start.toPlainTime()).toZonedDateTime(spec.zone, { disambiguation: 'compatible' });
  const first = at(spec.start.toPlainDate());
  const startUntil =
    spec.end && 'untilDays' in spec.end ? untilInstant(spec, spec.end.untilDays).epochMilliseconds : Infinity;
  const out =
    (reading === 'rfc5545' || matches(spec, spec.start.toPlainDate())) &&
    (reading === 'rfc5545' || first.epochMilliseconds <= startUntil)
      ? [first.epochMilliseconds]
      : [];
  const until =
    spec.end && 'untilDays' in spec.end ? untilInstant(spec, spec.end.untilDays).epochMilliseconds : Infinity;
  const count = spec.end && 'count' in spec.end ? spec.end.count : Infinity;
  for (let d = spec.start.toPlainDate().add({ days: 1 }); out.length < count; d = d.add({ days: 1 })) {
    const zoned = at(d);
    if (Temporal.Instant.compare(zoned.toInstant(), to) >= 0 || zoned.epochMilliseconds > until) break;
    if (matches(spec, d)) out.push(zoned.epochMilliseconds);
  }
  return out.filter((ms) => ms < to.epochMilliseconds);
}

const RUNS = { numRuns: 120 };
const SLOW = 60_000;

describe('recurrence properties (fast-check)', () => {
  it(
    'equals the day-by-day oracle: every occurrence matches, none skipped, COUNT and UNTIL respected',
    () => {
      fc.assert(
        fc.property(specArb, (spec) => {
          const to = horizonEnd(spec);
          const recurrence = parseRecurrence(textOf(spec));
          expect(
            [...expandRecurrence(recurrence, { to })].map((z) => z.epochMilliseconds),
            'product rule',
          ).toEqual(oracle(spec, to, 'if-matched'));
          const got = [...expandRecurrence(recurrence, { to }, { dtstart: 'rfc5545' })];
          const ms = got.map((z) => z.epochMilliseconds);
          expect(ms, "RFC 5545's reading").toEqual(oracle(spec, to, 'rfc5545'));
          for (let i = 1; i < ms.length; i++) expect(ms[i]!).toBeGreaterThan(ms[i - 1]!);
          if (spec.end && 'count' in spec.end) expect(ms.length).toBeLessThanOrEqual(spec.end.count);
          for (const z of got) {
            expect(z.timeZoneId).toBe(spec.zone);
            const wall = z.toPlainDate().toPlainDateTime(spec.start.toPlainTime());
            const exists = wall.toZonedDateTime(spec.zone).toPlainDateTime().equals(wall);
            // The wall-clock time is DTSTART's, except on a day when that time is in the gap.
            if (exists) expect(z.toPlainTime().equals(spec.start.toPlainTime())).toBe(true);
            else expect(Temporal.PlainTime.compare(z.toPlainTime(), spec.start.toPlainTime())).toBe(1);
          }
        }),
        RUNS,
      );
    },
    SLOW,
  );

  it(
    'a window gives exactly the full expansion filtered to [from, to)',
    () => {
      fc.assert(
        fc.property(
          specArb,
          fc.double({ min: 0, max: 1, noNaN: true }),
          fc.double({ min: 0, max: 1, noNaN: true }),
          (spec, a, b) => {
            const recurrence = parseRecurrence(textOf(spec));
            const end = horizonEnd(spec);
            const full = [...expandRecurrence(recurrence, { to: end })].map((z) => z.epochMilliseconds);
            const startMs = spec.start.toZonedDateTime(spec.zone).epochMilliseconds - 86_400_000;
            const span = end.epochMilliseconds - startMs;
            const from = Temporal.Instant.fromEpochMilliseconds(startMs + Math.floor(span * Math.min(a, b)));
            const to = Temporal.Instant.fromEpochMilliseconds(startMs + Math.floor(span * Math.max(a, b)));
            const windowed = [...expandRecurrence(recurrence, { from, to })].map((z) => z.epochMilliseconds);
            expect(windowed).toEqual(
              full.filter((ms) => ms >= from.epochMilliseconds && ms < to.epochMilliseconds),
            );
          },
        ),
        RUNS,
      );
    },
    SLOW,
  );

  it(
    'round-trips: parse(print(r)) equals r and print(parse(x)) is a fixed point',
    () => {
      fc.assert(
        fc.property(specArb, (spec) => {
          const r = parseRecurrence(textOf(spec));
          const printed = printRecurrence(r);
          expect(parseRecurrence(printed)).toEqual(r);
          expect(printRecurrence(parseRecurrence(printed))).toBe(printed);
        }),
        { numRuns: 300 },
      );
    },
    SLOW,
  );
});
