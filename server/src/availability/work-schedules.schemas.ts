import { z } from 'zod';
import { instant, localDate, localTime } from '../platform/http/schemas.js';
import { MAX_SEARCH_DAYS } from './slot-search.js';

const endTime = z
  .union([localTime, z.literal('24:00')])
  .meta({ description: 'Local wall-clock time HH:MM, or 24:00' });

export const scheduleLine = z.object({
  weekday: z.number().int().min(1).max(7).meta({ description: 'ISO weekday: 1 = Monday … 7 = Sunday' }),
  startsAt: localTime,
  endsAt: endTime,
});

export const workScheduleInput = z.object({
  name: z.string().trim().min(1, 'is required').max(200),
  type: z
    .enum(['adhoc', 'open', 'rapid_response'])
    .meta({ description: 'Ad hoc, open (telehealth) or rapid response' }),
  payRateMinor: z
    .number()
    .int('must be whole cents')
    .min(0)
    .max(100_000_000)
    .nullable()
    .default(null)
    .meta({ description: 'Pay per hour for sessions on this schedule, in cents' }),
  active: z.boolean().default(true),
  lines: z
    .array(scheduleLine)
    .max(50)
    .meta({ description: "Weekly availability blocks in the associate's zone" }),
});

export const workScheduleSchema = workScheduleInput
  .extend({ id: z.uuid(), staffId: z.uuid() })
  .meta({ id: 'WorkSchedule' });

export const breakInput = z.object({
  startsOn: localDate,
  endsOn: localDate,
  fromTime: localTime
    .nullable()
    .default(null)
    .meta({ description: 'Part-day break: from this time on the first day' }),
  toTime: endTime
    .nullable()
    .default(null)
    .meta({ description: 'Part-day break: to this time on the last day' }),
  reason: z.string().trim().max(500).nullable().default(null),
});

export const breakSchema = z
  .object({
    id: z.uuid(),
    startsOn: z.string(),
    endsOn: z.string(),
    fromTime: z.string().nullable(),
    toTime: z.string().nullable(),
    reason: z.string().nullable(),
  })
  .meta({ id: 'StaffBreak' });

export const slotQuery = z.object({
  durationMinutes: z.coerce.number().int('must be whole minutes').min(5).max(480).default(60),
  days: z.coerce.number().int().min(1).max(MAX_SEARCH_DAYS).default(14),
  stepMinutes: z.coerce.number().int().min(5).max(240).default(30),
  clientId: z.uuid().optional().meta({ description: "Also show each time in this client's zone" }),
});

const local = z.object({ date: z.string(), time: z.string(), offset: z.string() });

export const slotsSchema = z.object({
  staffTimeZone: z.string(),
  clientTimeZone: z.string().nullable(),
  holidayRegion: z.string().nullable(),
  from: z.string(),
  to: z.string(),
  holidays: z.array(z.object({ date: z.string(), name: z.string() })),
  items: z.array(
    z.object({
      scheduleId: z.uuid(),
      scheduleName: z.string(),
      scheduleType: z.enum(['adhoc', 'open', 'rapid_response']),
      payRateMinor: z.number().nullable(),
      startsAt: instant,
      endsAt: instant,
      staffLocal: local,
      clientLocal: local.nullable(),
    }),
  ),
});
