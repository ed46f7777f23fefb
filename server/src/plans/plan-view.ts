import type { Temporal } from 'temporal-polyfill';
import { dueBucket } from './plan.js';
import type { PlanView, ServiceSummary } from './plan.schemas.js';
import type { AssigneeRef, PlanRecord, ServiceRow } from './plan.types.js';

export const assigneeKey = (ref: AssigneeRef) => `${ref.type}:${ref.id}`;

export function toPlanView(plan: PlanRecord, names: Map<string, string>): PlanView {
  return {
    id: plan.id,
    name: plan.name,
    description: plan.description,
    limitConcurrentDeployments: plan.limitConcurrent,
    archived: plan.archived,
    version: plan.version,
    deploymentCount: plan.deploymentCount,
    updatedAt: plan.updatedAt,
    steps: plan.steps.map((s) => ({
      ...s,
      defaultAssignee: s.defaultAssignee
        ? { ...s.defaultAssignee, name: names.get(assigneeKey(s.defaultAssignee)) ?? 'No longer available' }
        : null,
    })),
  };
}

/** `today` is the local date in the service's client's zone (see todayIn). */
export function toServiceSummary(s: ServiceRow, today: (zone: string) => string): ServiceSummary {
  const assignee =
    s.assigneeStaffId !== null
      ? { type: 'staff' as const, id: s.assigneeStaffId, name: s.assigneeName ?? '' }
      : s.assigneeRoleId !== null
        ? { type: 'role' as const, id: s.assigneeRoleId, name: s.assigneeName ?? '' }
        : null;
  return {
    id: s.id,
    clientId: s.clientId,
    clientName: s.clientName,
    title: s.title,
    dueDate: s.dueDate,
    dueBucket: dueBucket(s.dueDate, s.status, today(s.clientTimeZone)),
    assignee,
    status: s.status,
    deploymentId: s.deploymentId,
    stepIndex: s.stepIndex,
  };
}

export function memoToday(now: Temporal.Instant): (zone: string) => string {
  const cache = new Map<string, string>();
  return (zone) => {
    let day = cache.get(zone);
    if (day === undefined) {
      day = now.toZonedDateTimeISO(zone).toPlainDate().toString();
      cache.set(zone, day);
    }
    return day;
  };
}
