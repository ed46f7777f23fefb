import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { inTenant } from '../platform/http/access.js';
import { commonErrors, idParams, problemSchema } from '../platform/http/schemas.js';
import { bookCaseSession, endCaseSession } from './case-sessions.action.js';
import { caseSummary, clientCases, funderView, openCase } from './cases.action.js';
import {
  caseInput,
  caseSchema,
  caseSessionInput,
  caseSessionSchema,
  caseSummarySchema,
  decisionInput,
  endSessionInput,
  extraRequestInput,
  funderViewSchema,
  requestSchema,
} from './entitlements.schemas.js';
import { decideExtraSessions, requestExtraSessions } from './extra-sessions.action.js';

const errors = { ...commonErrors, 409: problemSchema };
const tags = ['session entitlements'];
// Associates work their own clients' cases: they read summaries, book with themselves and request extras.
const worker = ['bookings.write', 'appointments.own'] as const;
const reader = ['bookings.read', 'bookings.write', 'appointments.own'] as const;

export const entitlementRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/clients/:id/cases',
    {
      config: { access: 'bookings.write' },
      schema: {
        summary: 'Open a case (referral): a funder, an issue, the sessions allowed and how they are counted',
        tags,
        params: idParams,
        body: caseInput,
        response: { 201: caseSchema, ...errors },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await inTenant(request, (tx, a) => openCase(tx, a, request.params.id, request.body))),
  );
  app.get(
    '/clients/:id/cases',
    {
      config: { access: [...reader] },
      schema: {
        summary: "A client's cases",
        tags,
        params: idParams,
        response: { 200: z.object({ items: z.array(caseSchema) }), ...errors },
      },
    },
    (request) => inTenant(request, async (tx, a) => ({ items: await clientCases(tx, a, request.params.id) })),
  );
  app.get(
    '/cases/:id',
    {
      config: { access: [...reader] },
      schema: {
        summary: 'The session summary: sessions left, and the ledger that explains them',
        tags,
        params: idParams,
        response: { 200: caseSummarySchema, ...errors },
      },
    },
    (request) => inTenant(request, (tx, a) => caseSummary(tx, a, request.params.id, app.clock())),
  );
  app.post(
    '/cases/:id/sessions',
    {
      config: { access: [...worker] },
      schema: {
        summary:
          'Book a session on the case; refused (409) with none left unless entitlementOverrideReason is given',
        description:
          'The balance is checked under the case row lock in the booking transaction, so two bookings of the ' +
          'last session cannot both succeed. While an extra-session request is pending and none are left, no ' +
          'session can be booked.',
        tags,
        params: idParams,
        body: caseSessionInput,
        response: { 201: caseSessionSchema, ...errors },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          await inTenant(request, (tx, a) =>
            bookCaseSession(tx, a, request.params.id, request.body, app.clock()),
          ),
        ),
  );
  app.post(
    '/cases/:id/sessions/:bookingId/end',
    {
      config: { access: [...worker] },
      schema: {
        summary:
          "Cancel a case's session or record a no-show; the funder's rules decide whether it uses a session",
        tags,
        params: z.object({ id: z.uuid(), bookingId: z.uuid() }),
        body: endSessionInput,
        response: {
          200: z.object({
            booking: caseSessionSchema.shape.booking,
            sessionUsed: z.boolean(),
            lateNotice: z.boolean(),
          }),
          ...errors,
        },
      },
    },
    (request) =>
      inTenant(request, (tx, a) =>
        endCaseSession(tx, a, request.params.id, request.params.bookingId, request.body, app.clock()),
      ),
  );
  app.post(
    '/cases/:id/extra-session-requests',
    {
      config: { access: [...worker] },
      schema: {
        summary:
          'Request up to 4 extra sessions from the funder (due in 7 business days, 13 with clinical review)',
        tags,
        params: idParams,
        body: extraRequestInput,
        response: { 201: requestSchema.extend({ totalInTwelveMonths: z.number() }), ...errors },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          await inTenant(request, (tx, a) =>
            requestExtraSessions(tx, a, request.params.id, request.body, app.clock()),
          ),
        ),
  );
  app.post(
    '/extra-session-requests/:id/decision',
    {
      config: { access: 'bookings.write' },
      schema: {
        summary: "Record the funder's outcome: approve, modify the count, or decline",
        tags,
        params: idParams,
        body: decisionInput,
        response: { 200: requestSchema, ...errors },
      },
    },
    (request) =>
      inTenant(request, (tx, a) => decideExtraSessions(tx, a, request.params.id, request.body, app.clock())),
  );
  app.get(
    '/extra-session-requests/:id/funder-view',
    {
      config: { access: 'bookings.write' },
      schema: {
        summary: 'What is sent to the funder: the request under a reference, with no identifying details',
        tags,
        params: idParams,
        response: { 200: funderViewSchema, ...errors },
      },
    },
    (request) => inTenant(request, (tx, a) => funderView(tx, a, request.params.id, app.clock())),
  );
};
