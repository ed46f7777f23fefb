import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Temporal } from 'temporal-polyfill';
import { z } from 'zod';
import { findClientZone } from '../people/client.store.js';
import { inTenant } from '../platform/http/access.js';
import { commonErrors, idParams, localDate, problemSchema } from '../platform/http/schemas.js';
import { notFound } from '../shared/domain-error.js';
import {
  previewInput,
  reportSchema,
  seriesEditInput,
  seriesInput,
  seriesSchema,
} from './schedule.schemas.js';
import { findSeries, listClientSeries, listServiceTypes } from './schedule.store.js';
import type { OccurrenceOutcome } from './schedule.types.js';
import {
  activateSeries,
  checkRule,
  createSeries,
  editSeries,
  endSeries,
  type ScheduleReport,
  toSeriesView,
} from './series.action.js';
import { horizonEnd, occurrencesBetween, startOfLocalDay } from './series.js';
import { createServiceType } from './service-type.action.js';

const errors = { ...commonErrors, 409: problemSchema };
const tags = ['scheduling'];
const preview = z.object({ preview: z.enum(['true', 'false']).default('false') });

function report(r: ScheduleReport, isPreview: boolean) {
  const count = (kind: OccurrenceOutcome['result']) => r.occurrences.filter((o) => o.result === kind).length;
  return {
    preview: isPreview,
    ...r,
    summary: { done: count('done'), conflicts: count('conflict'), kept: count('kept') },
  };
}

export const schedulingRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/service-types',
    {
      config: { access: 'signed-in' },
      schema: {
        summary: 'The service types (with calendar colours)',
        tags,
        response: {
          200: z.object({
            items: z.array(
              z.object({ id: z.uuid(), name: z.string(), colour: z.string(), active: z.boolean() }),
            ),
          }),
          ...errors,
        },
      },
    },
    (request) =>
      inTenant(request, async (tx, a) => ({ items: await listServiceTypes(tx, a.organisationId) })),
  );
  app.post(
    '/service-types',
    {
      config: { access: 'scheduling.configure' },
      schema: {
        summary: 'Create a service type',
        tags,
        body: z.object({
          name: z.string().trim().min(1, 'is required').max(100),
          colour: z
            .string()
            .regex(/^#[0-9a-fA-F]{6}$/, 'must be a colour like #0b7a75')
            .optional(),
        }),
        response: {
          201: z.object({ id: z.uuid(), name: z.string(), colour: z.string(), active: z.boolean() }),
          ...errors,
        },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await inTenant(request, (tx, a) => createServiceType(tx, a, request.body))),
  );

  app.post(
    '/scheduled-services/preview',
    {
      config: { access: 'bookings.write' },
      schema: {
        tags,
        summary: "The next occurrences a rule would give, in the client's zone, before anything is saved",
        body: previewInput,
        response: {
          200: z.object({
            timeZone: z.string(),
            occurrences: z.array(z.object({ startsAt: z.string(), endsAt: z.string() })),
          }),
          ...errors,
        },
      },
    },
    (request) =>
      inTenant(request, async (tx, actor) => {
        const client = await findClientZone(tx, actor.organisationId, request.body.clientId);
        if (!client) throw notFound('Client');
        const definition = { ...request.body, timeZone: client.timeZone, staffId: null };
        checkRule(definition);
        const from = startOfLocalDay(definition.startDate, client.timeZone);
        const occurrences = occurrencesBetween(definition, from, horizonEnd(from, 520)).slice(
          0,
          request.body.count,
        );
        const fmt = (i: Temporal.Instant) =>
          i.toZonedDateTimeISO(client.timeZone).toString({ smallestUnit: 'minute', timeZoneName: 'never' });
        return {
          timeZone: client.timeZone,
          occurrences: occurrences.map((o) => ({ startsAt: fmt(o.startsAt), endsAt: fmt(o.endsAt) })),
        };
      }),
  );
  app.get(
    '/clients/:id/scheduled-services',
    {
      config: { access: 'bookings.read' },
      schema: {
        summary: "A client's scheduled services (recurring series)",
        tags,
        params: idParams,
        response: { 200: z.object({ items: z.array(seriesSchema) }), ...errors },
      },
    },
    (request) =>
      inTenant(request, async (tx, a) => {
        if (!(await findClientZone(tx, a.organisationId, request.params.id))) throw notFound('Client');
        return { items: (await listClientSeries(tx, a.organisationId, request.params.id)).map(toSeriesView) };
      }),
  );
  app.post(
    '/clients/:id/scheduled-services',
    {
      config: { access: 'bookings.write' },
      schema: {
        tags,
        summary: 'Create a scheduled service (draft, or active: generates its bookings)',
        params: idParams,
        querystring: preview,
        body: seriesInput,
        response: { 200: reportSchema, 201: reportSchema, ...errors },
      },
    },
    async (request, reply) => {
      const dryRun = request.query.preview === 'true';
      const r = await inTenant(
        request,
        (tx, a) => createSeries(tx, a, request.params.id, request.body, app.clock()),
        { dryRun },
      );
      return reply.status(dryRun ? 200 : 201).send(report(r, dryRun));
    },
  );
  app.get(
    '/scheduled-services/:id',
    {
      config: { access: 'bookings.read' },
      schema: {
        summary: 'One scheduled service',
        tags,
        params: idParams,
        response: { 200: seriesSchema, ...errors },
      },
    },
    (request) =>
      inTenant(request, async (tx, a) => {
        const s = await findSeries(tx, a.organisationId, request.params.id);
        if (!s) throw notFound('Scheduled service');
        return toSeriesView(s);
      }),
  );
  app.post(
    '/scheduled-services/:id/activate',
    {
      config: { access: 'bookings.write' },
      schema: {
        summary: 'Activate a scheduled service: generate its bookings',
        tags,
        params: idParams,
        querystring: preview,
        response: { 200: reportSchema, ...errors },
      },
    },
    async (request) => {
      const dryRun = request.query.preview === 'true';
      return report(
        await inTenant(request, (tx, a) => activateSeries(tx, a, request.params.id, app.clock()), { dryRun }),
        dryRun,
      );
    },
  );
  app.patch(
    '/scheduled-services/:id',
    {
      config: { access: 'bookings.write' },
      schema: {
        tags,
        summary:
          'Edit the whole series, or this and following occurrences (add ?preview=true to see the effect first)',
        params: idParams,
        querystring: preview,
        body: seriesEditInput,
        response: { 200: reportSchema, ...errors },
      },
    },
    async (request) => {
      const dryRun = request.query.preview === 'true';
      return report(
        await inTenant(request, (tx, a) => editSeries(tx, a, request.params.id, request.body, app.clock()), {
          dryRun,
        }),
        dryRun,
      );
    },
  );
  app.post(
    '/scheduled-services/:id/end',
    {
      config: { access: 'bookings.write' },
      schema: {
        tags,
        summary:
          'End the series after a date (or now): future bookings still booked are removed; delivered and ' +
          'cancelled ones stay',
        params: idParams,
        querystring: preview,
        body: z.object({ endDate: localDate.nullable().default(null) }),
        response: { 200: reportSchema, ...errors },
      },
    },
    async (request) => {
      const dryRun = request.query.preview === 'true';
      return report(
        await inTenant(
          request,
          (tx, a) => endSeries(tx, a, request.params.id, request.body.endDate, app.clock()),
          { dryRun },
        ),
        dryRun,
      );
    },
  );
};
