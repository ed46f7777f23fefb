import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { Temporal } from 'temporal-polyfill';
import { inTenant } from '../platform/http/access.js';
import { commonErrors, idParams, listQuery, pageOf, problemSchema } from '../platform/http/schemas.js';
import { decodeCursor, toPage } from '../shared/cursor.js';
import { bookingInput, bookingSchema } from './booking.schemas.js';
import { listServiceOrders } from './read-bookings.action.js';
import { createAdhocBooking } from './save-booking.action.js';

export const serviceOrderRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/clients/:id/service-orders',
    {
      config: { access: 'bookings.read' },
      schema: {
        tags: ['service orders'],
        summary: "The client's ad-hoc bookings, newest booking date first",
        params: idParams,
        querystring: listQuery,
        response: { 200: pageOf(bookingSchema), ...commonErrors },
      },
    },
    (request) =>
      inTenant(request, async (tx, actor) => {
        const { limit, cursor } = request.query;
        const after = decodeCursor(cursor, ['instant', 'uuid']) as [string, string] | undefined;
        const rows = await listServiceOrders(tx, actor, request.params.id, { limit, after });
        return toPage(
          rows,
          limit,
          (v) => v,
          (v) => [Temporal.Instant.from(v.startsAt).toString(), v.id],
        );
      }),
  );
  app.post(
    '/clients/:id/service-orders',
    {
      config: { access: 'bookings.write' },
      schema: {
        tags: ['service orders'],
        summary: "Create an ad-hoc booking; date and time are in the client's time zone",
        params: idParams,
        body: bookingInput,
        response: { 201: bookingSchema, ...commonErrors, 409: problemSchema },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          await inTenant(request, (tx, a) =>
            createAdhocBooking(tx, a, request.params.id, request.body, app.clock()),
          ),
        ),
  );
};
