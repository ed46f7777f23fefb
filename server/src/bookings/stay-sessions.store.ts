import { sql } from 'kysely';
import type { Temporal } from 'temporal-polyfill';
import { type Tx, ts } from '../platform/db/database.js';

export type ClientSessionRecord = {
  id: string;
  name: string | null;
  startsAt: Temporal.Instant;
  endsAt: Temporal.Instant;
  status: 'booked' | 'completed' | 'cancelled';
  /** The client's own participation: attended, absent, booked… */
  clientStatus: string;
  staffName: string | null;
};

/**
 * The bookings (visits and sessions, one-to-one or group) the client takes part in that overlap [from, to):
 * what accommodation lists on a stay as the support delivered during it. Billed as ordinary sessions.
 */
export async function clientSessionsBetween(
  tx: Tx,
  organisationId: string,
  clientId: string,
  from: Temporal.Instant,
  to: Temporal.Instant,
): Promise<ClientSessionRecord[]> {
  const rows = await tx
    .selectFrom('bookings as b')
    .innerJoin('booking_participants as cp', (j) =>
      j
        .onRef('cp.organisation_id', '=', 'b.organisation_id')
        .onRef('cp.booking_id', '=', 'b.id')
        .on('cp.participant_type', '=', 'client'),
    )
    .leftJoin('booking_participants as ap', (j) =>
      j
        .onRef('ap.organisation_id', '=', 'b.organisation_id')
        .onRef('ap.booking_id', '=', 'b.id')
        .on('ap.participant_type', '=', 'staff')
        .on('ap.is_lead', '=', true),
    )
    .leftJoin('staff as s', (j) =>
      j.onRef('s.organisation_id', '=', 'ap.organisation_id').onRef('s.id', '=', 'ap.staff_id'),
    )
    .where('b.organisation_id', '=', organisationId)
    .where('cp.client_id', '=', clientId)
    .where('b.starts_at', '<', ts(to.toString()))
    .where('b.ends_at', '>', ts(from.toString()))
    .select([
      'b.id',
      'b.name',
      'b.starts_at as startsAt',
      'b.ends_at as endsAt',
      'b.status',
      'cp.status as clientStatus',
      sql<string | null>`s.given_name || ' ' || s.family_name`.as('staffName'),
    ])
    .orderBy('b.starts_at')
    .orderBy('b.id')
    .limit(500)
    .execute();
  return rows as ClientSessionRecord[];
}
