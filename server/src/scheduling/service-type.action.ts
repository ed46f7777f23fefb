import { recordAudit } from '../audit/audit.store.js';
import { auditBy } from '../audit/audit-actor.js';
import type { Actor } from '../identity/actor.js';
import type { Tx } from '../platform/db/database.js';
import { insertServiceType } from './schedule.store.js';

/** A new service type (the colour and name bookings are grouped by), with its audit event. */
export async function createServiceType(tx: Tx, actor: Actor, input: { name: string; colour?: string }) {
  const created = await insertServiceType(tx, actor.organisationId, input);
  await recordAudit(tx, {
    ...auditBy(actor),
    action: 'create',
    entityType: 'service_type',
    entityId: created.id,
    after: created,
  });
  return created;
}
