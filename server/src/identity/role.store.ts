import { sql } from 'kysely';
import type { Tx } from '../platform/db/database.js';
import { pgErrorCode } from '../platform/db/database.js';
import type { RoleKey } from '../platform/db/schema.js';
import { conflict } from '../shared/domain-error.js';

export type RoleRecord = {
  id: string;
  name: string;
  description: string | null;
  key: RoleKey | null;
  permissions: string[];
};

const columns = ['id', 'name', 'description', 'key', 'permissions'] as const;

export async function listRoles(tx: Tx, organisationId: string): Promise<RoleRecord[]> {
  return tx
    .selectFrom('roles')
    .where('organisation_id', '=', organisationId)
    .select(columns)
    .orderBy(sql`key IS NULL`)
    .orderBy('name')
    .execute();
}

export async function findRole(tx: Tx, organisationId: string, id: string): Promise<RoleRecord | undefined> {
  return tx
    .selectFrom('roles')
    .where('organisation_id', '=', organisationId)
    .where('id', '=', id)
    .select(columns)
    .executeTakeFirst();
}

async function uniqueName<T>(work: Promise<T>, name: string): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if (pgErrorCode(error) === '23505') throw conflict(`A role named "${name}" already exists`);
    throw error;
  }
}

export async function insertRole(
  tx: Tx,
  organisationId: string,
  r: { name: string; description: string | null; key?: RoleKey | null; permissions: readonly string[] },
): Promise<RoleRecord> {
  return uniqueName(
    tx
      .insertInto('roles')
      .values({
        organisation_id: organisationId,
        name: r.name,
        description: r.description,
        key: r.key ?? null,
        permissions: [...r.permissions],
      })
      .returning(columns)
      .executeTakeFirstOrThrow(),
    r.name,
  );
}

export async function updateRole(
  tx: Tx,
  organisationId: string,
  id: string,
  patch: { name?: string; description?: string | null; permissions?: readonly string[] },
): Promise<RoleRecord> {
  return uniqueName(
    tx
      .updateTable('roles')
      .set({
        ...(patch.name !== undefined ? { name: patch.name } : {}),
        ...(patch.description !== undefined ? { description: patch.description } : {}),
        ...(patch.permissions !== undefined ? { permissions: [...patch.permissions] } : {}),
        updated_at: sql<string>`now()`,
      })
      .where('organisation_id', '=', organisationId)
      .where('id', '=', id)
      .returning(columns)
      .executeTakeFirstOrThrow(),
    patch.name ?? '',
  );
}

export async function deleteRole(tx: Tx, organisationId: string, id: string): Promise<void> {
  await tx.deleteFrom('roles').where('organisation_id', '=', organisationId).where('id', '=', id).execute();
}

export async function countStaffWithRole(tx: Tx, organisationId: string, roleId: string): Promise<number> {
  const row = await tx
    .selectFrom('staff_roles')
    .where('organisation_id', '=', organisationId)
    .where('role_id', '=', roleId)
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
