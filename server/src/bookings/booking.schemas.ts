import { z } from 'zod';
import { instant, instantInput, localDate, localTime } from '../platform/http/schemas.js';
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

const notifyClient = z
  .boolean()
  .optional()
  .meta({
    description:
      'Whether the client (and their contacts) are told of this booking and reminded of it; without it, the ' +
      "service type's default, else yes",
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
  contractId: z
    .uuid()
    .nullable()
    .optional()
    .meta({
      description:
        "The client contract the visit is charged on; null or absent: the client's contract in force on the " +
        "visit's date (the default contract first)",
    }),
  delivered: z
    .boolean()
    .optional()
    .meta({
      description:
        'The visit took place: create it completed at its planned times, in the same request (refused with 409 ' +
        'when it has not started yet)',
    }),
  notifyClient,
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
  contractId: bookingInput.shape.contractId,
  notifyClient,
});
export type BookingPatch = z.infer<typeof bookingPatch>;

export const completeVisitInput = z
  .object({
    actualStart: instantInput
      .optional()
      .meta({ description: 'When the visit really started; default: planned' }),
    actualEnd: instantInput.optional().meta({ description: 'When the visit really ended; default: planned' }),
    mileage: z.number().min(0).max(10000).nullable().optional().meta({ description: 'Distance travelled' }),
    note: z
      .string()
      .trim()
      .max(2000)
      .nullable()
      .transform((v) => (v === '' ? null : v))
      .optional()
      .meta({ description: 'What happened at the visit' }),
  })
  .default({});
export type CompleteVisitInput = z.infer<typeof completeVisitInput>;

export const cancelInput = z.object({
  reason: z.string().trim().min(1, 'is required').max(500),
  notifyClient: z
    .boolean()
    .optional()
    .meta({
      description:
        "Whether the client (and their contacts) are sent the cancellation; without it, the booking's own " +
        "choice, else its service type's default, else yes",
    }),
});

export const participantInput = z.object({
  type: z.enum(['client', 'staff', 'provider', 'resource']),
  subjectId: z.uuid().meta({ description: "The client's, staff member's, provider's or resource's id" }),
  role: z.string().trim().min(1).max(100).optional(),
});
export type ParticipantInput = z.infer<typeof participantInput>;

export const participantSchema = z
  .object({
    id: z.uuid(),
    type: z.enum(['client', 'staff', 'provider', 'resource']),
    subjectId: z.uuid().meta({ description: "The client's, staff member's, provider's or resource's id" }),
    name: z.string(),
    role: z.string().nullable(),
    lead: z
      .boolean()
      .meta({ description: "The booking's lead client, or its lead staff member or provider" }),
    status: z.enum(['booked', 'attended', 'absent', 'cancelled', 'suspended']),
    replacesParticipantId: z.uuid().nullable().meta({ description: 'Who this participant took over from' }),
  })
  .meta({ id: 'BookingParticipant' });

export const bookingSchema = z
  .object({
    id: z.uuid(),
    clientId: z.uuid(),
    kind: z
      .enum(['adhoc', 'scheduled'])
      .meta({ description: 'How it was made: ad hoc, or from a scheduled service' }),
    category: z
      .enum(['visit', 'group', 'stay'])
      .meta({ description: 'A visit to one client, a group session, or a stay (accommodation)' }),
    capacity: z.number().int().nullable().meta({ description: 'How many clients a group session takes' }),
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
    assignee: z
      .object({ type: z.enum(['staff', 'provider']), id: z.uuid(), name: z.string() })
      .nullable()
      .meta({ description: 'The lead staff member or external provider (the lead staff participant)' }),
    participants: z.array(participantSchema).meta({
      description: 'Everyone taking part: clients, staff, external providers and resources, leads first',
    }),
    notes: z.string().nullable(),
    status: z.enum(['booked', 'completed', 'cancelled']),
    cancellationReason: z.string().nullable(),
    suspendedByLeave: z.boolean().meta({
      description:
        'The lead client\'s place is suspended by their leave: show "Suspended (leave)", not "Cancelled"',
    }),
    contractId: z
      .uuid()
      .nullable()
      .meta({ description: "The client contract it is charged on; null: the client's contract in force" }),
    completion: z
      .object({
        actualStart: instant,
        actualEnd: instant,
        mileage: z.number().nullable(),
        note: z.string().nullable(),
      })
      .nullable()
      .meta({ description: 'What the completion recorded (actual times, mileage, a note); null until then' }),
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
