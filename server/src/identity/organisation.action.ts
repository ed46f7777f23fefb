import { hashPassword } from '../platform/auth/password.js';
import { type Db, withSystem, withTenant } from '../platform/db/database.js';
import { invalid } from '../shared/domain-error.js';
import { isIanaTimeZone } from '../shared/time-zone.js';
import { insertOrganisation, insertStaffWithRole } from './organisation.store.js';
import { BUILT_IN_ROLES, type RoleKey } from './permissions.js';
import { insertRole, listRoles } from './role.store.js';
import { insertUser } from './user.store.js';

/** A new organisation with its built-in roles (Administrator, Coordinator, Associate/Worker, Finance). */
export async function createOrganisation(db: Db, name: string, timeZone: string): Promise<{ id: string }> {
  if (!name.trim()) throw invalid('name', 'is required');
  if (!isIanaTimeZone(timeZone)) throw invalid('timeZone', 'must be an IANA time zone name');
  const org = await withSystem(db, (tx) => insertOrganisation(tx, name.trim(), timeZone));
  await withTenant(db, org.id, async (tx) => {
    for (const role of BUILT_IN_ROLES)
      await insertRole(tx, org.id, { ...role, permissions: [...role.permissions] });
  });
  return org;
}

export type NewUser = {
  organisationId: string;
  email: string;
  password: string;
  givenName: string;
  familyName: string;
  timeZone: string;
  roleKey: RoleKey;
  deliversServices?: boolean;
};

/** A staff member who can sign in, holding one built-in role. */
export async function createUserWithStaff(db: Db, u: NewUser): Promise<{ userId: string; staffId: string }> {
  if (u.password.length < 8) throw invalid('password', 'must be at least 8 characters');
  if (!isIanaTimeZone(u.timeZone)) throw invalid('timeZone', 'must be an IANA time zone name');
  const passwordHash = await hashPassword(u.password);
  return withTenant(db, u.organisationId, async (tx) => {
    const role = (await listRoles(tx, u.organisationId)).find((r) => r.key === u.roleKey);
    if (!role) throw invalid('role', `no built-in role ${u.roleKey} in this organisation`);
    const staff = await insertStaffWithRole(tx, u.organisationId, {
      givenName: u.givenName,
      familyName: u.familyName,
      email: u.email,
      timeZone: u.timeZone,
      deliversServices: u.deliversServices ?? u.roleKey === 'worker',
      roleId: role.id,
    });
    const userId = await insertUser(tx, {
      organisationId: u.organisationId,
      staffId: staff.id,
      email: u.email,
      passwordHash,
    });
    return { userId, staffId: staff.id };
  });
}
