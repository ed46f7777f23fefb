import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { inTenant } from '../platform/http/access.js';
import { commonErrors, idParams, problemSchema } from '../platform/http/schemas.js';
import {
  bedInput,
  bedSchema,
  bedsCalendarSchema,
  bedsOverviewSchema,
  calendarQuery,
  cancelStayInput,
  checkOutInput,
  holdStayInput,
  limitsInput,
  limitsSchema,
  occupancyQuery,
  occupancySchema,
  outOfServiceInput,
  profileInput,
  profileSchema,
  roomInput,
  roomSchema,
  siteInput,
  siteSchema,
  stayChangeInput,
  stayInput,
  staySchema,
  vacancyQuery,
  vacancySchema,
} from './accommodation.schemas.js';
import {
  accommodationLimits,
  bedsOverview,
  changeBed,
  changeSite,
  clientProfile,
  createBed,
  createRoom,
  createSite,
  putOutOfService,
  removeBed,
  renameRoom,
  saveAccommodationLimits,
  saveClientProfile,
} from './beds.action.js';
import { bedsCalendar, occupancyReport, vacancies } from './beds-read.action.js';
import { cancelStay, checkIn, checkOut, confirmStay, editStay, holdStay } from './stay-changes.action.js';
import { stayServiceRoutes } from './stay-services.routes.js';
import { createStay, loadStay, stayView } from './stays.action.js';

const errors = { ...commonErrors, 409: problemSchema };
const tags = ['beds and accommodation'];
const reader = ['bookings.read', 'bookings.write'] as const;
const admin = 'scheduling.configure' as const;
const writer = 'bookings.write' as const;

export const accommodationRoutes: FastifyPluginAsyncZod = async (app) => {
  await app.register(stayServiceRoutes);
  app.get(
    '/beds',
    {
      config: { access: [...reader] },
      schema: {
        summary: "Sites, rooms and beds, each bed's status today",
        tags,
        response: { 200: bedsOverviewSchema, ...errors },
      },
    },
    (request) => inTenant(request, (tx, a) => bedsOverview(tx, a, app.clock())),
  );
  app.post(
    '/accommodation-sites',
    {
      config: { access: admin },
      schema: { summary: 'Add a site', tags, body: siteInput, response: { 201: siteSchema, ...errors } },
    },
    async (request, reply) =>
      reply.status(201).send(await inTenant(request, (tx, a) => createSite(tx, a, request.body))),
  );
  app.put(
    '/accommodation-sites/:id',
    {
      config: { access: admin },
      schema: {
        summary: 'Change a site',
        tags,
        params: idParams,
        body: siteInput,
        response: { 200: siteSchema, ...errors },
      },
    },
    (request) => inTenant(request, (tx, a) => changeSite(tx, a, request.params.id, request.body)),
  );
  app.post(
    '/accommodation-sites/:id/rooms',
    {
      config: { access: admin },
      schema: {
        summary: 'Add a room to a site',
        tags,
        params: idParams,
        body: roomInput,
        response: { 201: roomSchema, ...errors },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await inTenant(request, (tx, a) => createRoom(tx, a, request.params.id, request.body.name))),
  );
  app.put(
    '/rooms/:id',
    {
      config: { access: admin },
      schema: {
        summary: 'Rename a room',
        tags,
        params: idParams,
        body: roomInput,
        response: { 200: roomSchema, ...errors },
      },
    },
    (request) => inTenant(request, (tx, a) => renameRoom(tx, a, request.params.id, request.body.name)),
  );
  app.post(
    '/beds',
    {
      config: { access: admin },
      schema: {
        summary: 'Add a bed to a room',
        tags,
        body: bedInput,
        response: { 201: bedSchema, ...errors },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await inTenant(request, (tx, a) => createBed(tx, a, request.body, app.clock()))),
  );
  app.put(
    '/beds/:id',
    {
      config: { access: admin },
      schema: {
        summary: 'Change a bed',
        tags,
        params: idParams,
        body: bedInput,
        response: { 200: bedSchema, ...errors },
      },
    },
    (request) => inTenant(request, (tx, a) => changeBed(tx, a, request.params.id, request.body, app.clock())),
  );
  app.delete(
    '/beds/:id',
    {
      config: { access: admin },
      schema: {
        summary: 'Remove a bed that never had a stay',
        tags,
        params: idParams,
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      await inTenant(request, (tx, a) => removeBed(tx, a, request.params.id));
      return reply.status(204).send(null);
    },
  );
  app.post(
    '/beds/:id/out-of-service',
    {
      config: { access: admin },
      schema: {
        summary: 'Take a bed out of service for some nights, with a reason (refused while stays have it)',
        description: 'Cancel the returned block to put the bed back in service, or change its dates.',
        tags,
        params: idParams,
        body: outOfServiceInput,
        response: { 201: staySchema, ...errors },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          await inTenant(request, (tx, a) =>
            putOutOfService(tx, a, request.params.id, request.body, app.clock()),
          ),
        ),
  );
  app.get(
    '/beds/calendar',
    {
      config: { access: [...reader] },
      schema: {
        summary: 'The beds calendar: beds by site and room, stays, holds, blocks and occupancy per night',
        tags,
        querystring: calendarQuery,
        response: { 200: bedsCalendarSchema, ...errors },
      },
    },
    (request) =>
      inTenant(request, (tx, a) => bedsCalendar(tx, a, request.query.from, request.query.to, app.clock())),
  );
  app.get(
    '/beds/vacancies',
    {
      config: { access: [...reader] },
      schema: {
        summary: 'Beds free for every night of a stay, ranked by fit for the client',
        tags,
        querystring: vacancyQuery,
        response: { 200: vacancySchema, ...errors },
      },
    },
    (request) => inTenant(request, (tx, a) => vacancies(tx, a, request.query, app.clock())),
  );
  app.get(
    '/beds/occupancy',
    {
      config: { access: [...reader] },
      schema: {
        summary: 'Occupancy and utilisation per site and month',
        tags,
        querystring: occupancyQuery,
        response: { 200: occupancySchema, ...errors },
      },
    },
    (request) =>
      inTenant(request, (tx, a) => occupancyReport(tx, a, request.query.from, request.query.months)),
  );
  app.post(
    '/stays',
    {
      config: { access: writer },
      schema: {
        summary: 'Book a bed, put one on hold, or record an enquiry',
        description:
          'Refused (409) when the bed is taken on any night, when the client already occupies a bed then, or ' +
          'when the client is not eligible (unless eligibilityOverrideReason is given by a coordinator).',
        tags,
        body: stayInput,
        response: { 201: staySchema, ...errors },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await inTenant(request, (tx, a) => createStay(tx, a, request.body, app.clock()))),
  );
  app.get(
    '/stays/:id',
    {
      config: { access: [...reader] },
      schema: {
        summary: 'A stay, its services and warnings',
        tags,
        params: idParams,
        response: { 200: staySchema, ...errors },
      },
    },
    (request) =>
      inTenant(request, async (tx, a) => stayView(tx, a, await loadStay(tx, a, request.params.id))),
  );
  app.patch(
    '/stays/:id',
    {
      config: { access: writer },
      schema: {
        summary: 'Extend, shorten or move a stay to another bed, with the checks of a new booking',
        tags,
        params: idParams,
        body: stayChangeInput,
        response: { 200: staySchema, ...errors },
      },
    },
    (request) => inTenant(request, (tx, a) => editStay(tx, a, request.params.id, request.body, app.clock())),
  );
  app.post(
    '/stays/:id/hold',
    {
      config: { access: writer },
      schema: {
        summary: 'Put an enquiry or a booking on hold until an expiry, with its outcome then',
        tags,
        params: idParams,
        body: holdStayInput,
        response: { 200: staySchema, ...errors },
      },
    },
    (request) => inTenant(request, (tx, a) => holdStay(tx, a, request.params.id, request.body, app.clock())),
  );
  const transition = (path: string, summary: string, run: typeof confirmStay) =>
    app.post(
      `/stays/:id/${path}`,
      {
        config: { access: writer },
        schema: { summary, tags, params: idParams, response: { 200: staySchema, ...errors } },
      },
      (request) => inTenant(request, (tx, a) => run(tx, a, request.params.id, app.clock())),
    );
  transition('confirm', 'Confirm an enquiry or a hold: the stay is booked', confirmStay);
  transition('check-in', 'Check the client in', checkIn);
  app.post(
    '/stays/:id/check-out',
    {
      config: { access: writer },
      schema: {
        summary: 'Check the client out; leaving early frees the remaining nights',
        tags,
        params: idParams,
        body: checkOutInput,
        response: { 200: staySchema, ...errors },
      },
    },
    (request) =>
      inTenant(request, (tx, a) => checkOut(tx, a, request.params.id, request.body.leaveOn, app.clock())),
  );
  app.post(
    '/stays/:id/cancel',
    {
      config: { access: writer },
      schema: {
        summary: 'Cancel a stay (or an out-of-service block) with a reason',
        tags,
        params: idParams,
        body: cancelStayInput,
        response: { 200: staySchema, ...errors },
      },
    },
    (request) =>
      inTenant(request, (tx, a) => cancelStay(tx, a, request.params.id, request.body.reason, app.clock())),
  );
  app.get(
    '/clients/:id/accommodation-profile',
    {
      config: { access: [...reader] },
      schema: {
        summary: 'What the client needs of a bed: gender, preferred site, amenities',
        tags,
        params: idParams,
        response: { 200: profileSchema, ...errors },
      },
    },
    (request) => inTenant(request, (tx, a) => clientProfile(tx, a, request.params.id)),
  );
  app.put(
    '/clients/:id/accommodation-profile',
    {
      config: { access: writer },
      schema: {
        summary: 'Set what the client needs of a bed',
        tags,
        params: idParams,
        body: profileInput,
        response: { 200: profileSchema, ...errors },
      },
    },
    (request) => inTenant(request, (tx, a) => saveClientProfile(tx, a, request.params.id, request.body)),
  );
  app.get(
    '/accommodation-limits',
    {
      config: { access: [...reader] },
      schema: {
        summary: 'Short-term accommodation limits per funding type (warned about, not refused)',
        tags,
        response: { 200: limitsSchema, ...errors },
      },
    },
    (request) => inTenant(request, (tx, a) => accommodationLimits(tx, a)),
  );
  app.put(
    '/accommodation-limits',
    {
      config: { access: admin },
      schema: {
        summary: 'Set the short-term accommodation limits',
        tags,
        body: limitsInput,
        response: { 200: limitsSchema, ...errors },
      },
    },
    (request) => inTenant(request, (tx, a) => saveAccommodationLimits(tx, a, request.body)),
  );
};
