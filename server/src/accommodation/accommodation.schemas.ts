import { z } from 'zod';
import { instant, instantInput, localDate, localTime, nullableText } from '../platform/http/schemas.js';
import { timeZoneField } from '../shared/time-zone.js';

const name = z.string().trim().min(1, 'is required').max(200);
const region = z
  .string()
  .regex(/^[A-Z]{2}(-[A-Z0-9]{1,3})?$/, 'must be a country code, optionally with a state, e.g. AU-NSW');
export const gender = z.enum(['female', 'male', 'non_binary', 'other']);
export const fundingType = z.enum(['private', 'local_authority', 'ndis', 'other']);
const amenities = z.array(z.string().trim().min(1).max(60)).max(30).default([]);
export const stayState = z.enum(['enquiry', 'on_hold', 'booked', 'checked_in', 'checked_out', 'cancelled']);
export const stayKind = z.enum(['client_stay', 'block_booking', 'out_of_service']);
const holdOutcome = z.enum(['release', 'revert']).meta({
  description: 'At expiry: release the bed (cancel the stay), or revert to the state before the hold',
});

export const siteInput = z.object({
  name,
  timeZone: timeZoneField(),
  region: region.nullable().default(null),
  checkInTime: localTime.default('14:00'),
  checkOutTime: localTime.default('10:00'),
});
export const siteSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    timeZone: z.string(),
    region: z.string().nullable(),
    checkInTime: z.string(),
    checkOutTime: z.string(),
  })
  .meta({ id: 'AccommodationSite' });

export const roomInput = z.object({ name });
export const roomSchema = z.object({ id: z.uuid(), siteId: z.uuid(), name: z.string() }).meta({ id: 'Room' });

export const bedInput = z.object({
  roomId: z.uuid(),
  name,
  bedType: z.enum(['respite', 'supported_accommodation']),
  minAge: z.number().int().min(0).max(130).nullable().default(null),
  maxAge: z.number().int().min(0).max(130).nullable().default(null),
  genders: z.array(gender).max(4).default([]).meta({ description: 'Empty: any gender' }),
  fundingTypes: z.array(fundingType).max(4).default([]).meta({ description: 'Empty: any funding' }),
  emergency: z.boolean().default(false),
  amenities,
});
export type BedInput = z.infer<typeof bedInput>;

const outOfServiceSchema = z.object({
  stayId: z.uuid(),
  reason: z.string(),
  arriveOn: z.string(),
  leaveOn: z.string(),
});
export const bedSchema = z
  .object({
    id: z.uuid(),
    roomId: z.uuid(),
    siteId: z.uuid(),
    name: z.string(),
    bedType: z.enum(['respite', 'supported_accommodation']),
    minAge: z.number().nullable(),
    maxAge: z.number().nullable(),
    genders: z.array(gender),
    fundingTypes: z.array(fundingType),
    emergency: z.boolean(),
    amenities: z.array(z.string()),
    status: z.enum(['available', 'out_of_service']).meta({ description: "Today, in the site's zone" }),
    outOfService: outOfServiceSchema.nullable(),
  })
  .meta({ id: 'Bed' });

export const outOfServiceInput = z.object({
  arriveOn: localDate.meta({ description: 'The first night out of service' }),
  leaveOn: localDate.meta({ description: 'Back in service on this day' }),
  reason: z.string().trim().min(1, 'is required').max(500),
});

export const bedsOverviewSchema = z.object({
  sites: z.array(siteSchema),
  rooms: z.array(roomSchema),
  beds: z.array(bedSchema),
});

const holdInput = z.object({
  expiresAt: instantInput,
  outcome: holdOutcome.default('release'),
});

export const stayInput = z.object({
  bedId: z.uuid(),
  kind: z.enum(['client_stay', 'block_booking']).default('client_stay'),
  clientId: z.uuid().nullable().default(null),
  contractId: z
    .uuid()
    .nullable()
    .default(null)
    .meta({ description: 'Default: the contract covering the stay' }),
  arriveOn: localDate,
  leaveOn: localDate.meta({ description: 'The day of departure: the stay covers the nights before it' }),
  state: z.enum(['enquiry', 'on_hold', 'booked']).default('booked'),
  hold: holdInput.nullable().default(null).meta({ description: 'Required when the state is on_hold' }),
  eligibilityOverrideReason: nullableText(500).default(null).meta({
    description: 'Books a bed the client is not eligible for; needs the scheduling.configure permission',
  }),
  reason: nullableText(500).default(null).meta({ description: 'Why a block booking is made' }),
  notes: nullableText(5000).default(null),
});
export type StayInput = z.infer<typeof stayInput>;

export const stayChangeInput = z.object({
  bedId: z.uuid().optional(),
  arriveOn: localDate.optional(),
  leaveOn: localDate.optional(),
  eligibilityOverrideReason: nullableText(500).default(null),
});
export type StayChangeInput = z.infer<typeof stayChangeInput>;

export const holdStayInput = holdInput;
export const checkOutInput = z.object({
  leaveOn: localDate.optional().meta({
    description: "The day the client left; default today in the site's zone. Later nights are freed",
  }),
});
export const cancelStayInput = z.object({ reason: z.string().trim().min(1, 'is required').max(500) });

export const stayServiceInput = z
  .object({
    contractRate: z
      .string()
      .trim()
      .min(1, 'is required')
      .max(200)
      .nullable()
      .default(null)
      .meta({
        description:
          "The contract's accommodation rate (option accommodationRates) that prices each night by the option " +
          'set in force on it; its unit and support item come with it',
      }),
    name: name.optional().meta({ description: "Default: the contract rate's name" }),
    unit: z.enum(['night', 'day']).optional().meta({
      description:
        'Per night, or per 24-hour day (NDIS short-term accommodation); required without contractRate',
    }),
    supportItem: z
      .string()
      .regex(
        /^[0-9]{2}_[0-9]{3}_[0-9]{4}_[0-9]_[0-9](_[A-Z]{1,3})?$/,
        'must be an NDIS support item, e.g. 01_058_0115_1_1',
      )
      .nullable()
      .default(null),
    rateMinor: z.number().int().min(0).max(100_000_000).nullable().default(null).meta({
      description: "A typed price per night or day (minor units): overrides the contract rate's price",
    }),
  })
  .superRefine((s, ctx) => {
    if (s.contractRate !== null) return;
    if (s.rateMinor === null)
      ctx.addIssue({
        code: 'custom',
        path: ['contractRate'],
        message: 'is required: choose a contract rate or type a price',
      });
    if (!s.name)
      ctx.addIssue({ code: 'custom', path: ['name'], message: 'is required without a contract rate' });
    if (!s.unit)
      ctx.addIssue({ code: 'custom', path: ['unit'], message: 'is required without a contract rate' });
  });
export type StayServiceInput = z.infer<typeof stayServiceInput>;

const priceRun = z.object({
  from: z.string().meta({ description: 'The first night' }),
  to: z.string().meta({ description: 'Exclusive: the morning after the last night' }),
  units: z.number(),
  rateMinor: z.number(),
  amountMinor: z.number(),
  explanation: z
    .string()
    .meta({ description: 'Why this price: the rate, its option set and the arithmetic' }),
});
const priceFields = {
  units: z.number().meta({ description: 'Nights or days of the stay' }),
  amountMinor: z.number(),
  runs: z
    .array(priceRun)
    .meta({ description: 'One per run of nights priced by one rate from one option set' }),
  priceProblem: z.string().nullable().meta({ description: 'Why some nights have no price' }),
};

export const staySessionsSchema = z
  .object({
    items: z.array(
      z.object({
        id: z.uuid(),
        name: z.string().nullable(),
        startsAt: instant,
        endsAt: instant,
        status: z.enum(['booked', 'completed', 'cancelled']),
        clientStatus: z
          .string()
          .meta({ description: "The client's participation: booked, attended, absent…" }),
        staffName: z.string().nullable(),
      }),
    ),
  })
  .meta({ id: 'StaySessions' });

export const serviceOptionsSchema = z
  .object({
    items: z.array(
      z.object({
        contractRate: z.string(),
        unit: z.enum(['night', 'day']),
        supportItem: z.string().nullable(),
        ...priceFields,
      }),
    ),
  })
  .meta({ id: 'StayServiceOptions' });

export const stayServiceSchema = z
  .object({
    id: z.uuid(),
    stayId: z.uuid(),
    name: z.string(),
    unit: z.enum(['night', 'day']),
    supportItem: z.string().nullable(),
    rateMinor: z.number().nullable().meta({ description: 'A typed price overriding the contract rate' }),
    contractRate: z.string().nullable(),
    ...priceFields,
  })
  .meta({ id: 'StayService' });

const problemItem = z.object({ rule: z.enum(['age', 'gender', 'funding']), reason: z.string() });

export const staySchema = z
  .object({
    id: z.uuid(),
    bedId: z.uuid(),
    kind: stayKind,
    clientId: z.uuid().nullable(),
    clientName: z.string().nullable(),
    contractId: z.uuid().nullable(),
    state: stayState,
    arriveOn: z.string(),
    leaveOn: z.string(),
    plannedLeaveOn: z.string().nullable(),
    nights: z.number(),
    hold: z
      .object({
        expiresAt: instant,
        outcome: holdOutcome,
        revertsTo: z.enum(['enquiry', 'booked']).nullable(),
      })
      .nullable(),
    reason: z.string().nullable(),
    cancelReason: z.string().nullable(),
    eligibilityOverrideReason: z.string().nullable(),
    checkedInAt: instant.nullable(),
    checkedOutAt: instant.nullable(),
    notes: z.string().nullable(),
    services: z.array(stayServiceSchema),
    warnings: z.array(z.string()).meta({ description: 'Short-term accommodation limits gone over' }),
  })
  .meta({ id: 'Stay' });
export type StayView = z.infer<typeof staySchema>;

export const calendarQuery = z.object({ from: localDate, to: localDate });
export const bedsCalendarSchema = z.object({
  from: z.string(),
  to: z.string(),
  sites: z.array(siteSchema),
  rooms: z.array(roomSchema),
  beds: z.array(bedSchema),
  stays: z.array(staySchema),
  occupancy: z
    .array(z.object({ date: z.string(), siteId: z.uuid(), occupied: z.number(), beds: z.number() }))
    .meta({ description: 'Beds occupied (booked, checked in or out) each night, per site' }),
});

export const vacancyQuery = z.object({
  arriveOn: localDate,
  leaveOn: localDate,
  clientId: z.uuid().optional(),
  siteId: z.uuid().optional(),
});
export const vacancySchema = z.object({
  items: z.array(
    z.object({
      bed: bedSchema,
      siteName: z.string(),
      roomName: z.string(),
      eligible: z.boolean(),
      problems: z.array(problemItem),
      preferredSite: z.boolean(),
      amenitiesMatched: z.array(z.string()),
      score: z.number(),
    }),
  ),
});

export const occupancyQuery = z.object({
  from: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be a month YYYY-MM'),
  months: z.coerce.number().int().min(1).max(24).default(6),
});
export const occupancySchema = z.object({
  items: z.array(
    z.object({
      siteId: z.uuid(),
      siteName: z.string(),
      beds: z.number(),
      months: z.array(
        z.object({
          month: z.string(),
          bedNights: z.number(),
          outOfServiceNights: z.number(),
          occupiedNights: z.number(),
          heldNights: z.number(),
          utilisationPercent: z.number(),
        }),
      ),
    }),
  ),
});

export const profileInput = z.object({
  gender: gender.nullable().default(null),
  preferredSiteId: z.uuid().nullable().default(null),
  amenities,
});
export const profileSchema = z.object({
  gender: gender.nullable(),
  preferredSiteId: z.uuid().nullable(),
  amenities: z.array(z.string()),
});

const limit = z.number().int().min(1).max(366).nullable();
export const limitsInput = z.object({
  items: z.array(z.object({ fundingType, maxNightsPerStay: limit, maxNightsPerYear: limit })).max(4),
});
export const limitsSchema = limitsInput;
