import { sql } from 'kysely';
import type { Tx } from '../platform/db/database.js';
import { pgErrorCode } from '../platform/db/database.js';
import { conflict } from '../shared/domain-error.js';
import type { AssigneeRef, PlanRecord, PlanStep } from './plan.types.js';

export type { PlanRecord };

async function uniqueName<T>(work: Promise<T>, name: string): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if (pgErrorCode(error) === '23505') throw conflict(`A service plan named "${name}" already exists`);
    throw error;
  }
}

function selectPlans(tx: Tx, organisationId: string) {
  return tx
    .selectFrom('service_plans as p')
    .innerJoin('service_plan_versions as v', (j) =>
      j
        .onRef('v.organisation_id', '=', 'p.organisation_id')
        .onRef('v.plan_id', '=', 'p.id')
        .onRef('v.version', '=', 'p.current_version'),
    )
    .where('p.organisation_id', '=', organisationId)
    .select((eb) => [
      'p.id',
      'p.name',
      'p.description',
      'p.limit_concurrent as limitConcurrent',
      'p.archived',
      'p.current_version as version',
      'v.steps',
      'p.updated_at as updatedAt',
      eb
        .selectFrom('plan_deployments as d')
        .whereRef('d.organisation_id', '=', 'p.organisation_id')
        .whereRef('d.plan_id', '=', 'p.id')
        .select((e) => e.fn.countAll<string>().as('n'))
        .as('deploymentCount'),
    ]);
}

type PlanRow = Awaited<ReturnType<ReturnType<typeof selectPlans>['executeTakeFirstOrThrow']>>;
const toRecord = (r: PlanRow): PlanRecord => ({
  ...r,
  deploymentCount: Number(r.deploymentCount ?? 0),
  updatedAt: r.updatedAt.toString(),
});

export async function listPlans(
  tx: Tx,
  organisationId: string,
  includeArchived: boolean,
): Promise<PlanRecord[]> {
  let q = selectPlans(tx, organisationId).orderBy('p.name');
  if (!includeArchived) q = q.where('p.archived', '=', false);
  return (await q.execute()).map(toRecord);
}

export async function findPlan(tx: Tx, organisationId: string, id: string, forUpdate = false) {
  // Lock the plan row on its own first: a locking read of the join would, after waiting for a concurrent
  // save, re-check the new current_version against the old version row and find nothing ("not found").
  // The read below is a new statement, so it sees the save that was waited for.
  if (forUpdate)
    await tx
      .selectFrom('service_plans')
      .where('organisation_id', '=', organisationId)
      .where('id', '=', id)
      .select('id')
      .forUpdate()
      .executeTakeFirst();
  const row = await selectPlans(tx, organisationId).where('p.id', '=', id).executeTakeFirst();
  return row ? toRecord(row) : undefined;
}

export async function insertPlan(
  tx: Tx,
  organisationId: string,
  p: { name: string; description: string | null; limitConcurrent: boolean },
) {
  const row = await uniqueName(
    tx
      .insertInto('service_plans')
      .values({
        organisation_id: organisationId,
        name: p.name,
        description: p.description,
        limit_concurrent: p.limitConcurrent,
      })
      .returning('id')
      .executeTakeFirstOrThrow(),
    p.name,
  );
  return row.id;
}

export async function updatePlanHeader(
  tx: Tx,
  organisationId: string,
  id: string,
  p: { name: string; description: string | null; limitConcurrent: boolean; version: number },
) {
  await uniqueName(
    tx
      .updateTable('service_plans')
      .set({
        name: p.name,
        description: p.description,
        limit_concurrent: p.limitConcurrent,
        current_version: p.version,
        updated_at: sql<string>`now()`,
      })
      .where('organisation_id', '=', organisationId)
      .where('id', '=', id)
      .execute(),
    p.name,
  );
}

export async function insertPlanVersion(
  tx: Tx,
  organisationId: string,
  planId: string,
  v: {
    version: number;
    name: string;
    description: string | null;
    limitConcurrent: boolean;
    steps: PlanStep[];
    userId: string;
  },
) {
  await tx
    .insertInto('service_plan_versions')
    .values({
      organisation_id: organisationId,
      plan_id: planId,
      version: v.version,
      name: v.name,
      description: v.description,
      limit_concurrent: v.limitConcurrent,
      steps: JSON.stringify(v.steps),
      created_by_user_id: v.userId,
    })
    .execute();
}

export async function setPlanArchived(tx: Tx, organisationId: string, id: string, archived: boolean) {
  await tx
    .updateTable('service_plans')
    .set({ archived, updated_at: sql<string>`now()` })
    .where('organisation_id', '=', organisationId)
    .where('id', '=', id)
    .execute();
}

export async function deleteUndeployedPlan(tx: Tx, organisationId: string, id: string) {
  await tx
    .deleteFrom('service_plan_versions')
    .where('organisation_id', '=', organisationId)
    .where('plan_id', '=', id)
    .execute();
  await tx
    .deleteFrom('service_plans')
    .where('organisation_id', '=', organisationId)
    .where('id', '=', id)
    .execute();
}

/** Names for assignee references, in one query per kind. Unknown or inactive references are absent. */
export async function assigneeDirectory(tx: Tx, organisationId: string, refs: (AssigneeRef | null)[]) {
  const staffIds = [...new Set(refs.filter((r) => r?.type === 'staff').map((r) => r!.id))];
  const roleIds = [...new Set(refs.filter((r) => r?.type === 'role').map((r) => r!.id))];
  const names = new Map<string, string>();
  if (staffIds.length > 0) {
    const rows = await tx
      .selectFrom('staff')
      .where('organisation_id', '=', organisationId)
      .where('id', 'in', staffIds)
      .where('active', '=', true)
      .select(['id', sql<string>`given_name || ' ' || family_name`.as('name')])
      .execute();
    for (const r of rows) names.set(`staff:${r.id}`, r.name);
  }
  if (roleIds.length > 0) {
    const rows = await tx
      .selectFrom('roles')
      .where('organisation_id', '=', organisationId)
      .where('id', 'in', roleIds)
      .select(['id', 'name'])
      .execute();
    for (const r of rows) names.set(`role:${r.id}`, r.name);
  }
  return names;
}
