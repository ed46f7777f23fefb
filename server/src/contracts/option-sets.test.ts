import { describe, expect, it } from 'vitest';
import { carerOption, effectiveOption, effectiveOptions, setInForce } from './option-sets.js';
import type { ContractOptions, Schedule } from './rating.types.js';

// The type and the assignment change on their own dates; each assignment set inherits or overrides.
const contractType: Schedule<ContractOptions> = [
  { effectiveFrom: '2025-01-01', options: { hourlyRate: 2000, useFirstRange: false } },
  { effectiveFrom: '2026-07-01', options: { hourlyRate: 2200 } },
];
const assignment: Schedule<ContractOptions> = [
  { effectiveFrom: '2025-06-01', options: {} },
  { effectiveFrom: '2026-03-01', options: { hourlyRate: 2500 } },
  { effectiveFrom: '2026-09-01', options: { callOutCharges: [] } },
];
const contracts = { contractType, assignment };

describe('setInForce', () => {
  it.each([
    ['1999-01-01', 0, 'the first set applies from the beginning of time'],
    ['2025-06-01', 0, 'a later set starts on its own date'],
    ['2026-02-28', 0, 'and runs until the next one'],
    ['2026-03-01', 1, ''],
    ['2026-08-31', 1, ''],
    ['2026-09-01', 2, ''],
    ['2099-01-01', 2, 'the last set runs for ever'],
  ])('%s → set #%i %s', (date, index) => {
    expect(setInForce(assignment, date)?.index).toBe(index);
  });

  it('finds nothing in an empty schedule', () => {
    expect(setInForce([], '2026-01-01')).toBeUndefined();
  });
});

describe('effectiveOption', () => {
  it.each([
    [
      '2024-01-01',
      2000,
      { from: 'type', setIndex: 0, effectiveFrom: '2025-01-01', inheritance: 'inherited' },
    ],
    [
      '2026-02-28',
      2000,
      { from: 'type', setIndex: 0, effectiveFrom: '2025-01-01', inheritance: 'inherited' },
    ],
    [
      '2026-03-01',
      2500,
      { from: 'assignment', setIndex: 1, effectiveFrom: '2026-03-01', inheritance: 'overridden' },
    ],
    // The type changed on 2026-07-01, but the assignment's override from 2026-03-01 still holds.
    [
      '2026-08-15',
      2500,
      { from: 'assignment', setIndex: 1, effectiveFrom: '2026-03-01', inheritance: 'overridden' },
    ],
    // The assignment's next set inherits again, now from the type's newer set.
    [
      '2026-09-01',
      2200,
      { from: 'type', setIndex: 1, effectiveFrom: '2026-07-01', inheritance: 'inherited' },
    ],
  ])('hourlyRate on %s is %i', (date, value, source) => {
    expect(effectiveOption(contracts, 'hourlyRate', date)).toEqual({ value, source });
  });

  it('does not carry an option from one type set to the next: a set that leaves it out gives the default', () => {
    expect(effectiveOption(contracts, 'useFirstRange', '2026-01-01')?.value).toBe(false);
    expect(effectiveOption(contracts, 'useFirstRange', '2026-07-01')).toEqual({
      value: true,
      source: { from: 'default', inheritance: 'inherited' },
    });
  });

  it('takes an overridden empty list as the value, not as "inherit"', () => {
    expect(effectiveOption(contracts, 'callOutCharges', '2026-09-01')?.source.from).toBe('assignment');
  });

  it('has defaults for every option but hourlyRate', () => {
    const options = effectiveOptions(
      { contractType: [{ effectiveFrom: '2026-01-01', options: {} }], assignment: [] },
      '2026-01-01',
    );
    expect(options.hourlyRate).toBeUndefined();
    expect(
      Object.fromEntries(
        Object.entries(options)
          .filter(([k]) => k !== 'hourlyRate')
          .map(([k, v]) => [k, v!.value]),
      ),
    ).toEqual({
      nonProRataRates: [],
      unsociableRanges: [],
      useFirstRange: true,
      callOutCharges: [],
      billOnActualTimes: false,
      rounding: { mode: 'none', minutes: 5 },
      chargeMileageToClient: false,
      enableTravelPayments: true,
      useLocalAuthorityReference: false,
      terminationRights: '',
      accommodationRates: [],
      ndisSupportItems: {},
    });
  });
});

describe('carerOption', () => {
  it('reads the carer contract set in force, undefined when it leaves the option out', () => {
    const carer = [
      { effectiveFrom: '2026-01-01', options: { mileageRate: 45 } },
      { effectiveFrom: '2026-07-01', options: {} },
    ];
    expect(carerOption(carer, 'mileageRate', '2025-12-31')).toEqual({
      value: 45,
      source: { from: 'carerContract', setIndex: 0, effectiveFrom: '2026-01-01' },
    });
    expect(carerOption(carer, 'mileageRate', '2026-07-01')).toBeUndefined();
  });
});
