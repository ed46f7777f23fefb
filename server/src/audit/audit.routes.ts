import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { inTenant } from '../platform/http/access.js';
import { commonErrors, listQuery, pageOf } from '../platform/http/schemas.js';
import { decodeCursor, toPage } from '../shared/cursor.js';
import { listAuditEvents } from './audit-events.store.js';

const auditEventSchema = z
  .object({
    id: z.uuid(),
    occurredAt: z.string(),
    actor: z.object({ userId: z.uuid().nullable(), label: z.string().nullable() }).nullable(),
    action: z.enum(['create', 'update', 'delete', 'sign_in', 'sign_in_failed', 'sign_out']),
    entityType: z.string(),
    entityId: z.uuid().nullable(),
    before: z.unknown(),
    after: z.unknown(),
    ip: z.string().nullable(),
  })
  .meta({ id: 'AuditEvent' });

export const auditRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/audit-events',
    {
      config: { access: 'audit.read' },
      schema: {
        tags: ['audit'],
        summary: 'The append-only audit trail, newest first',
        querystring: listQuery.extend({
          entityType: z.string().max(50).optional(),
          entityId: z.uuid().optional(),
        }),
        response: { 200: pageOf(auditEventSchema), ...commonErrors },
      },
    },
    (request) =>
      inTenant(request, async (tx, actor) => {
        const { limit, cursor, entityType, entityId } = request.query;
        const after = decodeCursor(cursor, ['instant', 'uuid']) as [string, string] | undefined;
        const rows = await listAuditEvents(tx, actor.organisationId, { limit, entityType, entityId, after });
        return toPage(
          rows,
          limit,
          (r) => ({
            id: r.id,
            occurredAt: r.occurred_at.toString(),
            actor:
              r.actor_user_id || r.actor_label ? { userId: r.actor_user_id, label: r.actor_label } : null,
            action: r.action,
            entityType: r.entity_type,
            entityId: r.entity_id,
            before: r.before ?? null,
            after: r.after ?? null,
            ip: r.ip,
          }),
          (r) => [r.occurred_at.toString(), r.id],
        );
      }),
  );
};
