import type { Tx } from '../platform/db/database.js';
import type { AuditEntry } from './audit.types.js';

export type { AuditEntry };

/**
 * The one write to the audit trail, in the same transaction as the change it describes, so neither exists
 * without the other. Only use cases (`*.action.ts`) may import this module (server/.dependency-cruiser.cjs).
 */
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
