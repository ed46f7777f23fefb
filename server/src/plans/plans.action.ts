import { randomUUID } from 'node:crypto';
import { recordAudit } from '../audit/audit.store.js';
import { auditBy } from '../audit/audit-actor.js';
import type { Actor } from '../identity/actor.js';
import type { Tx } from '../platform/db/database.js';
import { conflict, invalid, notFound } from '../shared/domain-error.js';
import { checkSteps } from './plan.js';
import type { PlanInput, PlanView } from './plan.schemas.js';
import {
  assigneeDirectory,
  deleteUndeployedPlan,
  findPlan,
  insertPlan,
  insertPlanVersion,
  setPlanArchived,
  updatePlanHeader,
} from './plan.store.js';
import type { AssigneeRef, PlanStep } from './plan.types.js';
import { assigneeKey, toPlanView } from './plan-view.js';

/** Every referenced staff member must be active and every role must exist; the field names the culprit. */
export async function checkAssignees(
  tx: Tx,
  actor: Actor,
  refs: { field: string; ref: AssigneeRef | null | undefined }[],
) {
  const names = await assigneeDirectory(
    tx,
    actor.organisationId,
    refs.map((r) => r.ref ?? null),
  );
  for (const { field, ref } of refs) {
    if (ref && !names.has(assigneeKey(ref)))
      throw invalid(
        field,
        ref.type === 'staff' ? 'is not an active staff member' : 'is not a role of this organisation',
      );
  }
  return names;
}

function toSteps(input: PlanInput): PlanStep[] {
  const steps = input.steps.map((s) => ({
    id: s.id ?? randomUUID(),
    title: s.title,
    delayDays: s.delayDays,
    description: s.description,
    activities: s.activities,
    defaultAssignee: s.defaultAssignee,
  }));
  checkSteps(steps);
  return steps;
}

async function view(tx: Tx, actor: Actor, id: string): Promise<PlanView> {
  const plan = (await findPlan(tx, actor.organisationId, id))!;
  const names = await assigneeDirectory(
    tx,
    actor.organisationId,
    plan.steps.map((s) => s.defaultAssignee),
  );
  return toPlanView(plan, names);
}

export async function createPlan(tx: Tx, actor: Actor, input: PlanInput): Promise<PlanView> {
  const steps = toSteps(input);
  await checkAssignees(
    tx,
    actor,
    steps.map((s, i) => ({ field: `steps.${i}.defaultAssignee.id`, ref: s.defaultAssignee })),
  );
  const header = {
    name: input.name,
    description: input.description,
    limitConcurrent: input.limitConcurrentDeployments,
  };
  const id = await insertPlan(tx, actor.organisationId, header);
  await insertPlanVersion(tx, actor.organisationId, id, {
    ...header,
    version: 1,
    steps,
    userId: actor.userId,
  });
  const after = await view(tx, actor, id);
  await recordAudit(tx, {
    ...auditBy(actor),
    action: 'create',
    entityType: 'service_plan',
    entityId: id,
    after,
  });
  return after;
}

/** Saving writes a new version; deployments keep the version they were created from. */
export async function savePlan(tx: Tx, actor: Actor, id: string, input: PlanInput): Promise<PlanView> {
  const current = await findPlan(tx, actor.organisationId, id, true);
  if (!current) throw notFound('Service plan');
  if (current.archived) throw conflict('Archived plans cannot be edited; restore it first');
  if (input.basedOnVersion !== undefined && input.basedOnVersion !== current.version)
    throw conflict(
      `Someone else saved this plan meanwhile (it is now version ${current.version}); reload it and make your changes again`,
    );
  const steps = toSteps(input);
  await checkAssignees(
    tx,
    actor,
    steps.map((s, i) => ({ field: `steps.${i}.defaultAssignee.id`, ref: s.defaultAssignee })),
  );
  const before = await view(tx, actor, id);
  const header = {
    name: input.name,
    description: input.description,
    limitConcurrent: input.limitConcurrentDeployments,
  };
  const version = current.version + 1;
  await insertPlanVersion(tx, actor.organisationId, id, { ...header, version, steps, userId: actor.userId });
  await updatePlanHeader(tx, actor.organisationId, id, { ...header, version });
  const after = await view(tx, actor, id);
  await recordAudit(tx, {
    ...auditBy(actor),
    action: 'update',
    entityType: 'service_plan',
    entityId: id,
    before,
    after,
  });
  return after;
}

export async function setArchived(tx: Tx, actor: Actor, id: string, archived: boolean): Promise<PlanView> {
  const current = await findPlan(tx, actor.organisationId, id, true);
  if (!current) throw notFound('Service plan');
  await setPlanArchived(tx, actor.organisationId, id, archived);
  const after = await view(tx, actor, id);
  await recordAudit(tx, {
    ...auditBy(actor),
    action: 'update',
    entityType: 'service_plan',
    entityId: id,
    before: { archived: current.archived },
    after: { archived },
  });
  return after;
}

/** A plan that was ever deployed is part of its clients' records: it can be archived, not deleted. */
export async function deletePlan(tx: Tx, actor: Actor, id: string): Promise<void> {
  const current = await findPlan(tx, actor.organisationId, id, true);
  if (!current) throw notFound('Service plan');
  if (current.deploymentCount > 0) throw conflict('This plan has been deployed; archive it instead');
  await deleteUndeployedPlan(tx, actor.organisationId, id);
  await recordAudit(tx, {
    ...auditBy(actor),
    action: 'delete',
    entityType: 'service_plan',
    entityId: id,
    before: { name: current.name },
  });
}
