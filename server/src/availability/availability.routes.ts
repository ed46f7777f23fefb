import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { inTenant } from '../platform/http/access.js';
import { commonErrors, idParams, localDate, problemSchema } from '../platform/http/schemas.js';
import {
  listStaffLeave,
  recordStaffLeave,
  removeStaffLeave,
  setWorkingHours,
  staffWorkingHours,
} from './staff-availability.action.js';

const errors = { ...commonErrors, 409: problemSchema };
const tags = ['staff availability'];
const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time HH:MM');
const windowSchema = z.object({
  weekday: z.number().int().min(1).max(7).meta({ description: 'ISO weekday: 1 = Monday … 7 = Sunday' }),
  startsAt: hhmm,
  endsAt: z.union([hhmm, z.literal('24:00')]),
});
const leaveSchema = z.object({
  id: z.uuid(),
  startsOn: z.string(),
  endsOn: z.string(),
  reason: z.string().nullable(),
});
const reader = ['staff.manage', 'bookings.read', 'bookings.write'] as const;

export const availabilityRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/staff/:id/working-hours',
    {
      config: { access: [...reader] },
      schema: {
        summary: "A staff member's weekly working hours",
        tags,
        params: idParams,
        response: { 200: z.object({ items: z.array(windowSchema) }), ...errors },
      },
    },
    (request) =>
      inTenant(request, async (tx, actor) => ({
        items: await staffWorkingHours(tx, actor, request.params.id),
      })),
  );
  app.put(
    '/staff/:id/working-hours',
    {
      config: { access: 'staff.manage' },
      schema: {
        tags,
        summary:
          "Replace the weekly working hours (wall clock in the staff member's zone); an empty list means none recorded",
        params: idParams,
        body: z.object({ items: z.array(windowSchema).max(50) }),
        response: { 200: z.object({ items: z.array(windowSchema) }), ...errors },
      },
    },
    (request) =>
      inTenant(request, async (tx, actor) => ({
        items: await setWorkingHours(tx, actor, request.params.id, request.body.items),
      })),
  );
  app.get(
    '/staff/:id/leave',
    {
      config: { access: [...reader] },
      schema: {
        summary: "A staff member's leave",
        tags,
        params: idParams,
        response: { 200: z.object({ items: z.array(leaveSchema) }), ...errors },
      },
    },
    (request) =>
      inTenant(request, async (tx, actor) => ({
        items: await listStaffLeave(tx, actor, request.params.id),
      })),
  );
  app.post(
    '/staff/:id/leave',
    {
      config: { access: 'staff.manage' },
      schema: {
        tags,
        summary: 'Record staff leave (inclusive local dates); bookings in it are flagged, not moved',
        params: idParams,
        body: z.object({
          startsOn: localDate,
          endsOn: localDate,
          reason: z.string().trim().max(500).nullable().default(null),
        }),
        response: { 201: leaveSchema, ...errors },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          await inTenant(request, (tx, actor) =>
            recordStaffLeave(tx, actor, request.params.id, request.body),
          ),
        ),
  );
  app.delete(
    '/staff-leave/:id',
    {
      config: { access: 'staff.manage' },
      schema: {
        summary: 'Remove a period of staff leave',
        tags,
        params: idParams,
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      await inTenant(request, (tx, actor) => removeStaffLeave(tx, actor, request.params.id));
      return reply.status(204).send(null);
    },
  );
};
