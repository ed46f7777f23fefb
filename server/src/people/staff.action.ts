import { recordAudit } from '../audit/audit.store.js';
import { auditBy } from '../audit/audit-actor.js';
import type { Actor } from '../identity/actor.js';
import type { Tx } from '../platform/db/database.js';
import { invalid, notFound } from '../shared/domain-error.js';
import type { StaffInput, StaffPatch, StaffView } from './people.schemas.js';
import { existingRoleIds, findStaff, insertStaff, replaceStaffRoles, updateStaff } from './staff.store.js';

async function checkRoles(tx: Tx, actor: Actor, roleIds: string[]) {
  const unique = [...new Set(roleIds)];
  const found = await existingRoleIds(tx, actor.organisationId, unique);
  if (found.size !== unique.length) throw invalid('roleIds', 'contains a role that does not exist');
  return unique;
}

export async function createStaff(tx: Tx, actor: Actor, input: StaffInput): Promise<StaffView> {
  const roleIds = await checkRoles(tx, actor, input.roleIds);
  const id = await insertStaff(tx, actor.organisationId, input);
  await replaceStaffRoles(tx, actor.organisationId, id, roleIds);
  const after = (await findStaff(tx, actor.organisationId, id))!;
  await recordAudit(tx, { ...auditBy(actor), action: 'create', entityType: 'staff', entityId: id, after });
  return after;
}

export async function changeStaff(tx: Tx, actor: Actor, id: string, patch: StaffPatch): Promise<StaffView> {
  const before = await findStaff(tx, actor.organisationId, id);
  if (!before) throw notFound('Staff member');
  await updateStaff(tx, actor.organisationId, id, patch);
  if (patch.roleIds !== undefined) {
    await replaceStaffRoles(tx, actor.organisationId, id, await checkRoles(tx, actor, patch.roleIds));
  }
  const after = (await findStaff(tx, actor.organisationId, id))!;
  await recordAudit(tx, {
    ...auditBy(actor),
    action: 'update',
    entityType: 'staff',
    entityId: id,
    before,
    after,
  });
  return after;
}
