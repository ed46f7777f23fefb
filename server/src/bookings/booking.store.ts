import { sql } from 'kysely';
import type { Temporal } from 'temporal-polyfill';
import { type Tx, ts } from '../platform/db/database.js';
import type { BookingRecord } from './booking.types.js';
import type { BookingStatus } from './booking-rules.js';

export type { BookingRecord };

/**
 * A booking with its lead client, its lead staff member or provider (the "assignee") and the lead client's
 * delivery (what is billed, and any soft-conflict override).
 */
function selectBookings(tx: Tx, organisationId: string) {
  return tx
    .selectFrom('bookings as b')
    .leftJoin('booking_participants as cp', (j) =>
      j
        .onRef('cp.organisation_id', '=', 'b.organisation_id')
        .onRef('cp.booking_id', '=', 'b.id')
        .on('cp.participant_type', '=', 'client')
        .on('cp.is_lead', '=', true),
    )
    .leftJoin('booking_participants as ap', (j) =>
      j
        .onRef('ap.organisation_id', '=', 'b.organisation_id')
        .onRef('ap.booking_id', '=', 'b.id')
        .on('ap.participant_type', 'in', ['staff', 'provider'])
        .on('ap.is_lead', '=', true),
    )
    .leftJoin('client_deliveries as d', (j) =>
      j.onRef('d.organisation_id', '=', 'cp.organisation_id').onRef('d.participant_id', '=', 'cp.id'),
    )
    .leftJoin('staff as s', (j) =>
      j.onRef('s.organisation_id', '=', 'ap.organisation_id').onRef('s.id', '=', 'ap.staff_id'),
    )
    .leftJoin('external_providers as p', (j) =>
      j.onRef('p.organisation_id', '=', 'ap.organisation_id').onRef('p.id', '=', 'ap.provider_id'),
    )
    .innerJoin('users as cu', (j) =>
      j.onRef('cu.organisation_id', '=', 'b.organisation_id').onRef('cu.id', '=', 'b.created_by_user_id'),
    )
    .innerJoin('staff as cs', (j) =>
      j.onRef('cs.organisation_id', '=', 'cu.organisation_id').onRef('cs.id', '=', 'cu.staff_id'),
    )
    .where('b.organisation_id', '=', organisationId)
    .select([
      'b.id',
      'cp.client_id as clientId',
      'cp.id as clientParticipantId',
      'b.kind',
      'b.category',
      'b.capacity',
      'b.series_id as seriesId',
      'b.is_exception as isException',
      'b.service_type_id as serviceTypeId',
      'b.sequence',
      'b.name',
      'b.starts_at as startsAt',
      'b.ends_at as endsAt',
      'b.time_zone as timeZone',
      'ap.staff_id as staffId',
      sql<string | null>`s.given_name || ' ' || s.family_name`.as('staffName'),
      'ap.provider_id as providerId',
      'p.name as providerName',
      'b.notes',
      'b.status',
      'b.cancellation_reason as cancellationReason',
      'd.override_reason as overrideReason',
      sql<string[]>`coalesce(d.overridden_warnings, '{}')`.as('overriddenWarnings'),
      'cp.status as clientStatus',
      'd.contract_id as contractId',
      'd.actual_start as actualStart',
      'd.actual_end as actualEnd',
      'd.mileage',
      'd.completion_note as completionNote',
      'b.created_by_user_id as createdById',
      sql<string>`cs.given_name || ' ' || cs.family_name`.as('createdByName'),
      'b.created_at as createdAt',
      'b.updated_at as updatedAt',
    ]);
}

export async function findBooking(tx: Tx, organisationId: string, id: string, forUpdate = false) {
  let q = selectBookings(tx, organisationId).where('b.id', '=', id);
  if (forUpdate) q = q.forUpdate('b');
  return (await q.executeTakeFirst()) as BookingRecord | undefined;
}

export type BookingListFilter = { after?: [string, string]; limit: number };

/** Newest booking date first; keyset on (starts_at, id). */
/** Several bookings at once, soonest first (the sessions calendar reads a week of them). */
export async function findBookings(tx: Tx, organisationId: string, ids: readonly string[]) {
  if (ids.length === 0) return [];
  return (await selectBookings(tx, organisationId)
    .where('b.id', 'in', [...ids])
    .orderBy('b.starts_at')
    .orderBy('b.id')
    .execute()) as BookingRecord[];
}

export async function listClientBookings(
  tx: Tx,
  organisationId: string,
  clientId: string,
  f: BookingListFilter,
) {
  let q = selectBookings(tx, organisationId)
    .where('cp.client_id', '=', clientId)
    // Service Orders are the ad-hoc bookings; scheduled ones belong to the client's care plan.
    .where('b.kind', '=', 'adhoc')
    .orderBy('b.starts_at', 'desc')
    .orderBy('b.id', 'desc')
    .limit(f.limit + 1);
  if (f.after)
    q = q.where(sql<boolean>`(b.starts_at, b.id) < (${f.after[0]}::timestamptz, ${f.after[1]}::uuid)`);
  return (await q.execute()) as BookingRecord[];
}

/** A staff member's appointments (any booking they take part in) from `from` on, soonest first; keyset on (starts_at, id). */
export async function listStaffBookings(
  tx: Tx,
  organisationId: string,
  staffId: string,
  from: Temporal.Instant,
  f: BookingListFilter,
) {
  let q = selectBookings(tx, organisationId)
    .where('b.id', 'in', (eb) =>
      eb
        .selectFrom('booking_participants as sp')
        .where('sp.organisation_id', '=', organisationId)
        .where('sp.staff_id', '=', staffId)
        .where(sql<boolean>`sp.period && tstzrange(${ts(from.toString())}, NULL)`)
        .select('sp.booking_id'),
    )
    .where('b.ends_at', '>', ts(from.toString()))
    .orderBy('b.starts_at')
    .orderBy('b.id')
    .limit(f.limit + 1);
  if (f.after)
    q = q.where(sql<boolean>`(b.starts_at, b.id) > (${f.after[0]}::timestamptz, ${f.after[1]}::uuid)`);
  return (await q.execute()) as BookingRecord[];
}

/** The booking-level facts every writer sets: what, when, where it is shown. */
export type BookingRowWrite = {
  name: string;
  startsAt: Temporal.Instant;
  endsAt: Temporal.Instant;
  timeZone: string;
  notes: string | null;
};

export type NewBookingRow = BookingRowWrite & {
  kind: 'adhoc' | 'scheduled';
  category: 'visit' | 'group' | 'stay';
  capacity: number | null;
  status: BookingStatus;
  cancellationReason: string | null;
  seriesId: string | null;
  originalStart: Temporal.Instant | null;
  serviceTypeId: string | null;
  createdByUserId: string;
};

export async function insertBookingRow(tx: Tx, organisationId: string, b: NewBookingRow): Promise<string> {
  const row = await tx
    .insertInto('bookings')
    .values({
      organisation_id: organisationId,
      kind: b.kind,
      category: b.category,
      capacity: b.capacity,
      name: b.name,
      starts_at: b.startsAt.toString(),
      ends_at: b.endsAt.toString(),
      time_zone: b.timeZone,
      notes: b.notes,
      status: b.status,
      cancellation_reason: b.cancellationReason,
      series_id: b.seriesId,
      original_start: b.originalStart?.toString() ?? null,
      service_type_id: b.serviceTypeId,
      created_by_user_id: b.createdByUserId,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export type BookingRowPatch = Partial<
  BookingRowWrite & {
    status: BookingStatus;
    cancellationReason: string | null;
    isException: boolean;
    seriesId: string;
    originalStart: Temporal.Instant;
    serviceTypeId: string | null;
  }
>;

/**
 * Updates the booking row (a moved period is copied to its participants by a trigger, where the exclusion
 * constraints check it). Always touches `updated_at`, so a change of participants alone still bumps the
 * iCalendar SEQUENCE.
 */
export async function updateBookingRow(
  tx: Tx,
  organisationId: string,
  id: string,
  b: BookingRowPatch,
): Promise<void> {
  await tx
    .updateTable('bookings')
    .set({
      ...(b.name !== undefined ? { name: b.name } : {}),
      ...(b.startsAt !== undefined ? { starts_at: b.startsAt.toString() } : {}),
      ...(b.endsAt !== undefined ? { ends_at: b.endsAt.toString() } : {}),
      ...(b.timeZone !== undefined ? { time_zone: b.timeZone } : {}),
      ...(b.notes !== undefined ? { notes: b.notes } : {}),
      ...(b.status !== undefined ? { status: b.status } : {}),
      ...(b.cancellationReason !== undefined ? { cancellation_reason: b.cancellationReason } : {}),
      ...(b.isException !== undefined ? { is_exception: b.isException } : {}),
      ...(b.seriesId !== undefined ? { series_id: b.seriesId } : {}),
      ...(b.originalStart !== undefined ? { original_start: b.originalStart.toString() } : {}),
      ...(b.serviceTypeId !== undefined ? { service_type_id: b.serviceTypeId } : {}),
      updated_at: sql<string>`now()`,
    })
    .where('organisation_id', '=', organisationId)
    .where('id', '=', id)
    .execute();
}

/** The invoice a booking is billed on, if any: such a booking is part of a financial record. */
/** The invoice (id and number) a booking's visit is on, if any. */
export async function invoiceNumberOf(
  tx: Tx,
  organisationId: string,
  bookingId: string,
): Promise<{ invoiceId: string; number: number | null } | undefined> {
  return tx
    .selectFrom('invoiced_bookings as ib')
    .innerJoin('invoices as i', (j) =>
      j.onRef('i.organisation_id', '=', 'ib.organisation_id').onRef('i.id', '=', 'ib.invoice_id'),
    )
    .where('ib.organisation_id', '=', organisationId)
    .where('ib.booking_id', '=', bookingId)
    .select(['ib.invoice_id as invoiceId', 'i.number'])
    .executeTakeFirst();
}

/** The client's contract with its dates, when `contractId` is one of the client's. */
export async function findClientContractDates(
  tx: Tx,
  organisationId: string,
  clientId: string,
  contractId: string,
) {
  return tx
    .selectFrom('client_contracts')
    .where('organisation_id', '=', organisationId)
    .where('client_id', '=', clientId)
    .where('id', '=', contractId)
    .select(['id', 'name', 'start_date as startDate', 'end_date as endDate'])
    .executeTakeFirst();
}

export async function invoiceOf(
  tx: Tx,
  organisationId: string,
  bookingId: string,
): Promise<string | undefined> {
  const row = await tx
    .selectFrom('invoiced_bookings')
    .where('organisation_id', '=', organisationId)
    .where('booking_id', '=', bookingId)
    .select('invoice_id')
    .executeTakeFirst();
  return row?.invoice_id;
}

/** Deletes bookings with their participants and deliveries (cascade); notices that name them keep their text. */
export async function deleteBookings(tx: Tx, organisationId: string, ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  await tx
    .deleteFrom('bookings')
    .where('organisation_id', '=', organisationId)
    .where('id', 'in', ids)
    .execute();
}

/**
 * The booking of `staffId` (booked or attended) that overlaps [start, end), other than `exceptId`: found from
 * the staff member's participant rows (the exclusion constraint's GiST index), then read in full.
 */
export async function findOverlapping(
  tx: Tx,
  organisationId: string,
  staffId: string,
  start: Temporal.Instant,
  end: Temporal.Instant,
  exceptId: string | null,
) {
  let q = tx
    .selectFrom('booking_participants')
    .where('organisation_id', '=', organisationId)
    .where('staff_id', '=', staffId)
    .where('status', 'in', ['booked', 'attended'])
    .where(sql<boolean>`period && tstzrange(${ts(start.toString())}, ${ts(end.toString())})`)
    .select('booking_id')
    .orderBy(sql`lower(period)`)
    .limit(1);
  if (exceptId) q = q.where('booking_id', '<>', exceptId);
  const hit = await q.executeTakeFirst();
  return hit ? findBooking(tx, organisationId, hit.booking_id) : undefined;
}

/** The first booking holding the resource in the period (booked or attended), other than `exceptId`. */
export async function findResourceOverlapping(
  tx: Tx,
  organisationId: string,
  resourceId: string,
  start: Temporal.Instant,
  end: Temporal.Instant,
  exceptId: string | null,
) {
  let q = tx
    .selectFrom('booking_participants')
    .where('organisation_id', '=', organisationId)
    .where('resource_id', '=', resourceId)
    .where('status', 'in', ['booked', 'attended'])
    .where(sql<boolean>`period && tstzrange(${ts(start.toString())}, ${ts(end.toString())})`)
    .select('booking_id')
    .orderBy(sql`lower(period)`)
    .limit(1);
  if (exceptId) q = q.where('booking_id', '<>', exceptId);
  const hit = await q.executeTakeFirst();
  return hit ? findBooking(tx, organisationId, hit.booking_id) : undefined;
}

export async function findAssignableStaff(tx: Tx, organisationId: string, id: string) {
  return tx
    .selectFrom('staff')
    .where('organisation_id', '=', organisationId)
    .where('id', '=', id)
    .select(['id', 'active', 'delivers_services'])
    .executeTakeFirst();
}

export async function providerExists(tx: Tx, organisationId: string, id: string): Promise<boolean> {
  const row = await tx
    .selectFrom('external_providers')
    .where('organisation_id', '=', organisationId)
    .where('id', '=', id)
    .select('id')
    .executeTakeFirst();
  return row !== undefined;
}
