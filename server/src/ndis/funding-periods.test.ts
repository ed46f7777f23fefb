import { describe, expect, it } from 'vitest';
import {
  allocateBudget,
  type BudgetRef,
  budgetFor,
  defaultFundingPeriods,
  drawVerdicts,
  type FundingDraw,
  fundingConflicts,
  periodStatuses,
} from './funding-periods.js';

const aud = (minor: number) => `$${(minor / 100).toFixed(2)}`;

describe('funding periods', () => {
  it('splits a plan from May 2025 on into 3-month periods, the last ending with the plan', () => {
    expect(defaultFundingPeriods({ startDate: '2026-01-31', endDate: '2026-09-15' })).toEqual([
      { startDate: '2026-01-31', endDate: '2026-04-29' },
      { startDate: '2026-04-30', endDate: '2026-07-30' },
      { startDate: '2026-07-31', endDate: '2026-09-15' },
    ]);
    expect(defaultFundingPeriods({ startDate: '2026-07-01', endDate: '2027-06-30' })).toHaveLength(4);
  });

  it('keeps an older plan as one period', () => {
    expect(defaultFundingPeriods({ startDate: '2025-05-18', endDate: '2026-05-17' })).toEqual([
      { startDate: '2025-05-18', endDate: '2026-05-17' },
    ]);
  });

  it('allocates a budget pro rata to days, adding up to the cent', () => {
    const periods = defaultFundingPeriods({ startDate: '2026-07-01', endDate: '2027-06-30' });
    const a = allocateBudget(1_000_001, periods);
    expect(a.reduce((x, y) => x + y, 0)).toBe(1_000_001);
    // 92, 92, 90, 91 days of 365.
    expect(a).toEqual([252055, 252055, 246576, 249315]);
  });
});

describe('committed against allocation', () => {
  const budgets: BudgetRef[] = [
    { id: 'core', supportCategory: 'Core: daily life', serviceTypeIds: [] },
    { id: 'cb', supportCategory: 'Capacity building: therapy', serviceTypeIds: ['therapy'] },
  ];
  const periods = [
    { id: 'p1', budgetId: 'core', startDate: '2026-07-01', endDate: '2026-09-30', allocationMinor: 100_000 },
    { id: 'p2', budgetId: 'core', startDate: '2026-10-01', endDate: '2026-12-31', allocationMinor: 100_000 },
    { id: 't1', budgetId: 'cb', startDate: '2026-07-01', endDate: '2026-12-31', allocationMinor: 50_000 },
  ];
  const draws: FundingDraw[] = [
    {
      bookingId: 'a',
      date: '2026-07-10',
      serviceTypeId: null,
      status: 'delivered',
      amountMinor: 30_000,
      claimedMinor: 30_000,
    },
    {
      bookingId: 'b',
      date: '2026-08-10',
      serviceTypeId: 'community',
      status: 'booked',
      amountMinor: 50_000,
      claimedMinor: 0,
    },
    {
      bookingId: 'c',
      date: '2026-08-11',
      serviceTypeId: 'therapy',
      status: 'booked',
      amountMinor: 20_000,
      claimedMinor: 0,
    },
    {
      bookingId: 'd',
      date: '2026-10-01',
      serviceTypeId: null,
      status: 'booked',
      amountMinor: 10_000,
      claimedMinor: 0,
    },
  ];

  it('draws on the budget naming the service type, else the one naming none', () => {
    expect(budgetFor('therapy', budgets)?.id).toBe('cb');
    expect(budgetFor('community', budgets)?.id).toBe('core');
    expect(budgetFor(null, budgets)?.id).toBe('core');
  });

  it('tracks booked, delivered, claimed, remaining and the projection per period', () => {
    const s = periodStatuses(periods, budgets, draws);
    expect(s[0]).toMatchObject({
      bookedMinor: 50_000,
      deliveredMinor: 30_000,
      committedMinor: 80_000,
      claimedMinor: 30_000,
      remainingMinor: 20_000,
      projectedShortfallMinor: 0,
    });
    expect(s[1]).toMatchObject({ committedMinor: 10_000, remainingMinor: 90_000 });
    expect(s[2]).toMatchObject({ committedMinor: 20_000, remainingMinor: 30_000 });
  });

  it('names the period, the budget and the shortfall of each overrun, per occurrence of a series', () => {
    const s = periodStatuses(periods, budgets, draws);
    const series = [
      { date: '2026-09-01', serviceTypeId: null, amountMinor: 15_000 },
      { date: '2026-09-08', serviceTypeId: null, amountMinor: 15_000 },
      { date: '2026-10-06', serviceTypeId: null, amountMinor: 15_000 },
    ];
    const c = fundingConflicts(s, budgets, series, aud);
    expect(c).toHaveLength(1);
    expect(c[0]).toMatchObject({ periodId: 'p1', shortfallMinor: 10_000 });
    expect(c[0]!.message).toBe(
      'this takes the Core: daily life funding period 2026-07-01 to 2026-09-30 to $1100.00 committed of $1000.00 allocated: $100.00 short',
    );
    expect(fundingConflicts(s, budgets, [series[0]!], aud)).toEqual([]);
    expect(
      fundingConflicts(
        s,
        budgets,
        [{ date: '2026-09-01', serviceTypeId: 'therapy', amountMinor: 30_001 }],
        aud,
      )[0],
    ).toMatchObject({ periodId: 't1', shortfallMinor: 1 });
  });
});

describe('a series judged occurrence by occurrence', () => {
  const budgets: BudgetRef[] = [{ id: 'core', supportCategory: 'Core', serviceTypeIds: [] }];
  const periods = [
    { id: 'q1', budgetId: 'core', startDate: '2026-07-01', endDate: '2026-09-30', allocationMinor: 30_000 },
    { id: 'q2', budgetId: 'core', startDate: '2026-10-01', endDate: '2026-12-31', allocationMinor: 30_000 },
  ];
  const booked: FundingDraw[] = [
    {
      bookingId: 'b',
      date: '2026-07-02',
      serviceTypeId: null,
      status: 'booked',
      amountMinor: 10_000,
      claimedMinor: 0,
    },
  ];
  const weekly = ['2026-09-16', '2026-09-23', '2026-09-30', '2026-10-07'].map((date) => ({
    date,
    serviceTypeId: null,
    amountMinor: 8_000,
  }));
  const statuses = periodStatuses(periods, budgets, booked);

  it('with override, the first occurrence over the allocation and each after it in the period is named', () => {
    const v = drawVerdicts(statuses, budgets, weekly, 'override', aud);
    expect(v.map((x) => x.conflicts.length)).toEqual([0, 0, 1, 0]);
    expect(v[2]!.conflicts[0]).toMatchObject({
      periodId: 'q1',
      committedMinor: 34_000,
      shortfallMinor: 4_000,
    });
    expect(v[2]!.conflicts[0]!.message).toBe(
      'this takes the Core funding period 2026-07-01 to 2026-09-30 to $340.00 committed of $300.00 allocated: $40.00 short',
    );
    expect(v.every((x) => !x.refused)).toBe(true);
  });

  it('with refuse, a refused occurrence adds nothing, so a later one that fits still goes', () => {
    const small = [...weekly.slice(0, 3), { date: '2026-09-30', serviceTypeId: null, amountMinor: 4_000 }];
    const v = drawVerdicts(statuses, budgets, small, 'refuse', aud);
    expect(v.map((x) => x.refused)).toEqual([false, false, true, false]);
  });
});
