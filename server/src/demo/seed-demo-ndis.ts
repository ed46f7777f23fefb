import { readFileSync } from 'node:fs';
import type { Actor } from '../identity/actor.js';
import { importCatalogue, saveBandFamily } from '../ndis/catalogue.action.js';
import { DEMO_CATALOGUE_FILE, DEMO_SELF_CARE_FAMILY } from '../ndis/catalogue-demo.js';
import { updateClaimSettings } from '../ndis/claim-settings.action.js';
import type { Tx } from '../platform/db/database.js';

/**
 * NDIS claiming: the demo 2025-26 support catalogue (real price limits, see ndis/catalogue-demo.ts), the
 * self-care items by time band, and claim settings with a registration number and the ATO's example ABN.
 */
export async function seedDemoNdis(tx: Tx, admin: Actor) {
  await importCatalogue(tx, admin, readFileSync(DEMO_CATALOGUE_FILE, 'utf8'), 'Demo catalogue 2025-26');
  await saveBandFamily(tx, admin, DEMO_SELF_CARE_FAMILY.family, DEMO_SELF_CARE_FAMILY.bands);
  await updateClaimSettings(tx, admin, {
    registrationNumber: '4050000001',
    abn: '51824753556',
    priceLimitMode: 'refuse',
    gstCode: 'P2',
    suffixedItemsFrom: '2026-07-01',
    nonLabourTravelItem: '01_799_0107_1_1',
    transportItem: '04_590_0125_6_1',
  });
}
