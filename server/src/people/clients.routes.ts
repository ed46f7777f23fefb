import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { inTenant } from '../platform/http/access.js';
import { commonErrors, idParams, listQuery, pageOf } from '../platform/http/schemas.js';
import { decodeCursor, toPage } from '../shared/cursor.js';
import { notFound } from '../shared/domain-error.js';
import { findClient, listClients, toClientView } from './client.store.js';
import { changeClient, createClient } from './clients.action.js';
import { clientInput, clientPatch, clientSchema } from './people.schemas.js';

const listClientsQuery = listQuery.extend({
  q: z.string().trim().max(100).optional(),
  status: z.enum(['active', 'inactive']).optional(),
});

export const clientRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/clients',
    {
      config: { access: 'clients.read' },
      schema: {
        tags: ['clients'],
        summary: 'Search and list clients by name',
        querystring: listClientsQuery,
        response: { 200: pageOf(clientSchema), ...commonErrors },
      },
    },
    (request) =>
      inTenant(request, async (tx, actor) => {
        const { limit, cursor, q, status } = request.query;
        const after = decodeCursor(cursor, ['text', 'text', 'uuid']) as [string, string, string] | undefined;
        const rows = await listClients(tx, actor.organisationId, { limit, q, status, after });
        return toPage(rows, limit, toClientView, (r) => [r.family_name, r.given_name, r.id]);
      }),
  );
  app.post(
    '/clients',
    {
      config: { access: 'clients.write' },
      schema: {
        summary: 'Create a client',
        tags: ['clients'],
        body: clientInput,
        response: { 201: clientSchema, ...commonErrors },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await inTenant(request, (tx, a) => createClient(tx, a, request.body))),
  );
  app.get(
    '/clients/:id',
    {
      config: { access: 'clients.read' },
      schema: {
        summary: 'One client',
        tags: ['clients'],
        params: idParams,
        response: { 200: clientSchema, ...commonErrors },
      },
    },
    (request) =>
      inTenant(request, async (tx, actor) => {
        const client = await findClient(tx, actor.organisationId, request.params.id);
        if (!client) throw notFound('Client');
        return client;
      }),
  );
  app.patch(
    '/clients/:id',
    {
      config: { access: 'clients.write' },
      schema: {
        summary: "Change a client's details",
        tags: ['clients'],
        params: idParams,
        body: clientPatch,
        response: { 200: clientSchema, ...commonErrors },
      },
    },
    (request) => inTenant(request, (tx, a) => changeClient(tx, a, request.params.id, request.body)),
  );
};
