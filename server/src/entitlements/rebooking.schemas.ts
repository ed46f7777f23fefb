import { z } from 'zod';
import { bookingSchema } from '../bookings/booking.schemas.js';
import { localDate, localTime } from '../platform/http/schemas.js';
import { caseSummarySchema } from './entitlements.schemas.js';

const approach = z.enum(['manual', 'retrospective']).meta({
  description:
    'manual: a future time; retrospective: a session that happened but was not entered (recorded as delivered), ' +
    "within the organisation's retrospective window",
});

export const rebookingTimeInput = z.object({
  approach,
  staffId: z
    .uuid()
    .nullable()
    .optional()
    .meta({ description: 'The associate; default: yourself. Only a coordinator books for someone else.' }),
  workScheduleId: z
    .uuid()
    .nullable()
    .optional()
    .meta({ description: 'The work schedule whose line covers the time (it carries the pay rate)' }),
  bookingDate: localDate.meta({ description: "The session's date in the client's zone" }),
  startTime: localTime.meta({ description: "The start time in the client's zone" }),
  durationMinutes: z.number().int().min(5).max(480),
});

export const rebookingInput = rebookingTimeInput.extend({
  name: z.string().trim().max(200).optional(),
  modality: z.enum(['in_person', 'phone', 'video']),
  videoPlatform: z
    .enum(['jitsi', 'teams', 'zoom', 'other'])
    .nullable()
    .optional()
    .meta({ description: 'For video: the platform. Jitsi links are generated when none is given.' }),
  meetingLink: z.string().trim().max(500).nullable().optional(),
  notifyClient: z
    .boolean()
    .meta({ description: 'Send the client the confirmation with a calendar invitation' }),
  attendance: z.enum(['individual', 'couple', 'family', 'group']),
  participantClientIds: z
    .array(z.uuid())
    .max(20)
    .default([])
    .meta({
      description:
        "A couple, family or group session's other clients (couple: exactly one; individual: none). They join " +
        "the booking; only the case's client uses a session.",
    }),
  confirmed: z.boolean().meta({ description: '"Appointment confirmed": must be true to finalise' }),
  previousBookingId: z.uuid().nullable().optional(),
  entitlementOverrideReason: z.string().trim().min(1, 'is required').max(500).optional(),
});

const scheduleLine = z.object({ weekday: z.number(), startsAt: z.string(), endsAt: z.string() });
const local = z.object({
  name: z.string(),
  timeZone: z.string(),
  date: z.string(),
  time: z.string(),
  offset: z.string(),
});

export const dstWarningSchema = z.object({
  since: z.enum(['now', 'previous_session']),
  changes: z.array(
    z.object({
      who: z.enum(['client', 'associate']),
      zone: z.string(),
      changesOn: z.string(),
      direction: z.enum(['forward', 'back']),
    }),
  ),
  clientTime: z.string(),
  associateTime: z.string(),
  associateTimeBefore: z.string(),
  message: z.string(),
});

export const rebookingPreviewSchema = z.object({
  startsAt: z.string(),
  endsAt: z.string(),
  client: local,
  associate: local,
  previousSessionAt: z.string().nullable(),
  retrospectiveDays: z.number(),
  schedules: z.array(
    z.object({
      id: z.uuid(),
      name: z.string(),
      type: z.enum(['adhoc', 'open', 'rapid_response']),
      payRateMinor: z.number().nullable(),
      available: z.boolean().meta({ description: 'A line of this schedule covers the whole session' }),
      line: scheduleLine.nullable(),
    }),
  ),
  balance: caseSummarySchema.shape.balance,
  needsExtraSessions: z.boolean(),
  pendingRequestDueOn: z.string().nullable(),
  dstWarnings: z.array(dstWarningSchema),
  problems: z
    .array(z.object({ field: z.string(), reason: z.string() }))
    .meta({ description: 'What Finalise would refuse; empty when it can go ahead' }),
});

export const rebookingStartSchema = z.object({
  booking: z.object({
    id: z.uuid(),
    name: z.string(),
    startsAt: z.string(),
    durationMinutes: z.number(),
    status: z.string(),
  }),
  client: z.object({ id: z.uuid(), name: z.string(), timeZone: z.string() }),
  associate: z.object({ id: z.uuid(), name: z.string(), timeZone: z.string() }),
  case: caseSummarySchema.nullable().meta({ description: "The booking's case, else the client's open case" }),
  openCases: z.array(z.object({ id: z.uuid(), issue: z.string(), funder: z.string() })),
  schedules: z.array(
    z.object({
      id: z.uuid(),
      name: z.string(),
      type: z.enum(['adhoc', 'open', 'rapid_response']),
      payRateMinor: z.number().nullable(),
      lines: z.array(scheduleLine),
    }),
  ),
  retrospectiveDays: z.number(),
  notify: z.object({
    default: z
      .boolean()
      .meta({ description: "Notify the client by default: someone would hear, by the client's preferences" }),
    recipients: z.array(
      z.object({
        name: z.string(),
        channel: z.enum(['email', 'sms']),
        address: z.string(),
        kind: z.enum(['client', 'contact']),
      }),
    ),
  }),
});

export const rebookingResultSchema = z.object({
  booking: bookingSchema,
  remaining: z.number(),
  approach,
  workSchedule: z.object({ id: z.uuid(), name: z.string(), payRateMinor: z.number().nullable() }),
  modality: z.enum(['in_person', 'phone', 'video']),
  videoPlatform: z.enum(['jitsi', 'teams', 'zoom', 'other']).nullable(),
  meetingLink: z.string().nullable(),
  attendance: z.enum(['individual', 'couple', 'family', 'group']),
  notifyClient: z.boolean(),
  dstWarnings: z.array(dstWarningSchema),
});

export const rebookingSettingsSchema = z.object({
  retrospectiveDays: z.number().int().min(1).max(365).meta({
    description: 'How many days after a session it may still be entered retrospectively (default 30)',
  }),
});

export const participantsQuery = z.object({
  q: z.string().trim().max(100).optional().meta({ description: 'Words of the name ("Quay Alex")' }),
});

export const participantsSchema = z.object({
  items: z.array(z.object({ id: z.uuid(), name: z.string() })).meta({
    description: "Up to 20 active clients of the organisation, the case's own client aside",
  }),
});

export const closeCaseInput = z.object({ reason: z.string().trim().min(1, 'is required').max(500) });
