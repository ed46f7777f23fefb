import { sql } from 'kysely';
import type { Temporal } from 'temporal-polyfill';
import { type Tx, ts } from '../platform/db/database.js';

/** Reads for the sessions calendar and the completion form (tables of bookings/, people/ and identity/). */

export async function organisationZone(tx: Tx, organisationId: string): Promise<string> {
  const row = await tx
    .selectFrom('organisations')
    .where('id', '=', organisationId)
    .select('time_zone')
    .executeTakeFirstOrThrow();
  return row.time_zone;
}

export type SessionFilter = {
  staffId?: string | undefined;
  clientId?: string | undefined;
  serviceTypeId?: string | undefined;
  status?: 'booked' | 'completed' | 'cancelled' | undefined;
  category?: 'visit' | 'group' | 'stay' | undefined;
};

const takesPart = (column: 'client_id' | 'staff_id', id: string) =>
  sql<boolean>`exists (select 1 from booking_participants x where x.organisation_id = b.organisation_id
    and x.booking_id = b.id and x.${sql.ref(column)} = ${id})`;

/** A session as the calendar lists it (`sessionSummaries`): instants as epoch seconds, people as JSON. */
export type SessionSummaryRow = {
  id: string;
  category: 'visit' | 'group' | 'stay';
  name: string;
  status: 'booked' | 'completed' | 'cancelled';
  startsEpoch: number;
  endsEpoch: number;
  timeZone: string;
  seriesId: string | null;
  capacity: number | null;
  serviceTypeId: string | null;
  clients: { id: string; name: string; status: ParticipantRow['status'] }[];
  workers: { id: string; name: string; lead: boolean; status: ParticipantRow['status'] }[];
  tagIds: string[];
};

/**
 * The sessions overlapping [from, to), soonest first, filtered, with their clients, workers and tags, in one
 * query (at most `limit` rows). Each session's people come as one JSON array built by PostgreSQL and instants as
 * epoch seconds: a week holds ~1,500 sessions, and reading them as bookings with every part (six queries of
 * 1,500-id lists, every timestamp parsed into a Temporal.Instant, a view per session) took seconds under load.
 * People are in the order the session view shows them: the lead first, then as they were added.
 */
export async function sessionSummaries(
  tx: Tx,
  organisationId: string,
  from: Temporal.Instant,
  to: Temporal.Instant,
  f: SessionFilter,
  limit: number,
): Promise<SessionSummaryRow[]> {
  let q = tx
    .selectFrom('bookings as b')
    .where('b.organisation_id', '=', organisationId)
    .where('b.starts_at', '<', ts(to.toString()))
    .where('b.ends_at', '>', ts(from.toString()));
  if (f.status) q = q.where('b.status', '=', f.status);
  if (f.category) q = q.where('b.category', '=', f.category);
  if (f.staffId) q = q.where(takesPart('staff_id', f.staffId));
  if (f.clientId) q = q.where(takesPart('client_id', f.clientId));
  if (f.serviceTypeId) {
    const typeId = f.serviceTypeId;
    q = q.where((eb) =>
      eb.or([
        eb('b.service_type_id', '=', typeId),
        eb.exists(
          eb
            .selectFrom('booking_service_types as bt')
            .whereRef('bt.organisation_id', '=', 'b.organisation_id')
            .whereRef('bt.booking_id', '=', 'b.id')
            .where('bt.service_type_id', '=', typeId)
            .select('bt.booking_id'),
        ),
      ]),
    );
  }
  const rows = await q
    .select([
      'b.id',
      'b.category',
      'b.name',
      'b.status',
      sql<number>`floor(extract(epoch from b.starts_at))::float8`.as('startsEpoch'),
      sql<number>`floor(extract(epoch from b.ends_at))::float8`.as('endsEpoch'),
      'b.time_zone as timeZone',
      'b.series_id as seriesId',
      'b.capacity',
      'b.service_type_id as serviceTypeId',
      sql<SessionSummaryRow['clients']>`coalesce((
        select json_agg(json_build_object('id', p.client_id,
                 'name', coalesce(c.preferred_name, c.given_name) || ' ' || c.family_name, 'status', p.status)
               order by p.is_lead desc, p.created_at, p.id)
          from booking_participants p
          join clients c on c.organisation_id = p.organisation_id and c.id = p.client_id
         where p.organisation_id = b.organisation_id and p.booking_id = b.id and p.participant_type = 'client'
      ), '[]'::json)`.as('clients'),
      sql<SessionSummaryRow['workers']>`coalesce((
        select json_agg(json_build_object('id', coalesce(p.staff_id, p.provider_id),
                 'name', coalesce(s.given_name || ' ' || s.family_name, e.name), 'lead', p.is_lead,
                 'status', p.status)
               order by p.is_lead desc, p.participant_type = 'provider', p.created_at, p.id)
          from booking_participants p
          left join staff s on s.organisation_id = p.organisation_id and s.id = p.staff_id
          left join external_providers e on e.organisation_id = p.organisation_id and e.id = p.provider_id
         where p.organisation_id = b.organisation_id and p.booking_id = b.id
           and p.participant_type in ('staff', 'provider')
      ), '[]'::json)`.as('workers'),
      sql<string[]>`array(
        select bt.service_type_id::text
          from booking_service_types bt
          join service_types st on st.organisation_id = bt.organisation_id and st.id = bt.service_type_id
         where bt.organisation_id = b.organisation_id and bt.booking_id = b.id
         order by st.name, st.id)`.as('tagIds'),
    ])
    .orderBy('b.starts_at')
    .orderBy('b.id')
    .limit(limit)
    .execute();
  return rows as SessionSummaryRow[];
}

/** The client's location band (MMM 1-7), if recorded. */
export async function clientBand(tx: Tx, organisationId: string, clientId: string): Promise<number | null> {
  const row = await tx
    .selectFrom('clients')
    .where('organisation_id', '=', organisationId)
    .where('id', '=', clientId)
    .select('mmm_band')
    .executeTakeFirst();
  return row?.mmm_band ?? null;
}

/** The client a contract belongs to, if it is one of this organisation's client contracts. */
export async function contractClient(
  tx: Tx,
  organisationId: string,
  contractId: string,
): Promise<string | undefined> {
  const row = await tx
    .selectFrom('client_contracts')
    .where('organisation_id', '=', organisationId)
    .where('id', '=', contractId)
    .select('client_id')
    .executeTakeFirst();
  return row?.client_id;
}

export type ParticipantRow = {
  id: string;
  bookingId: string;
  type: 'client' | 'staff' | 'provider' | 'resource';
  subjectId: string;
  status: 'booked' | 'attended' | 'absent' | 'cancelled' | 'suspended';
  isLead: boolean;
  role: string | null;
};

function participantRows(tx: Tx, organisationId: string, bookingId: string) {
  return tx
    .selectFrom('booking_participants')
    .where('organisation_id', '=', organisationId)
    .where('booking_id', '=', bookingId)
    .select([
      'id',
      'booking_id as bookingId',
      'participant_type as type',
      sql<string>`coalesce(client_id, staff_id, provider_id, resource_id)`.as('subjectId'),
      'status',
      'is_lead as isLead',
      'role',
    ]);
}

export async function findParticipant(
  tx: Tx,
  organisationId: string,
  bookingId: string,
  participantId: string,
): Promise<ParticipantRow | undefined> {
  return participantRows(tx, organisationId, bookingId).where('id', '=', participantId).executeTakeFirst();
}

/** The client's rows in the booking, newest first (a cancelled one may sit beside a later one). */
export async function clientRows(
  tx: Tx,
  organisationId: string,
  bookingId: string,
  clientId: string,
): Promise<ParticipantRow[]> {
  return participantRows(tx, organisationId, bookingId)
    .where('client_id', '=', clientId)
    .orderBy('created_at', 'desc')
    .execute();
}
