import { z } from 'zod';
import { listQuery, localDate } from '../platform/http/schemas.js';

const localDateOut = z.string();

export const invoiceRunInput = z
  .object({
    periodFrom: localDate,
    periodTo: localDate,
    clientId: z.uuid().optional().meta({ description: 'Only this client; every client when absent' }),
  })
  .superRefine((r, ctx) => {
    if (r.periodTo < r.periodFrom)
      ctx.addIssue({ code: 'custom', path: ['periodTo'], message: 'must not be before periodFrom' });
  });
export type InvoiceRunInput = z.infer<typeof invoiceRunInput>;

const problemItem = z.object({
  bookingId: z.uuid(),
  clientId: z.uuid(),
  errors: z.array(z.object({ field: z.string(), reason: z.string() })),
});

export const invoiceRunQuery = z.object({
  wait: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true')
    .meta({
      description: 'true: answer 201 once the run has completed (CLI, scripts, tests) instead of 202',
    }),
});

export const invoiceRunStatus = z.enum(['queued', 'running', 'completed', 'failed']);
export type InvoiceRunStatus = z.infer<typeof invoiceRunStatus>;

export const invoiceRunSchema = z
  .object({
    id: z.uuid(),
    status: invoiceRunStatus.meta({
      description:
        'queued → running (a worker processes clients in batches) → completed; failed after repeated errors',
    }),
    periodFrom: z.string(),
    periodTo: z.string(),
    clientId: z.uuid().nullable(),
    clientsTotal: z
      .number()
      .int()
      .nullable()
      .meta({ description: 'Clients with billable bookings, fixed when the run starts; null while queued' }),
    clientsDone: z.number().int(),
    visitsRated: z.number().int().meta({ description: 'Bookings rated successfully so far' }),
    invoiceCount: z.number().int().meta({ description: 'Draft invoices created so far' }),
    bookingCount: z.number().int().meta({ description: 'Bookings invoiced so far' }),
    invoiceIds: z.array(z.uuid()),
    problems: z.array(problemItem).meta({ description: 'Completed bookings that could not be rated' }),
    error: z.string().nullable().meta({ description: 'Why the last attempt failed' }),
    createdAt: z.string(),
    startedAt: z.string().nullable(),
    finishedAt: z.string().nullable(),
  })
  .meta({ id: 'InvoiceRun' });
export type InvoiceRunView = z.infer<typeof invoiceRunSchema>;
export type RunProblem = z.infer<typeof problemItem>;

const status = z.enum(['draft', 'issued', 'paid', 'void']);

export const invoiceSchema = z
  .object({
    id: z.uuid(),
    kind: z.enum(['invoice', 'credit_note']),
    status,
    number: z.number().int().nullable().meta({ description: 'Assigned when issued; no gaps, no duplicates' }),
    clientId: z.uuid(),
    recipient: z.string().meta({
      description: "The client's name, or the local-authority reference when the contract asks for it",
    }),
    usesLocalAuthorityReference: z.boolean(),
    periodFrom: z.string(),
    periodTo: z.string(),
    totalMinor: z.number().int(),
    runId: z.uuid().nullable(),
    creditForId: z.uuid().nullable(),
    creditNoteId: z.uuid().nullable(),
    issuedAt: z.string().nullable(),
    paidAt: z.string().nullable(),
    voidedAt: z.string().nullable(),
    voidReason: z.string().nullable(),
    createdAt: z.string(),
    clientName: z.string().meta({ description: 'The client the services were for (finance sees it always)' }),
    billTo: z.string().meta({
      description:
        'Who the invoice is for: the local authority named on the contract type, else the recipient',
    }),
    payerName: z.string().nullable(),
    clientContractId: z.uuid().nullable(),
    subtotalMinor: z.number().int().meta({ description: 'Before tax' }),
    taxMinor: z.number().int().meta({ description: 'GST or VAT' }),
    currency: z.enum(['AUD', 'GBP']).nullable().meta({ description: 'Fixed when issued; null on drafts' }),
    issueDate: localDateOut.nullable().meta({ description: "Local date in the organisation's zone" }),
    dueDate: localDateOut.nullable().meta({ description: 'Issue date plus the payment terms' }),
    paymentTermsDays: z.number().int().nullable(),
    overdue: z.boolean().meta({ description: 'Issued, unpaid and past its due date today' }),
    daysOverdue: z.number().int(),
    creditForNumber: z.number().int().nullable().meta({ description: 'The invoice a credit note credits' }),
  })
  .meta({ id: 'Invoice' });
export type InvoiceView = z.infer<typeof invoiceSchema>;

export const invoiceLineSchema = z.object({
  position: z.number().int(),
  bookingId: z.uuid().nullable(),
  visitDate: z.string().nullable(),
  kind: z.enum(['time', 'nonProRata', 'callOut', 'mileage', 'stay']),
  minutes: z.number().int().nullable(),
  rateMinor: z.number().int().nullable(),
  amountMinor: z.number().int(),
  explanation: z.string(),
  taxCode: z.enum(['taxable', 'free', 'none']).meta({
    description:
      'taxable: GST 10% (VAT 20%); free: GST-free or VAT-exempt (taxReason says why); none: not registered',
  }),
  taxReason: z.string().nullable(),
  taxMinor: z.number().int(),
  serviceName: z.string().nullable().meta({ description: 'The visit as named when invoiced' }),
  source: z.unknown().meta({
    description:
      'Why this price, structured as the lines of BookingPrice (rule, option, option set); may be null',
  }),
});
export type InvoiceLineView = z.infer<typeof invoiceLineSchema>;

export const invoiceDetailSchema = invoiceSchema
  .extend({ lines: z.array(invoiceLineSchema) })
  .meta({ id: 'InvoiceWithLines' });
export type InvoiceDetailView = z.infer<typeof invoiceDetailSchema>;

export const voidInput = z
  .object({
    reason: z.string().trim().min(1).max(500).optional().meta({ description: 'Why the invoice is voided' }),
  })
  .default({});

export const invoiceListQuery = listQuery.extend({
  status: status.optional(),
  outstanding: z
    .enum(['true', 'false'])
    .optional()
    .transform((v) => v === 'true')
    .meta({ description: 'true: only issued, unpaid invoices' }),
  sort: z
    .enum(['newest', 'number', 'issueDate', 'dueDate', 'total', 'billTo'])
    .default('newest')
    .meta({ description: 'newest: by creation, newest first (ignores order)' }),
  order: z.enum(['asc', 'desc']).default('asc'),
  clientId: z.uuid().optional(),
  runId: z.uuid().optional(),
  periodFrom: localDate
    .optional()
    .meta({ description: 'Only invoices whose period ends on or after this date' }),
  periodTo: localDate
    .optional()
    .meta({ description: 'Only invoices whose period starts on or before this date' }),
});

export const receivablesQuery = z.object({
  asOf: localDate
    .optional()
    .meta({ description: "The day to age against; today in the organisation's zone" }),
});

export const receivablesSchema = z
  .object({
    asOf: z.string(),
    outstandingMinor: z
      .number()
      .int()
      .meta({ description: 'Issued, unpaid invoices (credit notes excluded)' }),
    outstandingCount: z.number().int(),
    overdueMinor: z.number().int(),
    overdueCount: z.number().int(),
    draftMinor: z.number().int(),
    paidMinor: z.number().int(),
    aging: z.array(
      z.object({
        bucket: z.enum(['current', '1-30', '31-60', '61-90', '90+']).meta({ description: 'Days overdue' }),
        totalMinor: z.number().int(),
        count: z.number().int(),
      }),
    ),
  })
  .meta({ id: 'Receivables' });

export const exportQuery = z
  .object({
    from: localDate.meta({ description: 'Issued on or after this local date' }),
    to: localDate.meta({ description: 'Issued on or before this local date' }),
    accountCode: z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9-]{1,10}$/, 'must be an account code such as 200')
      .default('200')
      .meta({ description: 'The revenue account in Xero (default 200, Sales)' }),
  })
  .superRefine((r, ctx) => {
    if (r.to < r.from) ctx.addIssue({ code: 'custom', path: ['to'], message: 'must not be before from' });
  });
