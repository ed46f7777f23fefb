import type { BookingDraw, DrawCheck } from '../bookings/booking-checks.action.js';
import type { Tx } from '../platform/db/database.js';
import { formatMinor } from '../shared/organisation-formats.js';
import { findClaimSettings } from './claim-settings.store.js';
import {
  budgetFor,
  drawVerdicts,
  type FundingConflict,
  fundingConflicts,
  periodStatuses,
} from './funding-periods.js';
import { contractRater } from './funding-rating.action.js';
import { clientDraws, clientPlans, lockClientPeriods } from './plan.store.js';

// NDIS funding is in Australian dollars whatever the organisation's own currency.
const aud = (minor: number) => formatMinor(minor, { locale: 'en-AU', currency: 'AUD' });

type PricedDraw = { date: string; serviceTypeId: string | null; amountMinor: number };

/** Each funding period of a client's plans that new draws take over its allocation, with the draws in it. */
export async function clientFundingConflicts(
  tx: Tx,
  org: string,
  clientId: string,
  draws: readonly PricedDraw[],
): Promise<(FundingConflict & { occurrences: number[] })[]> {
  const out: (FundingConflict & { occurrences: number[] })[] = [];
  for (const p of await clientPlans(tx, org, clientId)) {
    const statuses = periodStatuses(p.periods, p.budgets, await committedDraws(tx, org, clientId, p.plan));
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

/**
 * What a client's bookings commit in a plan's dates: session estimates and delivered amounts as stored, and
 * contract-priced visits at the rating engine's price; `replacing` leaves out bookings being rewritten.
 */
export async function committedDraws(
  tx: Tx,
  org: string,
  clientId: string,
  range: { startDate: string; endDate: string },
  replacing: ReadonlySet<string> = new Set(),
  rate?: Awaited<ReturnType<typeof contractRater>>,
) {
  const draws = (await clientDraws(tx, org, clientId, range)).filter((d) => !replacing.has(d.bookingId));
  if (!draws.some((d) => d.unrated)) return draws;
  const rater = rate ?? (await contractRater(tx, org, clientId));
  for (const d of draws) if (d.unrated) d.amountMinor = (await rater(d.unrated)).amountMinor;
  return draws;
}

/**
 * The checks bookings/ asks for on each draw (registered on its port by the composition root), in order:
 * - a contract-priced visit whose contract names NDIS items is refused when its rate is above the item's
 *   price limit and the organisation refuses such rates;
 * - a draw that takes a funding period's committed amount over its allocation is a soft conflict naming the
 *   period, the budget and the shortfall, or (organisation setting "refuse") refused.
 * The client's periods covering the draws are locked first (to the end of the write's transaction), so two
 * concurrent bookings are judged against each other's committed amounts.
 */
export async function fundingSoftConflicts(
  tx: Tx,
  org: string,
  draws: readonly BookingDraw[],
): Promise<DrawCheck[]> {
  const out: DrawCheck[] = draws.map(() => ({ warnings: [], refusal: null }));
  const settings = await findClaimSettings(tx, org);
  for (const clientId of [...new Set(draws.map((d) => d.clientId))].sort()) {
    const mine = draws.map((d, i) => ({ d, i })).filter(({ d }) => d.clientId === clientId);
    await lockClientPeriods(
      tx,
      org,
      clientId,
      mine.map(({ d }) => d.date),
    );
    const plans = await clientPlans(tx, org, clientId);
    const needsRating = mine.some(({ d }) => d.amountMinor === null && d.visit);
    if (plans.length === 0 && !needsRating) continue;
    const rate = await contractRater(tx, org, clientId);
    const priced: PricedDraw[] = [];
    for (const { d, i } of mine) {
      let amountMinor = d.amountMinor ?? 0;
      if (d.amountMinor === null && d.visit) {
        const p = await rate(d.visit);
        amountMinor = p.amountMinor;
        if (p.supportItem?.verdict === 'refuse') out[i]!.refusal = p.supportItem.message;
      }
      priced.push({ date: d.date, serviceTypeId: d.serviceTypeId, amountMinor });
    }
    const replacing = new Set(mine.map(({ d }) => d.visit?.bookingId).filter((b): b is string => !!b));
    for (const p of plans) {
      const committed = await committedDraws(tx, org, clientId, p.plan, replacing, rate);
      const statuses = periodStatuses(p.periods, p.budgets, committed);
      // A draw refused for its price adds nothing to the period.
      const judged = priced.map((d, k) => (out[mine[k]!.i]!.refusal ? { ...d, amountMinor: 0 } : d));
      const verdicts = drawVerdicts(statuses, p.budgets, judged, settings.fundingOverrunMode, aud);
      verdicts.forEach((v, k) => {
        const c = out[mine[k]!.i]!;
        if (v.refused && c.refusal === null)
          c.refusal = `${v.conflicts.map((x) => x.message).join('; ')}; the organisation refuses bookings over a funding period's allocation`;
        else if (!v.refused) c.warnings.push(...v.conflicts.map((x) => x.message));
      });
    }
  }
  return out;
}
