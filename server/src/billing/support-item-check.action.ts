import type { Temporal } from 'temporal-polyfill';
import type { SupportItemCheckView } from '../contracts/contract.schemas.js';
import { effectiveOption } from '../contracts/option-sets.js';
import type { RatedVisit } from '../contracts/rating.types.js';
import type { Tx } from '../platform/db/database.js';
import type { BillableContract } from './visit-rating.js';

/** A contract-priced visit as ndis/ checks it: when, where, the contract's items and its highest hourly rate. */
export type SupportItemVisit = {
  clientId: string;
  startsAt: Temporal.Instant;
  endsAt: Temporal.Instant;
  timeZone: string;
  /** The public holidays of the client's regional calendar (the state where the visit is delivered). */
  publicHolidays: ReadonlySet<string>;
  items: Partial<Record<SupportItemCheckView['band'], string>>;
  rateMinor: number;
};

export type SupportItemCheckPort = (
  tx: Tx,
  organisationId: string,
  visit: SupportItemVisit,
) => Promise<SupportItemCheckView>;

let port: SupportItemCheckPort | undefined;

/**
 * The port through which ndis/ (above billing/) picks a visit's support item and checks the contract's rate
 * against its price limit for "why this price", without billing/ importing it; the composition root
 * registers it.
 */
export function setSupportItemCheck(next: SupportItemCheckPort | undefined): void {
  port = next;
}

/**
 * The support item check of a rated visit, or null when its contract names no NDIS items on its date (or no
 * check is registered). The visit's band follows the times it is billed on.
 */
export async function supportItemCheck(
  tx: Tx,
  organisationId: string,
  q: {
    clientId: string;
    contract: BillableContract;
    date: string;
    startsAt: Temporal.Instant;
    endsAt: Temporal.Instant;
    timeZone: string;
    publicHolidays: ReadonlySet<string>;
    rated: RatedVisit;
  },
): Promise<SupportItemCheckView | null> {
  const items = effectiveOption(
    { contractType: q.contract.typeOptionSets, assignment: q.contract.optionSets },
    'ndisSupportItems',
    q.date,
  )?.value;
  if (!port || !items || Object.keys(items).length === 0) return null;
  const rates = q.rated.lines.filter((l) => l.kind === 'time' && l.rateMinor !== undefined);
  const rateMinor = Math.max(0, ...rates.map((l) => l.rateMinor!));
  return port(tx, organisationId, {
    clientId: q.clientId,
    startsAt: q.startsAt,
    endsAt: q.endsAt,
    timeZone: q.timeZone,
    publicHolidays: q.publicHolidays,
    items,
    rateMinor,
  });
}
