import { sql } from 'kysely';
import type { Tx } from '../platform/db/database.js';

/** Writes `ndis_record_claim_types` (how a delivered service was provided), and reads what deciding it needs. */

/** A delivered record's kind and whether it stands on an exported claim line (not rejected). */
export async function recordForClaimType(tx: Tx, organisationId: string, deliveredServiceId: string) {
  return tx
    .selectFrom('delivered_services as ds')
    .where('ds.organisation_id', '=', organisationId)
    .where('ds.id', '=', deliveredServiceId)
    .select((eb) => [
      'ds.kind',
      'ds.description',
      eb
        .exists(
          eb
            .selectFrom('ndis_claim_lines as l')
            .whereRef('l.organisation_id', '=', 'ds.organisation_id')
            .whereRef('l.delivered_service_id', '=', 'ds.id')
            .where('l.status', '<>', 'rejected')
            .select(sql`1`.as('one')),
        )
        .as('claimed'),
    ])
    .executeTakeFirst();
}

/** Records how a service record was provided; null: face-to-face (the row goes). */
export async function setRecordClaimType(
  tx: Tx,
  organisationId: string,
  deliveredServiceId: string,
  claimType: 'NF2F' | 'REPW' | null,
  userId: string,
) {
  const before = await tx
    .selectFrom('ndis_record_claim_types')
    .where('organisation_id', '=', organisationId)
    .where('delivered_service_id', '=', deliveredServiceId)
    .select('claim_type')
    .executeTakeFirst();
  if (claimType === null)
    await tx
      .deleteFrom('ndis_record_claim_types')
      .where('organisation_id', '=', organisationId)
      .where('delivered_service_id', '=', deliveredServiceId)
      .execute();
  else
    await tx
      .insertInto('ndis_record_claim_types')
      .values({
        organisation_id: organisationId,
        delivered_service_id: deliveredServiceId,
        claim_type: claimType,
        set_by_user_id: userId,
      })
      .onConflict((oc) =>
        oc
          .columns(['organisation_id', 'delivered_service_id'])
          .doUpdateSet({ claim_type: claimType, set_by_user_id: userId, set_at: sql`now()` }),
      )
      .execute();
  return before?.claim_type ?? null;
}
