import { sql } from 'kysely';
import type { Temporal } from 'temporal-polyfill';
import { type Tx, ts } from '../platform/db/database.js';
import type { ParticipantStatus, ParticipantType } from '../platform/db/schema.js';
import type { ParticipantRecord } from './booking.types.js';
import type { BookingStatus } from './booking-rules.js';

export type { ParticipantRecord };

/** The lead staff member or provider of a booking (today's "assignee"); both null: unassigned. */
export type Assignee = { staffId: string | null; providerId: string | null };

export type NewParticipant = {
  bookingId: string;
  type: ParticipantType;
  subjectId: string;
  isLead: boolean;
  status: ParticipantStatus;
  role?: string | null;
  suspendedByLeaveId?: string | null;
  replacesParticipantId?: string | null;
};

const subjectColumn = {
  client: 'client_id',
  staff: 'staff_id',
  provider: 'provider_id',
  resource: 'resource_id',
} as const;

/**
 * Writers of one staff member's bookings queue on a transaction-scoped advisory lock. Without it, concurrent
 * inserts for the same slot wait on each other inside the exclusion check and deadlock (PostgreSQL breaks that
 * only after deadlock_timeout, 1 s); with it, a later writer sees the winner's committed row and is refused at
 * once. The constraint stays the guarantee; the lock only orders the contenders. Several staff members are
 * locked in one order (sorted), so two writers never wait on each other crosswise.
 */
export async function lockStaffSchedules(
  tx: Tx,
  organisationId: string,
  staffIds: readonly (string | null)[],
): Promise<void> {
  const ids = [...new Set(staffIds.filter((s): s is string => s !== null))].sort();
  for (const id of ids)
    await sql`SELECT pg_advisory_xact_lock(hashtextextended(${`${organisationId}:${id}`}, 0))`.execute(tx);
}

/**
 * Claims, without waiting, the clock hours (UTC, [from, to)) of one staff member's schedule that a single
 * booking write touches; false when another transaction holds any of them. Two overlapping periods always
 * share an hour, so a contender that would overlap an in-flight write learns it at once instead of queueing
 * behind it only to be refused. The price: two concurrent writes for the same staff member that merely touch
 * the same hour (09:00–09:30 and 09:30–10:00) — one is told to try again. The blocking lock above still orders
 * every writer and the exclusion constraint stays the guarantee; this lock only answers losers early.
 */
export async function tryClaimStaffHours(
  tx: Tx,
  organisationId: string,
  staffId: string,
  from: Temporal.Instant,
  to: Temporal.Instant,
): Promise<boolean> {
  const key = `${organisationId}:${staffId}:`;
  const result = await sql<{ ok: boolean | null }>`
    SELECT bool_and(pg_try_advisory_xact_lock(hashtextextended(${key} || h::text, 1))) AS ok
    FROM generate_series(
      floor(extract(epoch FROM ${ts(from.toString())}::timestamptz) / 3600)::bigint,
      greatest(
        ceil(extract(epoch FROM ${ts(to.toString())}::timestamptz) / 3600)::bigint - 1,
        floor(extract(epoch FROM ${ts(from.toString())}::timestamptz) / 3600)::bigint
      )
    ) AS h`.execute(tx);
  return result.rows[0]?.ok !== false;
}

export async function insertParticipant(tx: Tx, organisationId: string, p: NewParticipant): Promise<string> {
  const row = await tx
    .insertInto('booking_participants')
    .values({
      organisation_id: organisationId,
      booking_id: p.bookingId,
      participant_type: p.type,
      [subjectColumn[p.type]]: p.subjectId,
      is_lead: p.isLead,
      status: p.status,
      role: p.role ?? null,
      suspended_by_leave_id: p.suspendedByLeaveId ?? null,
      replaces_participant_id: p.replacesParticipantId ?? null,
    } as never)
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** The staff members taking part in a booking (to lock their schedules before its period moves). */
export async function staffOf(tx: Tx, organisationId: string, bookingId: string): Promise<string[]> {
  const rows = await tx
    .selectFrom('booking_participants')
    .where('organisation_id', '=', organisationId)
    .where('booking_id', '=', bookingId)
    .where('staff_id', 'is not', null)
    .select('staff_id')
    .execute();
  return rows.map((r) => r.staff_id!);
}

/** Makes `a` the booking's lead staff member or provider: updated in place, added, or removed. */
export async function setLeadAssignee(
  tx: Tx,
  organisationId: string,
  bookingId: string,
  a: Assignee,
  status: ParticipantStatus,
): Promise<void> {
  const current = await tx
    .selectFrom('booking_participants')
    .where('organisation_id', '=', organisationId)
    .where('booking_id', '=', bookingId)
    .where('is_lead', '=', true)
    .where('participant_type', 'in', ['staff', 'provider'])
    .select(['id', 'staff_id', 'provider_id'])
    .executeTakeFirst();
  if (current && current.staff_id === a.staffId && current.provider_id === a.providerId) return;
  if (a.staffId === null && a.providerId === null) {
    if (current)
      await tx
        .deleteFrom('booking_participants')
        .where('organisation_id', '=', organisationId)
        .where('id', '=', current.id)
        .execute();
    return;
  }
  const type = a.staffId !== null ? 'staff' : 'provider';
  if (current) {
    await tx
      .updateTable('booking_participants')
      .set({ participant_type: type, staff_id: a.staffId, provider_id: a.providerId, status })
      .where('organisation_id', '=', organisationId)
      .where('id', '=', current.id)
      .execute();
    return;
  }
  await insertParticipant(tx, organisationId, {
    bookingId,
    type,
    subjectId: (a.staffId ?? a.providerId)!,
    isLead: true,
    status,
  });
}

/**
 * Participants follow a change of the booking's status: completing marks the booked as attended, reopening
 * undoes that, cancelling cancels everyone still booked or attended. Suspended and absent rows keep theirs.
 */
export async function followBookingStatus(
  tx: Tx,
  organisationId: string,
  bookingId: string,
  status: BookingStatus,
): Promise<void> {
  const [to, from]: [ParticipantStatus, ParticipantStatus[]] =
    status === 'completed'
      ? ['attended', ['booked']]
      : status === 'booked'
        ? ['booked', ['attended']]
        : ['cancelled', ['booked', 'attended']];
  await tx
    .updateTable('booking_participants')
    .set({ status: to })
    .where('organisation_id', '=', organisationId)
    .where('booking_id', '=', bookingId)
    .where('status', 'in', from)
    .execute();
}

/** Everyone taking part in the given bookings, with their names: leads first, then by when they were added. */
export async function listParticipants(
  tx: Tx,
  organisationId: string,
  bookingIds: readonly string[],
): Promise<ParticipantRecord[]> {
  if (bookingIds.length === 0) return [];
  return tx
    .selectFrom('booking_participants as bp')
    .leftJoin('clients as c', (j) =>
      j.onRef('c.organisation_id', '=', 'bp.organisation_id').onRef('c.id', '=', 'bp.client_id'),
    )
    .leftJoin('staff as s', (j) =>
      j.onRef('s.organisation_id', '=', 'bp.organisation_id').onRef('s.id', '=', 'bp.staff_id'),
    )
    .leftJoin('external_providers as p', (j) =>
      j.onRef('p.organisation_id', '=', 'bp.organisation_id').onRef('p.id', '=', 'bp.provider_id'),
    )
    .leftJoin('resources as r', (j) =>
      j.onRef('r.organisation_id', '=', 'bp.organisation_id').onRef('r.id', '=', 'bp.resource_id'),
    )
    .where('bp.organisation_id', '=', organisationId)
    .where('bp.booking_id', 'in', bookingIds)
    .select([
      'bp.id',
      'bp.booking_id as bookingId',
      'bp.participant_type as type',
      sql<string>`coalesce(bp.client_id, bp.staff_id, bp.provider_id, bp.resource_id)`.as('subjectId'),
      sql<string>`coalesce(coalesce(c.preferred_name, c.given_name) || ' ' || c.family_name,
        s.given_name || ' ' || s.family_name, p.name, r.name)`.as('name'),
      'bp.role',
      'bp.is_lead as isLead',
      'bp.status',
      'bp.replaces_participant_id as replacesParticipantId',
    ])
    .orderBy('bp.booking_id')
    .orderBy('bp.is_lead', 'desc')
    .orderBy(sql`array_position(array['client','staff','provider','resource'], bp.participant_type)`)
    .orderBy('bp.created_at')
    .orderBy('bp.id')
    .execute();
}

/** How many clients hold a place (booked or attended) in the booking. */
export async function placesTaken(tx: Tx, organisationId: string, bookingId: string): Promise<number> {
  const row = await tx
    .selectFrom('booking_participants')
    .where('organisation_id', '=', organisationId)
    .where('booking_id', '=', bookingId)
    .where('participant_type', '=', 'client')
    .where('status', 'in', ['booked', 'attended'])
    .select(sql<number>`count(*)::int`.as('n'))
    .executeTakeFirstOrThrow();
  return row.n;
}

// ---- client leave: a client's participation is suspended, not the whole booking

export type ClientParticipation = {
  participantId: string;
  bookingId: string;
  name: string;
  startsAt: Temporal.Instant;
  endsAt: Temporal.Instant;
  timeZone: string;
  /** The booking's lead staff member, told of the change. */
  staffId: string | null;
};

function selectClientParticipation(tx: Tx, organisationId: string) {
  return tx
    .selectFrom('booking_participants as cp')
    .innerJoin('bookings as b', (j) =>
      j.onRef('b.organisation_id', '=', 'cp.organisation_id').onRef('b.id', '=', 'cp.booking_id'),
    )
    .leftJoin('booking_participants as ap', (j) =>
      j
        .onRef('ap.organisation_id', '=', 'b.organisation_id')
        .onRef('ap.booking_id', '=', 'b.id')
        .on('ap.participant_type', '=', 'staff')
        .on('ap.is_lead', '=', true),
    )
    .where('cp.organisation_id', '=', organisationId)
    .where('cp.participant_type', '=', 'client')
    .select([
      'cp.id as participantId',
      'b.id as bookingId',
      'b.name',
      'b.starts_at as startsAt',
      'b.ends_at as endsAt',
      'b.time_zone as timeZone',
      'ap.staff_id as staffId',
    ])
    .orderBy('b.starts_at')
    .orderBy('b.id');
}

/** The client's booked participations (in bookings not delivered or cancelled) starting in [from, to). */
export async function bookedParticipations(
  tx: Tx,
  organisationId: string,
  clientId: string,
  from: Temporal.Instant,
  to: Temporal.Instant | null,
): Promise<ClientParticipation[]> {
  let q = selectClientParticipation(tx, organisationId)
    .where('cp.client_id', '=', clientId)
    .where('cp.status', '=', 'booked')
    .where('b.status', '=', 'booked')
    .where('b.starts_at', '>=', ts(from.toString()));
  if (to) q = q.where('b.starts_at', '<', ts(to.toString()));
  return q.execute();
}

export async function participationsSuspendedBy(
  tx: Tx,
  organisationId: string,
  leaveId: string,
): Promise<ClientParticipation[]> {
  return selectClientParticipation(tx, organisationId)
    .where('cp.suspended_by_leave_id', '=', leaveId)
    .execute();
}

export async function setClientParticipation(
  tx: Tx,
  organisationId: string,
  participantId: string,
  s: { status: 'suspended'; leaveId: string } | { status: 'booked' },
): Promise<void> {
  await tx
    .updateTable('booking_participants')
    .set({ status: s.status, suspended_by_leave_id: s.status === 'suspended' ? s.leaveId : null })
    .where('organisation_id', '=', organisationId)
    .where('id', '=', participantId)
    .execute();
}

/** A staff member's name as bookings show it ("Given Family"), or null when not in the organisation. */
export async function staffNameOf(tx: Tx, organisationId: string, staffId: string): Promise<string | null> {
  const row = await tx
    .selectFrom('staff')
    .where('organisation_id', '=', organisationId)
    .where('id', '=', staffId)
    .select(['given_name', 'family_name'])
    .executeTakeFirst();
  return row ? `${row.given_name} ${row.family_name}` : null;
}
