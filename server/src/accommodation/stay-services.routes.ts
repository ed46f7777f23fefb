import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { inTenant } from '../platform/http/access.js';
import { commonErrors, idParams, problemSchema } from '../platform/http/schemas.js';
import {
  serviceOptionsSchema,
  staySchema,
  stayServiceInput,
  staySessionsSchema,
} from './accommodation.schemas.js';
import {
  addStayService,
  removeStayService,
  stayServiceOptions,
  staySessions,
} from './stay-changes.action.js';

const errors = { ...commonErrors, 409: problemSchema };
const tags = ['beds and accommodation'];
const reader = ['bookings.read', 'bookings.write'] as const;
const writer = 'bookings.write' as const;

/** The services on a stay: the contract rates it can use (priced), adding and removing them. */
export const stayServiceRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/stays/:id/service-options',
    {
      config: { access: [...reader] },
      schema: {
        summary: "The contract's nightly and daily rates for this stay, each priced over its nights",
        description:
          'Each night is priced by the option set in force on it; a rate missing from some nights says so in priceProblem.',
        tags,
        params: idParams,
        response: { 200: serviceOptionsSchema, ...errors },
      },
    },
    (request) => inTenant(request, (tx, a) => stayServiceOptions(tx, a, request.params.id)),
  );
  app.get(
    '/stays/:id/sessions',
    {
      config: { access: [...reader] },
      schema: {
        summary: "The client's sessions and visits during the stay (check-in to check-out, site's zone)",
        description:
          'Support delivered during a stay is ordinary sessions, billed as sessions, not on the stay.',
        tags,
        params: idParams,
        response: { 200: staySessionsSchema, ...errors },
      },
    },
    (request) => inTenant(request, (tx, a) => staySessions(tx, a, request.params.id)),
  );
  app.post(
    '/stays/:id/services',
    {
      config: { access: writer },
      schema: {
        summary: 'Add a nightly or daily service to a stay',
        description:
          "Name a contract rate (contractRate) to price each night by the contract's option set in force on it; " +
          'a typed rateMinor overrides that price.',
        tags,
        params: idParams,
        body: stayServiceInput,
        response: { 201: staySchema, ...errors },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await inTenant(request, (tx, a) => addStayService(tx, a, request.params.id, request.body))),
  );
  app.delete(
    '/stays/:id/services/:serviceId',
    {
      config: { access: writer },
      schema: {
        summary: 'Remove a service from a stay',
        tags,
        params: z.object({ id: z.uuid(), serviceId: z.uuid() }),
        response: { 200: staySchema, ...errors },
      },
    },
    (request) =>
      inTenant(request, (tx, a) => removeStayService(tx, a, request.params.id, request.params.serviceId)),
  );
};
