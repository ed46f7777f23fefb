import { type Tx, ts } from '../platform/db/database.js';

/** Reading the audit trail (writes are audit.store.ts's, from actions only). */
export type AuditFilter = { entityType?: string; entityId?: string; after?: [string, string]; limit: number };

export async function listAuditEvents(tx: Tx, organisationId: string, f: AuditFilter) {
  let q = tx
    .selectFrom('audit_events')
    .where('organisation_id', '=', organisationId)
    .selectAll()
    .orderBy('occurred_at', 'desc')
    .orderBy('id', 'desc')
    .limit(f.limit + 1);
  if (f.entityType) q = q.where('entity_type', '=', f.entityType);
  if (f.entityId) q = q.where('entity_id', '=', f.entityId);
  if (f.after) {
    const [at, id] = f.after;
    q = q.where((eb) =>
      eb.or([eb('occurred_at', '<', ts(at)), eb.and([eb('occurred_at', '=', ts(at)), eb('id', '<', id)])]),
    );
  }
  return q.execute();
}
