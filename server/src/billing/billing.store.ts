import { sql } from 'kysely';
import type { Temporal } from 'temporal-polyfill';
import type { Tx } from '../platform/db/database.js';
import type { BillableBooking, BillableContract } from './visit-rating.js';

/** Bookings as billing sees them, the client's contracts and calendar. */

export type BookingBillingRecord = BillableBooking & {
  clientId: string;
  staffId: string | null;
  status: 'booked' | 'completed' | 'cancelled';
  invoiceId: string | null;
};

function selectBookingBilling(tx: Tx, organisationId: string) {
  return tx
    .selectFrom('bookings as b')
    .leftJoin('invoiced_bookings as ib', (j) =>
      j.onRef('ib.organisation_id', '=', 'b.organisation_id').onRef('ib.booking_id', '=', 'b.id'),
    )
    .where('b.organisation_id', '=', organisationId)
    .select([
      'b.id',
      'b.client_id as clientId',
      'b.staff_id as staffId',
      'b.status',
      'b.starts_at as startsAt',
      'b.ends_at as endsAt',
      'b.contract_id as contractId',
      'b.actual_start as actualStart',
      'b.actual_end as actualEnd',
      'b.mileage',
      'ib.invoice_id as invoiceId',
    ]);
}

export async function findBookingBilling(
  tx: Tx,
  organisationId: string,
  id: string,
  forUpdate = false,
): Promise<BookingBillingRecord | undefined> {
  let q = selectBookingBilling(tx, organisationId).where('b.id', '=', id);
  if (forUpdate) q = q.forUpdate('b');
  return q.executeTakeFirst();
}

export type BookingBillingWrite = {
  contractId: string | null;
  actualStart: Temporal.Instant | null;
  actualEnd: Temporal.Instant | null;
  mileage: number | null;
};

export async function updateBookingBilling(
  tx: Tx,
  organisationId: string,
  id: string,
  w: BookingBillingWrite,
) {
  await tx
    .updateTable('bookings')
    .set({
      contract_id: w.contractId,
      actual_start: w.actualStart?.toString() ?? null,
      actual_end: w.actualEnd?.toString() ?? null,
      mileage: w.mileage === null ? null : w.mileage.toFixed(2),
      updated_at: sql<string>`now()`,
    })
    .where('organisation_id', '=', organisationId)
    .where('id', '=', id)
    .execute();
}

/**
 * Completed bookings whose start falls in [from, to] by local date in the client's zone and that no live
 * invoice holds yet; by client, then id (the order runs claim them in, so concurrent runs cannot deadlock).
 */
export function listBillableBookings(
  tx: Tx,
  organisationId: string,
  f: { periodFrom: string; periodTo: string; clientIds: string[] },
): Promise<BookingBillingRecord[]> {
  if (f.clientIds.length === 0) return Promise.resolve([]);
  return selectBookingBilling(tx, organisationId)
    .innerJoin('clients as c', (j) =>
      j.onRef('c.organisation_id', '=', 'b.organisation_id').onRef('c.id', '=', 'b.client_id'),
    )
    .where('b.status', '=', 'completed')
    .where('ib.booking_id', 'is', null)
    .where(
      sql<boolean>`(b.starts_at AT TIME ZONE c.time_zone)::date BETWEEN ${f.periodFrom}::date AND ${f.periodTo}::date`,
    )
    .where('b.client_id', 'in', f.clientIds)
    .orderBy('b.client_id')
    .orderBy('b.id')
    .limit(100_000)
    .execute();
}

/** The clients that have billable bookings (as `listBillableBookings` sees them) in the period, by id. */
export async function listBillableClientIds(
  tx: Tx,
  organisationId: string,
  f: { periodFrom: string; periodTo: string; clientId: string | null },
): Promise<string[]> {
  let q = tx
    .selectFrom('bookings as b')
    .innerJoin('clients as c', (j) =>
      j.onRef('c.organisation_id', '=', 'b.organisation_id').onRef('c.id', '=', 'b.client_id'),
    )
    .where('b.organisation_id', '=', organisationId)
    .where('b.status', '=', 'completed')
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('invoiced_bookings as ib')
            .whereRef('ib.organisation_id', '=', 'b.organisation_id')
            .whereRef('ib.booking_id', '=', 'b.id')
            .select('ib.booking_id'),
        ),
      ),
    )
    .where(
      sql<boolean>`(b.starts_at AT TIME ZONE c.time_zone)::date BETWEEN ${f.periodFrom}::date AND ${f.periodTo}::date`,
    )
    .select('b.client_id')
    .distinct()
    .orderBy('b.client_id');
  if (f.clientId !== null) q = q.where('b.client_id', '=', f.clientId);
  return (await q.execute()).map((r) => r.client_id);
}

export function listBillableContracts(
  tx: Tx,
  organisationId: string,
  clientId: string,
): Promise<BillableContract[]> {
  return tx
    .selectFrom('client_contracts as c')
    .innerJoin('contract_types as t', (j) =>
      j.onRef('t.organisation_id', '=', 'c.organisation_id').onRef('t.id', '=', 'c.contract_type_id'),
    )
    .where('c.organisation_id', '=', organisationId)
    .where('c.client_id', '=', clientId)
    .select([
      'c.id',
      'c.name',
      'c.contract_type_id as contractTypeId',
      't.name as typeName',
      't.option_sets as typeOptionSets',
      'c.option_sets as optionSets',
      'c.start_date as startDate',
      'c.end_date as endDate',
      'c.is_default as isDefault',
    ])
    .orderBy('c.start_date')
    .execute();
}

export async function regionCalendar(
  tx: Tx,
  organisationId: string,
  region: string | null,
): Promise<{ date: string; kind: string }[]> {
  if (region === null) return [];
  return tx
    .selectFrom('calendar_days')
    .where('organisation_id', '=', organisationId)
    .where('region', '=', region)
    .select(['date', 'kind'])
    .execute();
}

export async function organisationName(tx: Tx, organisationId: string): Promise<string> {
  const row = await tx
    .selectFrom('organisations')
    .where('id', '=', organisationId)
    .select('name')
    .executeTakeFirstOrThrow();
  return row.name;
}
