import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { Temporal } from 'temporal-polyfill';
import { z } from 'zod';
import { inTenant } from '../platform/http/access.js';
import type { App } from '../platform/http/app.js';
import { commonErrors, idParams, instantInput, problemSchema } from '../platform/http/schemas.js';
import { timeZoneField } from '../shared/time-zone.js';
import { createFeed, renderFeed, revokeFeed } from './feeds.action.js';
import { feedValidators, notModified, publicBaseUrl } from './ics-http.js';
import { type CalendarStatus, readCalendar } from './read-calendar.action.js';

const errors = { ...commonErrors, 409: problemSchema };
const tags = ['calendar'];
const instantParam = instantInput;

const eventSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  kind: z.enum(['adhoc', 'scheduled']),
  status: z.enum(['booked', 'completed', 'cancelled']),
  suspendedByLeave: z.boolean().meta({
    description: 'Cancelled because the client is on leave: show "Suspended (leave)", not "Cancelled"',
  }),
  start: z.string().meta({ description: 'Wall-clock start in the requested zone, YYYY-MM-DDTHH:MM' }),
  end: z.string(),
  startsAt: z.string().meta({ description: 'ISO 8601 with the offset of the requested zone' }),
  endsAt: z.string(),
  client: z.object({
    id: z.uuid(),
    name: z.string(),
    timeZone: z.string().meta({ description: 'Bookings are edited in this zone' }),
  }),
  staff: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  providerName: z.string().nullable(),
  serviceType: z.object({ id: z.uuid(), name: z.string(), colour: z.string() }).nullable(),
  seriesId: z.uuid().nullable(),
  isException: z.boolean(),
});

const feedSubject = z.object({ url: z.string(), createdAt: z.string() });

export const calendarRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/calendar',
    {
      config: { access: ['bookings.read', 'appointments.own'] },
      // Built here from typed rows, and large (a month for 50 staff is ~5,000 items): serialised without
      // validating it again, which was a large share of this route's CPU under load. The schema still documents it.
      serializerCompiler: () => (data) => JSON.stringify(data),
      schema: {
        tags,
        summary: 'Bookings overlapping [from, to), with times in the requested zone (one indexed query)',
        querystring: z.object({
          from: instantParam,
          to: instantParam,
          zone: timeZoneField('must be an IANA time zone').optional(),
          staffId: z
            .string()
            .regex(/^[0-9a-f-]{36}(,[0-9a-f-]{36})*$/, 'must be staff ids separated by commas')
            .optional(),
          unassigned: z.enum(['true', 'false']).optional(),
          clientId: z.uuid().optional(),
          serviceTypeId: z.uuid().optional(),
          status: z
            .string()
            .regex(
              /^(booked|completed|cancelled)(,(booked|completed|cancelled))*$/,
              'must be statuses separated by commas',
            )
            .optional(),
        }),
        response: {
          200: z.object({ timeZone: z.string(), items: z.array(eventSchema), truncated: z.boolean() }),
          ...errors,
        },
      },
    },
    (request) =>
      inTenant(
        request,
        (tx, actor) => {
          const q = request.query;
          return readCalendar(tx, actor, {
            from: Temporal.Instant.from(q.from),
            to: Temporal.Instant.from(q.to),
            zone: q.zone,
            staffIds: q.staffId?.split(','),
            unassignedOnly: q.unassigned === 'true',
            clientId: q.clientId,
            serviceTypeId: q.serviceTypeId,
            statuses: q.status?.split(',') as CalendarStatus[] | undefined,
          });
        },
        { replica: true },
      ),
  );

  // Subscription URLs: creating one revokes the previous; the secret is shown once.
  for (const [type, path, access] of [
    ['staff', '/staff/:id/calendar-feed', ['staff.manage', 'appointments.own']],
    ['client', '/clients/:id/calendar-feed', ['clients.write']],
  ] as const) {
    app.post(
      path,
      {
        config: { access },
        schema: {
          tags,
          summary: `A new secret iCalendar subscription URL for this ${type}`,
          params: idParams,
          response: { 201: feedSubject, ...errors },
        },
      },
      async (request, reply) => {
        const created = await inTenant(request, (tx, actor) =>
          createFeed(tx, actor, type, request.params.id),
        );
        return reply.status(201).send({
          url: `${publicBaseUrl(app.config.publicUrl, listeningAddress(app))}/api/v1/feeds/${created}.ics`,
          createdAt: app.clock().toString(),
        });
      },
    );
    app.delete(
      path,
      {
        config: { access },
        schema: {
          tags,
          summary: 'Revoke the subscription URL',
          params: idParams,
          response: { 204: z.null(), ...errors },
        },
      },
      async (request, reply) => {
        await inTenant(request, (tx, actor) => revokeFeed(tx, actor, type, request.params.id));
        return reply.status(204).send(null);
      },
    );
  }

  app.get(
    '/feeds/:token',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'The iCalendar feed behind a subscription URL',
        security: [],
        params: z.object({ token: z.string().max(200) }),
        response: {
          200: {
            description: "An iCalendar (RFC 5545) feed of the subject's bookings",
            content: { 'text/calendar': { schema: z.string() } },
          },
          304: z.null().meta({ description: 'Not modified since the ETag or Last-Modified the client sent' }),
          404: problemSchema,
        },
      },
    },
    async (request, reply) => {
      // Feeds are polled by calendar apps every few minutes: a read replica may answer them.
      const body = await renderFeed(app.readDb, request.params.token, app.clock());
      const validators = feedValidators(body.text, body.events);
      reply.header('cache-control', 'private, max-age=300').header('etag', validators.etag);
      if (validators.lastModified) reply.header('last-modified', validators.lastModified);
      if (notModified(request.headers, validators)) return reply.status(304).send(null);
      return reply.type('text/calendar; charset=utf-8').send(body.text);
    },
  );
};

/** The address this server listens on (its first), for feed links when no public URL is configured. */
function listeningAddress(app: Pick<App, 'server' | 'config'>): { host: string; port: number } {
  const address = app.server.address();
  return typeof address === 'object' && address
    ? { host: app.config.host, port: address.port }
    : { host: app.config.host, port: app.config.port };
}
