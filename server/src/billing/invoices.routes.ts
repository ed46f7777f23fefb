import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf, inTenant } from '../platform/http/access.js';
import { commonErrors, idParams, pageOf, problemSchema } from '../platform/http/schemas.js';
import { pdfFonts } from '../platform/pdf/fonts.js';
import { decodeCursor, toPage } from '../shared/cursor.js';
import { invalid } from '../shared/domain-error.js';
import {
  invoiceDetail,
  invoiceForDownload,
  issueInvoice,
  payInvoice,
  voidInvoice,
} from './invoice.action.js';
import {
  exportQuery,
  invoiceDetailSchema,
  invoiceListQuery,
  invoiceRunInput,
  invoiceRunQuery,
  invoiceRunSchema,
  invoiceSchema,
  receivablesQuery,
  receivablesSchema,
  voidInput,
} from './invoice.schemas.js';
import { invoiceCsv, invoiceListCsv, invoiceTitle, xeroSalesCsv } from './invoice-document.js';
import {
  invoiceListForExport,
  invoicePage,
  invoicesForAccounting,
  receivables,
} from './invoice-export.action.js';
import { renderInvoicePdf } from './invoice-pdf.js';
import { awaitInvoiceRun, invoiceRun, queueInvoiceRun } from './invoice-run.action.js';

const errors = { ...commonErrors, 409: problemSchema };
const tags = ['invoices'];

const fileName = (invoice: Parameters<typeof invoiceTitle>[0], ext: string) =>
  `${invoiceTitle(invoice).toLowerCase().replaceAll(' ', '-')}.${ext}`;

export const invoiceRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/invoice-runs',
    {
      config: { access: 'billing.run' },
      schema: {
        tags,
        summary:
          'Queue a run that invoices every completed, not yet invoiced booking in the period (local date in ' +
          'the client’s zone): one draft per client. Answers 202 at once; follow progress with ' +
          'GET /invoice-runs/{id}. With wait=true, answers 201 when the run has completed',
        querystring: invoiceRunQuery,
        body: invoiceRunInput,
        response: { 201: invoiceRunSchema, 202: invoiceRunSchema, ...errors },
      },
    },
    async (request, reply) => {
      const queued = await inTenant(request, (tx, a) => queueInvoiceRun(tx, a, request.body));
      if (!request.query.wait) {
        app.invoiceRuns?.wake();
        return reply.status(202).header('location', `/api/v1/invoice-runs/${queued.id}`).send(queued);
      }
      const run = await awaitInvoiceRun(app.db, actorOf(request), queued.id);
      return reply.status(run.status === 'completed' ? 201 : 202).send(run);
    },
  );
  app.get(
    '/invoice-runs/:id',
    {
      config: { access: 'billing.run' },
      schema: {
        summary: 'One invoice run and its progress',
        tags,
        params: idParams,
        response: { 200: invoiceRunSchema, ...errors },
      },
    },
    (request) => inTenant(request, (tx, a) => invoiceRun(tx, a, request.params.id)),
  );
  app.get(
    '/invoices',
    {
      config: { access: 'billing.run' },
      schema: {
        tags,
        summary: 'Invoices and credit notes, newest first or sorted by a column, with overdue flags',
        querystring: invoiceListQuery,
        response: { 200: pageOf(invoiceSchema), ...errors },
      },
    },
    (request) =>
      inTenant(request, async (tx, actor) => {
        const { limit, cursor, ...filters } = request.query;
        if (filters.sort === 'newest') {
          const after = decodeCursor(cursor, ['instant', 'uuid']) as [string, string] | undefined;
          const { rows } = await invoicePage(tx, actor, app.clock(), { ...filters, limit, after });
          return toPage(
            rows,
            limit,
            (r) => r,
            (r) => [r.createdAt, r.id],
          );
        }
        // Sorted by a column: the cursor is the offset of the next page.
        const offset = Number(decodeCursor(cursor, ['text'])?.[0] ?? 0);
        if (!Number.isSafeInteger(offset) || offset < 0)
          throw invalid('cursor', 'is not a page of this list');
        const { rows } = await invoicePage(tx, actor, app.clock(), { ...filters, limit, offset });
        return toPage(
          rows,
          limit,
          (r) => r,
          () => [String(offset + limit)],
        );
      }),
  );
  app.get(
    '/invoices.csv',
    {
      config: { access: 'billing.run' },
      schema: {
        tags,
        summary: 'The invoice list as CSV (the same filters and sort; at most 5,000 rows)',
        querystring: invoiceListQuery.omit({ limit: true, cursor: true }),
        produces: ['text/csv'],
        response: { 200: z.string(), ...errors },
      },
    },
    async (request, reply) => {
      const rows = await inTenant(request, (tx, a) =>
        invoiceListForExport(tx, a, app.clock(), request.query),
      );
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', 'attachment; filename="invoices.csv"')
        .send(invoiceListCsv(rows));
    },
  );
  app.get(
    '/receivables',
    {
      config: { access: 'billing.run' },
      schema: {
        tags,
        summary:
          'What is owed: issued, unpaid invoices (credit notes settle their own voided invoice and are not ' +
          'subtracted), overdue, and aged by days past the due date (current, 1–30, 31–60, 61–90, 90+)',
        querystring: receivablesQuery,
        response: { 200: receivablesSchema, ...errors },
      },
    },
    (request) => inTenant(request, (tx, a) => receivables(tx, a, app.clock(), request.query.asOf)),
  );
  app.get(
    '/exports/xero-sales-invoices.csv',
    {
      config: { access: 'billing.run' },
      schema: {
        tags,
        summary:
          'Issued invoices and credit notes (issue date in [from, to]) in the CSV layout Xero imports for ' +
          'sales invoices; amounts are tax exclusive, credit notes negative',
        querystring: exportQuery,
        produces: ['text/csv'],
        response: { 200: z.string(), ...errors },
      },
    },
    async (request, reply) => {
      const { from, to, accountCode } = request.query;
      const invoices = await inTenant(request, (tx, a) => invoicesForAccounting(tx, a, from, to));
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="xero-sales-${from}-to-${to}.csv"`)
        .send(xeroSalesCsv(invoices, accountCode));
    },
  );
  app.get(
    '/invoices/:id',
    {
      config: { access: 'billing.run' },
      schema: {
        tags,
        summary: 'One invoice with its lines',
        params: idParams,
        response: { 200: invoiceDetailSchema, ...errors },
      },
    },
    (request) => inTenant(request, (tx, a) => invoiceDetail(tx, a, request.params.id, app.clock())),
  );
  for (const [path, run, summary] of [
    ['issue', issueInvoice, 'Issue a draft: it takes the next number and can no longer change'],
    ['pay', payInvoice, 'Mark an issued invoice paid'],
  ] as const) {
    app.post(
      `/invoices/:id/${path}`,
      {
        config: { access: 'billing.run' },
        schema: { tags, summary, params: idParams, response: { 200: invoiceSchema, ...errors } },
      },
      (request) => inTenant(request, (tx, a) => run(tx, a, request.params.id, app.clock())),
    );
  }
  app.post(
    '/invoices/:id/void',
    {
      config: { access: 'billing.run' },
      schema: {
        tags,
        summary: 'Void a draft, or an issued invoice by issuing a credit note; frees its bookings',
        params: idParams,
        body: voidInput,
        response: { 200: invoiceSchema, ...errors },
      },
    },
    (request) =>
      inTenant(request, (tx, a) =>
        voidInvoice(tx, a, request.params.id, app.clock(), request.body.reason ?? null),
      ),
  );
  app.get(
    '/invoices/:id/lines.csv',
    {
      config: { access: 'billing.run' },
      schema: {
        tags,
        summary: 'The lines as CSV (RFC 4180)',
        params: idParams,
        produces: ['text/csv'],
        response: { 200: z.string(), ...errors },
      },
    },
    async (request, reply) => {
      const invoice = await inTenant(request, (tx, a) => invoiceDetail(tx, a, request.params.id));
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${fileName(invoice, 'csv')}"`)
        .send(invoiceCsv(invoice));
    },
  );
  app.get(
    '/invoices/:id.pdf',
    {
      config: { access: 'billing.run' },
      schema: {
        tags,
        summary: 'The invoice as a PDF',
        params: idParams,
        produces: ['application/pdf'],
        response: { 200: z.string().meta({ format: 'binary' }), ...errors },
      },
    },
    async (request, reply) => {
      const input = await inTenant(request, (tx, a) =>
        invoiceForDownload(tx, a, request.params.id, app.clock()),
      );
      const bytes = await renderInvoicePdf(input, pdfFonts());
      return (
        reply
          .type('application/pdf')
          .header('content-disposition', `attachment; filename="${fileName(input.invoice, 'pdf')}"`)
          // Bytes bypass the JSON serializer; the schema documents them as a binary string.
          .send(Buffer.from(bytes) as unknown as string)
      );
    },
  );
};
