import { z } from 'zod';
import { instant } from '../platform/http/schemas.js';

const zonedTime = z.object({
  date: z.string(),
  time: z.string(),
  zone: z.string(),
  abbreviation: z.string().meta({ description: "The zone's abbreviation at that instant, e.g. AEDT" }),
});
export const modality = z.enum(['in_person', 'phone', 'video']);
export const outcome = z.enum(['continuing', 'concluded', 'referred']);
const action = z.enum(['commence', 'complete', 'sign_off', 'rebook', 'cancel', 'no_show', 'addendum']);

export const appointmentSchema = z.object({
  bookingId: z.uuid(),
  name: z.string(),
  clientId: z.uuid().nullable(),
  clientName: z.string().nullable(),
  caseId: z.uuid().nullable(),
  staffId: z.uuid().nullable(),
  staffName: z.string().nullable(),
  modality,
  startsAt: instant,
  endsAt: instant,
  status: z.enum(['booked', 'completed', 'cancelled']),
  stage: z.enum(['not_started', 'in_progress', 'completed']),
  associateTime: zonedTime.meta({ description: "The start in the associate's zone" }),
  clientTime: zonedTime.nullable().meta({ description: "The start in the client's zone" }),
  commencedAt: instant.nullable(),
  completedAt: instant.nullable(),
  signedOffAt: instant.nullable(),
  closedAs: z.enum(['no_show', 'cancelled_charged', 'cancelled_free']).nullable(),
  cancellationReason: z.string().nullable(),
  overdue: z.boolean().meta({ description: 'Not completed N days after it (the organisation setting)' }),
  daysSinceEnd: z.number(),
  actions: z.array(action).meta({ description: 'What may be done now; anything else is refused' }),
  chargeableCancellation: z.boolean().meta({ description: 'A cancellation now may be with charge (< 24 h)' }),
});

export const quickViewSchema = z.object({
  overdueAfterDays: z.number(),
  notStarted: z.array(appointmentSchema),
  inProgress: z.array(appointmentSchema),
  recentlyCompleted: z.array(appointmentSchema),
});

export const appointmentDetailSchema = appointmentSchema.extend({
  notes: z.string().nullable(),
  notesFile: z.object({ name: z.string(), type: z.string(), bytes: z.number() }).nullable(),
  outcome: outcome.nullable(),
  addenda: z.array(z.object({ id: z.uuid(), text: z.string(), createdAt: instant, byName: z.string() })),
});

export const commenceInput = z.object({ modality: modality.optional() });

const MAX_BASE64 = Math.ceil((5 * 1024 * 1024) / 3) * 4;
export const completeInput = z.object({
  notes: z.string().trim().min(1).max(20000).nullable().optional(),
  notesFile: z
    .object({
      name: z.string().min(1).max(255),
      type: z.string().max(200),
      contentBase64: z
        .string()
        .max(MAX_BASE64 + 8, 'must be at most 5 MB')
        .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'must be base64'),
    })
    .nullable()
    .optional()
    .meta({ description: 'Session notes as a PDF or Word file (at most 5 MB), base64' }),
  outcome,
});

export const endInput = z.object({
  kind: z.enum(['no_show', 'cancelled_charged', 'cancelled_free']),
  reason: z.string().trim().min(1).max(500),
});

export const addendumInput = z.object({ text: z.string().trim().min(1).max(5000) });
export const settingsSchema = z.object({ overdueAfterDays: z.number().int().min(1).max(90) });

const boardRow = appointmentSchema;
export const todayBoardSchema = z.object({
  date: z.string(),
  overdueAfterDays: z.number(),
  inProgress: z.array(boardRow),
  lateToStart: z.array(boardRow),
  unassigned: z.array(boardRow),
  cancelledToday: z.array(boardRow),
  overdue: z.array(boardRow),
  pendingExtraSessionRequests: z.array(
    z.object({
      id: z.uuid(),
      caseId: z.uuid(),
      clientId: z.uuid(),
      clientName: z.string(),
      funder: z.string(),
      issue: z.string(),
      sessions: z.number(),
      requestedOn: z.string(),
      dueOn: z.string(),
    }),
  ),
});

export type AppointmentView = z.infer<typeof appointmentSchema>;
