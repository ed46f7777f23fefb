import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { inTenant } from '../platform/http/access.js';
import { commonErrors, idParams } from '../platform/http/schemas.js';
import {
  attentionLineSchema,
  claimLineSchema,
  claimPreviewSchema,
  claimSettingsSchema,
  deliveredAsInput,
  deliveredAsResult,
  exportResultSchema,
  fileListSchema,
  periodInput,
  resultsInput,
  resultsOutcomeSchema,
} from './bulk-payment.schemas.js';
import { claimFileCsv, claimFiles, claimPreview, exportClaims } from './bulk-payment-export.action.js';
import { claimsNeedingAttention, fileLines, importResults } from './bulk-payment-results.action.js';
import { claimSettings, updateClaimSettings } from './claim-settings.action.js';
import { recordDeliveredAs } from './record-claim-type.action.js';

const tags = ['NDIS bulk payments'];

export const ndisBulkPaymentRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/ndis/claim-settings',
    {
      config: { access: 'billing.run' },
      schema: {
        summary: 'NDIS claiming settings',
        tags,
        response: { 200: claimSettingsSchema, ...commonErrors },
      },
    },
    (request) => inTenant(request, claimSettings),
  );
  app.put(
    '/ndis/claim-settings',
    {
      config: { access: 'billing.run' },
      schema: {
        summary: 'Save the registration number, ABN, price-limit mode, GST code and claim items',
        tags,
        body: claimSettingsSchema,
        response: { 200: claimSettingsSchema, ...commonErrors },
      },
    },
    (request) => inTenant(request, (tx, a) => updateClaimSettings(tx, a, request.body)),
  );
  app.post(
    '/ndis/bulk-payments/preview',
    {
      config: { access: 'billing.run' },
      schema: {
        summary:
          "The period's claim lines and the delivered records that cannot be claimed, with why (no writes)",
        tags,
        body: periodInput,
        response: { 200: claimPreviewSchema, ...commonErrors },
      },
    },
    (request) => inTenant(request, (tx, a) => claimPreview(tx, a, request.body.from, request.body.to)),
  );
  app.post(
    '/ndis/bulk-payments',
    {
      config: { access: 'billing.run' },
      schema: {
        summary:
          'Export the period as bulk payment request files (≤ 5,000 rows each); their lines are locked',
        tags,
        body: periodInput,
        response: { 201: exportResultSchema, ...commonErrors },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          await inTenant(request, (tx, a) =>
            exportClaims(tx, a, request.body.from, request.body.to, app.clock()),
          ),
        ),
  );
  app.put(
    '/ndis/claims/records/:id/delivered-as',
    {
      config: { access: 'billing.run' },
      schema: {
        summary:
          'Record how a delivered service was provided (face-to-face, non-face-to-face or an NDIA-requested report), which decides its claim type; refused once it is exported',
        tags,
        params: idParams,
        body: deliveredAsInput,
        response: { 200: deliveredAsResult, ...commonErrors },
      },
    },
    (request) =>
      inTenant(request, (tx, a) => recordDeliveredAs(tx, a, request.params.id, request.body.deliveredAs)),
  );
  app.get(
    '/ndis/bulk-payments',
    {
      config: { access: 'billing.run' },
      schema: {
        summary: 'Exported bulk payment files',
        tags,
        response: { 200: fileListSchema, ...commonErrors },
      },
    },
    (request) =>
      inTenant(request, async (tx, a) => ({
        items: (await claimFiles(tx, a)).map((f) => ({
          ...f,
          claimedMinor: f.claimedMinor ?? 0,
          rejected: f.rejected ?? 0,
          createdAt: f.createdAt.toString(),
          resultsImportedAt: f.resultsImportedAt?.toString() ?? null,
        })),
      })),
  );
  app.get(
    '/ndis/bulk-payments/:id/lines',
    {
      config: { access: 'billing.run' },
      schema: {
        summary: "A file's claim lines with their results",
        tags,
        params: idParams,
        response: { 200: z.object({ items: z.array(claimLineSchema) }), ...commonErrors },
      },
    },
    (request) => inTenant(request, async (tx, a) => ({ items: await fileLines(tx, a, request.params.id) })),
  );
  app.get(
    '/ndis/bulk-payments/:id/file.csv',
    {
      config: { access: 'billing.run' },
      schema: {
        summary: 'The bulk payment request CSV to upload to the myplace provider portal',
        tags,
        params: idParams,
        produces: ['text/csv'],
        response: { 200: z.string(), ...commonErrors },
      },
    },
    async (request, reply) => {
      const { name, csv } = await inTenant(request, (tx, a) => claimFileCsv(tx, a, request.params.id));
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${name}"`)
        .send(csv);
    },
  );
  app.post(
    '/ndis/bulk-payments/results',
    {
      config: { access: 'billing.run' },
      bodyLimit: 25_000_000,
      schema: {
        summary:
          "Import the portal's results file: lines paid (with the amount) or rejected (with the message)",
        tags,
        body: resultsInput,
        response: { 200: resultsOutcomeSchema, ...commonErrors },
      },
    },
    (request) => inTenant(request, (tx, a) => importResults(tx, a, request.body.csv, app.clock())),
  );
  app.get(
    '/ndis/claims/attention',
    {
      config: { access: 'billing.run' },
      schema: {
        summary: 'Claim lines needing attention: rejected, paid less than claimed, or claimed with a warning',
        tags,
        response: { 200: z.object({ items: z.array(attentionLineSchema) }), ...commonErrors },
      },
    },
    (request) => inTenant(request, async (tx, a) => ({ items: await claimsNeedingAttention(tx, a) })),
  );
};
