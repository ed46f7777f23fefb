import { recordAudit } from '../audit/audit.store.js';
import { auditBy } from '../audit/audit-actor.js';
import type { Actor } from '../identity/actor.js';
import type { Tx } from '../platform/db/database.js';
import { invalid } from '../shared/domain-error.js';
import type { ClaimSettings } from './claim-lines.js';
import { findClaimSettings, saveClaimSettings } from './claim-settings.store.js';

/** An ABN's checksum: subtract 1 from the first digit, weight, sum; valid when divisible by 89. */
export function validAbn(abn: string): boolean {
  if (!/^\d{11}$/.test(abn)) return false;
  const w = [10, 1, 3, 5, 7, 9, 11, 13, 15, 17, 19];
  const d = [...abn].map(Number);
  d[0]! -= 1;
  return d.reduce((s, x, i) => s + x * w[i]!, 0) % 89 === 0;
}

export const claimSettings = (tx: Tx, actor: Actor) => findClaimSettings(tx, actor.organisationId);

export async function updateClaimSettings(tx: Tx, actor: Actor, s: ClaimSettings) {
  if (s.abn !== null && !validAbn(s.abn))
    throw invalid('abn', 'is not a valid ABN (its check digits do not add up)');
  const before = await findClaimSettings(tx, actor.organisationId);
  await saveClaimSettings(tx, actor.organisationId, s);
  await recordAudit(tx, {
    ...auditBy(actor),
    action: 'update',
    entityType: 'ndis_claim_settings',
    entityId: null,
    before,
    after: s,
  });
  return findClaimSettings(tx, actor.organisationId);
}
