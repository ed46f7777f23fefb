import { z } from 'zod';
import { hashPassword } from '../platform/auth/password.js';
import { type Db, withSystem, withTenant } from '../platform/db/database.js';
import { invalid } from '../shared/domain-error.js';
import { canonicalTimeZone } from '../shared/time-zone.js';
import {
  emailInUse,
  insertOrganisation,
  insertStaffWithRole,
  organisationExists,
} from './organisation.store.js';
import { BUILT_IN_ROLES, type RoleKey } from './permissions.js';
import { insertRole, listRoles } from './role.store.js';
import { insertUser } from './user.store.js';

/** A new organisation with its built-in roles (Administrator, Coordinator, Associate/Worker, Finance). */
/** The country a new organisation is in, from its zone (as migration 0012 set it for existing ones). */
export function countryForZone(zone: string): string {
  if (zone === 'Europe/London' || zone === 'Europe/Belfast') return 'GB';
  if (zone === 'Pacific/Auckland' || zone === 'Pacific/Chatham') return 'NZ';
  if (/^America\/(New_York|Chicago|Denver|Los_Angeles|Phoenix|Anchorage)$|^Pacific\/Honolulu$/.test(zone))
    return 'US';
  return 'AU';
}

export async function createOrganisation(db: Db, name: string, timeZone: string): Promise<{ id: string }> {
  if (!name.trim()) throw invalid('name', 'is required');
  const zone = canonicalTimeZone(timeZone);
  if (!zone) throw invalid('timeZone', 'must be an IANA time zone name such as Australia/Sydney');
  const org = await withSystem(db, (tx) => insertOrganisation(tx, name.trim(), zone, countryForZone(zone)));
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

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * A staff member who can sign in, holding one built-in role. Refused, naming the field: an organisation id that
 * names no organisation, an e-mail that is not one or is already used in the organisation (by a user or a staff
 * member, in any letter case), a short password, an unknown zone (a known one is stored as the database spells it).
 */
export async function createUserWithStaff(db: Db, u: NewUser): Promise<{ userId: string; staffId: string }> {
  const orgExists =
    UUID.test(u.organisationId) && (await withSystem(db, (tx) => organisationExists(tx, u.organisationId)));
  if (!orgExists) throw invalid('org', `no organisation has the id "${u.organisationId}"`);
  const email = u.email.trim();
  if (!z.email().safeParse(email).success) throw invalid('email', 'must be an e-mail address');
  if (u.password.length < 8) throw invalid('password', 'must be at least 8 characters');
  const timeZone = canonicalTimeZone(u.timeZone);
  if (!timeZone) throw invalid('timeZone', 'must be an IANA time zone name such as Australia/Sydney');
  const passwordHash = await hashPassword(u.password);
  return withTenant(db, u.organisationId, async (tx) => {
    const taken = await emailInUse(tx, u.organisationId, email);
    if (taken) throw invalid('email', `is already used by someone in this organisation: ${email}`);
    const role = (await listRoles(tx, u.organisationId)).find((r) => r.key === u.roleKey);
    if (!role) throw invalid('role', `no built-in role ${u.roleKey} in this organisation`);
    const staff = await insertStaffWithRole(tx, u.organisationId, {
      givenName: u.givenName,
      familyName: u.familyName,
      email,
      timeZone,
      deliversServices: u.deliversServices ?? u.roleKey === 'worker',
      roleId: role.id,
    });
    const userId = await insertUser(tx, {
      organisationId: u.organisationId,
      staffId: staff.id,
      email,
      passwordHash,
    });
    return { userId, staffId: staff.id };
  });
}
