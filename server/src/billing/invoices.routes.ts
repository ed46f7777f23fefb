import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf, inTenant } from '../platform/http/access.js';
import { commonErrors, idParams, pageOf, problemSchema } from '../platform/http/schemas.js';
import { decodeCursor, toPage } from '../shared/cursor.js';
import {
  invoiceDetail,
  invoiceForDownload,
  issueInvoice,
  payInvoice,
  voidInvoice,
} from './invoice.action.js';
import {
  invoiceDetailSchema,
  invoiceListQuery,
  invoiceRunInput,
  invoiceRunQuery,
  invoiceRunSchema,
  invoiceSchema,
  voidInput,
} from './invoice.schemas.js';
import { listInvoices } from './invoice.store.js';
import { invoiceCsv, invoicePdf, invoiceTitle } from './invoice-document.js';
import { awaitInvoiceRun, invoiceRun, queueInvoiceRun } from './invoice-run.action.js';
import { toInvoiceView } from './invoice-view.js';

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
        summary: 'Invoices and credit notes, newest first',
        querystring: invoiceListQuery,
        response: { 200: pageOf(invoiceSchema), ...errors },
      },
    },
    (request) =>
      inTenant(request, async (tx, actor) => {
        const { limit, cursor, ...filters } = request.query;
        const after = decodeCursor(cursor, ['instant', 'uuid']) as [string, string] | undefined;
        const rows = await listInvoices(tx, actor.organisationId, { ...filters, limit, after });
        return toPage(rows, limit, toInvoiceView, (r) => [r.createdAt.toString(), r.id]);
      }),
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
    (request) => inTenant(request, (tx, a) => invoiceDetail(tx, a, request.params.id)),
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
      const { invoice } = await inTenant(request, (tx, a) => invoiceForDownload(tx, a, request.params.id));
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
      const { invoice, organisationName } = await inTenant(request, (tx, a) =>
        invoiceForDownload(tx, a, request.params.id),
      );
      return (
        reply
          .type('application/pdf')
          .header('content-disposition', `attachment; filename="${fileName(invoice, 'pdf')}"`)
          // Bytes bypass the JSON serializer; the schema documents them as a binary string.
          .send(Buffer.from(invoicePdf(invoice, organisationName)) as unknown as string)
      );
    },
  );
};
