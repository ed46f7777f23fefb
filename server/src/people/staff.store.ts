import { sql } from 'kysely';
import type { Tx } from '../platform/db/database.js';
import { pgErrorCode } from '../platform/db/database.js';
import { conflict } from '../shared/domain-error.js';
import type { StaffInput, StaffPatch, StaffView } from './people.schemas.js';

const staffColumns = [
  's.id',
  's.given_name',
  's.family_name',
  's.email',
  's.phone',
  's.time_zone',
  's.delivers_services',
  's.active',
  'u.id as user_id',
] as const;

async function emailTaken<T>(work: Promise<T>, email: string | undefined): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if (pgErrorCode(error) === '23505') throw conflict(`Another staff member already uses ${email}`);
    throw error;
  }
}

function baseQuery(tx: Tx, organisationId: string) {
  return tx
    .selectFrom('staff as s')
    .leftJoin('users as u', (j) =>
      j.onRef('u.organisation_id', '=', 's.organisation_id').onRef('u.staff_id', '=', 's.id'),
    )
    .where('s.organisation_id', '=', organisationId)
    .select(staffColumns);
}

type StaffRow = Awaited<ReturnType<ReturnType<typeof baseQuery>['executeTakeFirstOrThrow']>>;

/** One query for the roles of every listed staff member (no per-row look-ups). */
async function withRoles(tx: Tx, organisationId: string, rows: StaffRow[]): Promise<StaffView[]> {
  if (rows.length === 0) return [];
  const links = await tx
    .selectFrom('staff_roles as sr')
    .innerJoin('roles as r', (j) =>
      j.onRef('r.organisation_id', '=', 'sr.organisation_id').onRef('r.id', '=', 'sr.role_id'),
    )
    .where('sr.organisation_id', '=', organisationId)
    .where(
      'sr.staff_id',
      'in',
      rows.map((r) => r.id),
    )
    .select(['sr.staff_id', 'r.id', 'r.name'])
    .orderBy('r.name')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    givenName: r.given_name,
    familyName: r.family_name,
    email: r.email,
    phone: r.phone,
    timeZone: r.time_zone,
    deliversServices: r.delivers_services,
    active: r.active,
    userId: r.user_id,
    roles: links.filter((l) => l.staff_id === r.id).map((l) => ({ id: l.id, name: l.name })),
  }));
}

export async function findStaff(tx: Tx, organisationId: string, id: string): Promise<StaffView | undefined> {
  const row = await baseQuery(tx, organisationId).where('s.id', '=', id).executeTakeFirst();
  return row ? (await withRoles(tx, organisationId, [row]))[0] : undefined;
}

export type StaffListFilter = {
  q?: string;
  deliversServices?: boolean;
  active?: boolean;
  after?: [string, string, string];
  limit: number;
};

export async function listStaff(tx: Tx, organisationId: string, f: StaffListFilter) {
  let q = baseQuery(tx, organisationId)
    .orderBy('s.family_name')
    .orderBy('s.given_name')
    .orderBy('s.id')
    .limit(f.limit + 1);
  if (f.deliversServices !== undefined) q = q.where('s.delivers_services', '=', f.deliversServices);
  if (f.active !== undefined) q = q.where('s.active', '=', f.active);
  if (f.q) {
    const pattern = `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    q = q.where((eb) =>
      eb.or([
        eb(sql`s.given_name || ' ' || s.family_name`, 'ilike', pattern),
        eb('s.email', 'ilike', pattern),
      ]),
    );
  }
  if (f.after) {
    const [family, given, id] = f.after;
    q = q.where(sql<boolean>`(s.family_name, s.given_name, s.id) > (${family}, ${given}, ${id}::uuid)`);
  }
  const rows = await q.execute();
  const page = rows.slice(0, f.limit);
  return { views: await withRoles(tx, organisationId, page), more: rows.length > f.limit };
}

export async function existingRoleIds(tx: Tx, organisationId: string, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await tx
    .selectFrom('roles')
    .where('organisation_id', '=', organisationId)
    .where('id', 'in', ids)
    .select('id')
    .execute();
  return new Set(rows.map((r) => r.id));
}

export async function insertStaff(tx: Tx, organisationId: string, input: Omit<StaffInput, 'roleIds'>) {
  const row = await emailTaken(
    tx
      .insertInto('staff')
      .values({
        organisation_id: organisationId,
        given_name: input.givenName,
        family_name: input.familyName,
        email: input.email,
        phone: input.phone ?? null,
        time_zone: input.timeZone,
        delivers_services: input.deliversServices,
        active: input.active ?? true,
      })
      .returning('id')
      .executeTakeFirstOrThrow(),
    input.email,
  );
  return row.id;
}

export async function updateStaff(
  tx: Tx,
  organisationId: string,
  id: string,
  patch: Omit<StaffPatch, 'roleIds'>,
) {
  await emailTaken(
    tx
      .updateTable('staff')
      .set({
        ...(patch.givenName !== undefined ? { given_name: patch.givenName } : {}),
        ...(patch.familyName !== undefined ? { family_name: patch.familyName } : {}),
        ...(patch.email !== undefined ? { email: patch.email } : {}),
        ...(patch.phone !== undefined ? { phone: patch.phone } : {}),
        ...(patch.timeZone !== undefined ? { time_zone: patch.timeZone } : {}),
        ...(patch.deliversServices !== undefined ? { delivers_services: patch.deliversServices } : {}),
        ...(patch.active !== undefined ? { active: patch.active } : {}),
        updated_at: sql<string>`now()`,
      })
      .where('organisation_id', '=', organisationId)
      .where('id', '=', id)
      .execute(),
    patch.email,
  );
}

export async function replaceStaffRoles(tx: Tx, organisationId: string, staffId: string, roleIds: string[]) {
  await tx
    .deleteFrom('staff_roles')
    .where('organisation_id', '=', organisationId)
    .where('staff_id', '=', staffId)
    .execute();
  if (roleIds.length === 0) return;
  await tx
    .insertInto('staff_roles')
    .values(roleIds.map((role_id) => ({ organisation_id: organisationId, staff_id: staffId, role_id })))
    .execute();
}
