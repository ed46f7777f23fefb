import { z } from 'zod';
import { instant, localDate, nullableText as text } from '../platform/http/schemas.js';

export const leaveInput = z.object({
  type: z.enum(['hospital', 'respite', 'social_leave', 'holiday', 'transition_care', 'other']),
  startsOn: localDate,
  endsOn: localDate.nullable().default(null).meta({ description: 'Inclusive; null: until further notice' }),
  note: text(2000).default(null),
});

export const leaveSchema = z
  .object({
    id: z.uuid(),
    clientId: z.uuid(),
    type: leaveInput.shape.type,
    startsOn: z.string(),
    endsOn: z.string().nullable(),
    note: z.string().nullable(),
  })
  .meta({ id: 'ClientLeave' });

export const leaveReportSchema = z.object({
  leave: leaveSchema.nullable(),
  suspended: z.array(z.object({ bookingId: z.uuid(), name: z.string(), startsAt: instant })),
  restored: z.array(z.object({ bookingId: z.uuid(), name: z.string(), startsAt: instant })),
  notRestored: z.array(
    z.object({ bookingId: z.uuid(), name: z.string(), startsAt: instant, reason: z.string() }),
  ),
});
