import type { Temporal } from 'temporal-polyfill';
import { recordAudit } from '../audit/audit.store.js';
import { auditBy } from '../audit/audit-actor.js';
import { type Actor, can } from '../identity/actor.js';
import { findClientZone } from '../people/client.store.js';
import type { Tx } from '../platform/db/database.js';
import { conflict, invalid, notFound } from '../shared/domain-error.js';
import { draftServices, isDeploymentActive } from './plan.js';
import type { DeployInput, ServiceInput, ServicePatch, ServiceView } from './plan.schemas.js';
import { findPlan } from './plan.store.js';
import { memoToday, toServiceSummary } from './plan-view.js';
import { checkAssignees } from './plans.action.js';
import {
  activitiesOf,
  deploymentServices,
  findDeployment,
  findService,
  insertDeployment,
  insertService,
  roleIdsOfStaff,
  type ServiceRow,
  setActivityDone,
  setDeploymentActive,
  updateService,
} from './service.store.js';

export async function serviceView(
  tx: Tx,
  actor: Actor,
  row: ServiceRow,
  now: Temporal.Instant,
): Promise<ServiceView> {
  const today = memoToday(now);
  const activities = await activitiesOf(tx, actor.organisationId, row.id);
  let plan: ServiceView['plan'] = null;
  if (row.deploymentId) {
    const deployment = (await findDeployment(tx, actor.organisationId, row.deploymentId))!;
    const siblings = await deploymentServices(tx, actor.organisationId, row.deploymentId);
    plan = {
      deploymentId: deployment.id,
      planId: deployment.planId,
      planName: deployment.planName,
      planVersion: deployment.planVersion,
      startDate: deployment.startDate,
      services: siblings.map((s) => toServiceSummary(s, today)),
    };
  }
  return {
    ...toServiceSummary(row, today),
    description: row.description,
    notes: row.notes,
    activities: activities.map((a) => ({
      position: a.position,
      label: a.label,
      done: a.done,
      doneBy: a.doneById ? { id: a.doneById, name: a.doneByName ?? '' } : null,
      doneAt: a.doneAt?.toString() ?? null,
    })),
    plan,
    createdBy: { id: row.createdById, name: row.createdByName },
    createdAt: row.createdAt.toString(),
    updatedAt: row.updatedAt.toString(),
  };
}

/** Without services.read, a service is visible only to its assignee (directly or through a role). */
export async function visibleService(
  tx: Tx,
  actor: Actor,
  id: string,
  forUpdate = false,
): Promise<ServiceRow> {
  const row = await findService(tx, actor.organisationId, id, forUpdate);
  if (!row) throw notFound('Service');
  if (can(actor, 'services.read')) return row;
  const mine =
    row.assigneeStaffId === actor.staffId ||
    (row.assigneeRoleId !== null &&
      (await roleIdsOfStaff(tx, actor.organisationId, actor.staffId)).includes(row.assigneeRoleId));
  if (!mine) throw notFound('Service');
  return row;
}

/** Creates one service per step in one transaction; the database refuses a second active limited deployment. */
export async function deployPlan(
  tx: Tx,
  actor: Actor,
  planId: string,
  input: DeployInput,
  now: Temporal.Instant,
) {
  const plan = await findPlan(tx, actor.organisationId, planId);
  if (!plan) throw notFound('Service plan');
  if (plan.archived) throw conflict('Archived plans cannot be deployed');
  if (!(await findClientZone(tx, actor.organisationId, input.clientId)))
    throw invalid('clientId', 'is not a client of this organisation');
  const drafts = draftServices(plan.steps, input.startDate, { planWide: input.planWide, steps: input.steps });
  await checkAssignees(tx, actor, [
    { field: 'planWide.assignee.id', ref: input.planWide?.assignee },
    ...(input.steps ?? []).map((s, i) => ({ field: `steps.${i}.assignee.id`, ref: s.assignee })),
  ]);
  const deploymentId = await insertDeployment(tx, actor.organisationId, {
    planId,
    planVersion: plan.version,
    clientId: input.clientId,
    startDate: input.startDate,
    limitConcurrent: plan.limitConcurrent,
    userId: actor.userId,
  });
  const ids: string[] = [];
  for (const draft of drafts) {
    ids.push(
      await insertService(tx, actor.organisationId, {
        ...draft,
        clientId: input.clientId,
        deploymentId,
        notes: null,
        userId: actor.userId,
      }),
    );
  }
  await recordAudit(tx, {
    ...auditBy(actor),
    action: 'create',
    entityType: 'plan_deployment',
    entityId: deploymentId,
    after: {
      planId,
      planVersion: plan.version,
      clientId: input.clientId,
      startDate: input.startDate,
      serviceIds: ids,
    },
  });
  const first = (await findService(tx, actor.organisationId, ids[0]!))!;
  return { deploymentId, firstService: await serviceView(tx, actor, first, now), serviceIds: ids };
}

export async function createService(
  tx: Tx,
  actor: Actor,
  input: ServiceInput,
  now: Temporal.Instant,
): Promise<ServiceView> {
  if (!(await findClientZone(tx, actor.organisationId, input.clientId)))
    throw invalid('clientId', 'is not a client of this organisation');
  await checkAssignees(tx, actor, [{ field: 'assignee.id', ref: input.assignee }]);
  const id = await insertService(tx, actor.organisationId, {
    ...input,
    stepIndex: null,
    deploymentId: null,
    userId: actor.userId,
  });
  const after = await serviceView(tx, actor, (await findService(tx, actor.organisationId, id))!, now);
  await recordAudit(tx, { ...auditBy(actor), action: 'create', entityType: 'service', entityId: id, after });
  return after;
}

/** Assignees without services.write may only move their service through its statuses and keep notes. */
export async function changeService(
  tx: Tx,
  actor: Actor,
  id: string,
  patch: ServicePatch,
  now: Temporal.Instant,
): Promise<ServiceView> {
  const current = await visibleService(tx, actor, id, true);
  if (!can(actor, 'services.write')) {
    const restricted = (['title', 'dueDate', 'assignee', 'description'] as const).find(
      (f) => patch[f] !== undefined,
    );
    if (restricted) throw invalid(restricted, 'can only be changed by staff who manage services');
  }
  if (patch.assignee !== undefined)
    await checkAssignees(tx, actor, [{ field: 'assignee.id', ref: patch.assignee }]);
  // Lock the deployment first so concurrent status changes of its services are judged one after the other.
  if (current.deploymentId) await findDeployment(tx, actor.organisationId, current.deploymentId, true);
  const before = await serviceView(tx, actor, current, now);
  const status = patch.status ?? current.status;
  await updateService(tx, actor.organisationId, id, {
    title: patch.title ?? current.title,
    dueDate: patch.dueDate ?? current.dueDate,
    assignee:
      patch.assignee !== undefined
        ? patch.assignee
        : current.assigneeStaffId
          ? { type: 'staff', id: current.assigneeStaffId }
          : current.assigneeRoleId
            ? { type: 'role', id: current.assigneeRoleId }
            : null,
    description: patch.description !== undefined ? patch.description : current.description,
    status,
    notes: patch.notes !== undefined ? patch.notes : current.notes,
  });
  if (current.deploymentId && status !== current.status) {
    const statuses = (await deploymentServices(tx, actor.organisationId, current.deploymentId)).map(
      (s) => s.status,
    );
    await setDeploymentActive(tx, actor.organisationId, current.deploymentId, isDeploymentActive(statuses));
  }
  const after = await serviceView(tx, actor, (await findService(tx, actor.organisationId, id))!, now);
  await recordAudit(tx, {
    ...auditBy(actor),
    action: 'update',
    entityType: 'service',
    entityId: id,
    before,
    after,
  });
  return after;
}

export async function tickActivity(
  tx: Tx,
  actor: Actor,
  id: string,
  position: number,
  done: boolean,
  now: Temporal.Instant,
): Promise<ServiceView> {
  const current = await visibleService(tx, actor, id, true);
  if (current.status === 'completed' || current.status === 'cancelled')
    throw conflict('Reopen the service before changing its activities');
  const changed = await setActivityDone(
    tx,
    actor.organisationId,
    id,
    position,
    done ? { userId: actor.userId, at: now } : null,
  );
  if (!changed) throw notFound('Activity');
  const after = await serviceView(tx, actor, (await findService(tx, actor.organisationId, id))!, now);
  await recordAudit(tx, {
    ...auditBy(actor),
    action: 'update',
    entityType: 'service',
    entityId: id,
    after: { activity: after.activities[position] },
  });
  return after;
}
