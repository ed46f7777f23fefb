import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { inTenant } from '../platform/http/access.js';
import { commonErrors, idParams, problemSchema } from '../platform/http/schemas.js';
import { notFound } from '../shared/domain-error.js';
import { deployInput, planInput, planSchema, serviceSchema } from './plan.schemas.js';
import { assigneeDirectory, findPlan, listPlans } from './plan.store.js';
import { toPlanView } from './plan-view.js';
import { createPlan, deletePlan, savePlan, setArchived } from './plans.action.js';
import { deployPlan } from './services.action.js';

const errors = { ...commonErrors, 409: problemSchema };
const tags = ['service plans'];

export const planRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/service-plans',
    {
      config: { access: ['services.configure', 'services.deploy_plan'] },
      schema: {
        summary: 'The service plans (templates)',
        tags,
        querystring: z.object({ includeArchived: z.enum(['true', 'false']).default('false') }),
        response: { 200: z.object({ items: z.array(planSchema) }), ...errors },
      },
    },
    (request) =>
      inTenant(request, async (tx, actor) => {
        const plans = await listPlans(tx, actor.organisationId, request.query.includeArchived === 'true');
        const names = await assigneeDirectory(
          tx,
          actor.organisationId,
          plans.flatMap((p) => p.steps.map((s) => s.defaultAssignee)),
        );
        return { items: plans.map((p) => toPlanView(p, names)) };
      }),
  );
  app.post(
    '/service-plans',
    {
      config: { access: 'services.configure' },
      schema: {
        summary: 'Create a service plan',
        tags,
        body: planInput,
        response: { 201: planSchema, ...errors },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await inTenant(request, (tx, a) => createPlan(tx, a, request.body))),
  );
  app.get(
    '/service-plans/:id',
    {
      config: { access: ['services.configure', 'services.deploy_plan'] },
      schema: {
        summary: 'One service plan with its steps',
        tags,
        params: idParams,
        response: { 200: planSchema, ...errors },
      },
    },
    (request) =>
      inTenant(request, async (tx, actor) => {
        const plan = await findPlan(tx, actor.organisationId, request.params.id);
        if (!plan) throw notFound('Service plan');
        return toPlanView(
          plan,
          await assigneeDirectory(
            tx,
            actor.organisationId,
            plan.steps.map((s) => s.defaultAssignee),
          ),
        );
      }),
  );
  app.put(
    '/service-plans/:id',
    {
      config: { access: 'services.configure' },
      schema: {
        tags,
        summary: 'Save the whole plan as a new version',
        params: idParams,
        body: planInput,
        response: { 200: planSchema, ...errors },
      },
    },
    (request) => inTenant(request, (tx, a) => savePlan(tx, a, request.params.id, request.body)),
  );
  for (const [path, archived] of [
    ['archive', true],
    ['restore', false],
  ] as const) {
    app.post(
      `/service-plans/:id/${path}`,
      {
        config: { access: 'services.configure' },
        schema: {
          summary: archived
            ? 'Archive a service plan (no new deployments)'
            : 'Restore an archived service plan',
          tags,
          params: idParams,
          response: { 200: planSchema, ...errors },
        },
      },
      (request) => inTenant(request, (tx, a) => setArchived(tx, a, request.params.id, archived)),
    );
  }
  app.delete(
    '/service-plans/:id',
    {
      config: { access: 'services.configure' },
      schema: {
        summary: 'Delete a service plan that was never deployed',
        tags,
        params: idParams,
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      await inTenant(request, (tx, a) => deletePlan(tx, a, request.params.id));
      return reply.status(204).send(null);
    },
  );
  app.post(
    '/service-plans/:id/deploy',
    {
      config: { access: 'services.deploy_plan' },
      schema: {
        tags,
        summary: 'Deploy the plan to a client: one service per step, in one transaction',
        params: idParams,
        body: deployInput,
        response: {
          201: z.object({
            deploymentId: z.uuid(),
            serviceIds: z.array(z.uuid()),
            firstService: serviceSchema,
          }),
          ...errors,
        },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          await inTenant(request, (tx, a) => deployPlan(tx, a, request.params.id, request.body, app.clock())),
        ),
  );
};
