import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { recordAudit } from '../audit/audit.store.js';
import { auditBy } from '../audit/audit-actor.js';
import { inTenant } from '../platform/http/access.js';
import { commonErrors, idParams, localDate, problemSchema } from '../platform/http/schemas.js';
import { invalid, notFound } from '../shared/domain-error.js';
import {
  availabilityOf,
  deleteStaffLeave,
  insertStaffLeave,
  replaceWorkingHours,
  staffLeaveOf,
  workingHoursOf,
} from './schedule.store.js';

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
      inTenant(request, async (tx, actor) => {
        if (!(await availabilityOf(tx, actor.organisationId, request.params.id)))
          throw notFound('Staff member');
        return { items: await workingHoursOf(tx, actor.organisationId, request.params.id) };
      }),
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
      inTenant(request, async (tx, actor) => {
        const id = request.params.id;
        const before = await availabilityOf(tx, actor.organisationId, id);
        if (!before) throw notFound('Staff member');
        request.body.items.forEach((w, i) => {
          if (w.endsAt <= w.startsAt) throw invalid(`items.${i}.endsAt`, 'must be after startsAt');
        });
        await replaceWorkingHours(tx, actor.organisationId, id, request.body.items);
        const items = await workingHoursOf(tx, actor.organisationId, id);
        await recordAudit(tx, {
          ...auditBy(actor),
          action: 'update',
          entityType: 'staff_working_hours',
          entityId: id,
          before: before.workingHours,
          after: items,
        });
        return { items };
      }),
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
        items: await staffLeaveOf(tx, actor.organisationId, request.params.id),
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
      reply.status(201).send(
        await inTenant(request, async (tx, actor) => {
          if (request.body.endsOn < request.body.startsOn)
            throw invalid('endsOn', 'must not be before startsOn');
          if (!(await availabilityOf(tx, actor.organisationId, request.params.id)))
            throw notFound('Staff member');
          const leave = await insertStaffLeave(tx, actor.organisationId, request.params.id, request.body);
          await recordAudit(tx, {
            ...auditBy(actor),
            action: 'create',
            entityType: 'staff_leave',
            entityId: leave.id,
            after: leave,
          });
          return leave;
        }),
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
      await inTenant(request, async (tx, actor) => {
        if (!(await deleteStaffLeave(tx, actor.organisationId, request.params.id)))
          throw notFound('Staff leave');
        await recordAudit(tx, {
          ...auditBy(actor),
          action: 'delete',
          entityType: 'staff_leave',
          entityId: request.params.id,
        });
      });
      return reply.status(204).send(null);
    },
  );
};
