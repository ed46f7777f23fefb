import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { inTenant } from '../platform/http/access.js';
import { commonErrors, idParams, problemSchema } from '../platform/http/schemas.js';
import { closeCase } from './close-case.action.js';
import { caseSchema } from './entitlements.schemas.js';
import {
  changeRetrospectiveDays,
  finaliseRebooking,
  previewRebooking,
  rebookingStart,
  retrospectiveDays,
} from './rebooking.action.js';
import {
  closeCaseInput,
  participantsQuery,
  participantsSchema,
  rebookingInput,
  rebookingPreviewSchema,
  rebookingResultSchema,
  rebookingSettingsSchema,
  rebookingStartSchema,
  rebookingTimeInput,
} from './rebooking.schemas.js';
import { rebookingParticipants } from './rebooking-participants.action.js';

const errors = { ...commonErrors, 409: problemSchema };
const tags = ['rebooking wizard'];
const worker = ['bookings.write', 'appointments.own'] as const;

export const rebookingRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/bookings/:id/rebooking',
    {
      config: { access: [...worker] },
      schema: {
        summary: "Open the rebooking wizard on a client's appointment: its case, schedules and defaults",
        tags,
        params: idParams,
        response: { 200: rebookingStartSchema, ...errors },
      },
    },
    (request) => inTenant(request, (tx, a) => rebookingStart(tx, a, request.params.id, app.clock())),
  );
  app.post(
    '/cases/:id/rebooking/preview',
    {
      config: { access: [...worker] },
      schema: {
        summary:
          'Review a rebooking: both zones, the schedule lines covering it, the balance, daylight-saving warnings',
        description: 'Writes nothing. `problems` lists what Finalise would refuse.',
        tags,
        params: idParams,
        body: rebookingTimeInput,
        response: { 200: rebookingPreviewSchema, ...errors },
      },
    },
    (request) =>
      inTenant(request, (tx, a) => previewRebooking(tx, a, request.params.id, request.body, app.clock())),
  );
  app.post(
    '/cases/:id/rebooking',
    {
      config: { access: [...worker] },
      schema: {
        summary:
          'Finalise a rebooking: the booking, its ledger entry and the client’s confirmation, in one step',
        description:
          'One transaction writes the booking, the entitlement ledger\'s "use", the wizard\'s choices and the ' +
          'outbox row of the confirmation (with its calendar invitation); a refusal writes nothing.',
        tags,
        params: idParams,
        body: rebookingInput,
        response: { 201: rebookingResultSchema, ...errors },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          await inTenant(request, (tx, a) =>
            finaliseRebooking(tx, a, request.params.id, request.body, app.clock()),
          ),
        ),
  );
  app.get(
    '/cases/:id/rebooking/participants',
    {
      config: { access: [...worker] },
      schema: {
        summary: 'Clients who may join a couple, family or group session of this case (names only)',
        tags,
        params: idParams,
        querystring: participantsQuery,
        response: { 200: participantsSchema, ...errors },
      },
    },
    (request) =>
      inTenant(request, (tx, a) => rebookingParticipants(tx, a, request.params.id, request.query.q)),
  );
  app.post(
    '/cases/:id/close',
    {
      config: { access: 'bookings.write' },
      schema: {
        summary: 'Close a case with a reason: no further sessions can be booked on it',
        tags,
        params: idParams,
        body: closeCaseInput,
        response: { 200: caseSchema, ...errors },
      },
    },
    (request) => inTenant(request, (tx, a) => closeCase(tx, a, request.params.id, request.body, app.clock())),
  );
  app.get(
    '/settings/rebooking',
    {
      config: { access: [...worker] },
      schema: {
        summary: "The organisation's rebooking settings (the retrospective window)",
        tags,
        response: { 200: rebookingSettingsSchema, ...errors },
      },
    },
    (request) => inTenant(request, async (tx, a) => ({ retrospectiveDays: await retrospectiveDays(tx, a) })),
  );
  app.put(
    '/settings/rebooking',
    {
      config: { access: 'scheduling.configure' },
      schema: {
        summary: 'Change how many days after a session it may still be entered retrospectively',
        tags,
        body: rebookingSettingsSchema,
        response: { 200: rebookingSettingsSchema, ...errors },
      },
    },
    (request) =>
      inTenant(request, (tx, a) =>
        changeRetrospectiveDays(tx, a, request.body.retrospectiveDays, app.clock()),
      ),
  );
};
