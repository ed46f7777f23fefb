import { describe, expect, it } from 'vitest';
import { createZoneClock } from '../shared/time/zone-clock.js';
import { checkContract } from './contract-check.js';
import type { ContractOptions, OptionSet } from './rating.types.js';

const clock = createZoneClock('Australia/Sydney');
const calendar = { publicHolidays: new Set<string>(), specialDays: new Set<string>() };
const type = (options: Partial<ContractOptions>): OptionSet<ContractOptions>[] => [
  { effectiveFrom: '2026-01-01', options },
];

const AUD = { locale: 'en-AU', currency: 'AUD' } as const;

describe('checkContract', () => {
  it('warns when non-pro-rata rates make a longer visit cheaper, and charts the price by duration', () => {
    const check = checkContract(
      clock,
      calendar,
      {
        contractType: type({
          hourlyRate: 2400,
          nonProRataRates: [
            { minutes: 30, amount: 1600 },
            { minutes: 45, amount: 2000 },
          ],
        }),
        assignment: [],
      },
      '2026-12-01',
      AUD,
    );
    expect(check.warnings).toEqual([
      'A 45 min visit costs $20.00, less than a 44 min visit ($21.60): check the non-pro-rata rates',
    ]);
    expect(check.points).toHaveLength(17);
    expect(check.points.slice(0, 5)).toEqual([
      { minutes: 0, totalMinor: 0 },
      { minutes: 15, totalMinor: 600 },
      { minutes: 30, totalMinor: 1600 },
      { minutes: 45, totalMinor: 2000 },
      { minutes: 60, totalMinor: 2600 },
    ]);
  });

  it('warns when a fixed price for less than an hour costs more than an hour', () => {
    const check = checkContract(
      clock,
      calendar,
      {
        contractType: type({ hourlyRate: 2400, nonProRataRates: [{ minutes: 30, amount: 3000 }] }),
        assignment: [],
      },
      '2026-12-01',
      AUD,
    );
    expect(check.warnings).toContain(
      'The fixed price for 30 min ($30.00) is more than a whole hour at the hourly rate ($24.00/h)',
    );
  });

  it("names amounts in the organisation's currency", () => {
    const check = checkContract(
      clock,
      calendar,
      {
        contractType: type({ hourlyRate: 2400, nonProRataRates: [{ minutes: 30, amount: 3000 }] }),
        assignment: [],
      },
      '2026-12-01',
      { locale: 'en-GB', currency: 'GBP' },
    );
    expect(check.warnings).toContain(
      'The fixed price for 30 min (£30.00) is more than a whole hour at the hourly rate (£24.00/h)',
    );
  });

  it('prices a Friday 19:45 → Saturday 02:00 visit with useFirstRange on and off', () => {
    const check = checkContract(
      clock,
      calendar,
      {
        contractType: type({
          hourlyRate: 6000,
          unsociableRanges: [
            { when: { kind: 'weekday' }, from: '20:00', to: '24:00', hourlyRate: 7200 },
            { when: { kind: 'weekend' }, from: '00:00', to: '24:00', hourlyRate: 9000 },
          ],
        }),
        assignment: [],
      },
      '2026-12-01',
      AUD,
    );
    const { example, value } = check.useFirstRange;
    expect(value).toBe(true);
    expect(example).toMatchObject({ start: '2026-12-04T19:45', end: '2026-12-05T02:00' });
    // On: the whole 6 h 15 min at the rule where it starts (the base rate) = 375 min × $60/h.
    expect(example.firstRange).toMatchObject({ totalMinor: 37500 });
    // Off: 15 min base + 4 h weekday evening + 2 h weekend = 1500 + 28800 + 18000.
    expect(example.split).toMatchObject({ totalMinor: 1500 + 28800 + 18000 });
  });
});
