import { z } from 'zod';
import { bookingInput, bookingSchema } from '../bookings/booking.schemas.js';
import { localDate } from '../platform/http/schemas.js';

const region = z
  .string()
  .regex(/^[A-Z]{2}(-[A-Z0-9]{1,3})?$/, 'must be a country code, optionally with a state, e.g. AU-NSW');

export const caseInput = z.object({
  issue: z
    .string()
    .trim()
    .min(1, 'is required')
    .max(200)
    .meta({ description: 'The presenting issue, e.g. "Workplace stress"' }),
  funder: z
    .string()
    .trim()
    .min(1, 'is required')
    .max(200)
    .meta({ description: 'The employer or programme paying' }),
  allowedSessions: z.number().int().min(1).max(100),
  countingWindow: z.enum(['rolling_12_months', 'per_year', 'per_referral']).meta({
    description: '12 months from the first session, each calendar year, or until the referral expires',
  }),
  openedOn: localDate,
  expiresOn: localDate.nullable().default(null).meta({ description: 'Only for per_referral: the last day' }),
  lateCancellationCounts: z
    .boolean()
    .default(true)
    .meta({ description: 'A cancellation less than 24 h before uses a session' }),
  noShowCounts: z.boolean().default(true).meta({ description: 'A no-show uses a session' }),
  funderRegion: region.default('AU').meta({ description: "The funder's holiday calendar for business days" }),
});

export const caseSchema = z
  .object({
    id: z.uuid(),
    clientId: z.uuid(),
    issue: z.string(),
    funder: z.string(),
    allowedSessions: z.number(),
    countingWindow: z.enum(['rolling_12_months', 'per_year', 'per_referral']),
    openedOn: z.string(),
    expiresOn: z.string().nullable(),
    lateCancellationCounts: z.boolean(),
    noShowCounts: z.boolean(),
    funderRegion: z.string(),
    status: z.enum(['open', 'closed']),
    closeReason: z.string().nullable().meta({ description: 'Why the case was closed; null while open' }),
  })
  .meta({ id: 'Case' });

const balanceSchema = z.object({
  window: z.object({ from: z.string(), to: z.string() }),
  granted: z.number(),
  used: z.number(),
  reversed: z.number(),
  remaining: z.number(),
});

export const requestSchema = z
  .object({
    id: z.uuid(),
    caseId: z.uuid(),
    sessions: z.number(),
    justification: z.string(),
    clinicalReview: z.boolean(),
    requestedOn: z.string(),
    funderDueOn: z.string(),
    dueOn: z.string(),
    status: z.enum(['pending', 'approved', 'modified', 'declined']),
    grantedSessions: z.number().nullable(),
    decisionNote: z.string().nullable(),
    decidedAt: z.string().nullable(),
  })
  .meta({ id: 'ExtraSessionRequest' });

export const caseSummarySchema = z.object({
  case: caseSchema,
  clientName: z.string(),
  today: z.string(),
  balance: balanceSchema
    .nullable()
    .meta({ description: "Today's window; null when no session can be booked today" }),
  notBookable: z.string().nullable(),
  ledger: z.array(
    z.object({
      id: z.uuid(),
      kind: z.enum(['grant', 'use', 'reversal']),
      sessions: z.number(),
      reason: z.string(),
      bookingId: z.uuid().nullable(),
      sessionOn: z.string().nullable(),
      overrideReason: z.string().nullable(),
      bookingStatus: z.string().nullable(),
      createdAt: z.string(),
      balanceAfter: z.number().meta({ description: 'Sessions left over the whole case after this entry' }),
    }),
  ),
  pendingRequest: requestSchema.nullable(),
  requests: z.array(requestSchema),
});

export const caseSessionInput = bookingInput.extend({
  entitlementOverrideReason: z
    .string()
    .trim()
    .min(1, 'is required')
    .max(500)
    .optional()
    .meta({ description: 'Why the session should be booked with no session left on the case' }),
});

export const caseSessionSchema = z.object({ booking: bookingSchema, remaining: z.number() });

export const endSessionInput = z.object({
  outcome: z.enum(['cancelled', 'no_show']),
  reason: z.string().trim().min(1, 'is required').max(500),
});

export const extraRequestInput = z.object({
  sessions: z.number().int().min(1).max(4),
  justification: z.string().trim().min(1, 'is required').max(5000),
});

export const decisionInput = z.object({
  outcome: z.enum(['approved', 'modified', 'declined']),
  sessions: z
    .number()
    .int()
    .min(1)
    .max(4)
    .optional()
    .meta({ description: 'The count granted, when modified' }),
  note: z.string().trim().max(2000).nullable().default(null),
});

export const funderViewSchema = z.object({
  reference: z.string(),
  funder: z.string(),
  issue: z.string(),
  sessionsRequested: z.number(),
  sessionsGranted: z.number().nullable(),
  sessionsUsed: z.number().nullable(),
  justification: z.string(),
  clinicalReview: z.boolean(),
  requestedOn: z.string(),
  dueOn: z.string(),
});
