import { sql } from 'kysely';
import type { Temporal } from 'temporal-polyfill';
import { type Tx, ts } from '../platform/db/database.js';
import type { BookingStatus } from '../platform/db/schema.js';
import type { ClosedAs, Modality, NotesFileType, Outcome } from './appointment-tables.types.js';

/** A booking as Quick View and the Today board see it: who, when (in both zones), and how far it has got. */
export type AppointmentRow = {
  bookingId: string;
  name: string;
  startsAt: Temporal.Instant;
  endsAt: Temporal.Instant;
  status: BookingStatus;
  cancellationReason: string | null;
  clientId: string | null;
  clientName: string | null;
  clientZone: string | null;
  staffId: string | null;
  staffName: string | null;
  staffZone: string | null;
  caseId: string | null;
  modality: Modality | null;
  commencedAt: Temporal.Instant | null;
  completedAt: Temporal.Instant | null;
  signedOffAt: Temporal.Instant | null;
  closedAs: ClosedAs | null;
  hasRecord: boolean;
};

/**
 * Bookings starting in [from, to): those `staffId` takes part in, or every booking of the organisation. The
 * staff member shown is the lead one; the client, the lead client.
 */
export async function appointmentRows(
  tx: Tx,
  organisationId: string,
  f: { staffId?: string; from?: Temporal.Instant; to?: Temporal.Instant; bookingId?: string },
): Promise<AppointmentRow[]> {
  let q = tx
    .selectFrom('bookings as b')
    .leftJoin('booking_participants as cp', (j) =>
      j
        .onRef('cp.organisation_id', '=', 'b.organisation_id')
        .onRef('cp.booking_id', '=', 'b.id')
        .on('cp.participant_type', '=', 'client')
        .on('cp.is_lead', '=', true),
    )
    .leftJoin('clients as c', (j) =>
      j.onRef('c.organisation_id', '=', 'cp.organisation_id').onRef('c.id', '=', 'cp.client_id'),
    )
    .leftJoin('booking_participants as sp', (j) =>
      j
        .onRef('sp.organisation_id', '=', 'b.organisation_id')
        .onRef('sp.booking_id', '=', 'b.id')
        .on('sp.participant_type', '=', 'staff')
        .on('sp.is_lead', '=', true),
    )
    .leftJoin('staff as s', (j) =>
      j.onRef('s.organisation_id', '=', 'sp.organisation_id').onRef('s.id', '=', 'sp.staff_id'),
    )
    .leftJoin('appointment_records as r', (j) =>
      j.onRef('r.organisation_id', '=', 'b.organisation_id').onRef('r.booking_id', '=', 'b.id'),
    )
    .where('b.organisation_id', '=', organisationId);
  if (f.from) q = q.where('b.starts_at', '>=', ts(f.from.toString()));
  if (f.to) q = q.where('b.starts_at', '<', ts(f.to.toString()));
  if (f.bookingId !== undefined) q = q.where('b.id', '=', f.bookingId);
  if (f.staffId !== undefined) {
    const staffId = f.staffId;
    q = q.where('b.id', 'in', (eb) =>
      eb
        .selectFrom('booking_participants as mine')
        .where('mine.organisation_id', '=', organisationId)
        .where('mine.staff_id', '=', staffId)
        .select('mine.booking_id'),
    );
  }
  return (await q
    .select([
      'b.id as bookingId',
      'b.name',
      'b.starts_at as startsAt',
      'b.ends_at as endsAt',
      'b.status',
      'b.cancellation_reason as cancellationReason',
      'c.id as clientId',
      sql<string | null>`c.given_name || ' ' || c.family_name`.as('clientName'),
      'c.time_zone as clientZone',
      's.id as staffId',
      sql<string | null>`s.given_name || ' ' || s.family_name`.as('staffName'),
      's.time_zone as staffZone',
      sql<
        string | null
      >`(SELECT e.case_id FROM entitlement_entries e WHERE e.organisation_id = b.organisation_id
        AND e.booking_id = b.id AND e.kind = 'use' AND e.rescheduled_from IS NULL)`.as('caseId'),
      'r.modality',
      'r.commenced_at as commencedAt',
      'r.completed_at as completedAt',
      'r.signed_off_at as signedOffAt',
      'r.closed_as as closedAs',
      sql<boolean>`r.booking_id IS NOT NULL`.as('hasRecord'),
    ])
    .orderBy('b.starts_at')
    .orderBy('b.id')
    .execute()) as AppointmentRow[];
}

export type AppointmentRecord = {
  bookingId: string;
  modality: Modality | null;
  commencedAt: Temporal.Instant | null;
  completedAt: Temporal.Instant | null;
  notes: string | null;
  notesFileName: string | null;
  notesFileType: NotesFileType | null;
  notesFileBytes: number | null;
  outcome: Outcome | null;
  signedOffAt: Temporal.Instant | null;
  closedAs: ClosedAs | null;
};

/** `forUpdate` serialises the steps of one appointment (commence, complete, sign off). */
export async function findRecord(
  tx: Tx,
  organisationId: string,
  bookingId: string,
  forUpdate = false,
): Promise<AppointmentRecord | undefined> {
  let q = tx
    .selectFrom('appointment_records')
    .where('organisation_id', '=', organisationId)
    .where('booking_id', '=', bookingId)
    .select([
      'booking_id as bookingId',
      'modality',
      'commenced_at as commencedAt',
      'completed_at as completedAt',
      'notes',
      'notes_file_name as notesFileName',
      'notes_file_type as notesFileType',
      sql<number | null>`octet_length(notes_file)`.as('notesFileBytes'),
      'outcome',
      'signed_off_at as signedOffAt',
      'closed_as as closedAs',
    ]);
  if (forUpdate) q = q.forUpdate();
  return q.executeTakeFirst();
}

/** Creates the record (or leaves an existing one) so its row can be locked. */
export async function ensureRecord(tx: Tx, organisationId: string, bookingId: string) {
  await tx
    .insertInto('appointment_records')
    .values({ organisation_id: organisationId, booking_id: bookingId })
    .onConflict((oc) => oc.columns(['organisation_id', 'booking_id']).doNothing())
    .execute();
}

export type RecordPatch = {
  commenced_at?: string;
  commenced_by_user_id?: string;
  completed_at?: string;
  notes?: string | null;
  notes_file_name?: string | null;
  notes_file_type?: NotesFileType | null;
  notes_file?: Buffer | null;
  outcome?: Outcome;
  signed_off_at?: string;
  signed_off_by_user_id?: string;
  closed_as?: ClosedAs;
};

export async function updateRecord(
  tx: Tx,
  organisationId: string,
  bookingId: string,
  patch: RecordPatch,
  at: Temporal.Instant,
) {
  await tx
    .updateTable('appointment_records')
    .set({ ...patch, updated_at: at.toString() })
    .where('organisation_id', '=', organisationId)
    .where('booking_id', '=', bookingId)
    .execute();
}

export async function notesFileOf(tx: Tx, organisationId: string, bookingId: string) {
  return tx
    .selectFrom('appointment_records')
    .where('organisation_id', '=', organisationId)
    .where('booking_id', '=', bookingId)
    .where('notes_file', 'is not', null)
    .select(['notes_file as bytes', 'notes_file_name as name', 'notes_file_type as type'])
    .executeTakeFirst();
}

export async function insertAddendum(
  tx: Tx,
  organisationId: string,
  a: { bookingId: string; text: string; userId: string; at: Temporal.Instant },
) {
  return tx
    .insertInto('appointment_addenda')
    .values({
      organisation_id: organisationId,
      booking_id: a.bookingId,
      text: a.text,
      created_by_user_id: a.userId,
      created_at: a.at.toString(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
}

/** In the order written. */
export async function addendaOf(tx: Tx, organisationId: string, bookingId: string) {
  return tx
    .selectFrom('appointment_addenda as a')
    .innerJoin('users as u', (j) =>
      j.onRef('u.organisation_id', '=', 'a.organisation_id').onRef('u.id', '=', 'a.created_by_user_id'),
    )
    .innerJoin('staff as s', (j) =>
      j.onRef('s.organisation_id', '=', 'u.organisation_id').onRef('s.id', '=', 'u.staff_id'),
    )
    .where('a.organisation_id', '=', organisationId)
    .where('a.booking_id', '=', bookingId)
    .select([
      'a.id',
      'a.text',
      'a.created_at as createdAt',
      sql<string>`s.given_name || ' ' || s.family_name`.as('byName'),
    ])
    .orderBy('a.created_at')
    .orderBy('a.id')
    .execute();
}

export async function overdueAfterDays(tx: Tx, organisationId: string): Promise<number> {
  const row = await tx
    .selectFrom('appointment_settings')
    .where('organisation_id', '=', organisationId)
    .select('overdue_after_days as days')
    .executeTakeFirst();
  return row?.days ?? 7;
}

export async function saveOverdueAfterDays(tx: Tx, organisationId: string, days: number) {
  await tx
    .insertInto('appointment_settings')
    .values({ organisation_id: organisationId, overdue_after_days: days })
    .onConflict((oc) => oc.column('organisation_id').doUpdateSet({ overdue_after_days: days }))
    .execute();
}

/** Extra-session requests still waiting for the funder, soonest due first. */
export async function pendingExtraRequests(tx: Tx, organisationId: string) {
  return tx
    .selectFrom('extra_session_requests as x')
    .innerJoin('cases as k', (j) =>
      j.onRef('k.organisation_id', '=', 'x.organisation_id').onRef('k.id', '=', 'x.case_id'),
    )
    .innerJoin('clients as c', (j) =>
      j.onRef('c.organisation_id', '=', 'k.organisation_id').onRef('c.id', '=', 'k.client_id'),
    )
    .where('x.organisation_id', '=', organisationId)
    .where('x.status', '=', 'pending')
    .select([
      'x.id',
      'x.case_id as caseId',
      'c.id as clientId',
      sql<string>`c.given_name || ' ' || c.family_name`.as('clientName'),
      'k.funder',
      'k.issue',
      'x.sessions',
      'x.requested_on as requestedOn',
      'x.due_on as dueOn',
    ])
    .orderBy('x.due_on')
    .orderBy('x.id')
    .limit(100)
    .execute();
}

/** Whether the staff member takes part in the booking (any staff role). */
export async function takesPart(tx: Tx, organisationId: string, bookingId: string, staffId: string) {
  const row = await tx
    .selectFrom('booking_participants')
    .where('organisation_id', '=', organisationId)
    .where('booking_id', '=', bookingId)
    .where('staff_id', '=', staffId)
    .select('id')
    .executeTakeFirst();
  return row !== undefined;
}

/** The staff member's zone and the organisation's country (for the locale of zone abbreviations). */
export async function viewerContext(tx: Tx, organisationId: string, staffId: string) {
  return tx
    .selectFrom('staff as s')
    .innerJoin('organisations as o', 'o.id', 's.organisation_id')
    .where('s.organisation_id', '=', organisationId)
    .where('s.id', '=', staffId)
    .select(['s.time_zone as timeZone', 'o.country', 'o.time_zone as organisationZone'])
    .executeTakeFirstOrThrow();
}
