import { sql } from 'kysely';
import type { Temporal } from 'temporal-polyfill';
import { type Tx, ts } from '../platform/db/database.js';
import type { BillableBooking } from './visit-rating.js';

/** A delivered visit of one staff member, with what pay needs of its client (zone and region calendar). */
export type DeliveredVisit = BillableBooking & {
  name: string;
  clientId: string;
  clientName: string;
  timeZone: string;
  region: string | null;
};

/**
 * Completed bookings a staff member attended starting in [from, to), soonest first, with the lead client's
 * delivery (actual times, mileage): a carer is paid once per visit, however many clients it had, for their own
 * actual times when the session recorded them.
 */
export function listDeliveredVisits(
  tx: Tx,
  organisationId: string,
  staffId: string,
  from: Temporal.Instant,
  to: Temporal.Instant,
): Promise<DeliveredVisit[]> {
  return tx
    .selectFrom('booking_participants as sp')
    .innerJoin('bookings as b', (j) =>
      j.onRef('b.organisation_id', '=', 'sp.organisation_id').onRef('b.id', '=', 'sp.booking_id'),
    )
    .innerJoin('booking_participants as cp', (j) =>
      j
        .onRef('cp.organisation_id', '=', 'b.organisation_id')
        .onRef('cp.booking_id', '=', 'b.id')
        .on('cp.participant_type', '=', 'client')
        .on('cp.is_lead', '=', true),
    )
    .innerJoin('client_deliveries as d', (j) =>
      j.onRef('d.organisation_id', '=', 'cp.organisation_id').onRef('d.participant_id', '=', 'cp.id'),
    )
    .innerJoin('clients as c', (j) =>
      j.onRef('c.organisation_id', '=', 'cp.organisation_id').onRef('c.id', '=', 'cp.client_id'),
    )
    .where('sp.organisation_id', '=', organisationId)
    .where('sp.staff_id', '=', staffId)
    .where('sp.status', '=', 'attended')
    .where('b.status', '=', 'completed')
    .where('b.starts_at', '>=', ts(from.toString()))
    .where('b.starts_at', '<', ts(to.toString()))
    .select([
      'b.id',
      'b.name',
      'b.starts_at as startsAt',
      'b.ends_at as endsAt',
      'd.contract_id as contractId',
      // A session's worker has their own actual times (migration 0015); a visit keeps its delivery's.
      sql<Temporal.Instant | null>`coalesce(sp.actual_start, d.actual_start)`.as('actualStart'),
      sql<Temporal.Instant | null>`coalesce(sp.actual_end, d.actual_end)`.as('actualEnd'),
      'd.mileage',
      'c.id as clientId',
      sql<string>`coalesce(c.preferred_name, c.given_name) || ' ' || c.family_name`.as('clientName'),
      'c.time_zone as timeZone',
      'c.region',
    ])
    .orderBy('b.starts_at')
    .orderBy('b.id')
    .execute() as Promise<DeliveredVisit[]>;
}

export async function findStaffName(tx: Tx, organisationId: string, staffId: string) {
  return tx
    .selectFrom('staff')
    .where('organisation_id', '=', organisationId)
    .where('id', '=', staffId)
    .select(['id', sql<string>`given_name || ' ' || family_name`.as('name'), 'time_zone as timeZone'])
    .executeTakeFirst();
}
