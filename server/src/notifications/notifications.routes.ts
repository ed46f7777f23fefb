import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { inTenant } from '../platform/http/access.js';
import { commonErrors, idParams } from '../platform/http/schemas.js';
import type { CaughtMail } from '../platform/mail/mail-catcher.js';
import { notFound } from '../shared/domain-error.js';
import { myNotices, readNotices } from './notices.action.js';
import {
  caughtMailSchema,
  noticesSchema,
  notificationChoiceQuery,
  notificationChoiceSchema,
  outboxMessageSchema,
  outboxQuery,
  preferenceInput,
  preferenceSchema,
  readNoticesInput,
  serviceDefaultInput,
  serviceDefaultSchema,
} from './notification.schemas.js';
import { notificationChoice } from './notification-choice.action.js';
import { type OutboxRecord, outboxPage, outboxRow } from './outbox.store.js';
import { serviceDefaults } from './preference.store.js';
import {
  addPreference,
  changePreference,
  listPreferences,
  removePreference,
  resendMessage,
  setServiceDefault,
} from './preferences.action.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** What the embedded mail catcher received; null when mail goes to a real SMTP server. */
    caughtMail: (() => readonly CaughtMail[]) | null;
  }
}

const tags = ['notifications'];

const outboxView = (r: OutboxRecord) => ({
  ...r,
  scheduledAt: r.scheduledAt.toString(),
  sentAt: r.sentAt?.toString() ?? null,
  createdAt: r.createdAt.toString(),
});

const clientParams = z.object({ clientId: z.uuid() });
const preferenceParams = z.object({ clientId: z.uuid(), id: z.uuid() });

export const notificationRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/outbox',
    {
      config: { access: 'bookings.write' },
      schema: {
        tags,
        summary: 'Messages to clients and contacts, newest first: status, attempts, content and invitation',
        querystring: outboxQuery,
        response: { 200: z.object({ items: z.array(outboxMessageSchema) }), ...commonErrors },
      },
    },
    (request) =>
      inTenant(request, async (tx, actor) => ({
        items: (await outboxPage(tx, actor.organisationId, request.query)).map(outboxView),
      })),
  );
  app.get(
    '/outbox/:id',
    {
      config: { access: 'bookings.write' },
      schema: {
        tags,
        summary: 'One message',
        params: idParams,
        response: { 200: outboxMessageSchema, ...commonErrors },
      },
    },
    (request) =>
      inTenant(request, async (tx, actor) => {
        const row = await outboxRow(tx, actor.organisationId, request.params.id);
        if (!row) throw notFound('Message');
        return outboxView(row);
      }),
  );
  app.post(
    '/outbox/:id/resend',
    {
      config: { access: 'bookings.write' },
      schema: {
        tags,
        summary: 'Send a message again, now',
        params: idParams,
        response: { 200: outboxMessageSchema, ...commonErrors },
      },
    },
    (request) =>
      inTenant(request, async (tx, actor) =>
        outboxView(await resendMessage(tx, actor, request.params.id, app.clock())),
      ),
  );
  app.get(
    '/mail-catcher',
    {
      config: { access: 'bookings.write' },
      schema: {
        tags,
        summary: 'What the embedded mail catcher received (only without SMTP_URL), newest first',
        response: { 200: caughtMailSchema, ...commonErrors },
      },
    },
    async () => ({ active: app.caughtMail !== null, messages: [...(app.caughtMail?.() ?? [])].reverse() }),
  );
  app.get(
    '/clients/:clientId/notification-preferences',
    {
      config: { access: 'clients.read' },
      schema: {
        tags,
        summary: "Who hears about the client's bookings, on which channel, opted in when, with quiet hours",
        params: clientParams,
        response: { 200: z.array(preferenceSchema), ...commonErrors },
      },
    },
    (request) => inTenant(request, (tx, actor) => listPreferences(tx, actor, request.params.clientId)),
  );
  app.post(
    '/clients/:clientId/notification-preferences',
    {
      config: { access: 'clients.write' },
      schema: {
        tags,
        summary: 'Add a preference for the client or a contact',
        params: clientParams,
        body: preferenceInput,
        response: { 201: preferenceSchema, ...commonErrors },
      },
    },
    async (request, reply) => {
      const created = await inTenant(request, (tx, actor) =>
        addPreference(tx, actor, request.params.clientId, request.body, app.clock()),
      );
      return reply.status(201).send(created);
    },
  );
  app.put(
    '/clients/:clientId/notification-preferences/:id',
    {
      config: { access: 'clients.write' },
      schema: {
        tags,
        summary: 'Change a preference',
        params: preferenceParams,
        body: preferenceInput,
        response: { 200: preferenceSchema, ...commonErrors },
      },
    },
    (request) =>
      inTenant(request, (tx, actor) =>
        changePreference(tx, actor, request.params.clientId, request.params.id, request.body, app.clock()),
      ),
  );
  app.delete(
    '/clients/:clientId/notification-preferences/:id',
    {
      config: { access: 'clients.write' },
      schema: {
        tags,
        summary: 'Remove a preference',
        params: preferenceParams,
        response: { 204: z.null(), ...commonErrors },
      },
    },
    async (request, reply) => {
      await inTenant(request, (tx, actor) =>
        removePreference(tx, actor, request.params.clientId, request.params.id),
      );
      return reply.status(204).send(null);
    },
  );
  app.get(
    '/notification-defaults',
    {
      config: { access: 'bookings.read' },
      schema: {
        tags,
        summary: "Per service type: whether its bookings notify the client, and the reminder's lead time",
        response: { 200: z.array(serviceDefaultSchema), ...commonErrors },
      },
    },
    (request) => inTenant(request, (tx, actor) => serviceDefaults(tx, actor.organisationId)),
  );
  app.put(
    '/notification-defaults/:serviceTypeId',
    {
      config: { access: 'scheduling.configure' },
      schema: {
        tags,
        summary: "Set a service type's notification defaults",
        params: z.object({ serviceTypeId: z.uuid() }),
        body: serviceDefaultInput,
        response: { 200: z.array(serviceDefaultSchema), ...commonErrors },
      },
    },
    (request) =>
      inTenant(request, async (tx, actor) => {
        await setServiceDefault(tx, actor, request.params.serviceTypeId, request.body);
        return serviceDefaults(tx, actor.organisationId);
      }),
  );
  app.get(
    '/me/notices',
    {
      config: { access: 'signed-in' },
      schema: {
        tags,
        summary:
          "The signed-in staff member's bell: bookings assigned to them or taken from them, moved or cancelled, a client's leave",
        response: { 200: noticesSchema, ...commonErrors },
      },
    },
    (request) => inTenant(request, (tx, actor) => myNotices(tx, actor)),
  );
  app.post(
    '/me/notices/read',
    {
      config: { access: 'signed-in' },
      schema: {
        tags,
        summary: 'Mark notices read: the ids given, or every one when none are given',
        body: readNoticesInput,
        response: { 200: noticesSchema, ...commonErrors },
      },
    },
    (request) =>
      inTenant(request, (tx, actor) => readNotices(tx, actor, request.body.ids ?? 'all', app.clock())),
  );
  app.get(
    '/notification-choice',
    {
      config: { access: 'bookings.write' },
      schema: {
        tags,
        summary:
          'What a booking form\'s "Notify the client" box starts as (booking choice, else service type default, else yes) and who would hear',
        querystring: notificationChoiceQuery,
        response: { 200: notificationChoiceSchema, ...commonErrors },
      },
    },
    (request) => inTenant(request, (tx, actor) => notificationChoice(tx, actor, request.query)),
  );
};
