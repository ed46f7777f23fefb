import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { inTenant } from '../platform/http/access.js';
import { commonErrors } from '../platform/http/schemas.js';
import { listProviders } from './external-provider.store.js';
import { createProvider } from './external-providers.action.js';
import { providerInput, providerSchema } from './people.schemas.js';

export const externalProviderRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/external-providers',
    {
      config: { access: ['bookings.read', 'bookings.write', 'staff.manage'] },
      schema: {
        summary: 'The external providers bookings can be assigned to',
        tags: ['external providers'],
        response: { 200: z.object({ items: z.array(providerSchema) }), ...commonErrors },
      },
    },
    (request) =>
      inTenant(request, async (tx, actor) => ({ items: await listProviders(tx, actor.organisationId) })),
  );
  app.post(
    '/external-providers',
    {
      config: { access: ['bookings.write', 'staff.manage'] },
      schema: {
        summary: 'Add an external provider',
        tags: ['external providers'],
        body: providerInput,
        response: { 201: providerSchema, ...commonErrors },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await inTenant(request, (tx, actor) => createProvider(tx, actor, request.body))),
  );
};
