import type { Temporal } from 'temporal-polyfill';
import { type Tx, ts } from '../platform/db/database.js';
import type { Approach, Attendance, Modality, VideoPlatform } from './rebooking-tables.types.js';

/** The organisation's retrospective window, in days; undefined: no row (the default applies). */
export async function retrospectiveDaysOf(tx: Tx, organisationId: string) {
  const row = await tx
    .selectFrom('rebooking_settings')
    .where('organisation_id', '=', organisationId)
    .select('retrospective_days')
    .executeTakeFirst();
  return row?.retrospective_days;
}

export async function saveRetrospectiveDays(tx: Tx, organisationId: string, days: number, now: string) {
  await tx
    .insertInto('rebooking_settings')
    .values({ organisation_id: organisationId, retrospective_days: days, updated_at: now })
    .onConflict((c) => c.column('organisation_id').doUpdateSet({ retrospective_days: days, updated_at: now }))
    .execute();
}

/** The case a booking used a session of (its ledger "use" entry), if any. */
export async function caseOfBooking(tx: Tx, organisationId: string, bookingId: string) {
  const row = await tx
    .selectFrom('entitlement_entries')
    .where('organisation_id', '=', organisationId)
    .where('booking_id', '=', bookingId)
    .where('kind', '=', 'use')
    .where('rescheduled_from', 'is', null)
    .select('case_id')
    .executeTakeFirst();
  return row?.case_id;
}

/** The start of the case's latest session starting before `before` that is not cancelled. */
export async function previousSessionStart(
  tx: Tx,
  organisationId: string,
  caseId: string,
  before: Temporal.Instant,
): Promise<Temporal.Instant | null> {
  const row = await tx
    .selectFrom('entitlement_entries as e')
    .innerJoin('bookings as b', (j) =>
      j.onRef('b.organisation_id', '=', 'e.organisation_id').onRef('b.id', '=', 'e.booking_id'),
    )
    .where('e.organisation_id', '=', organisationId)
    .where('e.case_id', '=', caseId)
    .where('e.kind', '=', 'use')
    .where('b.status', '<>', 'cancelled')
    .where('b.starts_at', '<', ts(before.toString()))
    .select('b.starts_at as startsAt')
    .orderBy('b.starts_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row?.startsAt ?? null;
}

export type SessionDetails = {
  bookingId: string;
  caseId: string;
  approach: Approach;
  workScheduleId: string | null;
  payRateMinor: number | null;
  modality: Modality;
  videoPlatform: VideoPlatform | null;
  meetingLink: string | null;
  attendance: Attendance;
  notifyClient: boolean;
  previousBookingId: string | null;
  userId: string;
  enteredAt: string;
};

export async function insertSessionDetails(tx: Tx, organisationId: string, d: SessionDetails) {
  await tx
    .insertInto('case_session_details')
    .values({
      organisation_id: organisationId,
      booking_id: d.bookingId,
      case_id: d.caseId,
      approach: d.approach,
      work_schedule_id: d.workScheduleId,
      pay_rate_minor: d.payRateMinor,
      modality: d.modality,
      video_platform: d.videoPlatform,
      meeting_link: d.meetingLink,
      attendance: d.attendance,
      notify_client: d.notifyClient,
      confirmed: true,
      previous_booking_id: d.previousBookingId,
      entered_at: d.enteredAt,
      created_by_user_id: d.userId,
    })
    .execute();
}

export async function sessionDetailsOf(tx: Tx, organisationId: string, bookingId: string) {
  return tx
    .selectFrom('case_session_details')
    .where('organisation_id', '=', organisationId)
    .where('booking_id', '=', bookingId)
    .select([
      'booking_id as bookingId',
      'case_id as caseId',
      'approach',
      'work_schedule_id as workScheduleId',
      'pay_rate_minor as payRateMinor',
      'modality',
      'video_platform as videoPlatform',
      'meeting_link as meetingLink',
      'attendance',
      'notify_client as notifyClient',
      'entered_at as enteredAt',
    ])
    .executeTakeFirst();
}

export async function markCaseClosed(
  tx: Tx,
  organisationId: string,
  caseId: string,
  c: { reason: string; userId: string; at: string },
) {
  await tx
    .updateTable('cases')
    .set({ status: 'closed', close_reason: c.reason, closed_by_user_id: c.userId, closed_at: c.at })
    .where('organisation_id', '=', organisationId)
    .where('id', '=', caseId)
    .execute();
}

/** The staff member behind a user (who asked for extra sessions): their name, address and zone. */
export async function staffOfUser(tx: Tx, organisationId: string, userId: string) {
  return tx
    .selectFrom('users as u')
    .innerJoin('staff as s', (j) =>
      j.onRef('s.organisation_id', '=', 'u.organisation_id').onRef('s.id', '=', 'u.staff_id'),
    )
    .where('u.organisation_id', '=', organisationId)
    .where('u.id', '=', userId)
    .select([
      's.id as staffId',
      's.given_name as givenName',
      's.family_name as familyName',
      's.email',
      's.time_zone as timeZone',
    ])
    .executeTakeFirst();
}

export async function requesterOf(tx: Tx, organisationId: string, requestId: string) {
  const row = await tx
    .selectFrom('extra_session_requests')
    .where('organisation_id', '=', organisationId)
    .where('id', '=', requestId)
    .select('requested_by_user_id as userId')
    .executeTakeFirst();
  return row?.userId;
}
