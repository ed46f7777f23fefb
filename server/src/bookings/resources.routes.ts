import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { inTenant } from '../platform/http/access.js';
import { commonErrors, idParams } from '../platform/http/schemas.js';
import { changeResource, createResource } from './resource.action.js';
import { listResources } from './resource.store.js';

const tags = ['resources'];
const kinds = ['site', 'room', 'bed', 'vehicle', 'equipment'] as const;

const resourceSchema = z
  .object({
    id: z.uuid(),
    kind: z.enum(kinds),
    name: z.string(),
    parentId: z.uuid().nullable(),
    active: z.boolean(),
  })
  .meta({
    id: 'Resource',
    description: 'A site, room, bed, vehicle or piece of equipment a booking can hold',
  });

/** Resources bookings and sessions hold: the database refuses one resource booked twice at once. */
export const resourceRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/resources',
    {
      config: { access: 'signed-in' },
      schema: {
        tags,
        summary: 'The resources sessions can book (active ones unless includeInactive), by name',
        querystring: z.object({
          kind: z.enum(kinds).optional(),
          includeInactive: z.enum(['true', 'false']).default('false'),
        }),
        response: { 200: z.object({ items: z.array(resourceSchema) }), ...commonErrors },
      },
    },
    (request) =>
      inTenant(request, async (tx, a) => ({
        items: await listResources(tx, a.organisationId, {
          kind: request.query.kind,
          includeInactive: request.query.includeInactive === 'true',
        }),
      })),
  );
  app.post(
    '/resources',
    {
      config: { access: 'scheduling.configure' },
      schema: {
        tags,
        summary: 'Add a room, vehicle or piece of equipment',
        body: z.object({
          kind: z.enum(['room', 'vehicle', 'equipment']),
          name: z.string().trim().min(1, 'is required').max(200),
          parentId: z.uuid().optional(),
        }),
        response: { 201: resourceSchema, ...commonErrors },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await inTenant(request, (tx, a) => createResource(tx, a, request.body))),
  );
  app.patch(
    '/resources/:id',
    {
      config: { access: 'scheduling.configure' },
      schema: {
        tags,
        summary: 'Rename a resource or take it out of use',
        params: idParams,
        body: z.object({
          name: z.string().trim().min(1, 'is required').max(200).optional(),
          active: z.boolean().optional(),
        }),
        response: { 200: resourceSchema, ...commonErrors },
      },
    },
    (request) => inTenant(request, (tx, a) => changeResource(tx, a, request.params.id, request.body)),
  );
};
