import { z } from 'zod';
import { instantInput, localDate } from '../platform/http/schemas.js';
import { rateInput } from './rating.schemas.js';

/**
 * Wire formats of contract types, client contracts (assignments), carer contracts and calendars. Option sets
 * are validated by the rating engine's own schema (strictly ascending dates, known options, money in minor
 * units), so the API and the `rate` command accept exactly the same contracts.
 */

const typeSchedule = rateInput.shape.contractType.shape.optionSets;
const assignmentSchedule = rateInput.shape.assignment.shape.optionSets;
const carerSchedule = rateInput.shape.carerContract.unwrap().shape.optionSets;

const name = z.string().trim().min(1, 'is required').max(200);
export const contractCategory = z.enum(['private', 'local_authority', 'ndis', 'other']);

/** Optional so older callers need not send them; absent or '' means none. */
const billingText = (max: number) => z.string().trim().max(max).nullable().optional();

export const contractTypeInput = z.object({
  name,
  category: contractCategory,
  payerName: billingText(200).meta({
    description: 'Who is invoiced instead of the client (a local authority); its name heads the invoice',
  }),
  payerAddress: billingText(500).meta({ description: "The payer's postal address, printed on invoices" }),
  taxFreeReason: billingText(200).meta({
    description: 'Why these services carry no GST/VAT (e.g. "NDIS supports"); null: standard rate',
  }),
  optionSets: typeSchedule.meta({
    description:
      'Option sets in strictly ascending effectiveFrom order; the first applies from the beginning. ' +
      'An option a set leaves out takes its default.',
  }),
});
export type ContractTypeInput = z.infer<typeof contractTypeInput>;

export const contractInput = z
  .object({
    contractTypeId: z.uuid(),
    name,
    startDate: localDate,
    endDate: localDate.nullable().default(null),
    isDefault: z.boolean().optional().meta({
      description: "Make this the client's default contract (a client's first contract always is)",
    }),
    paymentTermsDays: z
      .number()
      .int('must be a whole number of days')
      .min(0, 'must be 0 or more days')
      .max(365, 'must be at most 365 days')
      .nullable()
      .optional()
      .meta({ description: "Days to pay invoices on this contract; null: the organisation's terms" }),
    optionSets: assignmentSchedule.default([]).meta({
      description: "Own option sets; an option a set leaves out is inherited from the type's set in force",
    }),
  })
  .superRefine((c, ctx) => {
    if (c.endDate !== null && c.endDate < c.startDate)
      ctx.addIssue({ code: 'custom', path: ['endDate'], message: 'must not be before startDate' });
  });
export type ContractInput = z.infer<typeof contractInput>;

export const carerContractInput = z.object({ optionSets: carerSchedule });
export type CarerContractInput = z.infer<typeof carerContractInput>;

export const regionText = z.string().trim().min(1, 'is required').max(100);

export const calendarDayInput = z.object({
  region: regionText,
  date: localDate,
  kind: z.enum(['public_holiday', 'special_day']),
  name: z.string().trim().min(1, 'is required').max(200),
});
export type CalendarDayInput = z.infer<typeof calendarDayInput>;

export const calendarQuery = z.object({
  region: regionText.optional(),
  from: localDate.optional(),
  to: localDate.optional(),
});

export const clientRegionInput = z.object({
  region: regionText.nullable().meta({ description: 'The region whose calendar applies; null for none' }),
});

export const timelineQuery = z.object({
  from: localDate.optional().meta({ description: "Default: the contract's start date" }),
  to: localDate
    .optional()
    .meta({ description: 'Exclusive. Default: the day after the end date, or one year after from' }),
});

const optionSetView = z.object({ effectiveFrom: z.string(), options: z.record(z.string(), z.unknown()) });

export const contractTypeSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    category: contractCategory,
    payerName: z.string().nullable(),
    payerAddress: z.string().nullable(),
    taxFreeReason: z.string().nullable(),
    optionSets: z.array(optionSetView),
    assignmentCount: z.number().int(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'ContractType' });
export type ContractTypeView = z.infer<typeof contractTypeSchema>;

export const contractSchema = z
  .object({
    id: z.uuid(),
    clientId: z.uuid(),
    contractType: z.object({ id: z.uuid(), name: z.string(), category: contractCategory }),
    name: z.string(),
    paymentTermsDays: z.number().int().nullable(),
    startDate: z.string(),
    endDate: z.string().nullable(),
    isDefault: z.boolean(),
    optionSets: z.array(optionSetView),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'ClientContract' });
export type ContractView = z.infer<typeof contractSchema>;

export const carerContractSchema = z
  .object({ staffId: z.uuid(), optionSets: z.array(optionSetView), updatedAt: z.string() })
  .meta({ id: 'CarerContract' });

export const calendarDaySchema = z
  .object({
    id: z.uuid(),
    region: z.string(),
    date: z.string(),
    kind: z.enum(['public_holiday', 'special_day']),
    name: z.string(),
  })
  .meta({ id: 'CalendarDay' });

const segment = z.object({
  from: z.string(),
  to: z.string().meta({ description: 'Exclusive' }),
  value: z.unknown(),
  source: z.enum(['type', 'assignment', 'default']),
  setIndex: z.number().int().nullable(),
  effectiveFrom: z.string().nullable(),
  inheritance: z.enum(['inherited', 'overridden']),
});

export const timelineSchema = z
  .object({
    contractId: z.uuid(),
    from: z.string(),
    to: z.string(),
    boundaries: z.array(
      z.object({ date: z.string(), schedule: z.enum(['type', 'assignment']), setIndex: z.number().int() }),
    ),
    options: z.record(z.string(), z.array(segment)),
  })
  .meta({ id: 'ContractTimeline' });

const instantText = instantInput;

export const bookingBillingInput = z.object({
  contractId: z.uuid().nullable().optional().meta({
    description: "The client's contract to bill under; null uses the client's default at the visit's date",
  }),
  actualStart: instantText.nullable().optional(),
  actualEnd: instantText.nullable().optional(),
  mileage: z
    .number()
    .min(0, 'must not be negative')
    .max(999_999.99, 'must be at most 999999.99')
    .refine((m) => Math.abs(m * 100 - Math.round(m * 100)) < 1e-6, 'must have at most two decimals')
    .nullable()
    .optional(),
});
export type BookingBillingInput = z.infer<typeof bookingBillingInput>;

export const bookingBillingSchema = z
  .object({
    bookingId: z.uuid(),
    contractId: z.uuid().nullable(),
    actualStart: z.string().nullable(),
    actualEnd: z.string().nullable(),
    mileage: z.number().nullable(),
    invoiceId: z.uuid().nullable(),
  })
  .meta({ id: 'BookingBilling' });
export type BookingBillingView = z.infer<typeof bookingBillingSchema>;

export const ratedLineSchema = z.object({
  kind: z.enum(['time', 'nonProRata', 'callOut', 'mileage']),
  minutes: z.number().int().optional(),
  rateMinor: z.number().int().optional(),
  amountMinor: z.number().int(),
  explanation: z.string(),
  source: z.unknown().optional(),
});

const timeBand = z.enum([
  'weekday_daytime',
  'weekday_evening',
  'weekday_night',
  'saturday',
  'sunday',
  'public_holiday',
]);

export const supportItemCheckSchema = z
  .object({
    band: timeBand,
    bandReason: z.string(),
    itemNumber: z.string().nullable(),
    itemName: z.string().nullable(),
    zone: z
      .string()
      .nullable()
      .meta({ description: 'Price zone: a state, REMOTE (MMM6) or VERY_REMOTE (MMM7)' }),
    limitMinor: z.number().int().nullable(),
    rateMinor: z
      .number()
      .int()
      .meta({ description: 'The highest hourly rate the contract charges for the visit' }),
    mode: z.enum(['warn', 'refuse']),
    verdict: z.enum(['within', 'warn', 'refuse', 'no_item']),
    message: z.string(),
  })
  .meta({ id: 'SupportItemCheck' });
export type SupportItemCheckView = z.infer<typeof supportItemCheckSchema>;

export const bookingPriceSchema = z
  .object({
    bookingId: z.uuid(),
    visitDate: z.string(),
    timeZone: z.string(),
    contract: z.object({
      id: z.uuid(),
      name: z.string(),
      chosen: z.enum(['booking', 'default', 'in_force']).meta({
        description:
          "Named on the booking or its series; the client's default contract; or, the default not covering the " +
          "visit's date, the client's contract in force then",
      }),
      contractType: z.object({ id: z.uuid(), name: z.string() }),
    }),
    totalMinor: z.number().int(),
    lines: z.array(ratedLineSchema),
    supportItem: supportItemCheckSchema.nullable().optional().meta({
      description:
        "NDIS: the support item the visit's band picks from the contract's items and its price-limit check",
    }),
  })
  .meta({ id: 'BookingPrice', description: 'The rated lines of a visit and why each costs what it does' });
export type BookingPriceView = z.infer<typeof bookingPriceSchema>;

export const completionPreviewSchema = z
  .object({
    bookingId: z.uuid(),
    price: bookingPriceSchema.nullable().meta({ description: 'What the completed visit will bill' }),
    billOnActualTimes: z.boolean().nullable().meta({
      description: "Whether the visit's contract bills the actual times (else the planned ones) on its date",
    }),
    problems: z
      .array(z.object({ field: z.string(), reason: z.string() }))
      .meta({ description: 'Why the visit cannot be priced (then price is null)' }),
  })
  .meta({ id: 'CompletionPreview' });
export type CompletionPreviewView = z.infer<typeof completionPreviewSchema>;

export const contractCheckInput = z.object({
  contractTypeId: z.uuid(),
  optionSets: assignmentSchedule.default([]).meta({
    description: "The client contract's option sets as being edited (nothing is saved)",
  }),
  date: localDate.optional().meta({ description: "The date checked; default: today in the client's zone" }),
});
export type ContractCheckInput = z.infer<typeof contractCheckInput>;

const pricedExample = z.union([
  z.object({ totalMinor: z.number().int(), lines: z.array(ratedLineSchema) }),
  z.object({ problem: z.string() }),
]);

export const contractCheckSchema = z
  .object({
    date: z.string(),
    chartStart: z.string().meta({ description: 'The local start time of the charted visits' }),
    points: z
      .array(z.object({ minutes: z.number().int(), totalMinor: z.number().int().nullable() }))
      .meta({ description: 'Price by duration, 0 to 240 minutes every 15 (null: cannot be priced)' }),
    warnings: z.array(z.string()),
    useFirstRange: z.object({
      value: z.boolean().meta({ description: 'useFirstRange in force on the date (default: on)' }),
      example: z.object({
        start: z.string(),
        end: z.string(),
        firstRange: pricedExample.meta({ description: 'Priced with useFirstRange on' }),
        split: pricedExample.meta({ description: 'Priced with useFirstRange off (split at each range)' }),
      }),
    }),
    problems: z.array(z.string()),
  })
  .meta({ id: 'ContractCheck' });

export const repricePreviewSchema = z
  .object({
    contractId: z.uuid(),
    visits: z.array(
      z.object({
        bookingId: z.uuid(),
        visitDate: z.string(),
        oldTotalMinor: z.number().int().nullable(),
        newTotalMinor: z
          .number()
          .int()
          .nullable()
          .meta({ description: 'null: the change leaves the visit unpriceable (see problem)' }),
        problem: z.string().nullable(),
      }),
    ),
    oldTotalMinor: z.number().int(),
    newTotalMinor: z.number().int(),
  })
  .meta({
    id: 'RepricePreview',
    description: 'Delivered visits not yet invoiced whose price the contract change would change',
  });
export type RepricePreviewView = z.infer<typeof repricePreviewSchema>;
