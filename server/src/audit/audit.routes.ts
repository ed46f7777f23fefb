import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Tx } from '../platform/db/database.js';
import { inTenant } from '../platform/http/access.js';
import { commonErrors, instant, listQuery, pageOf } from '../platform/http/schemas.js';
import { decodeCursor, toPage } from '../shared/cursor.js';
import { formatInstant } from '../shared/organisation-formats.js';
import { describeAuditEvent, entityWords, idsMentioned } from './audit-describer.js';
import { type AuditFilter, listAuditEvents, namesForIds, organisationFormats } from './audit-events.store.js';

const auditEventSchema = z
  .object({
    id: z.uuid(),
    occurredAt: z.string(),
    occurredAtText: z.string().meta({
      description: "When, in the organisation's zone and words: 'Tue 1 Dec 2026, 09:00 AEDT'",
    }),
    actor: z.object({ userId: z.uuid().nullable(), label: z.string().nullable() }).nullable(),
    action: z.enum(['create', 'update', 'delete', 'sign_in', 'sign_in_failed', 'sign_out']),
    entityType: z.string(),
    entityId: z.uuid().nullable(),
    description: z.string().meta({
      description:
        'What happened, in words: "Sam Okafor moved Personal care for Grace Harris from 09:00 to 10:30"',
    }),
    changes: z
      .array(z.object({ field: z.string(), before: z.string(), after: z.string() }))
      .meta({ description: 'The fields an update changed, with names instead of ids' }),
    before: z.unknown(),
    after: z.unknown(),
    ip: z.string().nullable(),
  })
  .meta({ id: 'AuditEvent' });

const auditQuery = listQuery.extend({
  entityType: z.string().max(50).optional(),
  entityId: z.uuid().optional(),
  actorUserId: z.uuid().optional().meta({ description: 'Only what this person (user) did' }),
  clientId: z.uuid().optional().meta({ description: 'Only events about this client' }),
  staffId: z.uuid().optional().meta({ description: 'Only events about this staff member or their work' }),
  occurredFrom: instant.optional().meta({ description: 'From this instant (inclusive)' }),
  occurredTo: instant.optional().meta({ description: 'Until this instant (exclusive)' }),
});
type AuditQuery = z.infer<typeof auditQuery>;

const filterOf = (q: AuditQuery): Omit<AuditFilter, 'limit' | 'after'> => ({
  ...(q.entityType ? { entityType: q.entityType } : {}),
  ...(q.entityId ? { entityId: q.entityId } : {}),
  ...(q.actorUserId ? { actorUserId: q.actorUserId } : {}),
  ...(q.clientId ? { clientId: q.clientId } : {}),
  ...(q.staffId ? { staffId: q.staffId } : {}),
  ...(q.occurredFrom ? { occurredFrom: q.occurredFrom } : {}),
  ...(q.occurredTo ? { occurredTo: q.occurredTo } : {}),
});

type Row = Awaited<ReturnType<typeof listAuditEvents>>[number];

async function describedRows(tx: Tx, organisationId: string, rows: Row[]) {
  const formats = await organisationFormats(tx, organisationId);
  const names = await namesForIds(
    tx,
    organisationId,
    idsMentioned(rows.flatMap((r) => [r.before, r.after])),
    formats.locale,
  );
  return rows.map((r) => {
    const { sentence, changes } = describeAuditEvent(
      {
        action: r.action,
        entityType: r.entity_type,
        actorLabel: r.actor_label,
        before: r.before,
        after: r.after,
      },
      { names, formats },
    );
    return {
      id: r.id,
      occurredAt: r.occurred_at.toString(),
      occurredAtText: formatInstant(r.occurred_at, formats),
      actor: r.actor_user_id || r.actor_label ? { userId: r.actor_user_id, label: r.actor_label } : null,
      action: r.action,
      entityType: r.entity_type,
      entityId: r.entity_id,
      description: sentence,
      changes,
      before: r.before ?? null,
      after: r.after ?? null,
      ip: r.ip,
    };
  });
}

const CSV_LIMIT = 10_000;
const csvCell = (v: string) =>
  /[",\n\r]/.test(v) || /^[=+\-@]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v;

export const auditRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/audit-events',
    {
      config: { access: 'audit.read' },
      schema: {
        tags: ['audit'],
        summary: 'The append-only audit trail, newest first, each event in words',
        querystring: auditQuery,
        response: { 200: pageOf(auditEventSchema), ...commonErrors },
      },
    },
    (request) =>
      inTenant(request, async (tx, actor) => {
        const { limit, cursor } = request.query;
        const after = decodeCursor(cursor, ['instant', 'uuid']) as [string, string] | undefined;
        const rows = await listAuditEvents(tx, actor.organisationId, {
          ...filterOf(request.query),
          limit,
          ...(after ? { after } : {}),
        });
        const described = await describedRows(tx, actor.organisationId, rows);
        const byId = new Map(described.map((d) => [d.id, d]));
        return toPage(
          rows,
          limit,
          (r) => byId.get(r.id)!,
          (r) => [r.occurred_at.toString(), r.id],
        );
      }),
  );

  app.get(
    '/audit-events.csv',
    {
      config: { access: 'audit.read' },
      schema: {
        tags: ['audit'],
        summary: `The audit trail as CSV for a compliance audit (the same filters; newest first, at most ${CSV_LIMIT.toLocaleString('en-AU')} rows)`,
        querystring: auditQuery.omit({ limit: true, cursor: true }),
        produces: ['text/csv'],
      },
    },
    async (request, reply) => {
      const body = await inTenant(request, async (tx, actor) => {
        const rows = await listAuditEvents(tx, actor.organisationId, {
          ...filterOf(request.query as AuditQuery),
          limit: CSV_LIMIT - 1,
        });
        const described = await describedRows(tx, actor.organisationId, rows);
        const lines = [
          ['When', 'When (UTC)', 'Who', 'Action', 'What', 'Description', 'Changes', 'IP address'].join(','),
        ];
        for (const d of described)
          lines.push(
            [
              d.occurredAtText,
              d.occurredAt,
              d.actor?.label ?? '',
              d.action,
              entityWords(d.entityType),
              d.description,
              d.changes.map((c) => `${c.field}: ${c.before} → ${c.after}`).join('; '),
              d.ip ?? '',
            ]
              .map(csvCell)
              .join(','),
          );
        return `${lines.join('\r\n')}\r\n`;
      });
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', 'attachment; filename="audit-trail.csv"')
        .send(`\uFEFF${body}`);
    },
  );
};
