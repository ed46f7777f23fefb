import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { inTenant } from '../platform/http/access.js';
import { commonErrors, idParams, problemSchema } from '../platform/http/schemas.js';
import { notFound } from '../shared/domain-error.js';
import {
  calendarDayInput,
  calendarDaySchema,
  calendarQuery,
  carerContractInput,
  carerContractSchema,
  clientRegionInput,
  contractCheckInput,
  contractCheckSchema,
  contractInput,
  contractSchema,
  contractTypeInput,
  contractTypeSchema,
  timelineQuery,
  timelineSchema,
} from './contract.schemas.js';
import { findContract, findContractType, listCalendarDays, listContractTypes } from './contract.store.js';
import { checkClientContract } from './contract-check.action.js';
import { toContractTypeView, toContractView } from './contract-view.js';
import {
  addCalendarDay,
  carerContract,
  clientContracts,
  clientRegion,
  contractTimeline,
  createContract,
  createContractType,
  makeDefaultContract,
  removeCalendarDay,
  saveCarerContract,
  saveContract,
  saveContractType,
  setClientRegion,
} from './contracts.action.js';

const errors = { ...commonErrors, 409: problemSchema };
const tags = ['contracts'];

export const contractRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/contract-types',
    {
      config: { access: 'contracts.manage' },
      schema: {
        summary: 'The contract types (rate cards)',
        tags,
        response: { 200: z.object({ items: z.array(contractTypeSchema) }), ...errors },
      },
    },
    (request) =>
      inTenant(request, async (tx, actor) => ({
        items: (await listContractTypes(tx, actor.organisationId)).map(toContractTypeView),
      })),
  );
  app.post(
    '/contract-types',
    {
      config: { access: 'contracts.manage' },
      schema: {
        summary: 'Create a contract type',
        tags,
        body: contractTypeInput,
        response: { 201: contractTypeSchema, ...errors },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await inTenant(request, (tx, a) => createContractType(tx, a, request.body))),
  );
  app.get(
    '/contract-types/:id',
    {
      config: { access: 'contracts.manage' },
      schema: {
        summary: 'One contract type with its dated option sets',
        tags,
        params: idParams,
        response: { 200: contractTypeSchema, ...errors },
      },
    },
    (request) =>
      inTenant(request, async (tx, actor) => {
        const found = await findContractType(tx, actor.organisationId, request.params.id);
        if (!found) throw notFound('Contract type');
        return toContractTypeView(found);
      }),
  );
  app.put(
    '/contract-types/:id',
    {
      config: { access: 'contracts.manage' },
      schema: {
        tags,
        summary: 'Replace the name, category and the whole schedule of option sets',
        params: idParams,
        body: contractTypeInput,
        response: { 200: contractTypeSchema, ...errors },
      },
    },
    (request) => inTenant(request, (tx, a) => saveContractType(tx, a, request.params.id, request.body)),
  );

  app.get(
    '/clients/:id/contracts',
    {
      // Coordinators choose the contract a booking or series is charged on.
      config: { access: ['contracts.manage', 'bookings.write'] },
      schema: {
        tags,
        summary: "The client's contracts (assignments), by start date",
        params: idParams,
        response: { 200: z.object({ items: z.array(contractSchema) }), ...errors },
      },
    },
    (request) =>
      inTenant(request, async (tx, a) => ({ items: await clientContracts(tx, a, request.params.id) })),
  );
  app.post(
    '/clients/:id/contracts',
    {
      config: { access: 'contracts.manage' },
      schema: {
        tags,
        summary: "Assign a contract type to the client; the client's first contract becomes its default",
        params: idParams,
        body: contractInput,
        response: { 201: contractSchema, ...errors },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await inTenant(request, (tx, a) => createContract(tx, a, request.params.id, request.body))),
  );
  app.get(
    '/clients/:id/region',
    {
      config: { access: 'contracts.manage' },
      schema: {
        tags,
        summary: "The region whose public holidays and special days apply to the client's visits",
        params: idParams,
        response: { 200: z.object({ clientId: z.uuid(), region: z.string().nullable() }), ...errors },
      },
    },
    (request) => inTenant(request, (tx, a) => clientRegion(tx, a, request.params.id)),
  );
  app.put(
    '/clients/:id/region',
    {
      config: { access: ['contracts.manage', 'clients.write'] },
      schema: {
        tags,
        summary: "Set the region whose public holidays and special days apply to the client's visits",
        params: idParams,
        body: clientRegionInput,
        response: { 200: z.object({ clientId: z.uuid(), region: z.string().nullable() }), ...errors },
      },
    },
    (request) => inTenant(request, (tx, a) => setClientRegion(tx, a, request.params.id, request.body.region)),
  );
  app.get(
    '/contracts/:id',
    {
      config: { access: 'contracts.manage' },
      schema: {
        summary: 'One client contract',
        tags,
        params: idParams,
        response: { 200: contractSchema, ...errors },
      },
    },
    (request) =>
      inTenant(request, async (tx, actor) => {
        const found = await findContract(tx, actor.organisationId, request.params.id);
        if (!found) throw notFound('Contract');
        return toContractView(found);
      }),
  );
  app.put(
    '/contracts/:id',
    {
      config: { access: 'contracts.manage' },
      schema: {
        tags,
        summary: 'Replace the contract, including its whole schedule of option sets',
        params: idParams,
        body: contractInput,
        response: { 200: contractSchema, ...errors },
      },
    },
    (request) => inTenant(request, (tx, a) => saveContract(tx, a, request.params.id, request.body)),
  );
  app.post(
    '/contracts/:id/make-default',
    {
      config: { access: 'contracts.manage' },
      schema: {
        tags,
        summary: "Make this the client's default contract (the previous default stops being one)",
        params: idParams,
        response: { 200: contractSchema, ...errors },
      },
    },
    (request) => inTenant(request, (tx, a) => makeDefaultContract(tx, a, request.params.id)),
  );
  app.post(
    '/clients/:id/contracts/check',
    {
      config: { access: 'contracts.manage' },
      schema: {
        tags,
        summary:
          'Check a client contract being edited: price by duration 0–4 h, warnings where a longer visit costs ' +
          'less or a fixed price more than an hour, and a Friday 19:45 → Saturday 02:00 visit priced with ' +
          'useFirstRange on and off; nothing is saved',
        params: idParams,
        body: contractCheckInput,
        response: { 200: contractCheckSchema, ...errors },
      },
    },
    (request) =>
      inTenant(request, (tx, a) => checkClientContract(tx, a, request.params.id, request.body, app.clock())),
  );
  app.get(
    '/contracts/:id/timeline',
    {
      config: { access: 'contracts.manage' },
      schema: {
        tags,
        summary:
          "Each option's effective value over [from, to): segments with their source, option set and " +
          'whether the value is inherited from the type or overridden by the contract',
        params: idParams,
        querystring: timelineQuery,
        response: { 200: timelineSchema, ...errors },
      },
    },
    (request) => inTenant(request, (tx, a) => contractTimeline(tx, a, request.params.id, request.query)),
  );

  app.get(
    '/staff/:id/carer-contract',
    {
      config: { access: 'contracts.manage' },
      schema: {
        summary: "A staff member's carer contract (pay options)",
        tags,
        params: idParams,
        response: { 200: carerContractSchema, ...errors },
      },
    },
    (request) => inTenant(request, (tx, a) => carerContract(tx, a, request.params.id)),
  );
  app.put(
    '/staff/:id/carer-contract',
    {
      config: { access: 'contracts.manage' },
      schema: {
        tags,
        summary: "Replace the staff member's carer contract (pay side): its schedule of option sets",
        params: idParams,
        body: carerContractInput,
        response: { 200: carerContractSchema, ...errors },
      },
    },
    (request) => inTenant(request, (tx, a) => saveCarerContract(tx, a, request.params.id, request.body)),
  );

  app.get(
    '/calendar-days',
    {
      config: { access: ['contracts.manage', 'billing.run', 'bookings.read'] },
      schema: {
        tags,
        summary: 'Public holidays and special days, by date',
        querystring: calendarQuery,
        response: { 200: z.object({ items: z.array(calendarDaySchema) }), ...errors },
      },
    },
    (request) =>
      inTenant(request, async (tx, actor) => ({
        items: await listCalendarDays(tx, actor.organisationId, request.query),
      })),
  );
  app.post(
    '/calendar-days',
    {
      config: { access: 'contracts.manage' },
      schema: {
        summary: "Add a public holiday or other special day to a region's calendar",
        tags,
        body: calendarDayInput,
        response: { 201: calendarDaySchema, ...errors },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await inTenant(request, (tx, a) => addCalendarDay(tx, a, request.body))),
  );
  app.delete(
    '/calendar-days/:id',
    {
      config: { access: 'contracts.manage' },
      schema: {
        summary: 'Remove a calendar day',
        tags,
        params: idParams,
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      await inTenant(request, (tx, a) => removeCalendarDay(tx, a, request.params.id));
      return reply.status(204).send(null);
    },
  );
};
