import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { inTenant } from '../platform/http/access.js';
import { commonErrors, idParams, problemSchema } from '../platform/http/schemas.js';
import { availableSlots } from './slot-search.action.js';
import {
  addStaffBreak,
  changeHolidayRegion,
  changeWorkSchedule,
  createWorkSchedule,
  removeStaffBreak,
  removeWorkSchedule,
  staffBreaks,
  workSchedules,
} from './work-schedules.action.js';
import {
  breakInput,
  breakSchema,
  slotQuery,
  slotsSchema,
  workScheduleInput,
  workScheduleSchema,
} from './work-schedules.schemas.js';

const errors = { ...commonErrors, 409: problemSchema };
const tags = ['work schedules'];
// Associates read and change their own (checked in the actions); managers and coordinators anyone's.
const access = ['staff.manage', 'bookings.read', 'bookings.write', 'appointments.own'] as const;
const region = z
  .string()
  .regex(/^[A-Z]{2}(-[A-Z0-9]{1,3})?$/, 'must be a country code, optionally with a state, e.g. AU-NSW')
  .nullable();

export const workScheduleRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/staff/:id/work-schedules',
    {
      config: { access: [...access] },
      schema: {
        summary: "An associate's work schedules, zone and holiday region",
        tags,
        params: idParams,
        response: {
          200: z.object({
            timeZone: z.string(),
            holidayRegion: z.string().nullable(),
            items: z.array(workScheduleSchema),
          }),
          ...errors,
        },
      },
    },
    (request) => inTenant(request, (tx, actor) => workSchedules(tx, actor, request.params.id)),
  );
  app.post(
    '/staff/:id/work-schedules',
    {
      config: { access: [...access] },
      schema: {
        summary: 'Add a work schedule: weekly availability lines, a type and the pay rate that applies',
        tags,
        params: idParams,
        body: workScheduleInput,
        response: { 201: workScheduleSchema, ...errors },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          await inTenant(request, (tx, actor) =>
            createWorkSchedule(tx, actor, request.params.id, request.body),
          ),
        ),
  );
  app.put(
    '/work-schedules/:id',
    {
      config: { access: [...access] },
      schema: {
        summary: 'Replace a work schedule (its lines included)',
        tags,
        params: idParams,
        body: workScheduleInput,
        response: { 200: workScheduleSchema, ...errors },
      },
    },
    (request) =>
      inTenant(request, (tx, actor) => changeWorkSchedule(tx, actor, request.params.id, request.body)),
  );
  app.delete(
    '/work-schedules/:id',
    {
      config: { access: [...access] },
      schema: {
        summary: 'Remove a work schedule',
        tags,
        params: idParams,
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      await inTenant(request, (tx, actor) => removeWorkSchedule(tx, actor, request.params.id));
      return reply.status(204).send(null);
    },
  );
  app.put(
    '/staff/:id/holiday-region',
    {
      config: { access: [...access] },
      schema: {
        summary: "Set the region whose public holidays block the associate's schedules (null: none)",
        tags,
        params: idParams,
        body: z.object({ holidayRegion: region }),
        response: { 200: z.object({ holidayRegion: z.string().nullable() }), ...errors },
      },
    },
    (request) =>
      inTenant(request, (tx, actor) =>
        changeHolidayRegion(tx, actor, request.params.id, request.body.holidayRegion),
      ),
  );
  app.get(
    '/staff/:id/breaks',
    {
      config: { access: [...access] },
      schema: {
        summary: "An associate's breaks (full or part days)",
        tags,
        params: idParams,
        response: { 200: z.object({ items: z.array(breakSchema) }), ...errors },
      },
    },
    (request) =>
      inTenant(request, async (tx, actor) => ({ items: await staffBreaks(tx, actor, request.params.id) })),
  );
  app.post(
    '/staff/:id/breaks',
    {
      config: { access: [...access] },
      schema: {
        summary:
          'Add a break: whole days, or part of a day with from and to times; bookings in it are not moved',
        tags,
        params: idParams,
        body: breakInput,
        response: { 201: breakSchema, ...errors },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          await inTenant(request, (tx, actor) => addStaffBreak(tx, actor, request.params.id, request.body)),
        ),
  );
  app.delete(
    '/staff-breaks/:id',
    {
      config: { access: [...access] },
      schema: { summary: 'Remove a break', tags, params: idParams, response: { 204: z.null(), ...errors } },
    },
    async (request, reply) => {
      await inTenant(request, (tx, actor) => removeStaffBreak(tx, actor, request.params.id));
      return reply.status(204).send(null);
    },
  );
  app.get(
    '/staff/:id/available-slots',
    {
      config: { access: [...access] },
      schema: {
        summary: 'When the associate is "Available" for a session of a given length over the next days',
        description:
          "Schedule lines minus bookings, breaks, leave and the public holidays of the associate's region; each " +
          "start in the associate's zone and, with clientId, the client's.",
        tags,
        params: idParams,
        querystring: slotQuery,
        response: { 200: slotsSchema, ...errors },
      },
    },
    (request) =>
      inTenant(request, (tx, actor) =>
        availableSlots(tx, actor, request.params.id, request.query, app.clock()),
      ),
  );
};
