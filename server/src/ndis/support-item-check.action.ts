import type { SupportItemVisit } from '../billing/support-item-check.action.js';
import type { SupportItemCheckView } from '../contracts/contract.schemas.js';
import { findClient } from '../people/client.store.js';
import type { Tx } from '../platform/db/database.js';
import { listItems } from './catalogue.store.js';
import { priceZoneOf } from './catalogue-pricing.js';
import { findClaimSettings } from './claim-settings.store.js';
import { checkSupportItem } from './support-item-choice.js';

/**
 * A contract-priced visit's support item and price-limit check (registered on billing/'s port): the band
 * (public holidays of the client's regional calendar) picks the contract's item; the limit is the one for the
 * visit's date and the client's zone (state, or remote / very remote by MMM); the organisation's setting says
 * whether a rate above it warns or is refused.
 */
export async function checkVisitSupportItem(
  tx: Tx,
  organisationId: string,
  v: SupportItemVisit,
): Promise<SupportItemCheckView> {
  const client = await findClient(tx, organisationId, v.clientId);
  const numbers = [...new Set(Object.values(v.items).filter((n): n is string => !!n))];
  const [catalogue, settings] = await Promise.all([
    listItems(tx, organisationId, { numbers }),
    findClaimSettings(tx, organisationId),
  ]);
  return checkSupportItem({
    start: v.startsAt.toZonedDateTimeISO(v.timeZone),
    end: v.endsAt.toZonedDateTimeISO(v.timeZone),
    publicHolidays: v.publicHolidays,
    items: v.items,
    catalogue,
    zone: priceZoneOf(client?.state ?? null, client?.mmmBand ?? null),
    rateMinor: v.rateMinor,
    mode: settings.priceLimitMode,
  });
}
