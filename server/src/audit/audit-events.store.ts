import { sql } from 'kysely';
import { type Tx, ts } from '../platform/db/database.js';

/** Reading the audit trail (writes are audit.store.ts's, from actions only). */
export type AuditFilter = {
  entityType?: string;
  entityId?: string;
  /** The person who acted (a user id). */
  actorUserId?: string;
  /** Events about this client: the client itself, or anything whose record names it. */
  clientId?: string;
  /** Events about this staff member: the staff record, or anything assigned to them. */
  staffId?: string;
  /** Instants, from inclusive, to exclusive. */
  occurredFrom?: string;
  occurredTo?: string;
  after?: [string, string];
  limit: number;
};

export async function listAuditEvents(tx: Tx, organisationId: string, f: AuditFilter) {
  let q = tx
    .selectFrom('audit_events')
    .where('organisation_id', '=', organisationId)
    .selectAll()
    .orderBy('occurred_at', 'desc')
    .orderBy('id', 'desc')
    .limit(f.limit + 1);
  if (f.entityType) q = q.where('entity_type', '=', f.entityType);
  if (f.entityId) q = q.where('entity_id', '=', f.entityId);
  if (f.actorUserId) q = q.where('actor_user_id', '=', f.actorUserId);
  if (f.occurredFrom) q = q.where('occurred_at', '>=', ts(f.occurredFrom));
  if (f.occurredTo) q = q.where('occurred_at', '<', ts(f.occurredTo));
  const { clientId, staffId } = f;
  if (clientId)
    q = q.where((eb) =>
      eb.or([
        eb.and([eb('entity_type', '=', 'client'), eb('entity_id', '=', clientId)]),
        eb(sql<string>`after->>'clientId'`, '=', clientId),
        eb(sql<string>`before->>'clientId'`, '=', clientId),
      ]),
    );
  if (staffId)
    q = q.where((eb) =>
      eb.or([
        eb.and([eb('entity_type', '=', 'staff'), eb('entity_id', '=', staffId)]),
        eb(sql<string>`after->'assignee'->>'id'`, '=', staffId),
        eb(sql<string>`before->'assignee'->>'id'`, '=', staffId),
        eb(sql<string>`after->>'staffId'`, '=', staffId),
        eb(sql<string>`before->>'staffId'`, '=', staffId),
      ]),
    );
  if (f.after) {
    const [at, id] = f.after;
    q = q.where((eb) =>
      eb.or([eb('occurred_at', '<', ts(at)), eb.and([eb('occurred_at', '=', ts(at)), eb('id', '<', id)])]),
    );
  }
  return q.execute();
}

/** Names for the ids an audit page mentions: clients, staff members, users (as their staff member). */
export async function namesForIds(
  tx: Tx,
  organisationId: string,
  ids: string[],
): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  if (ids.length === 0) return names;
  const clients = await tx
    .selectFrom('clients')
    .where('organisation_id', '=', organisationId)
    .where('id', 'in', ids)
    .select(['id', sql<string>`coalesce(preferred_name, given_name) || ' ' || family_name`.as('name')])
    .execute();
  const staff = await tx
    .selectFrom('staff')
    .where('organisation_id', '=', organisationId)
    .where('id', 'in', ids)
    .select(['id', sql<string>`given_name || ' ' || family_name`.as('name')])
    .execute();
  const users = await tx
    .selectFrom('users')
    .innerJoin('staff', (j) =>
      j.onRef('staff.organisation_id', '=', 'users.organisation_id').onRef('staff.id', '=', 'users.staff_id'),
    )
    .where('users.organisation_id', '=', organisationId)
    .where('users.id', 'in', ids)
    .select(['users.id as id', sql<string>`staff.given_name || ' ' || staff.family_name`.as('name')])
    .execute();
  for (const r of [...clients, ...staff, ...users]) names.set(r.id, r.name);
  return names;
}
