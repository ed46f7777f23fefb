import { recordAudit } from '../audit/audit.store.js';
import { auditBy } from '../audit/audit-actor.js';
import type { Actor } from '../identity/actor.js';
import type { Tx } from '../platform/db/database.js';
import { invalid, notFound } from '../shared/domain-error.js';
import {
  findResource,
  insertResource,
  type ResourceKind,
  type ResourceRecord,
  updateResource,
} from './resource.store.js';

/**
 * A room, vehicle or piece of equipment sessions can book (sites and beds are the accommodation screens'). A
 * parent, when named, must be a site or room of the organisation (a room in a site, equipment in a room).
 */
export async function createResource(
  tx: Tx,
  actor: Actor,
  input: {
    kind: Extract<ResourceKind, 'room' | 'vehicle' | 'equipment'>;
    name: string;
    parentId?: string | undefined;
  },
): Promise<ResourceRecord> {
  const org = actor.organisationId;
  if (input.parentId !== undefined) {
    const parent = await findResource(tx, org, input.parentId);
    if (!parent || (parent.kind !== 'site' && parent.kind !== 'room'))
      throw invalid('parentId', 'must be a site or room of this organisation');
  }
  const created = await insertResource(tx, org, {
    kind: input.kind,
    name: input.name,
    parentId: input.parentId ?? null,
  });
  await recordAudit(tx, {
    ...auditBy(actor),
    action: 'create',
    entityType: 'resource',
    entityId: created.id,
    after: created,
  });
  return created;
}

/** Renames a resource or takes it out of use (an inactive resource can't be booked; its bookings stay). */
export async function changeResource(
  tx: Tx,
  actor: Actor,
  id: string,
  patch: { name?: string | undefined; active?: boolean | undefined },
): Promise<ResourceRecord> {
  const org = actor.organisationId;
  const before = await findResource(tx, org, id);
  if (!before) throw notFound('Resource');
  const after = await updateResource(tx, org, id, patch);
  if (!after) throw notFound('Resource');
  await recordAudit(tx, {
    ...auditBy(actor),
    action: 'update',
    entityType: 'resource',
    entityId: id,
    before,
    after,
  });
  return after;
}
