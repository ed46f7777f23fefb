import { z } from 'zod';
import { listQuery, localDate } from '../platform/http/schemas.js';

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

export const invoiceRunSchema = z
  .object({
    id: z.uuid(),
    status: z.enum(['completed']),
    periodFrom: z.string(),
    periodTo: z.string(),
    clientId: z.uuid().nullable(),
    invoiceCount: z.number().int(),
    bookingCount: z.number().int(),
    invoiceIds: z.array(z.uuid()),
    problems: z.array(problemItem).meta({ description: 'Completed bookings that could not be rated' }),
    createdAt: z.string(),
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
    createdAt: z.string(),
  })
  .meta({ id: 'Invoice' });
export type InvoiceView = z.infer<typeof invoiceSchema>;

export const invoiceLineSchema = z.object({
  position: z.number().int(),
  bookingId: z.uuid().nullable(),
  visitDate: z.string().nullable(),
  kind: z.enum(['time', 'nonProRata', 'callOut', 'mileage']),
  minutes: z.number().int().nullable(),
  rateMinor: z.number().int().nullable(),
  amountMinor: z.number().int(),
  explanation: z.string(),
});
export type InvoiceLineView = z.infer<typeof invoiceLineSchema>;

export const invoiceDetailSchema = invoiceSchema
  .extend({ lines: z.array(invoiceLineSchema) })
  .meta({ id: 'InvoiceWithLines' });
export type InvoiceDetailView = z.infer<typeof invoiceDetailSchema>;

export const invoiceListQuery = listQuery.extend({
  status: status.optional(),
  clientId: z.uuid().optional(),
  runId: z.uuid().optional(),
});
