import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { inTenant } from '../platform/http/access.js';
import { commonErrors } from '../platform/http/schemas.js';
import { billingSettings, updateBillingSettings } from './billing-settings.action.js';
import { billingSettingsInput, billingSettingsSchema } from './billing-settings.schemas.js';

const tags = ['invoices'];

export const billingSettingsRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/billing-settings',
    {
      config: { access: 'billing.run' },
      schema: {
        tags,
        summary: "The organisation's billing identity: legal name, ABN, tax, currency, terms, bank details",
        response: { 200: billingSettingsSchema, ...commonErrors },
      },
    },
    (request) => inTenant(request, (tx, a) => billingSettings(tx, a)),
  );
  app.put(
    '/billing-settings',
    {
      config: { access: 'billing.run' },
      schema: {
        tags,
        summary: 'Save the billing settings (validated, audited); they apply to invoices issued from now on',
        body: billingSettingsInput,
        response: { 200: billingSettingsSchema, ...commonErrors },
      },
    },
    (request) => inTenant(request, (tx, a) => updateBillingSettings(tx, a, request.body)),
  );
};
