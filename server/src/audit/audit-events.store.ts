import { sql } from 'kysely';
import { type Tx, ts } from '../platform/db/database.js';
import {
  currencyForCountry,
  localeForCountry,
  type OrganisationFormats,
} from '../shared/organisation-formats.js';

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
  locale = 'en-AU',
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
  const named = (
    table:
      | 'external_providers'
      | 'roles'
      | 'resources'
      | 'service_types'
      | 'scheduled_services'
      | 'service_plans'
      | 'contract_types'
      | 'client_contracts',
  ) =>
    tx
      .selectFrom(table)
      .where('organisation_id', '=', organisationId)
      .where('id', 'in', ids)
      .select(['id', 'name'])
      .execute();
  const others = await Promise.all([
    named('external_providers'),
    named('roles'),
    named('resources'),
    named('service_types'),
    named('scheduled_services'),
    named('service_plans'),
    named('contract_types'),
    named('client_contracts'),
  ]);
  const bookings = await tx
    .selectFrom('bookings')
    .where('organisation_id', '=', organisationId)
    .where('id', 'in', ids)
    .select([
      'id',
      sql<string>`name || ' on ' || to_char(starts_at AT TIME ZONE time_zone, ${locale === 'en-US' ? 'MM/DD/YYYY' : 'DD/MM/YYYY'})`.as(
        'name',
      ),
    ])
    .execute();
  const invoices = await tx
    .selectFrom('invoices')
    .where('organisation_id', '=', organisationId)
    .where('id', 'in', ids)
    .select(['id', sql<string>`coalesce('invoice ' || number, 'draft invoice')`.as('name')])
    .execute();
  const services = await tx
    .selectFrom('services')
    .where('organisation_id', '=', organisationId)
    .where('id', 'in', ids)
    .select(['id', 'title as name'])
    .execute();
  for (const r of [...clients, ...staff, ...users, ...others.flat(), ...bookings, ...invoices, ...services])
    if (!names.has(r.id)) names.set(r.id, r.name);
  return names;
}

/** How the organisation writes instants, dates and money: its zone, its country's locale, its currency. */
export async function organisationFormats(tx: Tx, organisationId: string): Promise<OrganisationFormats> {
  const row = await tx
    .selectFrom('organisations as o')
    .leftJoin('organisation_billing_settings as b', 'b.organisation_id', 'o.id')
    .where('o.id', '=', organisationId)
    .select(['o.time_zone as timeZone', 'o.country as country', 'b.currency as currency'])
    .executeTakeFirstOrThrow();
  return {
    timeZone: row.timeZone,
    locale: localeForCountry(row.country),
    currency: row.currency ?? currencyForCountry(row.country),
  };
}
