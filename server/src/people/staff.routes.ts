import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { inTenant } from '../platform/http/access.js';
import { commonErrors, idParams, listQuery, pageOf, problemSchema } from '../platform/http/schemas.js';
import { decodeCursor, encodeCursor } from '../shared/cursor.js';
import { notFound } from '../shared/domain-error.js';
import { staffInput, staffPatch, staffSchema } from './people.schemas.js';
import { changeStaff, createStaff } from './staff.action.js';
import { findStaff, listStaff } from './staff.store.js';

const flag = z.enum(['true', 'false']).transform((v) => v === 'true');
const errors = { ...commonErrors, 409: problemSchema };

export const staffRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/staff',
    {
      // Booking forms and the sessions calendar list staff, so anyone who works with bookings may read it.
      config: {
        access: [
          'staff.manage',
          'bookings.write',
          'bookings.read',
          'services.write',
          'services.deploy_plan',
          'services.configure',
        ],
      },
      schema: {
        summary: 'Staff members, by family name',
        tags: ['staff'],
        querystring: listQuery.extend({
          q: z.string().trim().max(100).optional(),
          deliversServices: flag.optional(),
          active: flag.optional(),
        }),
        response: { 200: pageOf(staffSchema), ...commonErrors },
      },
    },
    (request) =>
      inTenant(request, async (tx, actor) => {
        const { limit, cursor, ...filter } = request.query;
        const after = decodeCursor(cursor, ['text', 'text', 'uuid']) as [string, string, string] | undefined;
        const { views, more } = await listStaff(tx, actor.organisationId, { ...filter, limit, after });
        const last = views.at(-1);
        return {
          items: views,
          nextCursor: more && last ? encodeCursor([last.familyName, last.givenName, last.id]) : null,
        };
      }),
  );
  app.post(
    '/staff',
    {
      config: { access: 'staff.manage' },
      schema: {
        summary: 'Add a staff member (and their sign-in)',
        tags: ['staff'],
        body: staffInput,
        response: { 201: staffSchema, ...errors },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await inTenant(request, (tx, a) => createStaff(tx, a, request.body))),
  );
  app.get(
    '/staff/:id',
    {
      config: { access: 'staff.manage' },
      schema: {
        summary: 'One staff member',
        tags: ['staff'],
        params: idParams,
        response: { 200: staffSchema, ...errors },
      },
    },
    (request) =>
      inTenant(request, async (tx, actor) => {
        const staff = await findStaff(tx, actor.organisationId, request.params.id);
        if (!staff) throw notFound('Staff member');
        return staff;
      }),
  );
  app.patch(
    '/staff/:id',
    {
      config: { access: 'staff.manage' },
      schema: {
        summary: "Change a staff member's details or roles",
        tags: ['staff'],
        params: idParams,
        body: staffPatch,
        response: { 200: staffSchema, ...errors },
      },
    },
    (request) => inTenant(request, (tx, a) => changeStaff(tx, a, request.params.id, request.body)),
  );
};
