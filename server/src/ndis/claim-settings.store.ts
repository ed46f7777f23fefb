import { sql } from 'kysely';
import type { Tx } from '../platform/db/database.js';
import type { ClaimSettings } from './claim-lines.js';

const DEFAULTS: Required<ClaimSettings> = {
  registrationNumber: null,
  abn: null,
  priceLimitMode: 'refuse',
  gstCode: 'P2',
  suffixedItemsFrom: '2026-07-01',
  nonLabourTravelItem: null,
  transportItem: null,
  fundingOverrunMode: 'override',
};

export async function findClaimSettings(tx: Tx, organisationId: string): Promise<Required<ClaimSettings>> {
  const r = await tx
    .selectFrom('ndis_claim_settings')
    .where('organisation_id', '=', organisationId)
    .select([
      'registration_number as registrationNumber',
      'abn',
      'price_limit_mode as priceLimitMode',
      'gst_code as gstCode',
      'suffixed_items_from as suffixedItemsFrom',
      'non_labour_travel_item as nonLabourTravelItem',
      'transport_item as transportItem',
      'funding_overrun_mode as fundingOverrunMode',
    ])
    .executeTakeFirst();
  return r ?? DEFAULTS;
}

export async function saveClaimSettings(tx: Tx, organisationId: string, s: ClaimSettings) {
  const values = {
    registration_number: s.registrationNumber,
    abn: s.abn,
    price_limit_mode: s.priceLimitMode,
    gst_code: s.gstCode,
    suffixed_items_from: s.suffixedItemsFrom,
    non_labour_travel_item: s.nonLabourTravelItem,
    transport_item: s.transportItem,
    funding_overrun_mode: s.fundingOverrunMode ?? 'override',
  };
  await tx
    .insertInto('ndis_claim_settings')
    .values({ organisation_id: organisationId, ...values })
    .onConflict((oc) => oc.column('organisation_id').doUpdateSet({ ...values, updated_at: sql`now()` }))
    .execute();
}
