import type { Temporal } from 'temporal-polyfill';
import { listBillableContracts, regionCalendar } from '../billing/billing.store.js';
import { supportItemCheck } from '../billing/support-item-check.action.js';
import { calendarOf, rateBooking } from '../billing/visit-rating.js';
import type { SupportItemCheckView } from '../contracts/contract.schemas.js';
import { findClientBilling } from '../contracts/contract.store.js';
import type { Tx } from '../platform/db/database.js';
import { createZoneClock } from '../shared/time/zone-clock.js';

export type ContractVisit = {
  bookingId: string | null;
  startsAt: Temporal.Instant;
  endsAt: Temporal.Instant;
  contractId: string | null;
  staffId: string | null;
};

export type ContractPrice = { amountMinor: number; supportItem: SupportItemCheckView | null };

/**
 * A rater of one client's contract-priced visits, loaded once: the rating engine's total at the planned times
 * (what the visit commits) and its support item check. A visit no contract prices commits nothing (the
 * booking's own contract check says why).
 */
export async function contractRater(tx: Tx, org: string, clientId: string) {
  const client = await findClientBilling(tx, org, clientId);
  if (!client) return async () => ({ amountMinor: 0, supportItem: null });
  const [contracts, days] = await Promise.all([
    listBillableContracts(tx, org, clientId),
    regionCalendar(tx, org, client.region),
  ]);
  const clock = createZoneClock(client.timeZone);
  const calendar = calendarOf(days);
  return async (v: ContractVisit): Promise<ContractPrice> => {
    if (contracts.length === 0) return { amountMinor: 0, supportItem: null };
    const rating = rateBooking(
      clock,
      calendar,
      contracts,
      new Map(),
      {
        id: v.bookingId ?? 'new',
        startsAt: v.startsAt,
        endsAt: v.endsAt,
        contractId: v.contractId,
        actualStart: null,
        actualEnd: null,
        mileage: null,
        staffId: null,
      },
      'booking',
    );
    if (!rating.ok) return { amountMinor: 0, supportItem: null };
    const supportItem = await supportItemCheck(tx, org, {
      clientId,
      contract: rating.choice.contract,
      date: rating.date,
      startsAt: v.startsAt,
      endsAt: v.endsAt,
      timeZone: client.timeZone,
      publicHolidays: calendar.publicHolidays,
      rated: rating.rated,
    });
    return { amountMinor: rating.rated.totalMinor, supportItem };
  };
}
