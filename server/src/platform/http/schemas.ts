import { z } from 'zod';

export const problemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().optional(),
    errors: z.array(z.object({ field: z.string(), reason: z.string() })).optional(),
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

export const instant = z
  .string()
  .meta({ description: 'ISO 8601 instant with offset', example: '2026-01-05T09:00:00+11:00' });
export const localDate = z.iso
  .date('must be a date YYYY-MM-DD')
  .meta({ description: 'Local date YYYY-MM-DD' });
export const localTime = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time HH:MM (24-hour)')
  .meta({ description: 'Local wall-clock time HH:MM' });
