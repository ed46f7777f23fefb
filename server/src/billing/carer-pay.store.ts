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

/** Completed bookings of a staff member starting in [from, to), soonest first. */
export function listDeliveredVisits(
  tx: Tx,
  organisationId: string,
  staffId: string,
  from: Temporal.Instant,
  to: Temporal.Instant,
): Promise<DeliveredVisit[]> {
  return tx
    .selectFrom('bookings as b')
    .innerJoin('clients as c', (j) =>
      j.onRef('c.organisation_id', '=', 'b.organisation_id').onRef('c.id', '=', 'b.client_id'),
    )
    .where('b.organisation_id', '=', organisationId)
    .where('b.staff_id', '=', staffId)
    .where('b.status', '=', 'completed')
    .where('b.starts_at', '>=', ts(from.toString()))
    .where('b.starts_at', '<', ts(to.toString()))
    .select([
      'b.id',
      'b.name',
      'b.starts_at as startsAt',
      'b.ends_at as endsAt',
      'b.contract_id as contractId',
      'b.actual_start as actualStart',
      'b.actual_end as actualEnd',
      'b.mileage',
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
