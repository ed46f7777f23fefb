import { recordAudit } from '../audit/audit.store.js';
import { auditBy } from '../audit/audit-actor.js';
import type { Tx } from '../platform/db/database.js';
import { conflict, notFound } from '../shared/domain-error.js';
import type { Actor } from './actor.js';
import { isLockedRole, type Permission } from './permissions.js';
import {
  countStaffWithRole,
  deleteRole,
  findRole,
  insertRole,
  type RoleRecord,
  updateRole,
} from './role.store.js';

export type RoleInput = { name: string; description: string | null; permissions: Permission[] };

export async function createRole(tx: Tx, actor: Actor, input: RoleInput): Promise<RoleRecord> {
  const role = await insertRole(tx, actor.organisationId, input);
  await recordAudit(tx, {
    ...auditBy(actor),
    action: 'create',
    entityType: 'role',
    entityId: role.id,
    after: role,
  });
  return role;
}

export async function changeRole(
  tx: Tx,
  actor: Actor,
  id: string,
  patch: Partial<RoleInput>,
): Promise<RoleRecord> {
  const before = await findRole(tx, actor.organisationId, id);
  if (!before) throw notFound('Role');
  if (isLockedRole(before.key))
    throw conflict('The Administrator role always holds every permission and cannot be edited');
  const after = await updateRole(tx, actor.organisationId, id, patch);
  await recordAudit(tx, {
    ...auditBy(actor),
    action: 'update',
    entityType: 'role',
    entityId: id,
    before,
    after,
  });
  return after;
}

export async function removeRole(tx: Tx, actor: Actor, id: string): Promise<void> {
  const before = await findRole(tx, actor.organisationId, id);
  if (!before) throw notFound('Role');
  if (before.key !== null) throw conflict('Built-in roles cannot be deleted');
  const holders = await countStaffWithRole(tx, actor.organisationId, id);
  if (holders > 0)
    throw conflict(`${holders} staff member(s) still hold this role; remove it from them first`);
  await deleteRole(tx, actor.organisationId, id);
  await recordAudit(tx, { ...auditBy(actor), action: 'delete', entityType: 'role', entityId: id, before });
}
