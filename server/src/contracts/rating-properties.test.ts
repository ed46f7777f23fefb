import fc from 'fast-check';
import { Temporal } from 'temporal-polyfill';
import { describe, expect, it } from 'vitest';
import { epochMinuteOf } from '../shared/time/civil-date.js';
import { createZoneClock } from '../shared/time/zone-clock.js';
import { epochVisitOf, type RatingContext, rateVisit, rateVisitTotal } from './rating.js';
import type { ContractOptions, Rounding, UnsociableRange, VisitInput } from './rating.types.js';
import { roundElapsed } from './rounding.js';
import { splitByRanges } from './unsociable-ranges.js';

const ZONE = 'Australia/Sydney';
// 2026 in Sydney, both DST changes included; visits start on any minute.
const YEAR_START = Temporal.Instant.from('2025-12-31T13:00:00Z').epochMilliseconds;
const YEAR_MS = 365 * 24 * 60 * 60_000;

const hhmm = fc
  .integer({ min: 0, max: 1440 })
  .map((m) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`);

const nonProRata = fc.uniqueArray(
  fc.record({ minutes: fc.integer({ min: 1, max: 600 }), amount: fc.integer({ min: 0, max: 50_000 }) }),
  { selector: (r) => r.minutes, maxLength: 4 },
);

const range: fc.Arbitrary<UnsociableRange> = fc
  .record({
    when: fc.oneof(
      fc.constantFrom(
        { kind: 'specialDay' as const },
        { kind: 'publicHoliday' as const },
        { kind: 'weekday' as const },
        { kind: 'weekend' as const },
      ),
      fc
        .constantFrom('mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun')
        .map((day) => ({ kind: 'dayOfWeek' as const, day })),
    ),
    from: hhmm.filter((t) => t !== '24:00'),
    to: hhmm,
    hourlyRate: fc.integer({ min: 0, max: 20_000 }),
    nonProRataRates: fc.option(nonProRata, { nil: undefined }),
  })
  .filter((r) => r.from !== r.to);

const rounding: fc.Arbitrary<Rounding> = fc.record({
  mode: fc.constantFrom('none', 'up', 'down', 'nearest'),
  minutes: fc.constantFrom(5, 10, 15, 30, 60),
});

const options: fc.Arbitrary<Partial<ContractOptions>> = fc.record({
  hourlyRate: fc.integer({ min: 0, max: 20_000 }),
  nonProRataRates: nonProRata,
  unsociableRanges: fc.array(range, { maxLength: 5 }),
  useFirstRange: fc.boolean(),
  callOutCharges: fc.array(fc.record({ name: fc.constant('c'), amount: fc.integer({ min: 0, max: 5000 }) }), {
    maxLength: 3,
  }),
  billOnActualTimes: fc.boolean(),
  rounding,
});

const localDate = fc
  .integer({ min: 0, max: 364 })
  .map((d) => Temporal.PlainDate.from('2026-01-01').add({ days: d }).toString());

const visit: fc.Arbitrary<VisitInput> = fc
  .record({
    start: fc.integer({ min: 0, max: YEAR_MS / 60_000 }),
    plannedMinutes: fc.integer({ min: 1, max: 1800 }),
    actualOffsetSeconds: fc.integer({ min: -3600, max: 3600 }),
    actualSeconds: fc.integer({ min: 0, max: 1800 * 60 }),
  })
  .map((v) => {
    const plannedStart = Temporal.Instant.fromEpochMilliseconds(YEAR_START + v.start * 60_000);
    const actualStart = plannedStart.add({ seconds: v.actualOffsetSeconds });
    return {
      id: 'v',
      plannedStart,
      plannedMinutes: v.plannedMinutes,
      actualStart,
      actualEnd: actualStart.add({ seconds: v.actualSeconds }),
    };
  });

const setup = fc.record({
  options,
  publicHolidays: fc.array(localDate, { maxLength: 20 }),
  specialDays: fc.array(localDate, { maxLength: 20 }),
});

type Setup = { options: Partial<ContractOptions>; publicHolidays: string[]; specialDays: string[] };

function contextOf(s: Setup): RatingContext {
  return {
    clock: createZoneClock(ZONE),
    calendar: { publicHolidays: new Set(s.publicHolidays), specialDays: new Set(s.specialDays) },
    contracts: { contractType: [{ effectiveFrom: '2026-01-01', options: s.options }], assignment: [] },
  };
}

describe('rating properties', () => {
  it('the total is the sum of the lines, every amount a non-negative integer', () => {
    fc.assert(
      fc.property(setup, visit, (s, v) => {
        const rated = rateVisit(contextOf(s), v, 'visits.0');
        expect(rated.totalMinor).toBe(rated.lines.reduce((sum, l) => sum + l.amountMinor, 0));
        for (const line of rated.lines)
          expect(Number.isSafeInteger(line.amountMinor) && line.amountMinor >= 0).toBe(true);
      }),
    );
  });

  it('the totals path gives the same total as the lines, or the same refusal', () => {
    const outcome = (rate: () => number) => {
      try {
        return { total: rate() };
      } catch (error) {
        return { refused: (error as { issues?: unknown }).issues };
      }
    };
    // Mileage and a carer schedule too, so the mileage line and its refusals are compared as well.
    const mileage = fc.option(
      fc.integer({ min: 0, max: 50_000 }).map((h) => h / 100),
      { nil: undefined },
    );
    const extra = fc.record({
      mileage,
      chargeMileageToClient: fc.boolean(),
      enableTravelPayments: fc.boolean(),
      carer: fc.option(fc.integer({ min: 0, max: 200 }), { nil: undefined }),
      dropHourlyRate: fc.boolean(),
    });
    fc.assert(
      fc.property(setup, visit, extra, (s, v, x) => {
        const { hourlyRate: _dropped, ...rest } = s.options;
        const options = {
          ...(x.dropHourlyRate ? rest : s.options),
          chargeMileageToClient: x.chargeMileageToClient,
          enableTravelPayments: x.enableTravelPayments,
        };
        const context = contextOf({ ...s, options });
        const withCarer: RatingContext =
          x.carer === undefined
            ? context
            : {
                ...context,
                contracts: {
                  ...context.contracts,
                  carerContract: [{ effectiveFrom: '2026-01-01', options: { mileageRate: x.carer } }],
                },
              };
        const input = { ...v, mileage: x.mileage };
        const full = outcome(() => rateVisit(withCarer, input, 'visits.0').totalMinor);
        const totals = outcome(() => rateVisitTotal(withCarer, epochVisitOf(input), 'visits.0'));
        expect(totals).toEqual(full);
      }),
      { numRuns: 500 },
    );
  });

  it('time and non-pro-rata lines account for every billed minute exactly once', () => {
    fc.assert(
      fc.property(setup, visit, (s, v) => {
        const rated = rateVisit(contextOf(s), v, 'visits.0');
        const seconds = v.actualStart!.until(v.actualEnd!).total('seconds');
        const billed = s.options.billOnActualTimes
          ? roundElapsed(seconds, s.options.rounding!)
          : v.plannedMinutes;
        const minutes = rated.lines
          .filter((l) => l.kind === 'time' || l.kind === 'nonProRata')
          .reduce((sum, l) => sum + l.minutes!, 0);
        expect(minutes).toBe(billed);
      }),
    );
  });

  it('splitting never loses or double-counts a minute: parts are contiguous and cover the visit', () => {
    const clock = createZoneClock(ZONE);
    fc.assert(
      fc.property(setup, visit, (s, v) => {
        const start = epochMinuteOf(v.plannedStart);
        const end = start + v.plannedMinutes;
        const calendar = { publicHolidays: new Set(s.publicHolidays), specialDays: new Set(s.specialDays) };
        const parts = splitByRanges(s.options.unsociableRanges ?? [], clock, calendar, start, end);
        expect(parts[0]!.start).toBe(start);
        expect(parts.at(-1)!.end).toBe(end);
        parts.forEach((p, i) => {
          expect(p.end).toBeGreaterThan(p.start);
          if (i > 0) {
            expect(p.start).toBe(parts[i - 1]!.end);
            expect(p.window?.rangeIndex).not.toBe(parts[i - 1]!.window?.rangeIndex);
          }
        });
        expect(parts.reduce((sum, p) => sum + (p.end - p.start), 0)).toBe(v.plannedMinutes);
      }),
    );
  });

  it('is deterministic: the same visit rates the same alone, again, or after other visits', () => {
    fc.assert(
      fc.property(setup, fc.array(visit, { minLength: 1, maxLength: 5 }), (s, visits) => {
        const shared = contextOf(s);
        const first = visits.map((v) => rateVisit(shared, v, 'visits.0'));
        const again = [...visits]
          .reverse()
          .map((v) => rateVisit(shared, v, 'visits.0'))
          .reverse();
        const fresh = visits.map((v) => rateVisit(contextOf(s), v, 'visits.0'));
        expect(again).toEqual(first);
        expect(fresh).toEqual(first);
      }),
      { numRuns: 50 },
    );
  });
});
