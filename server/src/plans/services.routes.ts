import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { findClientZone } from '../people/client.store.js';
import { inTenant } from '../platform/http/access.js';
import {
  commonErrors,
  INT4_MAX,
  idParams,
  listQuery,
  localDate,
  pageOf,
  problemSchema,
} from '../platform/http/schemas.js';
import { decodeCursor, toPage } from '../shared/cursor.js';
import { notFound } from '../shared/domain-error.js';
import { serviceInput, servicePatch, serviceSchema, serviceSummarySchema } from './plan.schemas.js';
import { memoToday, toServiceSummary } from './plan-view.js';
import { listServices, roleIdsOfStaff, type ServiceRow } from './service.store.js';
import {
  changeService,
  createService,
  serviceView,
  tickActivity,
  visibleService,
} from './services.action.js';

const errors = { ...commonErrors, 409: problemSchema };
const tags = ['services'];
const statusList = z
  .string()
  .regex(
    /^(open|in_progress|completed|cancelled)(,(open|in_progress|completed|cancelled))*$/,
    'must be statuses separated by commas',
  )
  .transform((s) => s.split(',') as ('open' | 'in_progress' | 'completed' | 'cancelled')[]);
const filters = listQuery.extend({
  clientId: z.uuid().optional(),
  assigneeStaffId: z.uuid().optional(),
  status: statusList.optional(),
  dueFrom: localDate.optional(),
  dueTo: localDate.optional(),
});

export const serviceRoutes: FastifyPluginAsyncZod = async (app) => {
  /** One page of summaries, soonest due first; "today" is computed once per request, per client zone. */
  const servicePage = (rows: ServiceRow[], limit: number) => {
    const today = memoToday(app.clock());
    return toPage(
      rows,
      limit,
      (r) => toServiceSummary(r, today),
      (r) => [r.dueDate, r.id],
    );
  };
  const afterCursor = (cursor: string | undefined) =>
    decodeCursor(cursor, ['date', 'uuid']) as [string, string] | undefined;

  app.get(
    '/services',
    {
      config: { access: 'services.read' },
      schema: {
        tags,
        summary: 'All services, soonest due first',
        querystring: filters,
        response: { 200: pageOf(serviceSummarySchema), ...errors },
      },
    },
    (request) =>
      inTenant(request, async (tx, actor) => {
        const { limit, cursor, ...filter } = request.query;
        const rows = await listServices(tx, actor.organisationId, {
          ...filter,
          limit,
          after: afterCursor(cursor),
        });
        return servicePage(rows, limit);
      }),
  );
  app.get(
    '/me/services',
    {
      config: { access: 'signed-in' },
      schema: {
        tags,
        summary:
          "The signed-in staff member's services (assigned to them or to one of their roles), soonest due first",
        querystring: listQuery.extend({ status: statusList.default(['open', 'in_progress']) }),
        response: { 200: pageOf(serviceSummarySchema), ...errors },
      },
    },
    (request) =>
      inTenant(request, async (tx, actor) => {
        const { limit, cursor, status } = request.query;
        const mine = {
          staffId: actor.staffId,
          roleIds: await roleIdsOfStaff(tx, actor.organisationId, actor.staffId),
        };
        const rows = await listServices(tx, actor.organisationId, {
          mine,
          status,
          limit,
          after: afterCursor(cursor),
        });
        return servicePage(rows, limit);
      }),
  );
  app.get(
    '/clients/:id/services',
    {
      config: { access: 'services.read' },
      schema: {
        summary: "A client's services, soonest due first",
        tags,
        params: idParams,
        querystring: listQuery,
        response: { 200: pageOf(serviceSummarySchema), ...errors },
      },
    },
    (request) =>
      inTenant(request, async (tx, actor) => {
        if (!(await findClientZone(tx, actor.organisationId, request.params.id))) throw notFound('Client');
        const { limit, cursor } = request.query;
        const rows = await listServices(tx, actor.organisationId, {
          clientId: request.params.id,
          limit,
          after: afterCursor(cursor),
        });
        return servicePage(rows, limit);
      }),
  );
  app.post(
    '/services',
    {
      config: { access: 'services.write' },
      schema: {
        tags,
        summary: 'A service on its own, without a plan',
        body: serviceInput,
        response: { 201: serviceSchema, ...errors },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await inTenant(request, (tx, a) => createService(tx, a, request.body, app.clock()))),
  );
  app.get(
    '/services/:id',
    {
      config: { access: ['services.read', 'appointments.own'] },
      schema: {
        summary: 'One service with its activities and plan',
        tags,
        params: idParams,
        response: { 200: serviceSchema, ...errors },
      },
    },
    (request) =>
      inTenant(request, async (tx, actor) =>
        serviceView(tx, actor, await visibleService(tx, actor, request.params.id), app.clock()),
      ),
  );
  app.patch(
    '/services/:id',
    {
      config: { access: ['services.write', 'appointments.own'] },
      schema: {
        summary: 'Change a service (title, due date, assignee, status, notes)',
        tags,
        params: idParams,
        body: servicePatch,
        response: { 200: serviceSchema, ...errors },
      },
    },
    (request) =>
      inTenant(request, (tx, a) => changeService(tx, a, request.params.id, request.body, app.clock())),
  );
  app.put(
    '/services/:id/activities/:position',
    {
      config: { access: ['services.write', 'appointments.own'] },
      schema: {
        tags,
        summary: 'Tick or untick an activity; records who and when',
        params: idParams.extend({ position: z.coerce.number().int().min(0).max(INT4_MAX) }),
        body: z.object({ done: z.boolean() }),
        response: { 200: serviceSchema, ...errors },
      },
    },
    (request) =>
      inTenant(request, (tx, a) =>
        tickActivity(tx, a, request.params.id, request.params.position, request.body.done, app.clock()),
      ),
  );
};
