import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { completeVisitInput } from '../bookings/booking.schemas.js';
import {
  bookingBillingInput,
  bookingBillingSchema,
  bookingPriceSchema,
  completionPreviewSchema,
  contractInput,
  repricePreviewSchema,
} from '../contracts/contract.schemas.js';
import { inTenant } from '../platform/http/access.js';
import { commonErrors, idParams, problemSchema } from '../platform/http/schemas.js';
import { bookingBilling, priceBooking, setBookingBilling } from './booking-billing.action.js';
import { previewCompletionPrice } from './completion-price.action.js';
import { previewContractReprice } from './contract-reprice.action.js';

const errors = { ...commonErrors, 409: problemSchema };
const tags = ['contracts'];

export const bookingBillingRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/bookings/:id/billing',
    {
      config: { access: ['contracts.manage', 'bookings.write', 'billing.run'] },
      schema: {
        summary: 'How a visit is billed: its contract, actual times, mileage and rated price',
        tags,
        params: idParams,
        response: { 200: bookingBillingSchema, ...errors },
      },
    },
    (request) => inTenant(request, (tx, a) => bookingBilling(tx, a, request.params.id)),
  );
  app.put(
    '/bookings/:id/billing',
    {
      config: { access: ['contracts.manage', 'bookings.write'] },
      schema: {
        tags,
        summary:
          "Set the booking's contract, actual times and mileage (absent: unchanged, null: cleared); " +
          'mileage is refused when the contract disables travel payments for the visit',
        params: idParams,
        body: bookingBillingInput,
        response: { 200: bookingBillingSchema, ...errors },
      },
    },
    (request) => inTenant(request, (tx, a) => setBookingBilling(tx, a, request.params.id, request.body)),
  );
  app.get(
    '/bookings/:id/price',
    {
      config: { access: ['contracts.manage', 'billing.run'] },
      schema: {
        tags,
        summary:
          "Why this price: the visit rated under its contract (or the client's default), the client's " +
          "zone and region calendar, and the assignee's carer contract for mileage",
        params: idParams,
        response: { 200: bookingPriceSchema, ...errors },
      },
    },
    (request) => inTenant(request, (tx, a) => priceBooking(tx, a, request.params.id)),
  );
  app.post(
    '/bookings/:id/complete/preview',
    {
      config: { access: ['contracts.manage', 'billing.run', 'bookings.write'] },
      schema: {
        tags,
        summary:
          'What completing the visit with these actual times and mileage will bill (the rating engine, as the ' +
          'invoice run uses it); nothing is saved',
        params: idParams,
        body: completeVisitInput,
        response: { 200: completionPreviewSchema, ...errors },
      },
    },
    (request) =>
      inTenant(request, (tx, a) => previewCompletionPrice(tx, a, request.params.id, request.body), {
        dryRun: true,
      }),
  );
  app.post(
    '/contracts/:id/reprice-preview',
    {
      config: { access: 'contracts.manage' },
      schema: {
        tags,
        summary:
          'What saving this client contract (the PUT body) would reprice: delivered visits not yet invoiced ' +
          'whose total changes, with old and new totals; nothing is saved',
        params: idParams,
        body: contractInput,
        response: { 200: repricePreviewSchema, ...errors },
      },
    },
    (request) =>
      inTenant(request, (tx, a) => previewContractReprice(tx, a, request.params.id, request.body), {
        dryRun: true,
      }),
  );
};
