import type { Temporal } from 'temporal-polyfill';
import { type Tx, ts } from '../platform/db/database.js';
import type { Busy, ScheduleLine, StaffBreak } from './slot-search.js';

export type ScheduleType = 'adhoc' | 'open' | 'rapid_response';
export type WorkScheduleWrite = {
  name: string;
  type: ScheduleType;
  payRateMinor: number | null;
  active: boolean;
  lines: { weekday: number; startsAt: string; endsAt: string }[];
};
export type WorkSchedule = WorkScheduleWrite & { id: string; staffId: string };

export async function staffScheduleContext(
  tx: Tx,
  organisationId: string,
  staffId: string,
  forUpdate = false,
) {
  let q = tx
    .selectFrom('staff')
    .where('organisation_id', '=', organisationId)
    .where('id', '=', staffId)
    .select(['id', 'time_zone as timeZone', 'holiday_region as holidayRegion', 'given_name', 'family_name']);
  if (forUpdate) q = q.forUpdate();
  return q.executeTakeFirst();
}

export async function setHolidayRegion(
  tx: Tx,
  organisationId: string,
  staffId: string,
  region: string | null,
) {
  await tx
    .updateTable('staff')
    .set({ holiday_region: region })
    .where('organisation_id', '=', organisationId)
    .where('id', '=', staffId)
    .execute();
}

export async function schedulesOf(tx: Tx, organisationId: string, staffId: string): Promise<WorkSchedule[]> {
  const rows = await tx
    .selectFrom('work_schedules')
    .where('organisation_id', '=', organisationId)
    .where('staff_id', '=', staffId)
    .select(['id', 'staff_id', 'name', 'schedule_type', 'pay_rate_minor', 'active'])
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  if (rows.length === 0) return [];
  const lines = await tx
    .selectFrom('work_schedule_lines')
    .where('organisation_id', '=', organisationId)
    .where(
      'schedule_id',
      'in',
      rows.map((r) => r.id),
    )
    .select(['schedule_id', 'weekday', 'starts_at', 'ends_at'])
    .orderBy('weekday')
    .orderBy('starts_at')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    staffId: r.staff_id,
    name: r.name,
    type: r.schedule_type,
    payRateMinor: r.pay_rate_minor,
    active: r.active,
    lines: lines
      .filter((l) => l.schedule_id === r.id)
      .map((l) => ({ weekday: l.weekday, startsAt: l.starts_at, endsAt: l.ends_at })),
  }));
}

export async function findScheduleOwner(tx: Tx, organisationId: string, id: string, forUpdate = false) {
  let q = tx
    .selectFrom('work_schedules')
    .where('organisation_id', '=', organisationId)
    .where('id', '=', id)
    .select(['staff_id as staffId']);
  if (forUpdate) q = q.forUpdate();
  return q.executeTakeFirst();
}

async function writeLines(
  tx: Tx,
  organisationId: string,
  scheduleId: string,
  lines: WorkScheduleWrite['lines'],
) {
  await tx
    .deleteFrom('work_schedule_lines')
    .where('organisation_id', '=', organisationId)
    .where('schedule_id', '=', scheduleId)
    .execute();
  if (lines.length === 0) return;
  await tx
    .insertInto('work_schedule_lines')
    .values(
      lines.map((l) => ({
        organisation_id: organisationId,
        schedule_id: scheduleId,
        weekday: l.weekday,
        starts_at: l.startsAt,
        ends_at: l.endsAt,
      })),
    )
    .execute();
}

export async function insertSchedule(tx: Tx, organisationId: string, staffId: string, s: WorkScheduleWrite) {
  const { id } = await tx
    .insertInto('work_schedules')
    .values({
      organisation_id: organisationId,
      staff_id: staffId,
      name: s.name,
      schedule_type: s.type,
      pay_rate_minor: s.payRateMinor,
      active: s.active,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await writeLines(tx, organisationId, id, s.lines);
  return id;
}

export async function updateSchedule(tx: Tx, organisationId: string, id: string, s: WorkScheduleWrite) {
  await tx
    .updateTable('work_schedules')
    .set({ name: s.name, schedule_type: s.type, pay_rate_minor: s.payRateMinor, active: s.active })
    .where('organisation_id', '=', organisationId)
    .where('id', '=', id)
    .execute();
  await writeLines(tx, organisationId, id, s.lines);
}

export async function deleteSchedule(tx: Tx, organisationId: string, id: string) {
  await tx
    .deleteFrom('work_schedules')
    .where('organisation_id', '=', organisationId)
    .where('id', '=', id)
    .execute();
}

export type BreakRow = StaffBreak & { id: string; reason: string | null };

export async function breaksOf(tx: Tx, organisationId: string, staffId: string, fromDate?: string) {
  let q = tx
    .selectFrom('staff_breaks')
    .where('organisation_id', '=', organisationId)
    .where('staff_id', '=', staffId);
  if (fromDate !== undefined) q = q.where('ends_on', '>=', fromDate);
  return q
    .select([
      'id',
      'starts_on as startsOn',
      'ends_on as endsOn',
      'from_time as fromTime',
      'to_time as toTime',
      'reason',
    ])
    .orderBy('starts_on')
    .orderBy('id')
    .execute() as Promise<BreakRow[]>;
}

export async function insertBreak(
  tx: Tx,
  organisationId: string,
  staffId: string,
  b: Omit<BreakRow, 'id'>,
): Promise<BreakRow> {
  return tx
    .insertInto('staff_breaks')
    .values({
      organisation_id: organisationId,
      staff_id: staffId,
      starts_on: b.startsOn,
      ends_on: b.endsOn,
      from_time: b.fromTime,
      to_time: b.toTime,
      reason: b.reason,
    })
    .returning([
      'id',
      'starts_on as startsOn',
      'ends_on as endsOn',
      'from_time as fromTime',
      'to_time as toTime',
      'reason',
    ])
    .executeTakeFirstOrThrow();
}

export async function findBreakOwner(tx: Tx, organisationId: string, id: string) {
  return tx
    .selectFrom('staff_breaks')
    .where('organisation_id', '=', organisationId)
    .where('id', '=', id)
    .select(['staff_id as staffId'])
    .executeTakeFirst();
}

export async function deleteBreak(tx: Tx, organisationId: string, id: string) {
  await tx
    .deleteFrom('staff_breaks')
    .where('organisation_id', '=', organisationId)
    .where('id', '=', id)
    .execute();
}

/**
 * What the slot search needs of one associate between two instants, read in one go: the lines of their active
 * schedules, the bookings they take part in (staff participant rows still booked or attended, of bookings not
 * cancelled), their breaks and their days of leave.
 */
export async function slotSearchData(
  tx: Tx,
  organisationId: string,
  staffId: string,
  from: Temporal.Instant,
  to: Temporal.Instant,
  fromDate: string,
) {
  const [lines, busy, breaks, leave] = await Promise.all([
    tx
      .selectFrom('work_schedule_lines as l')
      .innerJoin('work_schedules as s', (j) =>
        j.onRef('s.organisation_id', '=', 'l.organisation_id').onRef('s.id', '=', 'l.schedule_id'),
      )
      .where('l.organisation_id', '=', organisationId)
      .where('s.staff_id', '=', staffId)
      .where('s.active', '=', true)
      .select(['l.schedule_id as scheduleId', 'l.weekday', 'l.starts_at as startsAt', 'l.ends_at as endsAt'])
      .execute() as Promise<ScheduleLine[]>,
    tx
      .selectFrom('booking_participants as p')
      .innerJoin('bookings as b', (j) =>
        j.onRef('b.organisation_id', '=', 'p.organisation_id').onRef('b.id', '=', 'p.booking_id'),
      )
      .where('p.organisation_id', '=', organisationId)
      .where('p.staff_id', '=', staffId)
      .where('p.status', 'in', ['booked', 'attended'])
      .where('b.status', '<>', 'cancelled')
      .where('b.starts_at', '<', ts(to.toString()))
      .where('b.ends_at', '>', ts(from.toString()))
      .select(['b.starts_at as start', 'b.ends_at as end'])
      .execute() as Promise<Busy[]>,
    breaksOf(tx, organisationId, staffId, fromDate),
    tx
      .selectFrom('staff_leave')
      .where('organisation_id', '=', organisationId)
      .where('staff_id', '=', staffId)
      .where('ends_on', '>=', fromDate)
      .select(['starts_on as startsOn', 'ends_on as endsOn'])
      .execute(),
  ]);
  return { lines, busy, breaks, leave };
}
