import { sql } from 'kysely';
import type { Temporal } from 'temporal-polyfill';
import type { Tx } from '../platform/db/database.js';
import { pgErrorCode } from '../platform/db/database.js';
import { conflict } from '../shared/domain-error.js';
import type { AssigneeRef, ServiceDraft, ServiceRow, ServiceStatus } from './plan.types.js';

export type { ServiceRow };

function selectServices(tx: Tx, organisationId: string) {
  return tx
    .selectFrom('services as s')
    .innerJoin('clients as c', (j) =>
      j.onRef('c.organisation_id', '=', 's.organisation_id').onRef('c.id', '=', 's.client_id'),
    )
    .leftJoin('staff as a', (j) =>
      j.onRef('a.organisation_id', '=', 's.organisation_id').onRef('a.id', '=', 's.assignee_staff_id'),
    )
    .leftJoin('roles as r', (j) =>
      j.onRef('r.organisation_id', '=', 's.organisation_id').onRef('r.id', '=', 's.assignee_role_id'),
    )
    .innerJoin('users as cu', (j) =>
      j.onRef('cu.organisation_id', '=', 's.organisation_id').onRef('cu.id', '=', 's.created_by_user_id'),
    )
    .innerJoin('staff as cs', (j) =>
      j.onRef('cs.organisation_id', '=', 'cu.organisation_id').onRef('cs.id', '=', 'cu.staff_id'),
    )
    .where('s.organisation_id', '=', organisationId)
    .select([
      's.id',
      's.client_id as clientId',
      sql<string>`coalesce(c.preferred_name, c.given_name) || ' ' || c.family_name`.as('clientName'),
      'c.time_zone as clientTimeZone',
      's.title',
      's.due_date as dueDate',
      's.assignee_staff_id as assigneeStaffId',
      's.assignee_role_id as assigneeRoleId',
      sql<string | null>`coalesce(a.given_name || ' ' || a.family_name, r.name)`.as('assigneeName'),
      's.description',
      's.status',
      's.notes',
      's.deployment_id as deploymentId',
      's.step_index as stepIndex',
      's.created_by_user_id as createdById',
      sql<string>`cs.given_name || ' ' || cs.family_name`.as('createdByName'),
      's.created_at as createdAt',
      's.updated_at as updatedAt',
    ]);
}

export async function findService(tx: Tx, organisationId: string, id: string, forUpdate = false) {
  let q = selectServices(tx, organisationId).where('s.id', '=', id);
  if (forUpdate) q = q.forUpdate('s');
  return (await q.executeTakeFirst()) as ServiceRow | undefined;
}

export type ServiceFilter = {
  clientId?: string;
  assigneeStaffId?: string;
  /** Services assigned to this staff member directly or to any of these roles. */
  mine?: { staffId: string; roleIds: string[] };
  status?: ServiceStatus[];
  dueFrom?: string;
  dueTo?: string;
  after?: [string, string];
  limit: number;
};

/** Soonest due first; keyset on (due_date, id). */
export async function listServices(tx: Tx, organisationId: string, f: ServiceFilter) {
  let q = selectServices(tx, organisationId)
    .orderBy('s.due_date')
    .orderBy('s.id')
    .limit(f.limit + 1);
  if (f.clientId) q = q.where('s.client_id', '=', f.clientId);
  if (f.assigneeStaffId) q = q.where('s.assignee_staff_id', '=', f.assigneeStaffId);
  const mine = f.mine;
  if (mine)
    q = q.where((eb) =>
      eb.or([
        eb('s.assignee_staff_id', '=', mine.staffId),
        ...(mine.roleIds.length > 0 ? [eb('s.assignee_role_id', 'in', mine.roleIds)] : []),
      ]),
    );
  if (f.status && f.status.length > 0) q = q.where('s.status', 'in', f.status);
  if (f.dueFrom) q = q.where('s.due_date', '>=', f.dueFrom);
  if (f.dueTo) q = q.where('s.due_date', '<=', f.dueTo);
  if (f.after) q = q.where(sql<boolean>`(s.due_date, s.id) > (${f.after[0]}::date, ${f.after[1]}::uuid)`);
  return (await q.execute()) as ServiceRow[];
}

export async function deploymentServices(tx: Tx, organisationId: string, deploymentId: string) {
  return (await selectServices(tx, organisationId)
    .where('s.deployment_id', '=', deploymentId)
    .orderBy('s.step_index')
    .execute()) as ServiceRow[];
}

export async function findDeployment(tx: Tx, organisationId: string, id: string, forUpdate = false) {
  let q = tx
    .selectFrom('plan_deployments as d')
    .innerJoin('service_plan_versions as v', (j) =>
      j
        .onRef('v.organisation_id', '=', 'd.organisation_id')
        .onRef('v.plan_id', '=', 'd.plan_id')
        .onRef('v.version', '=', 'd.plan_version'),
    )
    .where('d.organisation_id', '=', organisationId)
    .where('d.id', '=', id)
    .select([
      'd.id',
      'd.plan_id as planId',
      'd.plan_version as planVersion',
      'v.name as planName',
      'd.start_date as startDate',
      'd.active',
    ]);
  if (forUpdate) q = q.forUpdate('d');
  return q.executeTakeFirst();
}

export async function insertDeployment(
  tx: Tx,
  organisationId: string,
  d: {
    planId: string;
    planVersion: number;
    clientId: string;
    startDate: string;
    limitConcurrent: boolean;
    userId: string;
  },
): Promise<string> {
  try {
    const row = await tx
      .insertInto('plan_deployments')
      .values({
        organisation_id: organisationId,
        plan_id: d.planId,
        plan_version: d.planVersion,
        client_id: d.clientId,
        start_date: d.startDate,
        limit_concurrent: d.limitConcurrent,
        created_by_user_id: d.userId,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  } catch (error) {
    if (pgErrorCode(error) === '23505')
      throw conflict(
        'This plan limits concurrent deployments and the client already has one in progress; complete or cancel its services first',
      );
    throw error;
  }
}

export async function setDeploymentActive(tx: Tx, organisationId: string, id: string, active: boolean) {
  try {
    await tx
      .updateTable('plan_deployments')
      .set({ active })
      .where('organisation_id', '=', organisationId)
      .where('id', '=', id)
      .execute();
  } catch (error) {
    if (pgErrorCode(error) === '23505')
      throw conflict(
        'Reopening this service would give the client two active deployments of a plan that limits them',
      );
    throw error;
  }
}

export async function insertService(
  tx: Tx,
  organisationId: string,
  s: Omit<ServiceDraft, 'stepIndex'> & {
    stepIndex: number | null;
    clientId: string;
    deploymentId: string | null;
    notes: string | null;
    userId: string;
  },
): Promise<string> {
  const row = await tx
    .insertInto('services')
    .values({
      organisation_id: organisationId,
      client_id: s.clientId,
      title: s.title,
      due_date: s.dueDate,
      assignee_staff_id: s.assignee?.type === 'staff' ? s.assignee.id : null,
      assignee_role_id: s.assignee?.type === 'role' ? s.assignee.id : null,
      description: s.description,
      notes: s.notes,
      deployment_id: s.deploymentId,
      step_index: s.stepIndex,
      created_by_user_id: s.userId,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  if (s.activities.length > 0) {
    await tx
      .insertInto('service_activities')
      .values(
        s.activities.map((label, position) => ({
          organisation_id: organisationId,
          service_id: row.id,
          position,
          label,
        })),
      )
      .execute();
  }
  return row.id;
}

export async function updateService(
  tx: Tx,
  organisationId: string,
  id: string,
  s: {
    title: string;
    dueDate: string;
    assignee: AssigneeRef | null;
    description: string | null;
    status: ServiceStatus;
    notes: string | null;
  },
) {
  await tx
    .updateTable('services')
    .set({
      title: s.title,
      due_date: s.dueDate,
      assignee_staff_id: s.assignee?.type === 'staff' ? s.assignee.id : null,
      assignee_role_id: s.assignee?.type === 'role' ? s.assignee.id : null,
      description: s.description,
      status: s.status,
      notes: s.notes,
      updated_at: sql<string>`now()`,
    })
    .where('organisation_id', '=', organisationId)
    .where('id', '=', id)
    .execute();
}

export async function activitiesOf(tx: Tx, organisationId: string, serviceId: string) {
  return tx
    .selectFrom('service_activities as a')
    .leftJoin('users as u', (j) =>
      j.onRef('u.organisation_id', '=', 'a.organisation_id').onRef('u.id', '=', 'a.done_by_user_id'),
    )
    .leftJoin('staff as st', (j) =>
      j.onRef('st.organisation_id', '=', 'u.organisation_id').onRef('st.id', '=', 'u.staff_id'),
    )
    .where('a.organisation_id', '=', organisationId)
    .where('a.service_id', '=', serviceId)
    .select([
      'a.position',
      'a.label',
      'a.done',
      'a.done_by_user_id as doneById',
      sql<string | null>`st.given_name || ' ' || st.family_name`.as('doneByName'),
      'a.done_at as doneAt',
    ])
    .orderBy('a.position')
    .execute();
}

export async function setActivityDone(
  tx: Tx,
  organisationId: string,
  serviceId: string,
  position: number,
  done: { userId: string; at: Temporal.Instant } | null,
): Promise<boolean> {
  const result = await tx
    .updateTable('service_activities')
    .set({ done: done !== null, done_by_user_id: done?.userId ?? null, done_at: done?.at.toString() ?? null })
    .where('organisation_id', '=', organisationId)
    .where('service_id', '=', serviceId)
    .where('position', '=', position)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

export async function roleIdsOfStaff(tx: Tx, organisationId: string, staffId: string): Promise<string[]> {
  const rows = await tx
    .selectFrom('staff_roles')
    .where('organisation_id', '=', organisationId)
    .where('staff_id', '=', staffId)
    .select('role_id')
    .execute();
  return rows.map((r) => r.role_id);
}
