import type { BookingDraw } from '../bookings/booking-checks.action.js';
import type { Tx } from '../platform/db/database.js';
import { formatMinor } from '../shared/organisation-formats.js';
import { budgetFor, type FundingConflict, fundingConflicts, periodStatuses } from './funding-periods.js';
import { clientDraws, clientPlans } from './plan.store.js';

// NDIS funding is in Australian dollars whatever the organisation's own currency.
const aud = (minor: number) => formatMinor(minor, { locale: 'en-AU', currency: 'AUD' });

/** Each funding period of a client's plans that new draws take over its allocation, with the draws in it. */
export async function clientFundingConflicts(
  tx: Tx,
  org: string,
  clientId: string,
  draws: readonly Omit<BookingDraw, 'clientId'>[],
): Promise<(FundingConflict & { occurrences: number[] })[]> {
  const out: (FundingConflict & { occurrences: number[] })[] = [];
  for (const p of await clientPlans(tx, org, clientId)) {
    const statuses = periodStatuses(p.periods, p.budgets, await clientDraws(tx, org, clientId, p.plan));
    for (const c of fundingConflicts(statuses, p.budgets, draws, aud)) {
      const budgetId = statuses.find((s) => s.id === c.periodId)?.budgetId;
      const occurrences = draws
        .map((d, i) => ({ d, i }))
        .filter(
          ({ d }) =>
            d.date >= c.startDate &&
            d.date <= c.endDate &&
            budgetFor(d.serviceTypeId, p.budgets)?.id === budgetId,
        )
        .map(({ i }) => i);
      out.push({ ...c, occurrences });
    }
  }
  return out;
}

/** The soft conflicts bookings/ asks for (registered on its port by the composition root). */
export async function fundingSoftConflicts(
  tx: Tx,
  org: string,
  draws: readonly BookingDraw[],
): Promise<string[]> {
  const warnings: string[] = [];
  for (const clientId of new Set(draws.map((d) => d.clientId))) {
    const mine = draws.filter((d) => d.clientId === clientId);
    for (const c of await clientFundingConflicts(tx, org, clientId, mine)) warnings.push(c.message);
  }
  return warnings;
}
