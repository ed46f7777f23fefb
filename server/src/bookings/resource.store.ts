import type { Tx } from '../platform/db/database.js';

export type ResourceKind = 'site' | 'room' | 'bed' | 'vehicle' | 'equipment';

export type ResourceRecord = {
  id: string;
  kind: ResourceKind;
  name: string;
  parentId: string | null;
  active: boolean;
};

const columns = ['id', 'kind', 'name', 'parent_id as parentId', 'active'] as const;

/** The organisation's resources by name; inactive ones only when asked. */
export async function listResources(
  tx: Tx,
  organisationId: string,
  filter: { kind?: ResourceKind | undefined; includeInactive: boolean },
): Promise<ResourceRecord[]> {
  let q = tx.selectFrom('resources').where('organisation_id', '=', organisationId).select(columns);
  if (filter.kind) q = q.where('kind', '=', filter.kind);
  if (!filter.includeInactive) q = q.where('active', '=', true);
  return q.orderBy('name').orderBy('id').execute();
}

export async function findResource(
  tx: Tx,
  organisationId: string,
  id: string,
): Promise<ResourceRecord | undefined> {
  return tx
    .selectFrom('resources')
    .where('organisation_id', '=', organisationId)
    .where('id', '=', id)
    .select(columns)
    .executeTakeFirst();
}

export async function insertResource(
  tx: Tx,
  organisationId: string,
  input: { kind: ResourceKind; name: string; parentId: string | null },
): Promise<ResourceRecord> {
  return tx
    .insertInto('resources')
    .values({
      organisation_id: organisationId,
      kind: input.kind,
      name: input.name,
      parent_id: input.parentId,
    })
    .returning(columns)
    .executeTakeFirstOrThrow();
}

export async function updateResource(
  tx: Tx,
  organisationId: string,
  id: string,
  patch: { name?: string | undefined; active?: boolean | undefined },
): Promise<ResourceRecord | undefined> {
  const values = {
    ...(patch.name === undefined ? {} : { name: patch.name }),
    ...(patch.active === undefined ? {} : { active: patch.active }),
  };
  if (Object.keys(values).length === 0) return findResource(tx, organisationId, id);
  return tx
    .updateTable('resources')
    .set(values)
    .where('organisation_id', '=', organisationId)
    .where('id', '=', id)
    .returning(columns)
    .executeTakeFirst();
}
