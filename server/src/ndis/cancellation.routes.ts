import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { inTenant } from '../platform/http/access.js';
import { commonErrors, idParams, localDate, problemSchema } from '../platform/http/schemas.js';
import { participantParams } from '../sessions/session.schemas.js';
import { invalid } from '../shared/domain-error.js';
import {
  cancellationRuleInput,
  cancellationRuleSchema,
  ndisCancellationInput,
  ndisCancellationResult,
  ndisDecisionSchema,
} from './cancellation.schemas.js';
import { previewNdisCancellation, recordNdisCancellation } from './cancellation-record.action.js';
import { cancellationReport } from './cancellation-report.js';
import { clientCancellations } from './cancellation-report.store.js';
import {
  addCancellationRule,
  cancellationRules,
  importPublicHolidays,
  removeCancellationRule,
} from './cancellation-rules.action.js';

const errors = { ...commonErrors, 409: problemSchema };
const tags = ['ndis'];

const reportQuery = z.object({ from: localDate, to: localDate });
const reportSchema = z
  .object({
    counts: z.object({
      no_show: z.number().int(),
      short_notice: z.number().int(),
      in_time: z.number().int(),
      not_judged: z.number().int(),
    }),
    supportsBooked: z.number().int(),
    alert: z.string().nullable().meta({ description: 'Set when the cancellations look like a pattern' }),
    rows: z.array(
      z.object({
        bookingId: z.uuid(),
        startsAt: z.string(),
        name: z.string(),
        outcome: z.enum(['no_show', 'short_notice', 'in_time', 'not_judged']),
        reasonCode: z.enum(['health', 'family', 'transport', 'other']),
        explanation: z.string().nullable(),
        claimable: z.boolean(),
      }),
    ),
  })
  .meta({ id: 'NdisCancellationReport' });

/** NDIS short-notice cancellations: judge and record one client's cancellation, the dated rules, the report. */
export const ndisCancellationRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/ndis/sessions/:id/clients/:participantId/cancellation-preview',
    {
      config: { access: 'bookings.write' },
      schema: {
        tags,
        summary:
          "What recording this client's cancellation would decide (short notice or not, and why); writes nothing",
        params: participantParams,
        body: ndisCancellationInput,
        response: { 200: ndisDecisionSchema, ...errors },
      },
    },
    (request) =>
      inTenant(request, (tx, a) =>
        previewNdisCancellation(
          tx,
          a,
          request.params.id,
          request.params.participantId,
          request.body,
          app.clock(),
        ),
      ),
  );
  app.post(
    '/ndis/sessions/:id/clients/:participantId/cancellation',
    {
      config: { access: 'bookings.write' },
      schema: {
        tags,
        summary:
          "Cancel one client's attendance under the NDIS rules: records who, when the provider was told, the reason " +
          'code, the two attestations, and the decision with its proof',
        params: participantParams,
        body: ndisCancellationInput,
        response: { 200: ndisCancellationResult, ...errors },
      },
    },
    (request) =>
      inTenant(request, (tx, a) =>
        recordNdisCancellation(
          tx,
          a,
          request.params.id,
          request.params.participantId,
          request.body,
          app.clock(),
        ),
      ),
  );
  app.get(
    '/ndis/clients/:id/cancellations',
    {
      config: { access: 'bookings.read' },
      schema: {
        tags,
        summary: "A client's cancellations in a period (short notice, no-show, in time) with a pattern alert",
        params: idParams,
        querystring: reportQuery,
        response: { 200: reportSchema, ...errors },
      },
    },
    (request) =>
      inTenant(request, async (tx, a) => {
        const { from, to } = request.query;
        if (to <= from) throw invalid('to', 'must be after from');
        const r = await clientCancellations(tx, a.organisationId, request.params.id, from, to);
        return cancellationReport(r.rows, r.supportsBooked);
      }),
  );
  app.get(
    '/ndis/cancellation-rules',
    {
      config: { access: ['contracts.manage', 'bookings.read'] },
      schema: {
        tags,
        summary: "The organisation's dated cancellation rules (without one, the national rules apply)",
        response: { 200: z.object({ items: z.array(cancellationRuleSchema) }), ...errors },
      },
    },
    (request) => inTenant(request, async (tx, a) => ({ items: await cancellationRules(tx, a) })),
  );
  app.post(
    '/ndis/cancellation-rules',
    {
      config: { access: 'contracts.manage' },
      schema: {
        tags,
        summary: 'Add a dated cancellation rule for a service type, or for every service',
        body: cancellationRuleInput,
        response: { 201: cancellationRuleSchema, ...errors },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await inTenant(request, (tx, a) => addCancellationRule(tx, a, request.body))),
  );
  app.delete(
    '/ndis/cancellation-rules/:id',
    {
      config: { access: 'contracts.manage' },
      schema: {
        tags,
        summary: 'Remove a cancellation rule',
        params: idParams,
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      await inTenant(request, (tx, a) => removeCancellationRule(tx, a, request.params.id));
      return reply.status(204).send(null);
    },
  );
  app.post(
    '/ndis/public-holidays/import',
    {
      config: { access: 'contracts.manage' },
      schema: {
        tags,
        summary: "Copy a state's public holidays for a year into its regional calendar (then editable there)",
        body: z.object({
          region: z.string().trim().min(1).max(20),
          year: z.number().int().min(2000).max(2100),
        }),
        response: {
          200: z.object({
            added: z.array(z.object({ date: localDate, name: z.string() })),
            kept: z.number().int(),
          }),
          ...errors,
        },
      },
    },
    (request) =>
      inTenant(request, (tx, a) => importPublicHolidays(tx, a, request.body.region, request.body.year)),
  );
};
