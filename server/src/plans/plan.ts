import { Temporal } from 'temporal-polyfill';
import { invalid } from '../shared/domain-error.js';
import type { DeployOverrides, PlanStep, ServiceDraft, ServiceStatus } from './plan.types.js';

/**
 * A step's due date: the plan's start date plus its delayed days, counted in calendar days in the client's
 * zone (a local date, so a DST change in between never moves it, and month ends roll over).
 */
export function dueDateFor(startDate: string, delayDays: number): string {
  return Temporal.PlainDate.from(startDate).add({ days: delayDays }).toString();
}

/** The local date "today" in `zone` at `now`. */
export function todayIn(zone: string, now: Temporal.Instant): string {
  return now.toZonedDateTimeISO(zone).toPlainDate().toString();
}

/**
 * The services a deployment will create, one per step, with overrides merged: a per-step value wins over
 * the plan-wide one, which wins over the step's default. Unknown step ids are refused, not ignored.
 */
export function draftServices(
  steps: readonly PlanStep[],
  startDate: string,
  overrides: DeployOverrides = {},
): ServiceDraft[] {
  const known = new Set(steps.map((s) => s.id));
  (overrides.steps ?? []).forEach((o, i) => {
    if (!known.has(o.stepId)) throw invalid(`steps.${i}.stepId`, 'is not a step of this plan');
  });
  const byStep = new Map((overrides.steps ?? []).map((o) => [o.stepId, o]));
  const planWide = overrides.planWide?.assignee;
  return steps.map((step, stepIndex) => {
    const o = byStep.get(step.id);
    return {
      stepIndex,
      title: step.title,
      dueDate: o?.dueDate ?? dueDateFor(startDate, step.delayDays),
      assignee:
        o?.assignee !== undefined ? o.assignee : planWide !== undefined ? planWide : step.defaultAssignee,
      description: o?.description !== undefined ? o.description : step.description,
      activities: o?.activities ?? [...step.activities],
    };
  });
}

/** A deployment stays active (and blocks a limited plan's redeployment) while any service is still to do. */
export function isDeploymentActive(statuses: readonly ServiceStatus[]): boolean {
  return statuses.some((s) => s === 'open' || s === 'in_progress');
}

export type DueBucket = 'overdue' | 'today' | 'upcoming' | 'done';

export function dueBucket(dueDate: string, status: ServiceStatus, today: string): DueBucket {
  if (status === 'completed' || status === 'cancelled') return 'done';
  const order = Temporal.PlainDate.compare(dueDate, today);
  return order < 0 ? 'overdue' : order === 0 ? 'today' : 'upcoming';
}

/** Step ids must be unique within a plan; titles need not be. */
export function checkSteps(steps: readonly PlanStep[]): void {
  const seen = new Set<string>();
  steps.forEach((s, i) => {
    if (seen.has(s.id)) throw invalid(`steps.${i}.id`, 'is used by another step');
    seen.add(s.id);
  });
}
