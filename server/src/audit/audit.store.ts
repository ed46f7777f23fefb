import { type Tx, ts } from '../platform/db/database.js';
import type { AuditEntry } from './audit.types.js';

export type { AuditEntry };

/** Written in the same transaction as the change it describes, so neither exists without the other. */
export async function recordAudit(tx: Tx, e: AuditEntry): Promise<void> {
  await tx
    .insertInto('audit_events')
    .values({
      organisation_id: e.organisationId,
      actor_user_id: e.actorUserId,
      actor_label: e.actorLabel,
      ip: e.ip,
      action: e.action,
      entity_type: e.entityType,
      entity_id: e.entityId,
      before: e.before === undefined ? null : JSON.stringify(e.before),
      after: e.after === undefined ? null : JSON.stringify(e.after),
    })
    .execute();
}

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
