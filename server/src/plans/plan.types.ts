import type { Temporal } from 'temporal-polyfill';

export type AssigneeRef = { type: 'staff' | 'role'; id: string };

/** One step of a plan as stored in an immutable plan version. */
export type PlanStep = {
  id: string;
  title: string;
  delayDays: number;
  description: string | null;
  activities: string[];
  defaultAssignee: AssigneeRef | null;
};

export type ServiceStatus = 'open' | 'in_progress' | 'completed' | 'cancelled';

/** What a deployment may change before the services are created. */
export type DeployOverrides = {
  /** Applied to every step that has no per-step assignee override. */
  planWide?: { assignee?: AssigneeRef | null };
  steps?: {
    stepId: string;
    assignee?: AssigneeRef | null;
    dueDate?: string;
    description?: string | null;
    activities?: string[];
  }[];
};

export type ServiceDraft = {
  stepIndex: number;
  title: string;
  dueDate: string;
  assignee: AssigneeRef | null;
  description: string | null;
  activities: string[];
};

export type PlanRecord = {
  id: string;
  name: string;
  description: string | null;
  limitConcurrent: boolean;
  archived: boolean;
  version: number;
  steps: PlanStep[];
  deploymentCount: number;
  updatedAt: string;
};

export type ServiceRow = {
  id: string;
  clientId: string;
  clientName: string;
  title: string;
  dueDate: string;
  clientTimeZone: string;
  assigneeStaffId: string | null;
  assigneeRoleId: string | null;
  assigneeName: string | null;
  description: string | null;
  status: ServiceStatus;
  notes: string | null;
  deploymentId: string | null;
  stepIndex: number | null;
  createdById: string;
  createdByName: string;
  createdAt: Temporal.Instant;
  updatedAt: Temporal.Instant;
};
