import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { inTenant } from '../platform/http/access.js';
import { commonErrors, idParams, problemSchema } from '../platform/http/schemas.js';
import { carerPay } from './carer-pay.action.js';
import { carerPayQuery, carerPaySchema } from './carer-pay.schemas.js';
import { carerPayCsv } from './carer-pay-document.js';

const errors = { ...commonErrors, 409: problemSchema };
const tags = ['billing'];
const access = ['billing.run', 'contracts.manage'] as const;

export const carerPayRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/staff/:id/pay',
    {
      config: { access },
      schema: {
        tags,
        summary:
          "Pay lines for a staff member's completed visits in a period, rated under their carer contract, " +
          'each line explained',
        params: idParams,
        querystring: carerPayQuery,
        response: { 200: carerPaySchema, ...errors },
      },
    },
    (request) => inTenant(request, (tx, a) => carerPay(tx, a, request.params.id, request.query)),
  );
  app.get(
    '/staff/:id/pay.csv',
    {
      config: { access },
      schema: {
        tags,
        summary: 'The same pay lines as CSV (RFC 4180)',
        params: idParams,
        querystring: carerPayQuery,
        produces: ['text/csv'],
        response: { 200: z.string(), ...errors },
      },
    },
    async (request, reply) => {
      const report = await inTenant(request, (tx, a) => carerPay(tx, a, request.params.id, request.query));
      const file = `pay-${report.staff.name.replace(/[^A-Za-z0-9]+/g, '-')}-${report.from}-${report.to}.csv`;
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${file}"`)
        .send(carerPayCsv(report));
    },
  );
};
