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

/** The ids of sessions overlapping [from, to), soonest first, filtered. */
export async function sessionIdsBetween(
  tx: Tx,
  organisationId: string,
  from: Temporal.Instant,
  to: Temporal.Instant,
  f: SessionFilter,
  limit: number,
): Promise<string[]> {
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
  const rows = await q.select('b.id').orderBy('b.starts_at').orderBy('b.id').limit(limit).execute();
  return rows.map((r) => r.id);
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
