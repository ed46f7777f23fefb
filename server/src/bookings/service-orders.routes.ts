import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { findClientZone } from '../people/client.store.js';
import { inTenant } from '../platform/http/access.js';
import { commonErrors, idParams, listQuery, pageOf, problemSchema } from '../platform/http/schemas.js';
import { decodeCursor, toPage } from '../shared/cursor.js';
import { notFound } from '../shared/domain-error.js';
import { bookingInput, bookingSchema } from './booking.schemas.js';
import { listClientBookings } from './booking.store.js';
import { toBookingView } from './booking-view.js';
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
        if (!(await findClientZone(tx, actor.organisationId, request.params.id))) throw notFound('Client');
        const after = decodeCursor(cursor, ['instant', 'uuid']) as [string, string] | undefined;
        const rows = await listClientBookings(tx, actor.organisationId, request.params.id, { limit, after });
        return toPage(rows, limit, toBookingView, (r) => [r.startsAt.toString(), r.id]);
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
        .send(await inTenant(request, (tx, a) => createAdhocBooking(tx, a, request.params.id, request.body))),
  );
};
