import { Temporal } from 'temporal-polyfill';

/**
 * NDIS funding periods (research §3.7): since 19 May 2025 new plans release funds in periods, by default 3
 * months; claims beyond a period's allocation are not paid. Pure: dates in, periods and sums out.
 */

/** Plans starting on or after this date are released in periods (older plans: one period, the whole plan). */
export const FUNDING_PERIODS_FROM = '2025-05-19';

export type DateRange = { startDate: string; endDate: string };

/** Consecutive periods of `months` months from the plan's start, the last one ending with the plan. */
export function defaultFundingPeriods(plan: DateRange, months = 3): DateRange[] {
  if (plan.startDate < FUNDING_PERIODS_FROM) return [{ ...plan }];
  const start = Temporal.PlainDate.from(plan.startDate);
  const end = Temporal.PlainDate.from(plan.endDate);
  const out: DateRange[] = [];
  for (let i = 0; ; i++) {
    const from = start.add({ months: i * months });
    if (Temporal.PlainDate.compare(from, end) > 0) break;
    const next = start.add({ months: (i + 1) * months }).subtract({ days: 1 });
    const to = Temporal.PlainDate.compare(next, end) > 0 ? end : next;
    out.push({ startDate: from.toString(), endDate: to.toString() });
  }
  return out;
}

const daysIn = (r: DateRange) =>
  Temporal.PlainDate.from(r.startDate).until(Temporal.PlainDate.from(r.endDate), { largestUnit: 'day' })
    .days + 1;

/**
 * A budget's amount over its periods, pro rata to each period's days, in whole cents by the largest remainder
 * rule (ties to the earlier period), so the allocations always add up to the budget.
 */
export function allocateBudget(amountMinor: number, periods: readonly DateRange[]): number[] {
  const days = periods.map(daysIn);
  const total = days.reduce((a, b) => a + b, 0);
  if (total === 0) return periods.map(() => 0);
  const exact = days.map((d) => (amountMinor * d) / total);
  const out = exact.map(Math.floor);
  let left = amountMinor - out.reduce((a, b) => a + b, 0);
  const order = exact.map((e, i) => ({ i, r: e - Math.floor(e) })).sort((a, b) => b.r - a.r || a.i - b.i);
  for (const { i } of order) {
    if (left <= 0) break;
    out[i]!++;
    left--;
  }
  return out;
}

/** One booking's draw on funding: its date, its service type and its amount (estimated, or as delivered). */
export type FundingDraw = {
  bookingId: string;
  date: string;
  serviceTypeId: string | null;
  status: 'booked' | 'delivered';
  amountMinor: number;
  claimedMinor: number;
};

export type BudgetRef = { id: string; supportCategory: string; serviceTypeIds: readonly string[] };

/** The budget a booking draws on: the one naming its service type, else the one naming none. */
export function budgetFor(
  serviceTypeId: string | null,
  budgets: readonly BudgetRef[],
): BudgetRef | undefined {
  return (
    (serviceTypeId === null ? undefined : budgets.find((b) => b.serviceTypeIds.includes(serviceTypeId))) ??
    budgets.find((b) => b.serviceTypeIds.length === 0)
  );
}

export type PeriodRef = DateRange & { id: string; budgetId: string; allocationMinor: number };

export type PeriodStatus = PeriodRef & {
  supportCategory: string;
  bookedMinor: number;
  deliveredMinor: number;
  committedMinor: number;
  claimedMinor: number;
  remainingMinor: number;
  /** What the period will have used at its end if every booked service goes ahead (= committed). */
  projectedEndMinor: number;
  projectedShortfallMinor: number;
};

/** Each period's allocation against what is booked, delivered and claimed in it. */
export function periodStatuses(
  periods: readonly PeriodRef[],
  budgets: readonly BudgetRef[],
  draws: readonly FundingDraw[],
): PeriodStatus[] {
  return periods.map((p) => {
    const budget = budgets.find((b) => b.id === p.budgetId)!;
    const mine = draws.filter(
      (d) =>
        d.date >= p.startDate && d.date <= p.endDate && budgetFor(d.serviceTypeId, budgets)?.id === budget.id,
    );
    const sum = (f: (d: FundingDraw) => number) => mine.reduce((a, d) => a + f(d), 0);
    const bookedMinor = sum((d) => (d.status === 'booked' ? d.amountMinor : 0));
    const deliveredMinor = sum((d) => (d.status === 'delivered' ? d.amountMinor : 0));
    const committedMinor = bookedMinor + deliveredMinor;
    return {
      ...p,
      supportCategory: budget.supportCategory,
      bookedMinor,
      deliveredMinor,
      committedMinor,
      claimedMinor: sum((d) => d.claimedMinor),
      remainingMinor: p.allocationMinor - committedMinor,
      projectedEndMinor: committedMinor,
      projectedShortfallMinor: Math.max(0, committedMinor - p.allocationMinor),
    };
  });
}

export type FundingConflict = {
  periodId: string;
  supportCategory: string;
  startDate: string;
  endDate: string;
  allocationMinor: number;
  committedMinor: number;
  shortfallMinor: number;
  message: string;
};

/**
 * Whether new draws (a booking, or each occurrence of a series) take a period's committed amount over its
 * allocation: one conflict per period overrun, naming the period, the budget and the shortfall. `money`
 * formats minor units in the organisation's currency.
 */
export function fundingConflicts(
  statuses: readonly PeriodStatus[],
  budgets: readonly BudgetRef[],
  added: readonly Pick<FundingDraw, 'date' | 'serviceTypeId' | 'amountMinor'>[],
  money: (minor: number) => string,
): FundingConflict[] {
  const out: FundingConflict[] = [];
  for (const s of statuses) {
    const extra = added
      .filter(
        (d) =>
          d.date >= s.startDate &&
          d.date <= s.endDate &&
          budgetFor(d.serviceTypeId, budgets)?.id === s.budgetId,
      )
      .reduce((a, d) => a + d.amountMinor, 0);
    if (extra === 0) continue;
    const committed = s.committedMinor + extra;
    if (committed <= s.allocationMinor) continue;
    const shortfall = committed - s.allocationMinor;
    out.push({
      periodId: s.id,
      supportCategory: s.supportCategory,
      startDate: s.startDate,
      endDate: s.endDate,
      allocationMinor: s.allocationMinor,
      committedMinor: committed,
      shortfallMinor: shortfall,
      message: `this takes the ${s.supportCategory} funding period ${s.startDate} to ${s.endDate} to ${money(committed)} committed of ${money(s.allocationMinor)} allocated: ${money(shortfall)} short`,
    });
  }
  return out;
}

export type DrawVerdict = { conflicts: FundingConflict[]; refused: boolean };

/**
 * Each new draw judged in order against what is committed before it (a series' occurrences, or one booking):
 * a draw that takes a period over its allocation has a conflict naming the period, the budget and the
 * shortfall; with `refuse` it is refused and adds nothing to what later draws are judged against, otherwise
 * (a soft conflict overridden with a reason) it counts for the ones after it.
 */
export function drawVerdicts(
  statuses: readonly PeriodStatus[],
  budgets: readonly BudgetRef[],
  added: readonly Pick<FundingDraw, 'date' | 'serviceTypeId' | 'amountMinor'>[],
  mode: 'override' | 'refuse',
  money: (minor: number) => string,
): DrawVerdict[] {
  const committed = new Map(statuses.map((s) => [s.id, s.committedMinor]));
  return added.map((d) => {
    if (d.amountMinor <= 0) return { conflicts: [], refused: false };
    const budgetId = budgetFor(d.serviceTypeId, budgets)?.id;
    const hit = statuses.filter(
      (s) => s.budgetId === budgetId && d.date >= s.startDate && d.date <= s.endDate,
    );
    const conflicts = fundingConflicts(
      hit.map((s) => ({ ...s, committedMinor: committed.get(s.id)! })),
      budgets,
      [d],
      money,
    );
    const refused = mode === 'refuse' && conflicts.length > 0;
    if (!refused) for (const s of hit) committed.set(s.id, committed.get(s.id)! + d.amountMinor);
    return { conflicts, refused };
  });
}
