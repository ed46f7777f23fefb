import { sql } from 'kysely';
import type { Temporal } from 'temporal-polyfill';
import { pgErrorCode, type Tx, ts, withSavepoint } from '../platform/db/database.js';
import type { BookingRecord } from './booking.types.js';
import type { BookingStatus } from './booking-rules.js';

export type { BookingRecord };

function selectBookings(tx: Tx, organisationId: string) {
  return tx
    .selectFrom('bookings as b')
    .leftJoin('staff as s', (j) =>
      j.onRef('s.organisation_id', '=', 'b.organisation_id').onRef('s.id', '=', 'b.staff_id'),
    )
    .leftJoin('external_providers as p', (j) =>
      j.onRef('p.organisation_id', '=', 'b.organisation_id').onRef('p.id', '=', 'b.external_provider_id'),
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
      'b.client_id as clientId',
      'b.kind',
      'b.series_id as seriesId',
      'b.is_exception as isException',
      'b.service_type_id as serviceTypeId',
      'b.sequence',
      'b.name',
      'b.starts_at as startsAt',
      'b.ends_at as endsAt',
      'b.time_zone as timeZone',
      'b.staff_id as staffId',
      sql<string | null>`s.given_name || ' ' || s.family_name`.as('staffName'),
      'b.external_provider_id as providerId',
      'p.name as providerName',
      'b.notes',
      'b.status',
      'b.cancellation_reason as cancellationReason',
      'b.override_reason as overrideReason',
      'b.overridden_warnings as overriddenWarnings',
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
export async function listClientBookings(
  tx: Tx,
  organisationId: string,
  clientId: string,
  f: BookingListFilter,
) {
  let q = selectBookings(tx, organisationId)
    .where('b.client_id', '=', clientId)
    // Service Orders are the ad-hoc bookings; scheduled ones belong to the client's care plan.
    .where('b.kind', '=', 'adhoc')
    .orderBy('b.starts_at', 'desc')
    .orderBy('b.id', 'desc')
    .limit(f.limit + 1);
  if (f.after)
    q = q.where(sql<boolean>`(b.starts_at, b.id) < (${f.after[0]}::timestamptz, ${f.after[1]}::uuid)`);
  return (await q.execute()) as BookingRecord[];
}

/** A staff member's appointments from `from` on, soonest first; keyset on (starts_at, id). */
export async function listStaffBookings(
  tx: Tx,
  organisationId: string,
  staffId: string,
  from: Temporal.Instant,
  f: BookingListFilter,
) {
  let q = selectBookings(tx, organisationId)
    .where('b.staff_id', '=', staffId)
    .where('b.ends_at', '>', ts(from.toString()))
    .orderBy('b.starts_at')
    .orderBy('b.id')
    .limit(f.limit + 1);
  if (f.after)
    q = q.where(sql<boolean>`(b.starts_at, b.id) > (${f.after[0]}::timestamptz, ${f.after[1]}::uuid)`);
  return (await q.execute()) as BookingRecord[];
}

export type BookingWrite = {
  name: string;
  startsAt: Temporal.Instant;
  endsAt: Temporal.Instant;
  timeZone: string;
  staffId: string | null;
  providerId: string | null;
  notes: string | null;
  /** Soft conflicts the user chose to override, and why; absent leaves an update's recorded override as is. */
  override?: SoftConflictOverride | null;
};

export type SoftConflictOverride = { reason: string; warnings: string[] };

const overrideColumns = (o: SoftConflictOverride | null | undefined) =>
  o === undefined ? {} : { override_reason: o?.reason ?? null, overridden_warnings: o?.warnings ?? [] };

export class StaffOverlapError extends Error {}

/**
 * Writers of one staff member's bookings queue on a transaction-scoped advisory lock. Without it, concurrent
 * inserts for the same slot wait on each other inside the exclusion check and deadlock (PostgreSQL breaks that
 * only after deadlock_timeout, 1 s); with it, a later writer sees the winner's committed row and is refused at
 * once. The constraint stays the guarantee; the lock only orders the contenders.
 */
export async function lockStaffSchedule(
  tx: Tx,
  organisationId: string,
  staffId: string | null,
): Promise<void> {
  if (staffId === null) return;
  await sql`SELECT pg_advisory_xact_lock(hashtextextended(${`${organisationId}:${staffId}`}, 0))`.execute(tx);
}

/** The exclusion constraint's refusal (23P01) becomes StaffOverlapError; the transaction stays usable. */
async function guardOverlap<T>(
  tx: Tx,
  organisationId: string,
  staffId: string | null,
  write: () => Promise<T>,
): Promise<T> {
  await lockStaffSchedule(tx, organisationId, staffId);
  try {
    return await withSavepoint(tx, write);
  } catch (error) {
    if (pgErrorCode(error) === '23P01') throw new StaffOverlapError();
    throw error;
  }
}

export async function insertBooking(
  tx: Tx,
  organisationId: string,
  clientId: string,
  createdByUserId: string,
  b: BookingWrite,
): Promise<string> {
  const row = await guardOverlap(tx, organisationId, b.staffId, () =>
    tx
      .insertInto('bookings')
      .values({
        organisation_id: organisationId,
        client_id: clientId,
        name: b.name,
        starts_at: b.startsAt.toString(),
        ends_at: b.endsAt.toString(),
        time_zone: b.timeZone,
        staff_id: b.staffId,
        external_provider_id: b.providerId,
        notes: b.notes,
        ...overrideColumns(b.override),
        created_by_user_id: createdByUserId,
      })
      .returning('id')
      .executeTakeFirstOrThrow(),
  );
  return row.id;
}

export async function updateBooking(
  tx: Tx,
  organisationId: string,
  id: string,
  b: BookingWrite & { status: BookingStatus; cancellationReason: string | null; isException?: boolean },
): Promise<void> {
  await guardOverlap(tx, organisationId, b.staffId, () =>
    tx
      .updateTable('bookings')
      .set({
        name: b.name,
        starts_at: b.startsAt.toString(),
        ends_at: b.endsAt.toString(),
        time_zone: b.timeZone,
        staff_id: b.staffId,
        external_provider_id: b.providerId,
        notes: b.notes,
        status: b.status,
        cancellation_reason: b.cancellationReason,
        ...overrideColumns(b.override),
        ...(b.isException !== undefined ? { is_exception: b.isException } : {}),
        updated_at: sql<string>`now()`,
      })
      .where('organisation_id', '=', organisationId)
      .where('id', '=', id)
      .execute(),
  );
}

/** The invoice a booking is billed on, if any: such a booking is part of a financial record. */
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

export async function deleteBooking(tx: Tx, organisationId: string, id: string): Promise<void> {
  await tx
    .deleteFrom('bookings')
    .where('organisation_id', '=', organisationId)
    .where('id', '=', id)
    .execute();
}

/** The non-cancelled booking of `staffId` that overlaps [start, end), other than `exceptId`. */
export async function findOverlapping(
  tx: Tx,
  organisationId: string,
  staffId: string,
  start: Temporal.Instant,
  end: Temporal.Instant,
  exceptId: string | null,
) {
  let q = selectBookings(tx, organisationId)
    .where('b.staff_id', '=', staffId)
    .where('b.status', '<>', 'cancelled')
    .where(
      sql<boolean>`tstzrange(b.starts_at, b.ends_at) && tstzrange(${start.toString()}::timestamptz, ${end.toString()}::timestamptz)`,
    )
    .orderBy('b.starts_at')
    .limit(1);
  if (exceptId) q = q.where('b.id', '<>', exceptId);
  return (await q.executeTakeFirst()) as BookingRecord | undefined;
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
