import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { Temporal } from 'temporal-polyfill';
import { z } from 'zod';
import { inTenant } from '../platform/http/access.js';
import { commonErrors } from '../platform/http/schemas.js';
import { bandFamilies, catalogueItems, importCatalogue, saveBandFamily } from './catalogue.action.js';
import {
  bandFamilyInput,
  bandFamilySchema,
  catalogueImportInput,
  catalogueImportResult,
  catalogueQuery,
  priceCheckInput,
  priceCheckSchema,
  supportItemSchema,
} from './catalogue.schemas.js';
import { priceCheck } from './catalogue-price-check.action.js';

const tags = ['NDIS catalogue'];
const readers = ['contracts.manage', 'billing.run', 'bookings.write'] as const;

export const ndisCatalogueRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/ndis/catalogue/imports',
    {
      config: { access: 'contracts.manage' },
      bodyLimit: 25_000_000,
      schema: {
        summary: 'Import the NDIA Support Catalogue (its CSV export); one bad row rejects the whole file',
        description:
          'Columns are found by their header names. Each imported item replaces the versions of its number ' +
          'that start on or after its start date, and ends the open version before it.',
        tags,
        body: catalogueImportInput,
        response: { 201: catalogueImportResult, ...commonErrors },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          await inTenant(request, (tx, a) => importCatalogue(tx, a, request.body.csv, request.body.source)),
        ),
  );
  app.get(
    '/ndis/catalogue/items',
    {
      config: { access: [...readers] },
      schema: {
        summary: 'Support items with their price limits and claim flags (at most 2,000)',
        tags,
        querystring: catalogueQuery,
        response: { 200: z.object({ items: z.array(supportItemSchema) }), ...commonErrors },
      },
    },
    (request) =>
      inTenant(request, async (tx, a) => ({
        items: await catalogueItems(tx, a, {
          on: request.query.on ?? null,
          search: request.query.search ?? null,
        }),
      })),
  );
  app.get(
    '/ndis/catalogue/families',
    {
      config: { access: [...readers] },
      schema: {
        summary: 'Time-band families: the item claimed for each band (weekday daytime … public holiday)',
        tags,
        response: { 200: z.object({ items: z.array(bandFamilySchema) }), ...commonErrors },
      },
    },
    (request) => inTenant(request, async (tx, a) => ({ items: await bandFamilies(tx, a) })),
  );
  app.put(
    '/ndis/catalogue/families/:family',
    {
      config: { access: 'contracts.manage' },
      schema: {
        summary:
          "Set a family's item per time band; a service naming any member is claimed under its band's item",
        tags,
        params: z.object({ family: z.string().trim().min(1).max(200) }),
        body: bandFamilyInput,
        response: { 200: bandFamilySchema, ...commonErrors },
      },
    },
    (request) =>
      inTenant(request, (tx, a) => saveBandFamily(tx, a, request.params.family, request.body.bands)),
  );
  app.post(
    '/ndis/catalogue/price-check',
    {
      config: { access: [...readers] },
      schema: {
        summary: "A visit's time band, the item it picks and whether a rate is within the item's price limit",
        description:
          "The band is the visit's (public holidays of the state of delivery); the limit is the one for the " +
          "visit's date and the participant's zone; above it the answer refuses or warns, per the claim settings.",
        tags,
        body: priceCheckInput,
        response: { 200: priceCheckSchema, ...commonErrors },
      },
    },
    (request) =>
      inTenant(request, (tx, a) =>
        priceCheck(tx, a, {
          ...request.body,
          start: Temporal.Instant.from(request.body.start),
          end: Temporal.Instant.from(request.body.end),
        }),
      ),
  );
};
