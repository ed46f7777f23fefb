import { z } from 'zod';
import { instantInput, localDate } from '../platform/http/schemas.js';
import { timeZoneField } from '../shared/time-zone.js';
import { TIME_BANDS } from './catalogue.types.js';
import { SUPPORT_ITEM_NUMBER } from './catalogue-number.js';

export const supportItemNumber = z
  .string()
  .trim()
  .regex(SUPPORT_ITEM_NUMBER, 'must be a support item number like 01_011_0107_1_1 (optionally _CA, _PT…)');

export const catalogueImportInput = z.object({
  csv: z.string().min(1, 'is empty').max(20_000_000).meta({
    description: "The Support Catalogue's CSV export (the NDIA's columns), or the 2026-27 long format",
  }),
  source: z.string().trim().min(1).max(300).default('Support Catalogue import'),
});

export const catalogueImportResult = z.object({
  format: z.enum(['wide', 'long']),
  items: z.number().int(),
  inserted: z.number().int(),
  replaced: z.number().int(),
  ended: z.number().int(),
});

const zones = z.record(z.string(), z.number().int());

export const supportItemSchema = z
  .object({
    id: z.uuid(),
    number: z.string(),
    name: z.string(),
    unit: z.enum(['H', 'E', 'D', 'WK', 'MON', 'YR']),
    registrationGroupNumber: z.string().nullable(),
    registrationGroupName: z.string().nullable(),
    supportCategoryNumber: z.string().nullable(),
    supportCategoryName: z.string().nullable(),
    quote: z.boolean(),
    startsOn: z.string(),
    endsOn: z.string().nullable(),
    flags: z.object({
      nonFaceToFace: z.boolean(),
      providerTravel: z.boolean(),
      shortNoticeCancellation: z.boolean(),
      ndiaRequestedReports: z.boolean(),
      irregularSil: z.boolean(),
    }),
    therapy: z.boolean(),
    itemType: z.string().nullable(),
    source: z.string().nullable(),
    prices: zones.meta({
      description: 'Price limits in cents by zone (NATIONAL, ACT … WA, REMOTE, VERY_REMOTE)',
    }),
  })
  .meta({ id: 'NdisSupportItem' });

export const catalogueQuery = z.object({
  on: localDate.optional().meta({ description: 'Only the versions in force on this date' }),
  search: z.string().trim().max(100).optional(),
});

export const timeBand = z.enum(TIME_BANDS as [string, ...string[]]);
const bands = z.partialRecord(
  z.enum(['weekday_daytime', 'weekday_evening', 'weekday_night', 'saturday', 'sunday', 'public_holiday']),
  supportItemNumber,
);
export const bandFamilyInput = z.object({ bands });
export const bandFamilySchema = z.object({ family: z.string(), bands }).meta({ id: 'NdisTimeBandFamily' });

export const priceCheckInput = z.object({
  supportItem: supportItemNumber.meta({
    description: 'The item a service names (any member of a band family)',
  }),
  start: instantInput,
  end: instantInput,
  timeZone: timeZoneField(),
  state: z
    .string()
    .trim()
    .max(3)
    .nullable()
    .default(null)
    .meta({ description: 'State of delivery, e.g. NSW' }),
  mmmBand: z.number().int().min(1).max(7).nullable().default(null),
  rateMinor: z
    .number()
    .int()
    .min(0)
    .max(100_000_000)
    .meta({ description: 'The agreed hourly rate, in cents' }),
});

export const priceCheckSchema = z.object({
  band: z.string(),
  bandReason: z.string(),
  family: z.string().nullable(),
  item: z.object({ number: z.string(), name: z.string(), unit: z.string() }),
  zone: z.string().nullable(),
  limitMinor: z.number().int().nullable(),
  mode: z.enum(['warn', 'refuse']),
  allowed: z.boolean(),
  unitPriceMinor: z.number().int().nullable(),
  message: z.string(),
});
