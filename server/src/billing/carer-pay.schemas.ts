import { z } from 'zod';
import { ratedLineSchema } from '../contracts/contract.schemas.js';
import { localDate } from '../platform/http/schemas.js';

export const carerPayQuery = z.object({
  from: localDate.meta({ description: "First day, in the staff member's zone" }),
  to: localDate.meta({ description: "Last day (inclusive), in the staff member's zone" }),
});

export const carerPaySchema = z
  .object({
    staff: z.object({ id: z.uuid(), name: z.string(), timeZone: z.string() }),
    from: z.string(),
    to: z.string(),
    totalMinor: z.number().int(),
    visits: z.array(
      z.object({
        bookingId: z.uuid(),
        name: z.string(),
        client: z.object({ id: z.uuid(), name: z.string() }),
        visitDate: z.string(),
        timeZone: z.string(),
        totalMinor: z.number().int(),
        lines: z.array(ratedLineSchema),
      }),
    ),
    problems: z.array(
      z.object({
        bookingId: z.uuid(),
        name: z.string(),
        visitDate: z.string(),
        issues: z.array(z.object({ field: z.string(), reason: z.string() })),
      }),
    ),
  })
  .meta({ id: 'CarerPay' });
