import { z } from 'zod';
import { localDate, localTime, nullableText as text } from '../platform/http/schemas.js';

export const rruleField = z
  .string()
  .trim()
  .min(1, 'is required')
  .max(500)
  .regex(/^[A-Z0-9=;,+-]+$/, 'must be an iCalendar RRULE value such as FREQ=WEEKLY;BYDAY=MO,TH')
  .meta({ example: 'FREQ=WEEKLY;BYDAY=MO,TH' });

const duration = z
  .number()
  .int('must be whole minutes')
  .min(1, 'must be at least 1 minute')
  .max(1440, 'must be at most 1440 minutes (24 hours)');

export const seriesInput = z.object({
  serviceTypeId: z.uuid(),
  name: z.string().trim().min(1, 'is required').max(200),
  startDate: localDate.meta({ description: "First day, in the client's time zone" }),
  startTime: localTime,
  rrule: rruleField,
  endDate: localDate.nullable().default(null),
  durationMinutes: duration,
  staffId: z.uuid().nullable().default(null).meta({ description: 'null: an open shift' }),
  notes: text(5000).default(null),
  contractId: z.uuid().nullable().optional().meta({
    description:
      "The client contract the series' visits are charged on; null or absent: the client's contract in force at each visit",
  }),
  status: z.enum(['draft', 'active']).default('draft'),
});
export type SeriesInput = z.infer<typeof seriesInput>;

export const seriesChanges = z.object({
  serviceTypeId: z.uuid().optional(),
  name: z.string().trim().min(1, 'is required').max(200).optional(),
  startTime: localTime.optional(),
  rrule: rruleField.optional(),
  endDate: localDate.nullable().optional(),
  durationMinutes: duration.optional(),
  staffId: z.uuid().nullable().optional(),
  notes: text(5000).optional(),
  contractId: z.uuid().nullable().optional(),
});
export type SeriesChanges = z.infer<typeof seriesChanges>;

export const seriesEditInput = z.object({
  scope: z.enum(['series', 'following']).meta({
    description: '"series": every future occurrence; "following": split the series at `fromDate`',
  }),
  fromDate: localDate
    .optional()
    .meta({ description: 'For scope "following": the first local date to change' }),
  changes: seriesChanges,
});

export const previewInput = z.object({
  clientId: z.uuid(),
  startDate: localDate,
  startTime: localTime,
  rrule: rruleField,
  endDate: localDate.nullable().default(null),
  durationMinutes: duration,
  count: z.number().int().min(1).max(50).default(10),
});

export const outcomeSchema = z.object({
  localDate: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
  action: z.enum(['create', 'update', 'delete', 'keep', 'suspend', 'restore']),
  bookingId: z.uuid().nullable(),
  result: z.enum(['done', 'conflict', 'kept']),
  reason: z.string().optional(),
  conflictingBookingId: z.uuid().optional(),
  warnings: z.array(z.string()).optional(),
});

export const seriesSchema = z
  .object({
    id: z.uuid(),
    clientId: z.uuid(),
    serviceType: z.object({ id: z.uuid(), name: z.string() }),
    name: z.string(),
    timeZone: z.string(),
    startDate: z.string(),
    startTime: z.string(),
    rrule: z.string(),
    recurrence: z.string().meta({ description: 'The iCalendar text: DTSTART;TZID=… and RRULE' }),
    endDate: z.string().nullable(),
    durationMinutes: z.number().int(),
    assignee: z.object({ id: z.uuid(), name: z.string() }).nullable(),
    contractId: z.uuid().nullable(),
    notes: z.string().nullable(),
    status: z.enum(['draft', 'active', 'ended']),
    splitFromId: z.uuid().nullable(),
    generatedUntil: z.string().nullable(),
    earliestSplitDate: z.string().meta({
      description:
        'The first day a "this and following" edit may start from (the day after the series starts)',
    }),
  })
  .meta({ id: 'ScheduledService' });
export type SeriesView = z.infer<typeof seriesSchema>;

export const reportSchema = z
  .object({
    preview: z.boolean(),
    series: seriesSchema.nullable(),
    occurrences: z.array(outcomeSchema),
    summary: z.object({ done: z.number().int(), conflicts: z.number().int(), kept: z.number().int() }),
  })
  .meta({ id: 'ScheduleReport' });
