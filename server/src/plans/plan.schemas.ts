import { z } from 'zod';
import { localDate, nullableText as text } from '../platform/http/schemas.js';

export const assigneeRef = z
  .object({ type: z.enum(['staff', 'role']), id: z.uuid() })
  .nullable()
  .meta({ description: 'A staff member, or a role whose holders share the service; null for unassigned' });

const activities = z.array(z.string().trim().min(1, 'must not be empty').max(300)).max(50);

export const planStepInput = z.object({
  id: z.uuid().optional().meta({ description: 'Keep a step id when editing; new steps get one' }),
  title: z.string().trim().min(1, 'is required').max(200),
  delayDays: z.number().int('must be whole days').min(0, 'must be 0 or more').max(3650),
  description: text(5000).default(null),
  activities: activities.default([]),
  defaultAssignee: assigneeRef.default(null),
});

export const planInput = z.object({
  name: z.string().trim().min(1, 'is required').max(200),
  description: text(2000).default(null),
  limitConcurrentDeployments: z.boolean().default(false),
  steps: z.array(planStepInput).min(1, 'a plan needs at least one step').max(100),
  basedOnVersion: z
    .number()
    .int()
    .min(1)
    .max(2_147_483_647)
    .optional()
    .meta({ description: 'The version being edited; a save over a later version is refused with 409' }),
});
export type PlanInput = z.infer<typeof planInput>;

const stepSchema = z.object({
  id: z.uuid(),
  title: z.string(),
  delayDays: z.number().int(),
  description: z.string().nullable(),
  activities: z.array(z.string()),
  defaultAssignee: z.object({ type: z.enum(['staff', 'role']), id: z.uuid(), name: z.string() }).nullable(),
});

export const planSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    description: z.string().nullable(),
    limitConcurrentDeployments: z.boolean(),
    archived: z.boolean(),
    version: z.number().int(),
    steps: z.array(stepSchema),
    deploymentCount: z.number().int(),
    updatedAt: z.string(),
  })
  .meta({ id: 'ServicePlan' });
export type PlanView = z.infer<typeof planSchema>;

export const deployInput = z.object({
  clientId: z.uuid(),
  startDate: localDate.meta({ description: "The plan's day 0, in the client's time zone" }),
  planWide: z.object({ assignee: assigneeRef.optional() }).optional(),
  steps: z
    .array(
      z.object({
        stepId: z.uuid(),
        assignee: assigneeRef.optional(),
        dueDate: localDate.optional(),
        description: text(5000).optional(),
        activities: activities.optional(),
      }),
    )
    .max(100)
    .optional(),
});
export type DeployInput = z.infer<typeof deployInput>;

export const serviceInput = z.object({
  clientId: z.uuid(),
  title: z.string().trim().min(1, 'is required').max(200),
  dueDate: localDate,
  assignee: assigneeRef.default(null),
  description: text(5000).default(null),
  activities: activities.default([]),
  notes: text(5000).default(null),
});
export type ServiceInput = z.infer<typeof serviceInput>;

export const servicePatch = z.object({
  title: z.string().trim().min(1, 'is required').max(200).optional(),
  dueDate: localDate.optional(),
  assignee: assigneeRef.optional(),
  description: text(5000).optional(),
  status: z.enum(['open', 'in_progress', 'completed', 'cancelled']).optional(),
  notes: text(5000).optional(),
});
export type ServicePatch = z.infer<typeof servicePatch>;

const serviceSummary = z.object({
  id: z.uuid(),
  clientId: z.uuid(),
  clientName: z.string(),
  title: z.string(),
  dueDate: z.string(),
  dueBucket: z.enum(['overdue', 'today', 'upcoming', 'done']),
  assignee: z.object({ type: z.enum(['staff', 'role']), id: z.uuid(), name: z.string() }).nullable(),
  status: z.enum(['open', 'in_progress', 'completed', 'cancelled']),
  deploymentId: z.uuid().nullable(),
  stepIndex: z.number().int().nullable(),
});
export type ServiceSummary = z.infer<typeof serviceSummary>;
export const serviceSummarySchema = serviceSummary.meta({ id: 'ServiceSummary' });

export const serviceSchema = serviceSummary
  .extend({
    description: z.string().nullable(),
    notes: z.string().nullable(),
    activities: z.array(
      z.object({
        position: z.number().int(),
        label: z.string(),
        done: z.boolean(),
        doneBy: z.object({ id: z.uuid(), name: z.string() }).nullable(),
        doneAt: z.string().nullable(),
      }),
    ),
    plan: z
      .object({
        deploymentId: z.uuid(),
        planId: z.uuid(),
        planName: z.string(),
        planVersion: z.number().int(),
        startDate: z.string(),
        services: z.array(serviceSummary),
      })
      .nullable(),
    createdBy: z.object({ id: z.uuid(), name: z.string() }),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'Service' });
export type ServiceView = z.infer<typeof serviceSchema>;
