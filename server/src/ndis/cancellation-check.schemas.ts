import { Temporal } from 'temporal-polyfill';
import { z } from 'zod';
import { timeZoneField } from '../shared/time-zone.js';

/** An instant with an offset ("2027-01-27T10:00:00+11:00" or "…Z"): a wall clock alone would be ambiguous. */
export const instantWithOffset = z
  .string()
  .refine((text) => {
    try {
      Temporal.Instant.from(text);
      return true;
    } catch {
      return false;
    }
  }, 'must be an instant with an offset, such as 2027-01-27T10:00:00+11:00')
  .transform((text) => Temporal.Instant.from(text));

const localTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time of day HH:MM');

export const afterHoursSchema = z
  .strictObject({ opensAt: localTime.default('09:00'), closesAt: localTime.default('17:00') })
  .refine((h) => h.opensAt < h.closesAt, { message: 'must open before it closes', path: ['closesAt'] })
  .meta({
    description:
      'Notice outside these hours (or on a day that is not a business day) counts from opening on the next business day',
  });

export const cancellationRuleSchema = z
  .strictObject({
    kind: z.enum(['clearBusinessDays', 'clearDays']),
    days: z.number().int('must be a whole number of days').min(0).max(60),
    reading: z.enum(['calendar', 'hours']).optional(),
    afterHours: afterHoursSchema.optional(),
    claimPercent: z.number().int().min(0).max(100).optional(),
  })
  .refine((r) => r.kind === 'clearDays' || r.reading === undefined, {
    message: 'applies only to clearDays',
    path: ['reading'],
  });

const isoDate = z.iso.date('must be a date YYYY-MM-DD');

/** The input of `npm run cli -- ndis cancellation`. */
export const cancellationCheckInput = z
  .strictObject({
    supportStart: instantWithOffset,
    notifiedAt: instantWithOffset.optional(),
    timeZone: timeZoneField(),
    rule: cancellationRuleSchema,
    publicHolidays: z.array(isoDate).max(1000).default([]),
    noShow: z.boolean().default(false),
  })
  .refine((x) => x.noShow || x.notifiedAt !== undefined, {
    message: 'is required unless noShow is true',
    path: ['notifiedAt'],
  });
