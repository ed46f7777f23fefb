import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { inTenant } from '../platform/http/access.js';
import { commonErrors, idParams, problemSchema } from '../platform/http/schemas.js';
import { cancelAttendance, cancelSession } from './cancel-session.action.js';
import { completeSession, previewCompletion } from './complete-session.action.js';
import { createSession } from './create-session.action.js';
import { listSessions, visibleSession } from './read-sessions.action.js';
import { deleteSession, resetSession } from './reset-session.action.js';
import { removeFromRoster, seriesRoster } from './series-roster.action.js';
import {
  addClientInput,
  addResourceInput,
  addWorkerInput,
  cancelAttendanceInput,
  cancelSessionInput,
  changeWorkerInput,
  completionInput,
  participantParams,
  previewSchema,
  removeFromRosterInput,
  rosterEntrySchema,
  rosterParams,
  servicesInput,
  serviceTypesInput,
  sessionCreatedSchema,
  sessionInput,
  sessionListQuery,
  sessionSchema,
  sessionSummarySchema,
} from './session.schemas.js';
import {
  addClient,
  addResource,
  addWorker,
  changeWorker,
  removeParticipant,
} from './session-participants.action.js';
import { setServices, setServiceTypes } from './session-services.action.js';

const errors = { ...commonErrors, 409: problemSchema };
const tags = ['sessions'];

/**
 * Sessions: individual appointments and group sessions (a session is a booking; its id is the booking's).
 * Every write answers the session as it now is; docs/sessions-api.md lists each endpoint's refusals.
 */
export const sessionRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/sessions',
    {
      config: { access: 'bookings.write' },
      schema: {
        tags,
        summary:
          'Create an individual appointment or a group session with its clients, workers, resources, services ' +
          'and tags, optionally recurring',
        body: sessionInput,
        response: { 201: sessionCreatedSchema, ...errors },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await inTenant(request, (tx, a) => createSession(tx, a, request.body, app.clock()))),
  );
  app.get(
    '/sessions',
    {
      config: { access: ['bookings.read', 'appointments.own'] },
      // Built from typed rows, and large (a week is ~1,500 sessions): serialised without validating it again, as
      // the calendar route does (validation was a large share of the read's CPU). The schema still documents it.
      serializerCompiler: () => (data) => JSON.stringify(data),
      schema: {
        tags,
        summary: 'The sessions calendar: sessions between two local dates, with attendee counts',
        querystring: sessionListQuery,
        response: { 200: z.object({ items: z.array(sessionSummarySchema) }), ...errors },
      },
    },
    (request) => inTenant(request, async (tx, a) => ({ items: await listSessions(tx, a, request.query) })),
  );
  app.get(
    '/sessions/:id',
    {
      config: { access: ['bookings.read', 'appointments.own'] },
      schema: {
        tags,
        summary: 'One session with its clients, workers, resources, services, tags and completion',
        params: idParams,
        response: { 200: sessionSchema, ...errors },
      },
    },
    (request) => inTenant(request, (tx, a) => visibleSession(tx, a, request.params.id)),
  );
  app.post(
    '/sessions/:id/clients',
    {
      config: { access: 'bookings.write' },
      schema: {
        tags,
        summary:
          'Add a client to a session (or to this and the following sessions of its series); a full group is ' +
          'refused with 409',
        params: idParams,
        body: addClientInput,
        response: { 201: sessionSchema, ...errors },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await inTenant(request, (tx, a) => addClient(tx, a, request.params.id, request.body))),
  );
  app.post(
    '/sessions/:id/workers',
    {
      config: { access: 'bookings.write' },
      schema: {
        tags,
        summary: 'Assign a worker to a session; a worker booked elsewhere then is refused with 409',
        params: idParams,
        body: addWorkerInput,
        response: { 201: sessionSchema, ...errors },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await inTenant(request, (tx, a) => addWorker(tx, a, request.params.id, request.body))),
  );
  app.post(
    '/sessions/:id/resources',
    {
      config: { access: 'bookings.write' },
      schema: {
        tags,
        summary:
          'Book a resource (room, vehicle, equipment) for a session; one booked elsewhere then is refused',
        params: idParams,
        body: addResourceInput,
        response: { 201: sessionSchema, ...errors },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await inTenant(request, (tx, a) => addResource(tx, a, request.params.id, request.body))),
  );
  app.put(
    '/sessions/:id/workers/:participantId',
    {
      config: { access: 'bookings.write' },
      schema: {
        tags,
        summary: 'Change a worker: another staff member takes this worker’s place (and lead, if it was)',
        params: participantParams,
        body: changeWorkerInput,
        response: { 200: sessionSchema, ...errors },
      },
    },
    (request) =>
      inTenant(request, (tx, a) =>
        changeWorker(tx, a, request.params.id, request.params.participantId, request.body.staffId),
      ),
  );
  app.delete(
    '/sessions/:id/participants/:participantId',
    {
      config: { access: 'bookings.write' },
      schema: {
        tags,
        summary: 'Take a client, worker or resource off a booked session (a mistake; to cancel, use cancel)',
        params: participantParams,
        response: { 200: sessionSchema, ...errors },
      },
    },
    (request) =>
      inTenant(request, (tx, a) => removeParticipant(tx, a, request.params.id, request.params.participantId)),
  );
  app.put(
    '/sessions/:id/services',
    {
      config: { access: 'bookings.write' },
      schema: {
        tags,
        summary: 'Set the services delivered at a session (from client contracts, or ad hoc)',
        params: idParams,
        body: servicesInput,
        response: { 200: sessionSchema, ...errors },
      },
    },
    (request) => inTenant(request, (tx, a) => setServices(tx, a, request.params.id, request.body.services)),
  );
  app.put(
    '/sessions/:id/service-types',
    {
      config: { access: 'bookings.write' },
      schema: {
        tags,
        summary: 'Set the session type tags of a session',
        params: idParams,
        body: serviceTypesInput,
        response: { 200: sessionSchema, ...errors },
      },
    },
    (request) =>
      inTenant(request, (tx, a) => setServiceTypes(tx, a, request.params.id, request.body.serviceTypeIds)),
  );
  app.post(
    '/sessions/:id/cancel',
    {
      config: { access: 'bookings.write' },
      schema: {
        tags,
        summary:
          'Cancel a whole session (an individual appointment, or a group with no charge to its clients)',
        params: idParams,
        body: cancelSessionInput,
        response: { 200: sessionSchema, ...errors },
      },
    },
    (request) =>
      inTenant(request, (tx, a) => cancelSession(tx, a, request.params.id, request.body.reason, app.clock())),
  );
  app.post(
    '/sessions/:id/clients/:participantId/cancel',
    {
      config: { access: 'bookings.write' },
      schema: {
        tags,
        summary:
          "Cancel one client's attendance: who cancelled, when the provider was told, and why (the session " +
          'goes ahead for the others)',
        params: participantParams,
        body: cancelAttendanceInput,
        response: { 200: sessionSchema, ...errors },
      },
    },
    (request) =>
      inTenant(request, (tx, a) =>
        cancelAttendance(tx, a, request.params.id, request.params.participantId, request.body, app.clock()),
      ),
  );
  app.delete(
    '/sessions/:id',
    {
      config: { access: 'bookings.delete' },
      schema: {
        tags,
        summary:
          'Delete a session made by mistake: never one completed or cancelled (the audit keeps the record)',
        params: idParams,
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      await inTenant(request, (tx, a) => deleteSession(tx, a, request.params.id));
      return reply.status(204).send(null);
    },
  );
  app.post(
    '/sessions/:id/reset',
    {
      config: { access: 'bookings.write' },
      schema: {
        tags,
        summary:
          'Take a completed session back to booked, removing its delivered records; refused with 409 naming the ' +
          'invoice when any is invoiced',
        params: idParams,
        response: { 200: sessionSchema, ...errors },
      },
    },
    (request) => inTenant(request, (tx, a) => resetSession(tx, a, request.params.id)),
  );
  app.post(
    '/sessions/:id/completion-preview',
    {
      config: { access: 'bookings.write' },
      schema: {
        tags,
        summary:
          "What completing would charge: each client's lines (service portion, travel, transport, expenses, " +
          'cancellation) with their explanation; nothing is written',
        params: idParams,
        body: completionInput,
        response: { 200: previewSchema, ...errors },
      },
    },
    (request) =>
      inTenant(request, (tx, a) => previewCompletion(tx, a, request.params.id, request.body), {
        dryRun: true,
      }),
  );
  app.post(
    '/sessions/:id/complete',
    {
      config: { access: 'bookings.write' },
      schema: {
        tags,
        summary:
          'Complete a session: actual times per worker, travel, transport and apportionment; writes one ' +
          'delivered record per client per service, and separate travel, transport and expense records',
        params: idParams,
        body: completionInput,
        response: { 200: sessionSchema, ...errors },
      },
    },
    (request) => inTenant(request, (tx, a) => completeSession(tx, a, request.params.id, request.body)),
  );
  app.get(
    '/scheduled-services/:id/roster',
    {
      config: { access: 'bookings.read' },
      schema: {
        tags,
        summary:
          "A recurring session's roster: who takes part beyond its lead client and worker, from and until when",
        params: idParams,
        response: { 200: z.object({ items: z.array(rosterEntrySchema) }), ...errors },
      },
    },
    (request) =>
      inTenant(request, async (tx, a) => ({ items: await seriesRoster(tx, a, request.params.id) })),
  );
  app.post(
    '/scheduled-services/:id/roster/:entryId/remove',
    {
      config: { access: 'bookings.write' },
      schema: {
        tags,
        summary:
          'Take someone off a recurring session from a date onward: the roster entry ends the day before and ' +
          'they come off the booked sessions from that date (earlier, completed and cancelled ones are kept)',
        params: rosterParams,
        body: removeFromRosterInput,
        response: {
          200: z.object({ items: z.array(rosterEntrySchema), sessionIds: z.array(z.uuid()) }),
          ...errors,
        },
      },
    },
    (request) =>
      inTenant(request, async (tx, a) => {
        const r = await removeFromRoster(
          tx,
          a,
          request.params.id,
          request.params.entryId,
          request.body.fromDate,
        );
        return { items: r.roster, sessionIds: r.sessionIds };
      }),
  );
};
