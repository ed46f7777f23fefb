import { recordAudit } from '../audit/audit.store.js';
import { auditBy } from '../audit/audit-actor.js';
import type { Actor } from '../identity/actor.js';
import type { Tx } from '../platform/db/database.js';
import { conflict, invalid, notFound } from '../shared/domain-error.js';
import { lockClaims } from './bulk-payment.store.js';
import type { DeliveredAs } from './claim-lines.js';
import { recordForClaimType, setRecordClaimType } from './record-claim-type.store.js';

const CLAIM_TYPE_OF: Record<DeliveredAs, 'NF2F' | 'REPW' | null> = {
  face_to_face: null,
  non_face_to_face: 'NF2F',
  ndia_report: 'REPW',
};

/**
 * Records how a delivered service was provided (face-to-face, non-face-to-face, an NDIA-requested report), which
 * decides its claim type. Only a service record, and only before it is on an exported claim line (a rejected
 * line frees it); serialised with exports so a record is not changed while it is being claimed.
 */
export async function recordDeliveredAs(
  tx: Tx,
  actor: Actor,
  deliveredServiceId: string,
  deliveredAs: DeliveredAs,
) {
  await lockClaims(tx, actor.organisationId);
  const record = await recordForClaimType(tx, actor.organisationId, deliveredServiceId);
  if (!record) throw notFound('Delivered record');
  if (record.kind !== 'service')
    throw invalid('deliveredAs', `can be recorded only for a service, not for ${record.kind}`);
  if (record.claimed)
    throw conflict(
      'The record is already on an exported claim line; it can change only if that line is rejected',
    );
  const claimType = CLAIM_TYPE_OF[deliveredAs];
  const before = await setRecordClaimType(
    tx,
    actor.organisationId,
    deliveredServiceId,
    claimType,
    actor.userId,
  );
  await recordAudit(tx, {
    ...auditBy(actor),
    action: 'update',
    entityType: 'ndis_record_claim_type',
    entityId: deliveredServiceId,
    before: { claimType: before },
    after: { claimType },
  });
  return { deliveredServiceId, deliveredAs };
}
