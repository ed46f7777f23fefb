import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { Temporal } from 'temporal-polyfill';
import { z } from 'zod';
import { inTenant } from '../platform/http/access.js';
import { commonErrors, idParams, listQuery, pageOf, problemSchema } from '../platform/http/schemas.js';
import { decodeCursor, toPage } from '../shared/cursor.js';
import { addParticipant } from './add-participant.action.js';
import {
  bookingChangePreviewSchema,
  bookingPatch,
  bookingSchema,
  cancelInput,
  completeVisitInput,
  participantInput,
} from './booking.schemas.js';
import { cancelBooking, removeBooking } from './cancel-booking.action.js';
import { completeVisit } from './complete-visit.action.js';
import { previewBookingChange } from './preview-booking-change.action.js';
import { listMyAppointments, visibleBooking } from './read-bookings.action.js';
import { changeBooking } from './save-booking.action.js';

const errors = { ...commonErrors, 409: problemSchema };

export const bookingRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/bookings/:id',
    {
      config: { access: ['bookings.read', 'appointments.own'] },
      schema: {
        summary: 'One booking',
        tags: ['bookings'],
        params: idParams,
        response: { 200: bookingSchema, ...errors },
      },
    },
    (request) => inTenant(request, (tx, actor) => visibleBooking(tx, actor, request.params.id)),
  );
  app.patch(
    '/bookings/:id',
    {
      config: { access: 'bookings.write' },
      schema: {
        summary: 'Change a booking (time, assignee, notes, status); soft conflicts need overrideReason',
        tags: ['bookings'],
        params: idParams,
        body: bookingPatch,
        response: { 200: bookingSchema, ...errors },
      },
    },
    (request) =>
      inTenant(request, (tx, a) => changeBooking(tx, a, request.params.id, request.body, app.clock())),
  );
  app.post(
    '/bookings/:id/preview-change',
    {
      config: { access: 'bookings.write' },
      schema: {
        tags: ['bookings'],
        summary:
          'What PATCH /bookings/:id would do, without doing it: the booking as it would be, the soft conflicts ' +
          'that would need a reason, and the staff overlap that would refuse it',
        params: idParams,
        body: bookingPatch,
        response: { 200: bookingChangePreviewSchema, ...errors },
      },
    },
    (request) =>
      inTenant(request, (tx, a) => previewBookingChange(tx, a, request.params.id, request.body), {
        dryRun: true,
      }),
  );
  app.post(
    '/bookings/:id/complete',
    {
      config: { access: ['bookings.write', 'appointments.own'] },
      schema: {
        tags: ['bookings'],
        summary:
          'Complete a visit with what happened (actual start and end, default planned; mileage; a note), or ' +
          'correct a completed one; refused with 409 before the visit starts and once it is on an invoice',
        params: idParams,
        body: completeVisitInput,
        response: { 200: bookingSchema, ...errors },
      },
    },
    (request) =>
      inTenant(request, (tx, actor) =>
        completeVisit(tx, actor, request.params.id, request.body, app.clock()),
      ),
  );
  app.post(
    '/bookings/:id/cancel',
    {
      config: { access: 'bookings.write' },
      schema: {
        tags: ['bookings'],
        summary: 'Cancel with a reason',
        params: idParams,
        body: cancelInput,
        response: { 200: bookingSchema, ...errors },
      },
    },
    (request) =>
      inTenant(request, (tx, a) =>
        cancelBooking(tx, a, request.params.id, request.body.reason, request.body.notifyClient),
      ),
  );
  app.post(
    '/bookings/:id/participants',
    {
      config: { access: 'bookings.write' },
      schema: {
        tags: ['bookings'],
        summary:
          'Add a client, staff member, external provider or resource to a booking; a full group session, or ' +
          'a staff member or resource already booked then, is refused with 409',
        params: idParams,
        body: participantInput,
        response: { 201: bookingSchema, ...errors },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await inTenant(request, (tx, a) => addParticipant(tx, a, request.params.id, request.body))),
  );
  app.delete(
    '/bookings/:id',
    {
      config: { access: 'bookings.delete' },
      schema: {
        summary: 'Delete a booking',
        tags: ['bookings'],
        params: idParams,
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      await inTenant(request, (tx, a) => removeBooking(tx, a, request.params.id));
      return reply.status(204).send(null);
    },
  );
  app.get(
    '/me/appointments',
    {
      config: { access: 'appointments.own' },
      schema: {
        tags: ['bookings'],
        summary: "The signed-in staff member's current and upcoming appointments, soonest first",
        querystring: listQuery,
        response: { 200: pageOf(bookingSchema), ...errors },
      },
    },
    (request) =>
      inTenant(request, async (tx, actor) => {
        const { limit, cursor } = request.query;
        const after = decodeCursor(cursor, ['instant', 'uuid']) as [string, string] | undefined;
        const from = app.clock().subtract({ hours: 12 });
        const rows = await listMyAppointments(tx, actor, from, { limit, after });
        return toPage(
          rows,
          limit,
          (v) => v,
          (v) => [Temporal.Instant.from(v.startsAt).toString(), v.id],
        );
      }),
  );
};
