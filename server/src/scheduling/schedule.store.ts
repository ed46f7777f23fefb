import { sql } from 'kysely';
import type { Temporal } from 'temporal-polyfill';
import type { LeaveRecord } from '../availability/client-leave.types.js';
import { lockStaffSchedule } from '../bookings/booking.store.js';
import { pgErrorCode, type Tx, ts, withSavepoint } from '../platform/db/database.js';
import { conflict } from '../shared/domain-error.js';
import type { SeriesRecord, SeriesStatus } from './schedule.types.js';
import type { ExistingOccurrence, Occurrence } from './series.js';

// ---- service types

export async function listServiceTypes(tx: Tx, organisationId: string) {
  return tx
    .selectFrom('service_types')
    .where('organisation_id', '=', organisationId)
    .select(['id', 'name', 'colour', 'active'])
    .orderBy('name')
    .execute();
}

export async function insertServiceType(
  tx: Tx,
  organisationId: string,
  t: { name: string; colour?: string },
) {
  try {
    return await tx
      .insertInto('service_types')
      .values({ organisation_id: organisationId, name: t.name, ...(t.colour ? { colour: t.colour } : {}) })
      .returning(['id', 'name', 'colour', 'active'])
      .executeTakeFirstOrThrow();
  } catch (error) {
    if (pgErrorCode(error) === '23505') throw conflict(`A service type named "${t.name}" already exists`);
    throw error;
  }
}

export async function serviceTypeExists(tx: Tx, organisationId: string, id: string) {
  const row = await tx
    .selectFrom('service_types')
    .where('organisation_id', '=', organisationId)
    .where('id', '=', id)
    .where('active', '=', true)
    .select('id')
    .executeTakeFirst();
  return row !== undefined;
}

// ---- series

function selectSeries(tx: Tx, organisationId: string) {
  return tx
    .selectFrom('scheduled_services as s')
    .innerJoin('service_types as t', (j) =>
      j.onRef('t.organisation_id', '=', 's.organisation_id').onRef('t.id', '=', 's.service_type_id'),
    )
    .leftJoin('staff as st', (j) =>
      j.onRef('st.organisation_id', '=', 's.organisation_id').onRef('st.id', '=', 's.staff_id'),
    )
    .where('s.organisation_id', '=', organisationId)
    .select([
      's.id',
      's.client_id as clientId',
      's.service_type_id as serviceTypeId',
      't.name as serviceTypeName',
      's.name',
      's.time_zone as timeZone',
      's.start_date as startDate',
      's.start_time as startTime',
      's.rrule',
      's.end_date as endDate',
      's.duration_minutes as durationMinutes',
      's.staff_id as staffId',
      sql<string | null>`st.given_name || ' ' || st.family_name`.as('staffName'),
      's.notes',
      's.status',
      's.split_from_id as splitFromId',
      's.generated_until as generatedUntil',
      's.created_by_user_id as createdById',
    ]);
}

export async function findSeries(tx: Tx, organisationId: string, id: string, forUpdate = false) {
  let q = selectSeries(tx, organisationId).where('s.id', '=', id);
  if (forUpdate) q = q.forUpdate('s');
  return (await q.executeTakeFirst()) as SeriesRecord | undefined;
}

export async function listClientSeries(tx: Tx, organisationId: string, clientId: string) {
  return (await selectSeries(tx, organisationId)
    .where('s.client_id', '=', clientId)
    .orderBy('s.start_date')
    .orderBy('s.id')
    .execute()) as SeriesRecord[];
}

export type SeriesWrite = Omit<
  SeriesRecord,
  'id' | 'serviceTypeName' | 'staffName' | 'generatedUntil' | 'splitFromId' | 'createdById'
> & {
  splitFromId?: string | null;
};

export async function insertSeries(
  tx: Tx,
  organisationId: string,
  s: SeriesWrite,
  userId: string,
): Promise<string> {
  const row = await tx
    .insertInto('scheduled_services')
    .values({
      organisation_id: organisationId,
      client_id: s.clientId,
      service_type_id: s.serviceTypeId,
      name: s.name,
      time_zone: s.timeZone,
      start_date: s.startDate,
      start_time: s.startTime,
      rrule: s.rrule,
      end_date: s.endDate,
      duration_minutes: s.durationMinutes,
      staff_id: s.staffId,
      notes: s.notes,
      status: s.status,
      split_from_id: s.splitFromId ?? null,
      created_by_user_id: userId,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function updateSeries(
  tx: Tx,
  organisationId: string,
  id: string,
  s: Partial<SeriesWrite> & { generatedUntil?: Temporal.Instant | null },
) {
  await tx
    .updateTable('scheduled_services')
    .set({
      ...(s.serviceTypeId !== undefined ? { service_type_id: s.serviceTypeId } : {}),
      ...(s.name !== undefined ? { name: s.name } : {}),
      ...(s.startDate !== undefined ? { start_date: s.startDate } : {}),
      ...(s.startTime !== undefined ? { start_time: s.startTime } : {}),
      ...(s.rrule !== undefined ? { rrule: s.rrule } : {}),
      ...(s.endDate !== undefined ? { end_date: s.endDate } : {}),
      ...(s.durationMinutes !== undefined ? { duration_minutes: s.durationMinutes } : {}),
      ...(s.staffId !== undefined ? { staff_id: s.staffId } : {}),
      ...(s.notes !== undefined ? { notes: s.notes } : {}),
      ...(s.status !== undefined ? { status: s.status as SeriesStatus } : {}),
      ...(s.generatedUntil !== undefined ? { generated_until: s.generatedUntil?.toString() ?? null } : {}),
      updated_at: sql<string>`now()`,
    })
    .where('organisation_id', '=', organisationId)
    .where('id', '=', id)
    .execute();
}

/** Active series whose bookings do not yet reach `horizon`, across all organisations (the generator's work list). */
export async function seriesNeedingGeneration(tx: Tx, horizonOf: (weeks: number) => Temporal.Instant) {
  const rows = await tx
    .selectFrom('scheduled_services as s')
    .innerJoin('organisations as o', 'o.id', 's.organisation_id')
    .where('s.status', '=', 'active')
    .select([
      's.organisation_id as organisationId',
      's.id',
      's.generated_until as generatedUntil',
      'o.scheduling_horizon_weeks as weeks',
    ])
    .execute();
  return rows.filter(
    (r) =>
      r.generatedUntil === null || r.generatedUntil.epochNanoseconds < horizonOf(r.weeks).epochNanoseconds,
  );
}

export async function horizonWeeks(tx: Tx, organisationId: string): Promise<number> {
  const row = await tx
    .selectFrom('organisations')
    .where('id', '=', organisationId)
    .select('scheduling_horizon_weeks')
    .executeTakeFirstOrThrow();
  return row.scheduling_horizon_weeks;
}

/** The series' bookings starting at or after `from`, matched to occurrences by their original local date. */
export async function seriesBookingsFrom(
  tx: Tx,
  organisationId: string,
  seriesId: string,
  from: Temporal.Instant,
  zone: string,
) {
  const rows = await tx
    .selectFrom('bookings')
    .where('organisation_id', '=', organisationId)
    .where('series_id', '=', seriesId)
    .where('original_start', '>=', ts(from.toString()))
    .select([
      'id',
      'original_start',
      'starts_at',
      'ends_at',
      'staff_id',
      'is_exception',
      'status',
      'suspended_by_leave_id',
    ])
    .orderBy('original_start')
    .execute();
  return rows.map((r): ExistingOccurrence & { suspendedByLeaveId: string | null } => ({
    bookingId: r.id,
    localDate: r.original_start!.toZonedDateTimeISO(zone).toPlainDate().toString(),
    originalStart: r.original_start!,
    startsAt: r.starts_at,
    endsAt: r.ends_at,
    staffId: r.staff_id,
    isException: r.is_exception,
    status: r.status,
    suspendedByLeaveId: r.suspended_by_leave_id,
  }));
}

export type OccurrenceWrite = {
  occurrence: Occurrence;
  staffId: string | null;
  /** Occurrences inside client leave are created suspended, so shortening the leave can restore them. */
  suspendedBy: LeaveRecord | null;
};

export type WriteResult = { ok: true; bookingId: string } | { ok: false; kind: 'staff_busy' | 'exists' };

/** Inserts one occurrence in its own savepoint: a duplicate (another generator got there) or a double booking fails alone. */
export async function insertOccurrence(
  tx: Tx,
  organisationId: string,
  series: SeriesRecord,
  w: OccurrenceWrite,
  userId: string,
): Promise<WriteResult> {
  await lockStaffSchedule(tx, organisationId, w.staffId);
  try {
    const row = await withSavepoint(tx, () =>
      tx
        .insertInto('bookings')
        .values({
          organisation_id: organisationId,
          client_id: series.clientId,
          kind: 'scheduled',
          name: series.name,
          starts_at: w.occurrence.startsAt.toString(),
          ends_at: w.occurrence.endsAt.toString(),
          time_zone: series.timeZone,
          staff_id: w.staffId,
          external_provider_id: null,
          notes: series.notes,
          status: w.suspendedBy ? 'cancelled' : 'booked',
          cancellation_reason: w.suspendedBy ? 'Client leave' : null,
          suspended_by_leave_id: w.suspendedBy?.id ?? null,
          series_id: series.id,
          original_start: w.occurrence.originalStart.toString(),
          service_type_id: series.serviceTypeId,
          created_by_user_id: userId,
        })
        .returning('id')
        .executeTakeFirstOrThrow(),
    );
    return { ok: true, bookingId: row.id };
  } catch (error) {
    const code = pgErrorCode(error);
    if (code === '23P01') return { ok: false, kind: 'staff_busy' };
    if (code === '23505') return { ok: false, kind: 'exists' };
    throw error;
  }
}

export async function updateOccurrence(
  tx: Tx,
  organisationId: string,
  bookingId: string,
  series: SeriesRecord,
  w: OccurrenceWrite,
): Promise<WriteResult> {
  await lockStaffSchedule(tx, organisationId, w.staffId);
  try {
    await withSavepoint(tx, () =>
      tx
        .updateTable('bookings')
        .set({
          name: series.name,
          starts_at: w.occurrence.startsAt.toString(),
          ends_at: w.occurrence.endsAt.toString(),
          original_start: w.occurrence.originalStart.toString(),
          time_zone: series.timeZone,
          staff_id: w.staffId,
          notes: series.notes,
          service_type_id: series.serviceTypeId,
          series_id: series.id,
          updated_at: sql<string>`now()`,
        })
        .where('organisation_id', '=', organisationId)
        .where('id', '=', bookingId)
        .execute(),
    );
    return { ok: true, bookingId };
  } catch (error) {
    if (pgErrorCode(error) === '23P01') return { ok: false, kind: 'staff_busy' };
    throw error;
  }
}

/** Moves kept bookings (edited or delivered) to another series, e.g. the later half of a split. */
export async function reassignSeries(tx: Tx, organisationId: string, bookingIds: string[], seriesId: string) {
  if (bookingIds.length === 0) return;
  await tx
    .updateTable('bookings')
    .set({ series_id: seriesId })
    .where('organisation_id', '=', organisationId)
    .where('id', 'in', bookingIds)
    .execute();
}

export async function deleteBookings(tx: Tx, organisationId: string, ids: string[]) {
  if (ids.length === 0) return;
  await tx
    .deleteFrom('notices')
    .where('organisation_id', '=', organisationId)
    .where('booking_id', 'in', ids)
    .execute();
  await tx
    .deleteFrom('bookings')
    .where('organisation_id', '=', organisationId)
    .where('id', 'in', ids)
    .execute();
}

/** Another non-cancelled booking of the client at that time: a soft conflict (a warning, not a refusal). */
export async function clientOverlap(
  tx: Tx,
  organisationId: string,
  clientId: string,
  start: Temporal.Instant,
  end: Temporal.Instant,
  exceptSeriesId: string | null,
  exceptBookingId: string | null = null,
) {
  let q = tx
    .selectFrom('bookings')
    .where('organisation_id', '=', organisationId)
    .where('client_id', '=', clientId)
    .where('status', '<>', 'cancelled')
    .where(
      sql<boolean>`tstzrange(starts_at, ends_at) && tstzrange(${start.toString()}::timestamptz, ${end.toString()}::timestamptz)`,
    )
    .select(['id', 'name']);
  if (exceptSeriesId)
    q = q.where((eb) => eb.or([eb('series_id', 'is', null), eb('series_id', '<>', exceptSeriesId)]));
  if (exceptBookingId) q = q.where('id', '<>', exceptBookingId);
  return q.executeTakeFirst();
}

/** Booked (not delivered, not cancelled) bookings of the client starting in [from, to). */
export async function bookedInWindow(
  tx: Tx,
  organisationId: string,
  clientId: string,
  from: Temporal.Instant,
  to: Temporal.Instant | null,
) {
  let q = tx
    .selectFrom('bookings')
    .where('organisation_id', '=', organisationId)
    .where('client_id', '=', clientId)
    .where('status', '=', 'booked')
    .where('starts_at', '>=', ts(from.toString()))
    .select([
      'id',
      'name',
      'staff_id as staffId',
      'starts_at as startsAt',
      'ends_at as endsAt',
      'time_zone as timeZone',
    ])
    .orderBy('starts_at');
  if (to) q = q.where('starts_at', '<', ts(to.toString()));
  return q.execute();
}

export async function suspendedBy(tx: Tx, organisationId: string, leaveId: string) {
  return tx
    .selectFrom('bookings')
    .where('organisation_id', '=', organisationId)
    .where('suspended_by_leave_id', '=', leaveId)
    .select([
      'id',
      'name',
      'staff_id as staffId',
      'starts_at as startsAt',
      'ends_at as endsAt',
      'time_zone as timeZone',
    ])
    .orderBy('starts_at')
    .execute();
}

export async function suspendBooking(tx: Tx, organisationId: string, id: string, leaveId: string) {
  await tx
    .updateTable('bookings')
    .set({
      status: 'cancelled',
      cancellation_reason: 'Client leave',
      suspended_by_leave_id: leaveId,
      updated_at: sql<string>`now()`,
    })
    .where('organisation_id', '=', organisationId)
    .where('id', '=', id)
    .execute();
}

/** Back to booked; fails alone (savepoint) when the staff member has since been booked elsewhere. */
export async function restoreBooking(tx: Tx, organisationId: string, id: string): Promise<boolean> {
  try {
    await withSavepoint(tx, () =>
      tx
        .updateTable('bookings')
        .set({
          status: 'booked',
          cancellation_reason: null,
          suspended_by_leave_id: null,
          updated_at: sql<string>`now()`,
        })
        .where('organisation_id', '=', organisationId)
        .where('id', '=', id)
        .execute(),
    );
    return true;
  } catch (error) {
    if (pgErrorCode(error) === '23P01') return false;
    throw error;
  }
}

export async function insertNotice(
  tx: Tx,
  organisationId: string,
  n: { staffId: string; message: string; bookingId: string | null },
) {
  await tx
    .insertInto('notices')
    .values({
      organisation_id: organisationId,
      staff_id: n.staffId,
      message: n.message,
      booking_id: n.bookingId,
    })
    .execute();
}

export async function listNotices(tx: Tx, organisationId: string, staffId: string, limit: number) {
  return tx
    .selectFrom('notices')
    .where('organisation_id', '=', organisationId)
    .where('staff_id', '=', staffId)
    .select(['id', 'message', 'booking_id as bookingId', 'created_at as createdAt', 'read_at as readAt'])
    .orderBy('created_at', 'desc')
    .limit(limit)
    .execute();
}
