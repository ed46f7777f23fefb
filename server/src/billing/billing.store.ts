import { sql } from 'kysely';
import type { Tx } from '../platform/db/database.js';
import type { BillableBooking, BillableContract } from './visit-rating.js';

/**
 * Deliveries as billing sees them (one per client participant: a group is billed once per client), the
 * client's contracts and calendar. Billing only reads these tables; the bookings module writes them.
 */

export type BookingBillingRecord = BillableBooking & {
  clientId: string;
  /** The client participant billed: what an invoice claims. */
  participantId: string;
  /** The lead staff member (whose carer contract may matter). */
  staffId: string | null;
  status: 'booked' | 'completed' | 'cancelled';
  invoiceId: string | null;
};

/** A client who attended, or a cancelled client a completed session charged (its delivered records say so). */
const attendedOrCharged = sql<boolean>`(cp.status = 'attended' OR (cp.status = 'cancelled' AND EXISTS (
  SELECT 1 FROM delivered_services ds WHERE ds.organisation_id = cp.organisation_id AND ds.participant_id = cp.id)))`;

function selectBookingBilling(tx: Tx, organisationId: string) {
  return tx
    .selectFrom('client_deliveries as d')
    .innerJoin('bookings as b', (j) =>
      j.onRef('b.organisation_id', '=', 'd.organisation_id').onRef('b.id', '=', 'd.booking_id'),
    )
    .innerJoin('booking_participants as cp', (j) =>
      j.onRef('cp.organisation_id', '=', 'd.organisation_id').onRef('cp.id', '=', 'd.participant_id'),
    )
    .leftJoin('booking_participants as ap', (j) =>
      j
        .onRef('ap.organisation_id', '=', 'b.organisation_id')
        .onRef('ap.booking_id', '=', 'b.id')
        .on('ap.participant_type', '=', 'staff')
        .on('ap.is_lead', '=', true),
    )
    .leftJoin('invoiced_bookings as ib', (j) =>
      j
        .onRef('ib.organisation_id', '=', 'd.organisation_id')
        .onRef('ib.participant_id', '=', 'd.participant_id'),
    )
    .where('d.organisation_id', '=', organisationId)
    .select([
      'b.id',
      'd.client_id as clientId',
      'd.participant_id as participantId',
      'ap.staff_id as staffId',
      'b.status',
      'b.starts_at as startsAt',
      'b.ends_at as endsAt',
      'd.contract_id as contractId',
      'd.actual_start as actualStart',
      'd.actual_end as actualEnd',
      'd.mileage',
      'ib.invoice_id as invoiceId',
    ]);
}

/** The billing facts of a booking's lead client. */
export async function findBookingBilling(
  tx: Tx,
  organisationId: string,
  id: string,
  forUpdate = false,
): Promise<BookingBillingRecord | undefined> {
  let q = selectBookingBilling(tx, organisationId).where('b.id', '=', id).where('cp.is_lead', '=', true);
  if (forUpdate) q = q.forUpdate('b');
  return q.executeTakeFirst();
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
      j.onRef('c.organisation_id', '=', 'd.organisation_id').onRef('c.id', '=', 'd.client_id'),
    )
    .where('b.status', '=', 'completed')
    .where(attendedOrCharged)
    .where('ib.participant_id', 'is', null)
    .where(
      sql<boolean>`(b.starts_at AT TIME ZONE c.time_zone)::date BETWEEN ${f.periodFrom}::date AND ${f.periodTo}::date`,
    )
    .where('d.client_id', 'in', f.clientIds)
    .orderBy('d.client_id')
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
    .selectFrom('client_deliveries as d')
    .innerJoin('bookings as b', (j) =>
      j.onRef('b.organisation_id', '=', 'd.organisation_id').onRef('b.id', '=', 'd.booking_id'),
    )
    .innerJoin('booking_participants as cp', (j) =>
      j.onRef('cp.organisation_id', '=', 'd.organisation_id').onRef('cp.id', '=', 'd.participant_id'),
    )
    .innerJoin('clients as c', (j) =>
      j.onRef('c.organisation_id', '=', 'd.organisation_id').onRef('c.id', '=', 'd.client_id'),
    )
    .where('d.organisation_id', '=', organisationId)
    .where('b.status', '=', 'completed')
    .where(attendedOrCharged)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('invoiced_bookings as ib')
            .whereRef('ib.organisation_id', '=', 'd.organisation_id')
            .whereRef('ib.participant_id', '=', 'd.participant_id')
            .select('ib.participant_id'),
        ),
      ),
    )
    .where(
      sql<boolean>`(b.starts_at AT TIME ZONE c.time_zone)::date BETWEEN ${f.periodFrom}::date AND ${f.periodTo}::date`,
    )
    .select('d.client_id')
    .distinct()
    .orderBy('d.client_id');
  if (f.clientId !== null) q = q.where('d.client_id', '=', f.clientId);
  return (await q.execute()).map((r) => r.client_id);
}

export function listBillableContracts(
  tx: Tx,
  organisationId: string,
  clientId: string,
): Promise<BillableContract[]> {
  return selectBillableContracts(tx, organisationId)
    .where('c.client_id', '=', clientId)
    .orderBy('c.start_date')
    .execute();
}

/** `listBillableContracts` for several clients at once (an invoice run's batch): by client, each by start. */
export async function listBillableContractsOf(
  tx: Tx,
  organisationId: string,
  clientIds: readonly string[],
): Promise<Map<string, BillableContract[]>> {
  const out = new Map<string, BillableContract[]>(clientIds.map((id) => [id, []]));
  if (clientIds.length === 0) return out;
  const rows = await selectBillableContracts(tx, organisationId)
    .where('c.client_id', 'in', clientIds)
    .select('c.client_id as clientId')
    .orderBy('c.start_date')
    .execute();
  for (const { clientId, ...contract } of rows) out.get(clientId)?.push(contract);
  return out;
}

function selectBillableContracts(tx: Tx, organisationId: string) {
  return tx
    .selectFrom('client_contracts as c')
    .innerJoin('contract_types as t', (j) =>
      j.onRef('t.organisation_id', '=', 'c.organisation_id').onRef('t.id', '=', 'c.contract_type_id'),
    )
    .where('c.organisation_id', '=', organisationId)
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
    ]);
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
