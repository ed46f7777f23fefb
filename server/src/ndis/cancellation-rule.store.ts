import type { Tx } from '../platform/db/database.js';
import type { CancellationRuleRecord } from './cancellation-rule.types.js';

export type { CancellationRuleRecord };

const COLUMNS = [
  'id',
  'service_type_id as serviceTypeId',
  'effective_from as effectiveFrom',
  'support_class as supportClass',
  'kind',
  'days',
  'reading',
  'opens_at as opensAt',
  'closes_at as closesAt',
  'claim_percent as claimPercent',
] as const;

/**
 * The organisation's rule for a service type on a date: the service type's own rule in force then, else the
 * organisation's default rule (no service type) in force then, else undefined (the national defaults apply).
 */
export async function findRuleInForce(
  tx: Tx,
  organisationId: string,
  serviceTypeId: string | null,
  date: string,
): Promise<CancellationRuleRecord | undefined> {
  const rows = await tx
    .selectFrom('ndis_cancellation_rules')
    .where('organisation_id', '=', organisationId)
    .where('effective_from', '<=', date)
    .where((w) =>
      serviceTypeId === null
        ? w('service_type_id', 'is', null)
        : w.or([w('service_type_id', '=', serviceTypeId), w('service_type_id', 'is', null)]),
    )
    .select(COLUMNS)
    .orderBy('effective_from', 'desc')
    .execute();
  return rows.find((r) => r.serviceTypeId !== null) ?? rows[0];
}

export async function listCancellationRules(
  tx: Tx,
  organisationId: string,
): Promise<CancellationRuleRecord[]> {
  return tx
    .selectFrom('ndis_cancellation_rules')
    .where('organisation_id', '=', organisationId)
    .select(COLUMNS)
    .orderBy('service_type_id', (o) => o.nullsFirst())
    .orderBy('effective_from')
    .execute();
}

export async function insertCancellationRule(
  tx: Tx,
  organisationId: string,
  r: Omit<CancellationRuleRecord, 'id'>,
): Promise<string> {
  const row = await tx
    .insertInto('ndis_cancellation_rules')
    .values({
      organisation_id: organisationId,
      service_type_id: r.serviceTypeId,
      effective_from: r.effectiveFrom,
      support_class: r.supportClass,
      kind: r.kind,
      days: r.days,
      reading: r.reading,
      opens_at: r.opensAt,
      closes_at: r.closesAt,
      claim_percent: r.claimPercent,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function deleteCancellationRule(tx: Tx, organisationId: string, id: string) {
  return tx
    .deleteFrom('ndis_cancellation_rules')
    .where('organisation_id', '=', organisationId)
    .where('id', '=', id)
    .returning(['id'])
    .executeTakeFirst();
}
