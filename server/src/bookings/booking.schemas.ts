import { z } from 'zod';
import { instant, localDate, localTime } from '../platform/http/schemas.js';
import { MAX_BOOKING_MINUTES } from './booking-time.js';

const assigneeRef = z
  .object({ type: z.enum(['staff', 'provider']), id: z.uuid() })
  .nullable()
  .meta({ description: 'A staff member or an external provider; null leaves the booking unassigned' });

const notes = z
  .string()
  .trim()
  .max(5000)
  .nullable()
  .transform((v) => (v === '' ? null : v))
  .optional();

const overrideReason = z
  .string()
  .trim()
  .min(1, 'is required')
  .max(500)
  .optional()
  .meta({
    description:
      'Why the booking should go ahead despite its soft conflicts (the client already booked, the assignee on ' +
      'leave or outside working hours). Without it such a booking is refused with 409 and `softConflicts`.',
  });

export const bookingInput = z.object({
  name: z.string().trim().min(1, 'is required').max(200),
  bookingDate: localDate.meta({ description: "Date in the client's time zone" }),
  startTime: localTime.meta({ description: "Start time in the client's time zone" }),
  durationMinutes: z
    .number()
    .int('must be whole minutes')
    .min(1, 'must be at least 1 minute')
    .max(MAX_BOOKING_MINUTES, `must be at most ${MAX_BOOKING_MINUTES} minutes`),
  assignee: assigneeRef.default(null),
  notes,
  overrideReason,
});
export type BookingInput = z.infer<typeof bookingInput>;

export const bookingPatch = z.object({
  name: bookingInput.shape.name.optional(),
  bookingDate: bookingInput.shape.bookingDate.optional(),
  startTime: bookingInput.shape.startTime.optional(),
  durationMinutes: bookingInput.shape.durationMinutes.optional(),
  assignee: assigneeRef.optional(),
  notes,
  status: z.enum(['booked', 'completed']).optional(),
  overrideReason,
});
export type BookingPatch = z.infer<typeof bookingPatch>;

export const cancelInput = z.object({ reason: z.string().trim().min(1, 'is required').max(500) });

export const bookingSchema = z
  .object({
    id: z.uuid(),
    clientId: z.uuid(),
    kind: z.enum(['adhoc', 'scheduled']),
    seriesId: z.uuid().nullable(),
    isException: z.boolean().meta({ description: 'A series occurrence edited on its own' }),
    serviceTypeId: z.uuid().nullable(),
    name: z.string(),
    startsAt: instant,
    endsAt: instant,
    timeZone: z.string(),
    bookingDate: z.string(),
    startTime: z.string(),
    durationMinutes: z.number().int(),
    assignee: z.object({ type: z.enum(['staff', 'provider']), id: z.uuid(), name: z.string() }).nullable(),
    notes: z.string().nullable(),
    status: z.enum(['booked', 'completed', 'cancelled']),
    cancellationReason: z.string().nullable(),
    conflictOverride: z
      .object({ reason: z.string(), warnings: z.array(z.string()) })
      .nullable()
      .meta({ description: 'Soft conflicts overridden when the booking was last scheduled, and why' }),
    createdBy: z.object({ id: z.uuid(), name: z.string() }),
    createdAt: instant,
    updatedAt: instant,
  })
  .meta({ id: 'Booking' });
export type BookingView = z.infer<typeof bookingSchema>;

export const bookingChangePreviewSchema = z.object({
  booking: bookingSchema,
  softConflicts: z.array(z.string()),
  conflict: z.object({ detail: z.string(), conflictingBookingId: z.uuid().nullable() }).nullable(),
});
