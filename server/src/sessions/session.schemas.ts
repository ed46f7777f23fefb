import { z } from 'zod';
import { instant, instantInput, localDate, localTime, nullableText } from '../platform/http/schemas.js';
import { rruleField } from '../scheduling/schedule.schemas.js';

/**
 * Wire formats of sessions: individual appointments and group sessions with several clients, workers and
 * resources, the services delivered at them, cancellation of one client's attendance, and completion (actual
 * times, travel, transport, apportionment) with its preview. A session is a booking: its id is the booking's.
 */

const minutes = (max: number) =>
  z.number().int('must be whole minutes').min(0, 'must not be negative').max(max, `must be at most ${max}`);
const cents = z
  .number()
  .int('must be whole cents')
  .min(0, 'must not be negative')
  .max(100_000_000, 'must be at most 100000000');
const km = z
  .number()
  .min(0, 'must not be negative')
  .max(10_000, 'must be at most 10000')
  .refine((v) => Math.round(v * 100) === v * 100, 'can have at most two decimals');
const basisPoints = z
  .number()
  .int('must be whole basis points (1% = 100)')
  .min(0, 'must not be negative')
  .max(10_000, 'must be at most 10000 (100%)')
  .meta({ description: 'A share in basis points: 2500 = 25%' });

export const ratio = z
  .number()
  .int('must be a whole number')
  .min(1, 'must be at least 1 (1:1)')
  .max(10, 'must be at most 10 (1:10)')
  .meta({ description: 'Delivery ratio: 4 means 1:4 (one worker for four clients)' });

const supportItem = nullableText(50)
  .optional()
  .meta({ description: 'The support item number or rate code, e.g. 04_102_0136_6_1' });

export const serviceInput = z
  .discriminatedUnion('source', [
    z.object({
      source: z.literal('contract'),
      contractId: z.uuid().meta({ description: "A contract of one of the session's clients" }),
      name: z.string().trim().min(1, 'is required').max(200),
      supportItem,
      ratio: ratio.default(1),
      primary: z.boolean().optional(),
    }),
    z.object({
      source: z.literal('adhoc'),
      name: z.string().trim().min(1, 'is required').max(200),
      supportItem,
      hourlyRateMinor: cents.meta({ description: 'Price per hour in cents' }),
      ratio: ratio.default(1),
      primary: z.boolean().optional(),
    }),
  ])
  .meta({
    description:
      'A service delivered at the session: from a client contract (priced by its rates) or ad hoc (priced at ' +
      'hourlyRateMinor). The first service marked primary (or else the first) is the one apportioned.',
  });
export type ServiceInput = z.infer<typeof serviceInput>;

export const servicesInput = z.object({ services: z.array(serviceInput).max(20) });

export const serviceTypesInput = z.object({
  serviceTypeIds: z.array(z.uuid()).max(20).meta({ description: 'The session type tags' }),
});

const clientRef = z.object({
  clientId: z.uuid(),
  contractId: z
    .uuid()
    .nullable()
    .default(null)
    .meta({ description: "The client's contract billed; null: their default contract" }),
});

const workerRef = z.object({
  staffId: z.uuid(),
  role: z.string().trim().min(1).max(100).optional(),
});

export const sessionInput = z.object({
  category: z
    .enum(['visit', 'group'])
    .meta({ description: 'An individual appointment (one client) or a group session' }),
  name: z.string().trim().min(1, 'is required').max(200),
  bookingDate: localDate.meta({ description: "Date in the first client's time zone" }),
  startTime: localTime.meta({ description: "Start time in the first client's time zone" }),
  durationMinutes: z
    .number()
    .int('must be whole minutes')
    .min(1, 'must be at least 1 minute')
    .max(1440, 'must be at most 1440 minutes (24 hours)'),
  capacity: z
    .number()
    .int('must be a whole number')
    .min(1, 'must be at least 1')
    .max(1000, 'must be at most 1000')
    .nullable()
    .default(null)
    .meta({ description: 'How many clients a group takes (required for a group, null for a visit)' }),
  clients: z
    .array(clientRef)
    .min(1, 'must name at least one client')
    .max(1000)
    .meta({ description: 'The first is the lead client, whose time zone the session keeps' }),
  workers: z.array(workerRef).max(50).default([]).meta({ description: 'The first is the lead worker' }),
  resources: z
    .array(z.object({ resourceId: z.uuid(), role: z.string().trim().min(1).max(100).optional() }))
    .max(50)
    .default([]),
  services: z.array(serviceInput).max(20).default([]),
  serviceTypeIds: serviceTypesInput.shape.serviceTypeIds.default([]),
  notes: nullableText(5000).default(null),
  overrideReason: z
    .string()
    .trim()
    .min(1, 'is required')
    .max(500)
    .optional()
    .meta({ description: 'Why an individual appointment goes ahead despite soft conflicts' }),
  recurrence: z
    .object({ rrule: rruleField, endDate: localDate.nullable().default(null) })
    .nullable()
    .default(null)
    .meta({
      description:
        'Repeat the session: a scheduled service is created and activated; its occurrences carry the same ' +
        'clients, workers, resources, services and tags',
    }),
});
export type SessionInput = z.infer<typeof sessionInput>;

export const addClientInput = z.object({
  clientId: z.uuid(),
  contractId: clientRef.shape.contractId,
  scope: z
    .enum(['this', 'following'])
    .default('this')
    .meta({
      description:
        '"this": this session only; "following": this and every later booked session of its series, and ' +
        'the sessions the series generates from now on',
    }),
});
export type AddClientInput = z.infer<typeof addClientInput>;

export const addWorkerInput = workerRef.extend({
  lead: z.boolean().default(false).meta({ description: 'Make this worker the lead (the assignee)' }),
});
export type AddWorkerInput = z.infer<typeof addWorkerInput>;

export const addResourceInput = z.object({
  resourceId: z.uuid().meta({ description: 'A room, vehicle or piece of equipment (GET /resources)' }),
  role: z.string().trim().min(1).max(100).optional(),
});
export type AddResourceInput = z.infer<typeof addResourceInput>;

export const changeWorkerInput = z.object({
  staffId: z.uuid().meta({ description: 'The worker who takes this place instead' }),
});

export const participantParams = z.object({ id: z.uuid(), participantId: z.uuid() });

export const cancelSessionInput = z.object({ reason: z.string().trim().min(1, 'is required').max(500) });

export const cancellationCode = z
  .enum(['health', 'family', 'transport', 'other'])
  .meta({ description: 'NDIS cancellation reasons: NSDH health, NSDF family, NSDT transport, NSDO other' });

export const cancelAttendanceInput = z.object({
  cancelledBy: z
    .enum(['client', 'representative', 'provider'])
    .meta({ description: 'Who cancelled: the client, their representative, or the provider' }),
  cancelledByName: nullableText(200).default(null),
  notifiedAt: instantInput.meta({ description: 'When the provider was told (date and time)' }),
  reasonCode: cancellationCode,
  note: nullableText(500).default(null),
});
export type CancelAttendanceInput = z.infer<typeof cancelAttendanceInput>;

export const travelArea = z.enum(['metro', 'regional', 'remote']).meta({
  description:
    'Where the client is (MMM band): metro (MMM 1-3, travel capped at 30 min), regional (MMM 4-5, 60 min), ' +
    'remote (MMM 6-7, no cap)',
});

const expenses = {
  tollsMinor: cents.default(0),
  parkingMinor: cents.default(0),
};

export const travelLegInput = z.object({
  leg: z.enum(['to', 'from', 'between']),
  minutes: minutes(1440),
  km: km.default(0),
  vehicle: z.enum(['own', 'company']).default('own'),
  ...expenses,
});

export const completionInput = z.object({
  travelArea: travelArea.optional().meta({ description: "Absent: from the lead client's location band" }),
  workers: z
    .array(
      z.object({
        participantId: z.uuid(),
        actualStart: instantInput,
        actualEnd: instantInput,
        travel: z.array(travelLegInput).max(10).default([]),
      }),
    )
    .max(50)
    .default([])
    .meta({
      description: 'Per worker: actual times and travel legs; a worker left out worked the scheduled times',
    }),
  transport: z
    .array(
      z.object({
        workerParticipantId: z.uuid(),
        km,
        minutes: minutes(1440),
        clientParticipantIds: z.array(z.uuid()).min(1, 'must name at least one client carried').max(100),
        vehicleType: z.enum(['standard', 'modified']).default('standard'),
        ...expenses,
      }),
    )
    .max(20)
    .default([])
    .meta({ description: 'Activity-based transport: the clients carried share its cost' }),
  apportionment: z
    .array(z.object({ participantId: z.uuid(), portionBasisPoints: basisPoints }))
    .max(1000)
    .optional()
    .meta({
      description:
        "Each attending client's portion of the primary service; absent or a client left out: 1/ratio " +
        '(1:4 gives 2500)',
    }),
  cancelledCharges: z
    .array(z.object({ participantId: z.uuid(), portionBasisPoints: basisPoints }))
    .max(1000)
    .default([])
    .meta({
      description: 'Cancelled clients charged, and their portion; a cancelled client left out is not charged',
    }),
});
export type CompletionInput = z.infer<typeof completionInput>;

export const chargeLineSchema = z
  .object({
    kind: z.enum(['service', 'travel', 'transport', 'expense', 'cancellation']),
    serviceId: z.uuid().nullable(),
    staffParticipantId: z
      .uuid()
      .nullable()
      .meta({ description: 'The worker whose travel or transport it is' }),
    description: z.string(),
    quantity: z.number().meta({ description: 'In `unit`' }),
    unit: z.enum(['minutes', 'km', 'dollars']),
    rateMinor: z.number().int().nullable().meta({ description: 'Per hour, per km, or null at cost' }),
    portionBasisPoints: z.number().int().nullable(),
    amountMinor: z.number().int(),
    explanation: z.string().meta({ description: 'Why this price, in words' }),
  })
  .meta({ id: 'SessionChargeLine' });
export type ChargeLineView = z.infer<typeof chargeLineSchema>;

const cancellationSchema = z.object({
  cancelledBy: z.enum(['client', 'representative', 'provider']),
  cancelledByName: z.string().nullable(),
  notifiedAt: instant,
  reasonCode: cancellationCode,
  note: z.string().nullable(),
  recordedAt: instant,
  /** Whole hours between the provider being told and the session's start (negative: told after it began). */
  noticeHours: z.number().int(),
  /** The NDIS short-notice decision and its proof, as stored when the cancellation was recorded. */
  ndis: z
    .object({
      noShow: z.boolean(),
      attestedNoOtherWork: z
        .boolean()
        .meta({ description: 'No other billable work could be found for the worker' }),
      attestedWorkerPaid: z.boolean().meta({ description: 'The worker is paid for the time' }),
      shortNotice: z.boolean(),
      claimable: z.boolean().meta({ description: 'A cancellation claim (claim type CANC) may be made' }),
      claimPercent: z.number().int(),
      rule: z.string().meta({ description: 'The rule in force, in words' }),
      deadline: instant.meta({ description: 'Notice before this instant was in time' }),
      explanation: z.string(),
    })
    .nullable(),
});

export const previewSchema = z
  .object({
    sessionId: z.uuid(),
    travelArea,
    travelCapMinutes: z.number().int().nullable(),
    roundingRule: z.string().meta({ description: 'How a total is split into portions that sum to it' }),
    primaryService: z
      .object({
        serviceId: z.uuid(),
        name: z.string(),
        ratio: z.number().int(),
        totalMinor: z.number().int(),
        hourlyRateMinor: z.number().int(),
        explanation: z.string(),
      })
      .nullable(),
    clients: z.array(
      z.object({
        participantId: z.uuid(),
        clientId: z.uuid(),
        name: z.string(),
        portionBasisPoints: z.number().int(),
        defaultPortionBasisPoints: z.number().int(),
        lines: z.array(chargeLineSchema),
        totalMinor: z.number().int(),
      }),
    ),
    cancelledClients: z.array(
      z.object({
        participantId: z.uuid(),
        clientId: z.uuid(),
        name: z.string(),
        cancellation: cancellationSchema.nullable(),
        charged: z.boolean(),
        portionBasisPoints: z.number().int(),
        lines: z.array(chargeLineSchema),
        totalMinor: z.number().int(),
      }),
    ),
    workers: z.array(
      z.object({
        participantId: z.uuid(),
        staffId: z.uuid(),
        name: z.string(),
        actualStart: instant,
        actualEnd: instant,
        minutes: z.number().int(),
        travelMinutes: z.number().int(),
        travelKm: z.number(),
      }),
    ),
    totalMinor: z.number().int(),
  })
  .meta({ id: 'SessionCompletionPreview' });
export type CompletionPreview = z.infer<typeof previewSchema>;

export const serviceSchema = z
  .object({
    id: z.uuid(),
    source: z.enum(['contract', 'adhoc']),
    contractId: z.uuid().nullable(),
    name: z.string(),
    supportItem: z.string().nullable(),
    ratio: z.number().int(),
    hourlyRateMinor: z.number().int().nullable(),
    primary: z.boolean(),
  })
  .meta({ id: 'SessionService' });

export const deliveredSchema = chargeLineSchema
  .extend({
    id: z.uuid(),
    clientParticipantId: z.uuid(),
    clientId: z.uuid(),
    invoiceId: z.uuid().nullable(),
  })
  .meta({ id: 'SessionDelivered' });

const participantStatus = z.enum(['booked', 'attended', 'absent', 'cancelled', 'suspended']);

export const sessionSchema = z
  .object({
    id: z.uuid(),
    category: z.enum(['visit', 'group', 'stay']),
    capacity: z.number().int().nullable(),
    placesTaken: z.number().int().meta({ description: 'Clients booked or attended' }),
    name: z.string(),
    status: z.enum(['booked', 'completed', 'cancelled']),
    cancellationReason: z.string().nullable(),
    startsAt: instant,
    endsAt: instant,
    timeZone: z.string(),
    bookingDate: z.string(),
    startTime: z.string(),
    durationMinutes: z.number().int(),
    seriesId: z.uuid().nullable(),
    isException: z.boolean(),
    notes: z.string().nullable(),
    clients: z.array(
      z.object({
        participantId: z.uuid(),
        clientId: z.uuid(),
        name: z.string(),
        lead: z.boolean(),
        status: participantStatus,
        contractId: z.uuid().nullable(),
        cancellation: cancellationSchema.nullable(),
      }),
    ),
    workers: z.array(
      z.object({
        participantId: z.uuid(),
        type: z.enum(['staff', 'provider']),
        subjectId: z.uuid(),
        name: z.string(),
        role: z.string().nullable(),
        lead: z.boolean(),
        status: participantStatus,
        actualStart: instant.nullable(),
        actualEnd: instant.nullable(),
      }),
    ),
    resources: z.array(
      z.object({
        participantId: z.uuid(),
        resourceId: z.uuid(),
        name: z.string(),
        role: z.string().nullable(),
        status: participantStatus,
      }),
    ),
    services: z.array(serviceSchema),
    serviceTypes: z.array(z.object({ id: z.uuid(), name: z.string(), colour: z.string() })),
    completion: z
      .object({
        travelArea,
        completedAt: instant,
        delivered: z.array(deliveredSchema).meta({
          description:
            'One record per client per service, plus travel, transport, expense and cancellation records',
        }),
      })
      .nullable(),
    createdAt: instant,
    updatedAt: instant,
  })
  .meta({ id: 'Session' });
export type SessionView = z.infer<typeof sessionSchema>;

export const outcomeSchema = z.object({
  localDate: z.string(),
  bookingId: z.uuid().nullable(),
  result: z.enum(['done', 'conflict', 'kept']),
  reason: z.string().optional(),
  conflictingBookingId: z
    .uuid()
    .optional()
    .meta({ description: 'For a clash: the booking holding the worker or resource then' }),
});

export const sessionCreatedSchema = z
  .object({
    session: sessionSchema,
    seriesId: z.uuid().nullable(),
    occurrences: z
      .array(outcomeSchema)
      .meta({ description: 'For a recurring session: each occurrence written, or why not' }),
  })
  .meta({ id: 'SessionCreated' });

export const sessionListQuery = z.object({
  from: localDate.meta({ description: 'First local date (the organisation zone of each session)' }),
  to: localDate.meta({ description: 'Last local date, inclusive; at most 42 days after from' }),
  staffId: z.uuid().optional(),
  clientId: z.uuid().optional(),
  serviceTypeId: z.uuid().optional(),
  status: z.enum(['booked', 'completed', 'cancelled']).optional(),
  category: z.enum(['visit', 'group', 'stay']).optional(),
});
export type SessionListQuery = z.infer<typeof sessionListQuery>;

export const sessionSummarySchema = z
  .object({
    id: z.uuid(),
    category: z.enum(['visit', 'group', 'stay']),
    name: z.string(),
    status: z.enum(['booked', 'completed', 'cancelled']),
    startsAt: instant,
    endsAt: instant,
    timeZone: z.string(),
    seriesId: z.uuid().nullable(),
    capacity: z.number().int().nullable(),
    placesTaken: z.number().int(),
    clients: z.array(z.object({ id: z.uuid(), name: z.string(), status: participantStatus })),
    workers: z.array(
      z.object({ id: z.uuid(), name: z.string(), lead: z.boolean(), status: participantStatus }),
    ),
    serviceTypeIds: z.array(z.uuid()),
  })
  .meta({ id: 'SessionSummary' });
export type SessionSummary = z.infer<typeof sessionSummarySchema>;

export const rosterEntrySchema = z
  .object({
    id: z.uuid(),
    type: z.enum(['client', 'staff', 'resource']),
    subjectId: z.uuid(),
    name: z.string(),
    role: z.string().nullable(),
    contractId: z.uuid().nullable(),
    fromDate: z.string().meta({ description: 'The first local date they take part' }),
    untilDate: z.string().nullable().meta({ description: 'The last local date they take part (null: open)' }),
  })
  .meta({
    id: 'SeriesRosterEntry',
    description: 'Someone who takes part in a recurring session beyond its lead client and lead worker',
  });

export const rosterParams = z.object({ id: z.uuid(), entryId: z.uuid() });
export const removeFromRosterInput = z.object({
  fromDate: localDate.meta({
    description: 'The first date they no longer take part (sessions before it are left as they are)',
  }),
});
