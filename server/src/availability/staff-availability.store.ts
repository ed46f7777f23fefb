import type { Tx } from '../platform/db/database.js';
import type { Availability, WorkingWindow } from './availability.js';

export async function availabilityOf(
  tx: Tx,
  organisationId: string,
  staffId: string,
): Promise<Availability | null> {
  const staff = await tx
    .selectFrom('staff')
    .where('organisation_id', '=', organisationId)
    .where('id', '=', staffId)
    .select('time_zone')
    .executeTakeFirst();
  if (!staff) return null;
  const [workingHours, leave] = await Promise.all([
    workingHoursOf(tx, organisationId, staffId),
    staffLeaveOf(tx, organisationId, staffId),
  ]);
  return { timeZone: staff.time_zone, workingHours, leave };
}

export async function workingHoursOf(
  tx: Tx,
  organisationId: string,
  staffId: string,
): Promise<WorkingWindow[]> {
  return tx
    .selectFrom('staff_working_hours')
    .where('organisation_id', '=', organisationId)
    .where('staff_id', '=', staffId)
    .select(['weekday', 'starts_at as startsAt', 'ends_at as endsAt'])
    .orderBy('weekday')
    .orderBy('starts_at')
    .execute();
}

export async function replaceWorkingHours(
  tx: Tx,
  organisationId: string,
  staffId: string,
  windows: WorkingWindow[],
) {
  await tx
    .deleteFrom('staff_working_hours')
    .where('organisation_id', '=', organisationId)
    .where('staff_id', '=', staffId)
    .execute();
  if (windows.length === 0) return;
  await tx
    .insertInto('staff_working_hours')
    .values(
      windows.map((w) => ({
        organisation_id: organisationId,
        staff_id: staffId,
        weekday: w.weekday,
        starts_at: w.startsAt,
        ends_at: w.endsAt,
      })),
    )
    .execute();
}

export async function staffLeaveOf(tx: Tx, organisationId: string, staffId: string) {
  return tx
    .selectFrom('staff_leave')
    .where('organisation_id', '=', organisationId)
    .where('staff_id', '=', staffId)
    .select(['id', 'starts_on as startsOn', 'ends_on as endsOn', 'reason'])
    .orderBy('starts_on')
    .execute();
}

export async function insertStaffLeave(
  tx: Tx,
  organisationId: string,
  staffId: string,
  l: { startsOn: string; endsOn: string; reason: string | null },
) {
  return tx
    .insertInto('staff_leave')
    .values({
      organisation_id: organisationId,
      staff_id: staffId,
      starts_on: l.startsOn,
      ends_on: l.endsOn,
      reason: l.reason,
    })
    .returning(['id', 'starts_on as startsOn', 'ends_on as endsOn', 'reason'])
    .executeTakeFirstOrThrow();
}

export async function deleteStaffLeave(tx: Tx, organisationId: string, id: string): Promise<boolean> {
  const r = await tx
    .deleteFrom('staff_leave')
    .where('organisation_id', '=', organisationId)
    .where('id', '=', id)
    .executeTakeFirst();
  return r.numDeletedRows > 0n;
}
