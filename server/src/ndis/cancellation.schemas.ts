import { z } from 'zod';
import { instant, localDate, localTime } from '../platform/http/schemas.js';
import { cancelAttendanceInput, sessionSchema } from '../sessions/session.schemas.js';

const attestations = {
  noShow: z
    .boolean()
    .default(false)
    .meta({ description: 'The client did not show up (always counts as short notice)' }),
  attestedNoOtherWork: z
    .boolean()
    .meta({ description: 'The provider could not find other billable work for the worker' }),
  attestedWorkerPaid: z
    .boolean()
    .meta({ description: 'The provider is required to pay the worker for the time' }),
};

/** One client's NDIS cancellation: sessions' cancellation plus the no-show flag and the two attestations. */
export const ndisCancellationInput = cancelAttendanceInput.extend(attestations);
export type NdisCancellationInput = z.infer<typeof ndisCancellationInput>;

export const ndisDecisionSchema = z
  .object({
    shortNotice: z.boolean(),
    claimable: z.boolean().meta({ description: 'A cancellation claim (claim type CANC) may be made' }),
    claimPercent: z.number().int(),
    rule: z.string().meta({ description: 'The rule in force on the support date, in words' }),
    ruleSource: z.string(),
    deadline: instant.meta({ description: "Notice before this instant (in the support's zone) was in time" }),
    clearDaysGiven: z.number().int(),
    explanation: z.string(),
    holidaysSkipped: z.array(z.object({ date: localDate, name: z.string().optional() })),
    region: z.string().nullable(),
  })
  .meta({ id: 'NdisCancellationDecision' });

export const ndisCancellationResult = z.object({ decision: ndisDecisionSchema, session: sessionSchema });

export const cancellationRuleInput = z
  .object({
    serviceTypeId: z
      .uuid()
      .nullable()
      .default(null)
      .meta({ description: 'None: every service without its own rule' }),
    effectiveFrom: localDate,
    supportClass: z.enum(['support_worker', 'other', 'custom']).meta({
      description:
        "support_worker / other: the national rule of the support's date for that class; custom: kind and days below",
    }),
    kind: z.enum(['clearBusinessDays', 'clearDays']).nullable().default(null),
    days: z.number().int().min(0).max(60).nullable().default(null),
    reading: z.enum(['calendar', 'hours']).nullable().default(null),
    opensAt: localTime
      .nullable()
      .default(null)
      .meta({ description: 'After-hours option: business hours open' }),
    closesAt: localTime.nullable().default(null),
    claimPercent: z.number().int().min(0).max(100).nullable().default(null),
  })
  .superRefine((r, ctx) => {
    if (r.supportClass === 'custom') {
      if (r.kind === null)
        ctx.addIssue({ code: 'custom', path: ['kind'], message: 'is required for a custom rule' });
      if (r.days === null)
        ctx.addIssue({ code: 'custom', path: ['days'], message: 'is required for a custom rule' });
      if (r.kind === 'clearDays' && r.reading === null)
        ctx.addIssue({
          code: 'custom',
          path: ['reading'],
          message: 'is required for clear days (calendar or hours)',
        });
    } else if (r.kind !== null || r.days !== null)
      ctx.addIssue({ code: 'custom', path: ['kind'], message: 'applies only to a custom rule' });
    if (r.reading !== null && r.kind !== 'clearDays')
      ctx.addIssue({ code: 'custom', path: ['reading'], message: 'applies only to clear days' });
    if ((r.opensAt === null) !== (r.closesAt === null))
      ctx.addIssue({
        code: 'custom',
        path: ['closesAt'],
        message: 'business hours need both an opening and a closing time',
      });
    else if (r.opensAt !== null && r.closesAt !== null && r.opensAt >= r.closesAt)
      ctx.addIssue({ code: 'custom', path: ['closesAt'], message: 'must be after the opening time' });
  });
export type CancellationRuleInput = z.infer<typeof cancellationRuleInput>;

export const cancellationRuleSchema = z
  .object({
    id: z.uuid(),
    serviceTypeId: z.uuid().nullable(),
    effectiveFrom: localDate,
    supportClass: z.enum(['support_worker', 'other', 'custom']),
    kind: z.enum(['clearBusinessDays', 'clearDays']).nullable(),
    days: z.number().int().nullable(),
    reading: z.enum(['calendar', 'hours']).nullable(),
    opensAt: z.string().nullable(),
    closesAt: z.string().nullable(),
    claimPercent: z.number().int().nullable(),
  })
  .meta({ id: 'NdisCancellationRule' });
