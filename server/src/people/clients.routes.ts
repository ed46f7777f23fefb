import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { inTenant } from '../platform/http/access.js';
import { commonErrors, idParams, listQuery, pageOf, problemSchema } from '../platform/http/schemas.js';
import { decodeCursor, toPage } from '../shared/cursor.js';
import { notFound } from '../shared/domain-error.js';
import { findClient, listClients, toClientView } from './client.store.js';
import { changeClient, createClient, findLikelyDuplicates } from './clients.action.js';
import {
  clientInput,
  clientPatch,
  clientSchema,
  likelyDuplicatesQuery,
  likelyDuplicatesSchema,
} from './people.schemas.js';

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
        summary: 'Search and list clients',
        description:
          'q matches every word against given, family and preferred names ("Harris Grace"), or digits against part of the NDIS number or phone number.',
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
  app.get(
    '/clients/likely-duplicates',
    {
      config: { access: 'clients.read' },
      schema: {
        tags: ['clients'],
        summary: 'Clients a new or edited profile may duplicate',
        description:
          'The client who already has the NDIS number (saving would be refused with 409), and clients with the same name and date of birth (saving is allowed). The client form asks this while someone types.',
        querystring: likelyDuplicatesQuery,
        response: { 200: likelyDuplicatesSchema, ...commonErrors },
      },
    },
    (request) => inTenant(request, (tx, actor) => findLikelyDuplicates(tx, actor, request.query)),
  );
  app.post(
    '/clients',
    {
      config: { access: 'clients.write' },
      schema: {
        summary: 'Create a client',
        tags: ['clients'],
        body: clientInput,
        response: { 201: clientSchema, 409: problemSchema, ...commonErrors },
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
        response: { 200: clientSchema, 409: problemSchema, ...commonErrors },
      },
    },
    (request) => inTenant(request, (tx, a) => changeClient(tx, a, request.params.id, request.body)),
  );
};
