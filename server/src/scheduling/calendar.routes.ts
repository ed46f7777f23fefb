import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { Temporal } from 'temporal-polyfill';
import { z } from 'zod';
import { epochSecondOf } from '../contracts/zone-clock.js';
import { can } from '../identity/actor.js';
import { hashSecret, newSecret } from '../platform/auth/tokens.js';
import { withTenant } from '../platform/db/database.js';
import { inTenant } from '../platform/http/access.js';
import { commonErrors, idParams, instantInput, problemSchema } from '../platform/http/schemas.js';
import { DomainError, invalid, notFound } from '../shared/domain-error.js';
import { isIanaTimeZone } from '../shared/time-zone.js';
import { calendarBookings, findLiveFeed, insertFeed, revokeFeeds, subjectName } from './calendar.store.js';
import { calendarTimes } from './calendar-times.js';
import { calendarFeed } from './ics.js';

const errors = { ...commonErrors, 409: problemSchema };
const tags = ['calendar'];
const instantParam = instantInput;
const MAX_DAYS = 100;

const eventSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  kind: z.enum(['adhoc', 'scheduled']),
  status: z.enum(['booked', 'completed', 'cancelled']),
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
          zone: z.string().refine(isIanaTimeZone, 'must be an IANA time zone').optional(),
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
      inTenant(request, async (tx, actor) => {
        const q = request.query;
        const from = Temporal.Instant.from(q.from);
        const to = Temporal.Instant.from(q.to);
        if (Temporal.Instant.compare(to, from) <= 0) throw invalid('to', 'must be after from');
        if (from.until(to).total('hours') > MAX_DAYS * 24)
          throw invalid('to', `must be at most ${MAX_DAYS} days after from`);
        const zone =
          q.zone ??
          (
            await tx
              .selectFrom('organisations')
              .where('id', '=', actor.organisationId)
              .select('time_zone')
              .executeTakeFirstOrThrow()
          ).time_zone;
        // Without bookings.read a worker sees only their own appointments, whatever the filter says.
        const staffIds = can(actor, 'bookings.read') ? q.staffId?.split(',') : [actor.staffId];
        const limit = 5000;
        const rows = await calendarBookings(tx, actor.organisationId, {
          from,
          to,
          staffIds,
          unassignedOnly: q.unassigned === 'true' && can(actor, 'bookings.read'),
          clientId: q.clientId,
          serviceTypeId: q.serviceTypeId,
          statuses: q.status?.split(',') as ('booked' | 'completed' | 'cancelled')[] | undefined,
          limit: limit + 1,
        });
        const times = (i: Temporal.Instant) => calendarTimes(zone, epochSecondOf(i));
        return {
          timeZone: zone,
          truncated: rows.length > limit,
          items: rows.slice(0, limit).map((r) => {
            const start = times(r.startsAt);
            const end = times(r.endsAt);
            return {
              id: r.id,
              name: r.name,
              kind: r.kind,
              status: r.status,
              start: start.wallClock,
              end: end.wallClock,
              startsAt: start.withOffset,
              endsAt: end.withOffset,
              client: { id: r.clientId, name: r.clientName, timeZone: r.clientTimeZone },
              staff: r.staffId ? { id: r.staffId, name: r.staffName ?? '' } : null,
              providerName: r.providerName,
              serviceType: r.serviceTypeId
                ? { id: r.serviceTypeId, name: r.serviceTypeName ?? '', colour: r.colour ?? '#0b7a75' }
                : null,
              seriesId: r.seriesId,
              isException: r.isException,
            };
          }),
        };
      }),
  );

  // Subscription URLs: creating one revokes the previous; the secret is shown once.
  for (const [type, path, access] of [
    ['staff', '/staff/:id/calendar-feed', ['staff.manage', 'appointments.own']],
    ['client', '/clients/:id/calendar-feed', ['clients.write']],
  ] as const) {
    const subjectOf = (actorStaffId: string, mayManage: boolean, id: string) => {
      if (type === 'staff' && !mayManage && id !== actorStaffId) throw notFound('Staff member');
      return { type, id };
    };
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
        const secret = newSecret();
        const created = await inTenant(request, async (tx, actor) => {
          const subject = subjectOf(
            actor.staffId,
            can(actor, 'staff.manage') || type === 'client',
            request.params.id,
          );
          if (!(await subjectName(tx, actor.organisationId, subject)))
            throw notFound(type === 'staff' ? 'Staff member' : 'Client');
          await insertFeed(tx, actor.organisationId, subject, hashSecret(secret));
          return `${actor.organisationId}.${secret}`;
        });
        return reply.status(201).send({
          url: `${request.protocol}://${request.host}/api/v1/feeds/${created}.ics`,
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
        await inTenant(request, (tx, actor) =>
          revokeFeeds(
            tx,
            actor.organisationId,
            subjectOf(actor.staffId, can(actor, 'staff.manage') || type === 'client', request.params.id),
          ),
        );
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
          404: problemSchema,
        },
      },
    },
    async (request, reply) => {
      const match = request.params.token.match(/^([0-9a-f-]{36})\.([A-Za-z0-9_-]{43})\.ics$/);
      if (!match) throw notFound('Calendar feed');
      const [, organisationId, secret] = match as unknown as [string, string, string];
      const now = app.clock();
      const body = await withTenant(app.db, organisationId, async (tx) => {
        const feed = await findLiveFeed(tx, organisationId, hashSecret(secret));
        if (!feed) return null;
        const subject = { type: feed.subjectType, id: feed.subjectId };
        const name = (await subjectName(tx, organisationId, subject)) ?? 'Carebook';
        const rows = await calendarBookings(tx, organisationId, {
          from: now.subtract({ hours: 24 * 60 }),
          to: now.add({ hours: 24 * 7 * 60 }),
          ...(subject.type === 'staff' ? { staffIds: [subject.id] } : { clientId: subject.id }),
          limit: 5000,
        });
        return calendarFeed(
          `Carebook: ${name}`,
          rows.map((r) => ({
            uid: `${r.id}@carebook`,
            sequence: r.sequence,
            startsAt: r.startsAt,
            endsAt: r.endsAt,
            timeZone: r.timeZone,
            summary:
              subject.type === 'staff'
                ? `${r.name} — ${r.clientName}`
                : `${r.name}${r.staffName ? ` with ${r.staffName}` : ''}`,
            description: r.notes,
            cancelled: r.status === 'cancelled',
            updatedAt: r.updatedAt,
          })),
          now,
        );
      });
      if (body === null)
        throw new DomainError('not_found', 'This calendar feed does not exist or was revoked');
      return reply
        .type('text/calendar; charset=utf-8')
        .header('cache-control', 'private, max-age=300')
        .send(body);
    },
  );
};
