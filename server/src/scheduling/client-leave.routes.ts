import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { inTenant } from '../platform/http/access.js';
import { commonErrors, idParams, problemSchema } from '../platform/http/schemas.js';
import { changeLeave, createLeave, listClientLeave, removeLeave } from './client-leave.action.js';
import { leaveInput, leaveReportSchema, leaveSchema } from './client-leave.schemas.js';

const errors = { ...commonErrors, 409: problemSchema };
// Documented beside series in the API reference, as before the move to availability/.
const tags = ['scheduling'];

export const clientLeaveRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/clients/:id/leave',
    {
      config: { access: 'clients.read' },
      schema: {
        summary: "A client's leave (periods without visits)",
        tags,
        params: idParams,
        response: { 200: z.object({ items: z.array(leaveSchema) }), ...errors },
      },
    },
    (request) =>
      inTenant(request, async (tx, a) => ({ items: await listClientLeave(tx, a, request.params.id) })),
  );
  app.post(
    '/clients/:id/leave',
    {
      config: { access: 'bookings.write' },
      schema: {
        tags,
        summary: 'Put the client on leave: their bookings in the period are suspended',
        params: idParams,
        body: leaveInput,
        response: { 201: leaveReportSchema, ...errors },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          await inTenant(request, (tx, a) =>
            createLeave(tx, a, request.params.id, request.body, app.clock()),
          ),
        ),
  );
  app.put(
    '/leave/:id',
    {
      config: { access: 'bookings.write' },
      schema: {
        tags,
        summary: 'Change the leave; shortening restores bookings that are free',
        params: idParams,
        body: leaveInput,
        response: { 200: leaveReportSchema, ...errors },
      },
    },
    (request) =>
      inTenant(request, (tx, a) => changeLeave(tx, a, request.params.id, request.body, app.clock())),
  );
  app.delete(
    '/leave/:id',
    {
      config: { access: 'bookings.write' },
      schema: {
        summary: 'Remove a period of client leave',
        tags,
        params: idParams,
        response: { 200: leaveReportSchema, ...errors },
      },
    },
    (request) => inTenant(request, (tx, a) => removeLeave(tx, a, request.params.id, app.clock())),
  );
};
