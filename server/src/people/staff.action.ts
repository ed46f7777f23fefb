import type { CountryCode } from 'libphonenumber-js/max';
import { recordAudit } from '../audit/audit.store.js';
import { auditBy } from '../audit/audit-actor.js';
import type { Actor } from '../identity/actor.js';
import type { Tx } from '../platform/db/database.js';
import { invalid, notFound } from '../shared/domain-error.js';
import { findOrganisationCountry } from './client.store.js';
import { countryOfZone, phoneIssue } from './contact-rules.js';
import type { StaffInput, StaffPatch, StaffView } from './people.schemas.js';
import { existingRoleIds, findStaff, insertStaff, replaceStaffRoles, updateStaff } from './staff.store.js';

async function checkRoles(tx: Tx, actor: Actor, roleIds: string[]) {
  const unique = [...new Set(roleIds)];
  const found = await existingRoleIds(tx, actor.organisationId, unique);
  if (found.size !== unique.length) throw invalid('roleIds', 'contains a role that does not exist');
  return unique;
}

/** A staff member's phone number must be one of their country's (their zone's, else the organisation's). */
async function checkPhone(tx: Tx, actor: Actor, phone: string | null | undefined, timeZone: string) {
  if (!phone) return;
  const country = (countryOfZone(timeZone) ??
    (await findOrganisationCountry(tx, actor.organisationId))) as CountryCode;
  const reason = phoneIssue(phone, country);
  if (reason) throw invalid('phone', reason);
}

export async function createStaff(tx: Tx, actor: Actor, input: StaffInput): Promise<StaffView> {
  await checkPhone(tx, actor, input.phone, input.timeZone);
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
  if (patch.phone) await checkPhone(tx, actor, patch.phone, patch.timeZone ?? before.timeZone);
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
