import { sql } from 'kysely';
import type { Tx } from '../platform/db/database.js';

/**
 * The bell's notices (table `notices`): what happened that concerns a staff member — a booking assigned to or
 * taken from them, moved or cancelled by someone else, a client's leave suspending or restoring a visit. This
 * store is the table's one writer; scheduling/ writes its leave notices through it.
 */

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

/** Notices about occurrences a series edit or end removes: they would point at nothing. */
export async function deleteNoticesOf(tx: Tx, organisationId: string, bookingIds: string[]): Promise<void> {
  if (bookingIds.length === 0) return;
  await tx
    .deleteFrom('notices')
    .where('organisation_id', '=', organisationId)
    .where('booking_id', 'in', bookingIds)
    .execute();
}

export async function listNotices(tx: Tx, organisationId: string, staffId: string, limit: number) {
  return tx
    .selectFrom('notices')
    .where('organisation_id', '=', organisationId)
    .where('staff_id', '=', staffId)
    .select(['id', 'message', 'booking_id as bookingId', 'created_at as createdAt', 'read_at as readAt'])
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}

export async function unreadNoticeCount(tx: Tx, organisationId: string, staffId: string) {
  const row = await tx
    .selectFrom('notices')
    .where('organisation_id', '=', organisationId)
    .where('staff_id', '=', staffId)
    .where('read_at', 'is', null)
    .select((e) => e.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Marks the staff member's notices read (`ids`, or all of them); returns how many were unread. */
export async function markNoticesRead(
  tx: Tx,
  organisationId: string,
  staffId: string,
  ids: string[] | 'all',
  now: string,
) {
  if (ids !== 'all' && ids.length === 0) return 0;
  let q = tx
    .updateTable('notices')
    .set({ read_at: now })
    .where('organisation_id', '=', organisationId)
    .where('staff_id', '=', staffId)
    .where('read_at', 'is', null);
  if (ids !== 'all') q = q.where('id', 'in', ids);
  const r = await q.executeTakeFirst();
  return Number(r.numUpdatedRows);
}

/** A staff member's name and zone (a notice's times are written in it). */
export async function staffForNotice(tx: Tx, organisationId: string, staffId: string) {
  return tx
    .selectFrom('staff')
    .where('organisation_id', '=', organisationId)
    .where('id', '=', staffId)
    .select(['given_name as givenName', 'family_name as familyName', 'time_zone as timeZone'])
    .executeTakeFirst();
}

/**
 * Tasks (plans' services) open or in progress, assigned to a staff member, whose due date has passed in their
 * client's zone at `now`, that the assignee has not yet been told of for that due date: in every organisation.
 */
export async function overdueTasksNotNoticed(tx: Tx, now: string) {
  return tx
    .selectFrom('services as s')
    .innerJoin('clients as c', (j) =>
      j.onRef('c.organisation_id', '=', 's.organisation_id').onRef('c.id', '=', 's.client_id'),
    )
    .innerJoin('organisations as o', 'o.id', 's.organisation_id')
    .where('s.status', 'in', ['open', 'in_progress'])
    .where('s.assignee_staff_id', 'is not', null)
    .where(sql<boolean>`s.due_date < (${now}::timestamptz AT TIME ZONE c.time_zone)::date`)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('notices as n')
            .whereRef('n.organisation_id', '=', 's.organisation_id')
            .whereRef('n.staff_id', '=', 's.assignee_staff_id')
            .whereRef('n.service_id', '=', 's.id')
            .whereRef('n.service_due_date', '=', 's.due_date')
            .select('n.id'),
        ),
      ),
    )
    .select([
      's.organisation_id as organisationId',
      's.id as serviceId',
      's.title',
      's.due_date as dueDate',
      's.assignee_staff_id as staffId',
      sql<string>`coalesce(c.preferred_name, c.given_name) || ' ' || c.family_name`.as('clientName'),
      'o.country as country',
    ])
    .orderBy('s.due_date')
    .execute();
}

/** One overdue task's notice; a second for the same person, service and due date is not written. */
export async function insertOverdueTaskNotice(
  tx: Tx,
  n: { organisationId: string; staffId: string; serviceId: string; dueDate: string; message: string },
): Promise<boolean> {
  const r = await tx
    .insertInto('notices')
    .values({
      organisation_id: n.organisationId,
      staff_id: n.staffId,
      message: n.message,
      booking_id: null,
      service_id: n.serviceId,
      service_due_date: n.dueDate,
    })
    .onConflict((oc) =>
      oc
        .columns(['organisation_id', 'staff_id', 'service_id', 'service_due_date'])
        .where('service_id', 'is not', null)
        .doNothing(),
    )
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0n) > 0;
}
