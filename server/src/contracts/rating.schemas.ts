import { z } from 'zod';
import { DATE_MAX, DATE_MIN } from '../platform/http/schemas.js';
import { epochDayOf } from '../shared/time/civil-date.js';
import { isVisitTime } from '../shared/time/zone-clock.js';
import { timeZoneField } from '../shared/time-zone.js';
import { toHundredths } from './money.js';
import { MAX_VISIT_MINUTES } from './rating.js';
import { clockMinutes } from './unsociable-ranges.js';

/** The wire format of `rate` (CLI): contracts, the client's calendar and visits. Money in minor units. */

const MAX_MINOR = 1_000_000_000;
const MAX_DISTANCE = 100_000;

const localDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD')
  .refine((s) => !Number.isNaN(epochDayOf(s)), 'is not a calendar date')
  .refine((s) => s >= DATE_MIN && s <= DATE_MAX, `must be a date between ${DATE_MIN} and ${DATE_MAX}`);

const clockTime = z
  .string()
  .refine((s) => !Number.isNaN(clockMinutes(s)), 'must be a time HH:MM from 00:00 to 24:00');

const minor = z
  .number()
  .int('must be whole minor units')
  .min(0, 'must not be negative')
  .max(MAX_MINOR, `must be at most ${MAX_MINOR}`);

const nonProRataRates = z
  .array(
    z.strictObject({
      minutes: z
        .number()
        .int('must be whole minutes')
        .min(1, 'must be at least 1 minute')
        .max(MAX_VISIT_MINUTES, `must be at most ${MAX_VISIT_MINUTES} minutes`),
      amount: minor,
    }),
  )
  .max(100)
  .superRefine((rates, ctx) => {
    rates.forEach((rate, i) => {
      if (rates.findIndex((r) => r.minutes === rate.minutes) < i)
        ctx.addIssue({ code: 'custom', path: [i, 'minutes'], message: 'is listed twice' });
    });
  });

const dayOfWeek = z.enum(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']);

const unsociableRange = z
  .strictObject({
    when: z
      .strictObject({
        kind: z.enum(['specialDay', 'publicHoliday', 'dayOfWeek', 'weekday', 'weekend']),
        day: dayOfWeek.optional(),
      })
      .superRefine((when, ctx) => {
        if (when.kind === 'dayOfWeek' && !when.day)
          ctx.addIssue({ code: 'custom', path: ['day'], message: 'is required for kind dayOfWeek' });
        if (when.kind !== 'dayOfWeek' && when.day)
          ctx.addIssue({ code: 'custom', path: ['day'], message: 'is only allowed for kind dayOfWeek' });
      }),
    from: clockTime.refine((s) => s !== '24:00', 'must be before 24:00'),
    to: clockTime,
    hourlyRate: minor,
    nonProRataRates: nonProRataRates.optional(),
  })
  .superRefine((range, ctx) => {
    if (clockMinutes(range.from) === clockMinutes(range.to))
      ctx.addIssue({
        code: 'custom',
        path: ['to'],
        message: 'must differ from from (00:00–24:00 is the whole day)',
      });
  });

const supportItemNumber = z
  .string()
  .trim()
  .regex(/^\d{2}_\d{3}_\d{4}_\d_\d(_[A-Z]{1,3})?$/, 'must be a support item number such as 01_011_0107_1_1');

/** NDIS: the support item per time band (ndis/ looks each number up in the catalogue). */
const ndisSupportItems = z
  .strictObject({
    weekday_daytime: supportItemNumber.optional(),
    weekday_evening: supportItemNumber.optional(),
    weekday_night: supportItemNumber.optional(),
    saturday: supportItemNumber.optional(),
    sunday: supportItemNumber.optional(),
    public_holiday: supportItemNumber.optional(),
  })
  .meta({
    description:
      'NDIS support item number per time band; a visit in a band with none is not checked against a price limit',
  });

export const contractOptions = z.strictObject({
  hourlyRate: minor.optional(),
  nonProRataRates: nonProRataRates.optional(),
  unsociableRanges: z.array(unsociableRange).max(100).optional(),
  useFirstRange: z.boolean().optional(),
  callOutCharges: z
    .array(z.strictObject({ name: z.string().trim().min(1, 'is required').max(200), amount: minor }))
    .max(100)
    .optional(),
  billOnActualTimes: z.boolean().optional(),
  rounding: z
    .strictObject({
      mode: z.enum(['none', 'up', 'down', 'nearest']),
      minutes: z.literal([5, 10, 15, 30, 60], 'must be 5, 10, 15, 30 or 60'),
    })
    .optional(),
  chargeMileageToClient: z.boolean().optional(),
  enableTravelPayments: z.boolean().optional(),
  useLocalAuthorityReference: z.boolean().optional(),
  terminationRights: z.string().max(10_000).optional(),
  ndisSupportItems: ndisSupportItems.optional(),
  accommodationRates: z
    .array(
      z.strictObject({
        name: z.string().trim().min(1, 'is required').max(200),
        unit: z.enum(['night', 'day']),
        rate: minor,
        supportItem: z
          .string()
          .regex(
            /^[0-9]{2}_[0-9]{3}_[0-9]{4}_[0-9]_[0-9](_[A-Z]{1,3})?$/,
            'must be an NDIS support item, e.g. 01_058_0115_1_1',
          )
          .optional(),
      }),
    )
    .max(50)
    .superRefine((rates, ctx) => {
      rates.forEach((rate, i) => {
        if (rates.findIndex((r) => r.name.toLowerCase() === rate.name.toLowerCase()) < i)
          ctx.addIssue({ code: 'custom', path: [i, 'name'], message: 'is listed twice' });
      });
    })
    .optional()
    .meta({ description: 'Prices per night or per 24-hour day for stays in a bed, by name' }),
});

const carerOptions = contractOptions.extend({ mileageRate: minor.optional() });

/** Option sets in strictly ascending date order (the first one applies from the beginning of time). */
function schedule<T extends z.ZodType>(options: T, least: number) {
  return z.strictObject({
    optionSets: z
      .array(z.strictObject({ effectiveFrom: localDate, options }))
      .min(least, `must have at least ${least} option set`)
      .max(1000)
      .superRefine((sets, ctx) => {
        sets.forEach((set, i) => {
          const previous = sets[i - 1];
          if (previous && set.effectiveFrom <= previous.effectiveFrom)
            ctx.addIssue({
              code: 'custom',
              path: [i, 'effectiveFrom'],
              message: `must be after the previous option set's ${previous.effectiveFrom}`,
            });
        });
      }),
  });
}

const visitTime = z
  .string()
  .refine(
    isVisitTime,
    'must be a local date-time YYYY-MM-DDTHH:MM in timeZone, or an instant with an offset',
  );

const visit = z.strictObject({
  id: z.string().min(1, 'is required').max(200),
  plannedStart: visitTime,
  plannedMinutes: z
    .number()
    .int('must be whole minutes')
    .min(1, 'must be at least 1 minute')
    .max(MAX_VISIT_MINUTES, `must be at most ${MAX_VISIT_MINUTES} minutes`),
  actualStart: visitTime.optional(),
  actualEnd: visitTime.optional(),
  mileage: z
    .number()
    .min(0, 'must not be negative')
    .max(MAX_DISTANCE, `must be at most ${MAX_DISTANCE}`)
    .refine((m) => toHundredths(m) !== null, 'must have at most two decimals')
    .optional(),
});

export const rateInput = z.strictObject({
  timeZone: timeZoneField('must be an IANA time zone such as Australia/Sydney'),
  publicHolidays: z.array(localDate).max(10_000).default([]),
  specialDays: z.array(localDate).max(10_000).default([]),
  contractType: schedule(contractOptions, 1),
  assignment: schedule(contractOptions, 0),
  carerContract: schedule(carerOptions, 1).optional(),
  visits: z.array(visit).max(1_000_000),
});

export type RateInput = z.infer<typeof rateInput>;
