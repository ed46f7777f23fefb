import { z } from 'zod';
import { localDate, nullableText } from '../platform/http/schemas.js';

export const planInput = z.object({
  startDate: localDate,
  endDate: localDate,
  management: z
    .enum(['ndia', 'plan', 'self'])
    .meta({ description: 'Who manages the funds: the NDIA, a plan manager, or the participant' }),
  planManagerName: nullableText(200).default(null),
  planManagerEmail: nullableText(320).default(null),
  periodMonths: z.number().int().min(1).max(12).default(3).meta({
    description: 'Length of each funding period (3 by default); plans starting before 19 May 2025 have one',
  }),
  budgets: z
    .array(
      z.object({
        supportCategory: z.string().trim().min(1, 'is required').max(200),
        amountMinor: z.number().int().min(0).max(100_000_000_00),
        serviceTypeIds: z.array(z.uuid()).max(50).default([]).meta({
          description: 'The service types drawing on this budget; none: every service no other budget names',
        }),
      }),
    )
    .min(1, 'must have at least one budget')
    .max(20),
});
export type PlanInput = z.infer<typeof planInput>;

export const fundingCheckInput = z.object({
  occurrences: z
    .array(
      z.object({
        date: localDate,
        serviceTypeId: z.uuid().nullable().default(null),
        amountMinor: z.number().int().min(0),
      }),
    )
    .min(1)
    .max(1000),
});
export type FundingCheckInput = z.infer<typeof fundingCheckInput>;

const periodSchema = z.object({
  id: z.uuid(),
  budgetId: z.uuid(),
  supportCategory: z.string(),
  startDate: localDate,
  endDate: localDate,
  allocationMinor: z.number().int(),
  bookedMinor: z.number().int(),
  deliveredMinor: z.number().int(),
  committedMinor: z.number().int().meta({ description: 'Delivered plus still booked' }),
  claimedMinor: z.number().int(),
  remainingMinor: z.number().int().meta({ description: 'Allocation less committed (negative: over)' }),
  projectedEndMinor: z
    .number()
    .int()
    .meta({ description: 'Used at the period’s end if every booking goes ahead' }),
  projectedShortfallMinor: z.number().int(),
});

export const fundingSchema = z
  .object({
    clientId: z.uuid(),
    plans: z.array(
      z.object({
        id: z.uuid(),
        clientId: z.uuid(),
        startDate: localDate,
        endDate: localDate,
        management: z.enum(['ndia', 'plan', 'self']),
        planManagerName: z.string().nullable(),
        planManagerEmail: z.string().nullable(),
        budgets: z.array(
          z.object({
            id: z.uuid(),
            supportCategory: z.string(),
            amountMinor: z.number().int(),
            serviceTypeIds: z.array(z.uuid()),
          }),
        ),
        periods: z.array(periodSchema),
      }),
    ),
  })
  .meta({ id: 'NdisClientFunding' });

export const fundingCheckSchema = z.object({
  conflicts: z.array(
    z.object({
      periodId: z.uuid(),
      supportCategory: z.string(),
      startDate: localDate,
      endDate: localDate,
      allocationMinor: z.number().int(),
      committedMinor: z.number().int(),
      shortfallMinor: z.number().int(),
      message: z.string(),
      occurrences: z
        .array(z.number().int())
        .meta({ description: 'Which occurrences (by index) fall in the period' }),
    }),
  ),
});
