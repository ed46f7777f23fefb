import { Temporal } from 'temporal-polyfill';
import { z } from 'zod';

export const problemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().optional(),
    errors: z
      .array(z.object({ field: z.string(), reason: z.string() }))
      .optional()
      .meta({ description: 'With 422: each field that is missing or not valid, and why' }),
    requestId: z
      .string()
      .optional()
      .meta({ description: 'With 500: the id of the logged error, to quote when reporting it' }),
  })
  .loose()
  .meta({ id: 'Problem', description: 'RFC 9457 problem details' });

/** Error responses every authenticated route can give; merged into each route's `response`. */
export const commonErrors = {
  401: problemSchema,
  403: problemSchema,
  404: problemSchema,
  422: problemSchema,
} as const;

export const idParams = z.object({ id: z.uuid() });

export const listQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(500).optional(),
});

export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), nextCursor: z.string().nullable() });
}

/** Free text that may be absent: trimmed, and an empty string means "no value" (null). */
export const nullableText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .nullable()
    .transform((v) => (v === '' ? null : v));

/**
 * The ranges this API accepts, chosen so every accepted value is stored and computed without overflow:
 * dates (and instants) from 1900-01-01 to 2200-12-31 — far beyond any care record, well inside PostgreSQL's and
 * Temporal's ranges — and whole numbers stored as PostgreSQL `integer` (int4) at most 2,147,483,647.
 */
export const DATE_MIN = '1900-01-01';
export const DATE_MAX = '2200-12-31';
export const INT4_MAX = 2_147_483_647;
const DATE_RANGE = `between ${DATE_MIN} and ${DATE_MAX}`;

/** ISO dates with four-digit years compare as strings in calendar order. */
const inDateRange = (date: string) => date >= DATE_MIN && date <= DATE_MAX;

/** Output only: an instant as this API writes it. */
export const instant = z
  .string()
  .meta({ description: 'ISO 8601 instant with offset', example: '2026-01-05T09:00:00+11:00' });

/** Input: an ISO 8601 instant with an offset (or Z), between 1900 and 2200. */
export const instantInput = z
  .string()
  .max(64)
  .refine((s) => {
    if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/i.test(s)) return false;
    try {
      const utcDate = Temporal.Instant.from(s).toString().slice(0, 10);
      return inDateRange(s.slice(0, 10)) && inDateRange(utcDate);
    } catch {
      return false;
    }
  }, `must be an ISO 8601 instant with an offset ${DATE_RANGE}, e.g. 2026-03-02T09:00:00+11:00`)
  .meta({ description: `ISO 8601 instant with offset, ${DATE_RANGE}`, example: '2026-01-05T09:00:00+11:00' });

export const localDate = z.iso
  .date('must be a date YYYY-MM-DD')
  .refine(inDateRange, `must be a date ${DATE_RANGE}`)
  .meta({ description: `Local date YYYY-MM-DD, ${DATE_RANGE}` });
export const localTime = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time HH:MM (24-hour)')
  .meta({ description: 'Local wall-clock time HH:MM' });
