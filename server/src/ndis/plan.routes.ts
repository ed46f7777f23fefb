import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { inTenant } from '../platform/http/access.js';
import { commonErrors, idParams, problemSchema } from '../platform/http/schemas.js';
import { fundingCheckInput, fundingCheckSchema, fundingSchema, planInput } from './plan.schemas.js';
import { checkFunding, clientFunding, createPlan } from './plan-funding.action.js';

const errors = { ...commonErrors, 409: problemSchema };
const tags = ['ndis'];

/** A client's NDIS plans, their funding periods and the funding check at booking time. */
export const ndisPlanRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/ndis/clients/:id/funding',
    {
      config: { access: ['clients.read', 'bookings.read'] },
      schema: {
        tags,
        summary:
          "A client's NDIS plans: each funding period's allocation, committed, delivered, claimed, remaining and projection",
        params: idParams,
        response: { 200: fundingSchema, ...errors },
      },
    },
    (request) => inTenant(request, (tx, a) => clientFunding(tx, a, request.params.id)),
  );
  app.post(
    '/ndis/clients/:id/plans',
    {
      config: { access: 'contracts.manage' },
      schema: {
        tags,
        summary: "Record a client's NDIS plan with its budgets; funding periods and allocations follow",
        params: idParams,
        body: planInput,
        response: { 201: fundingSchema, ...errors },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await inTenant(request, (tx, a) => createPlan(tx, a, request.params.id, request.body))),
  );
  app.post(
    '/ndis/clients/:id/funding-check',
    {
      config: { access: 'bookings.write' },
      schema: {
        tags,
        summary:
          'Would these occurrences take a funding period over its allocation? Each overrun names the period, the budget and the shortfall',
        params: idParams,
        body: fundingCheckInput,
        response: { 200: fundingCheckSchema, ...errors },
      },
    },
    (request) => inTenant(request, (tx, a) => checkFunding(tx, a, request.params.id, request.body)),
  );
};
