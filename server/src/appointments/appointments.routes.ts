import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { inTenant } from '../platform/http/access.js';
import { commonErrors, idParams, problemSchema } from '../platform/http/schemas.js';
import { notFound } from '../shared/domain-error.js';
import { notesFileOf } from './appointment.store.js';
import { readAppointmentSettings, saveAppointmentSettings } from './appointment-settings.action.js';
import {
  addendumInput,
  appointmentDetailSchema,
  commenceInput,
  completeInput,
  endInput,
  quickViewSchema,
  settingsSchema,
  todayBoardSchema,
} from './appointments.schemas.js';
import { loadAppointment, readAppointment, readQuickView } from './read-appointments.action.js';
import { readTodayBoard } from './today-board.action.js';
import {
  addAddendum,
  commenceAppointment,
  completeAppointment,
  endAppointment,
  signOffAppointment,
} from './work-appointment.action.js';

const errors = { ...commonErrors, 409: problemSchema };
const tags = ['quick view'];
const own = ['appointments.own'] as const;
const worker = ['appointments.own', 'bookings.write'] as const;

export const appointmentRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/quick-view',
    {
      config: { access: [...own] },
      schema: {
        summary: "The associate's home: appointments not started, in progress and recently completed",
        tags,
        response: { 200: quickViewSchema, ...errors },
      },
    },
    (request) => inTenant(request, (tx, a) => readQuickView(tx, a, app.clock())),
  );
  app.get(
    '/appointments/:id',
    {
      config: { access: [...worker, 'bookings.read'] },
      schema: {
        summary: 'One appointment with its notes, outcome and addenda (in the order written)',
        tags,
        params: idParams,
        response: { 200: appointmentDetailSchema, ...errors },
      },
    },
    (request) => inTenant(request, (tx, a) => readAppointment(tx, a, request.params.id, app.clock())),
  );
  app.get(
    '/appointments/:id/notes-file',
    {
      config: { access: [...worker, 'bookings.read'] },
      schema: {
        summary: 'The uploaded notes file (PDF or Word)',
        tags,
        params: idParams,
        produces: ['application/pdf', 'application/msword', 'application/octet-stream'],
        response: { 200: z.string().meta({ format: 'binary' }), ...errors },
      },
    },
    async (request, reply) => {
      const file = await inTenant(request, async (tx, a) => {
        await loadAppointment(tx, a, request.params.id);
        const found = await notesFileOf(tx, a.organisationId, request.params.id);
        if (!found?.bytes) throw notFound('Notes file');
        return found;
      });
      const name = (file.name ?? 'notes').replace(/[^\w. -]/g, '_');
      return reply
        .type(file.type ?? 'application/octet-stream')
        .header('content-disposition', `attachment; filename="${name}"`)
        .send(file.bytes as unknown as string);
    },
  );
  const step = (path: string, summary: string) => ({ path, summary });
  const commence = step('/appointments/:id/commence', 'Commence: the appointment is under way from now');
  app.post(
    commence.path,
    {
      config: { access: [...worker] },
      schema: {
        summary: commence.summary,
        tags,
        params: idParams,
        body: commenceInput,
        response: { 200: appointmentDetailSchema, ...errors },
      },
    },
    (request) =>
      inTenant(request, async (tx, a) => {
        await commenceAppointment(tx, a, request.params.id, request.body, app.clock());
        return readAppointment(tx, a, request.params.id, app.clock());
      }),
  );
  app.post(
    '/appointments/:id/complete',
    {
      config: { access: [...worker] },
      bodyLimit: 8 * 1024 * 1024,
      schema: {
        summary: 'Complete: the session notes (typed, or a PDF or Word file) and the outcome',
        tags,
        params: idParams,
        body: completeInput,
        response: { 200: appointmentDetailSchema, ...errors },
      },
    },
    (request) =>
      inTenant(request, async (tx, a) => {
        await completeAppointment(tx, a, request.params.id, request.body, app.clock());
        return readAppointment(tx, a, request.params.id, app.clock());
      }),
  );
  app.post(
    '/appointments/:id/sign-off',
    {
      config: { access: [...worker] },
      schema: {
        summary: 'Sign off: the record is frozen; later corrections are addenda',
        tags,
        params: idParams,
        response: { 200: appointmentDetailSchema, ...errors },
      },
    },
    (request) =>
      inTenant(request, async (tx, a) => {
        await signOffAppointment(tx, a, request.params.id, app.clock());
        return readAppointment(tx, a, request.params.id, app.clock());
      }),
  );
  app.post(
    '/appointments/:id/addenda',
    {
      config: { access: [...worker] },
      schema: {
        summary: 'Add an addendum to a signed-off appointment (append-only)',
        tags,
        params: idParams,
        body: addendumInput,
        response: { 201: appointmentDetailSchema, ...errors },
      },
    },
    async (request, reply) =>
      reply.status(201).send(
        await inTenant(request, async (tx, a) => {
          await addAddendum(tx, a, request.params.id, request.body.text, app.clock());
          return readAppointment(tx, a, request.params.id, app.clock());
        }),
      ),
  );
  app.post(
    '/appointments/:id/end',
    {
      config: { access: [...worker] },
      schema: {
        summary:
          "A no-show, or a cancellation with or without charge; a case's rules decide whether it uses a session",
        tags,
        params: idParams,
        body: endInput,
        response: {
          200: appointmentDetailSchema.extend({
            sessionUsed: z
              .boolean()
              .nullable()
              .meta({ description: "Null: the appointment is no case's session" }),
          }),
          ...errors,
        },
      },
    },
    (request) =>
      inTenant(request, async (tx, a) => {
        const { sessionUsed } = await endAppointment(tx, a, request.params.id, request.body, app.clock());
        return { ...(await readAppointment(tx, a, request.params.id, app.clock())), sessionUsed };
      }),
  );
  app.get(
    '/today',
    {
      config: { access: 'bookings.read' },
      schema: {
        summary:
          "The coordinator's Today board: in progress, late to start, unassigned, cancelled, overdue, pending requests",
        tags,
        response: { 200: todayBoardSchema, ...errors },
      },
    },
    (request) => inTenant(request, (tx, a) => readTodayBoard(tx, a, app.clock())),
  );
  app.get(
    '/appointment-settings',
    {
      config: { access: [...worker, 'bookings.read'] },
      schema: { summary: 'Quick View settings', tags, response: { 200: settingsSchema, ...errors } },
    },
    (request) => inTenant(request, (tx, a) => readAppointmentSettings(tx, a)),
  );
  app.put(
    '/appointment-settings',
    {
      config: { access: 'scheduling.configure' },
      schema: {
        summary: 'After how many days an appointment not completed is flagged (7 by default)',
        tags,
        body: settingsSchema,
        response: { 200: settingsSchema, ...errors },
      },
    },
    (request) => inTenant(request, (tx, a) => saveAppointmentSettings(tx, a, request.body)),
  );
};
