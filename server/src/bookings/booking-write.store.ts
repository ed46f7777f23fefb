import { sql } from 'kysely';
import type { Temporal } from 'temporal-polyfill';
import { pgErrorCode, type Tx, ts, withSavepoint } from '../platform/db/database.js';
import {
  type BookingRowPatch,
  insertBookingRow,
  type NewBookingRow,
  updateBookingRow,
} from './booking.store.js';
import type { BookingStatus } from './booking-rules.js';
import {
  type CompletionWrite,
  type DeliveryWrite,
  insertDelivery,
  type SoftConflictOverride,
  setLeadContract,
  setOverride,
  updateCompletion,
  updateDelivery,
} from './delivery.store.js';
import {
  type Assignee,
  followBookingStatus,
  insertParticipant,
  lockStaffSchedules,
  type NewParticipant,
  placesTaken,
  setClientParticipation,
  setLeadAssignee,
  staffOf,
} from './participant.store.js';
import {
  type NewService,
  replaceServices,
  replaceServiceTypes,
  setDeliveryContract,
} from './session-parts.store.js';
import type { ClientBooking } from './soft-conflicts.js';

/**
 * The one write path of a booking: its row, its participants and its client's delivery change together in
 * a savepoint, so a refusal by the database leaves nothing behind and the transaction stays usable.
 */

/** A staff member or resource is already taken then: the exclusion constraint's refusal (23P01). */
export class ParticipantOverlapError extends Error {
  constructor(readonly subject: 'staff' | 'resource') {
    super(`${subject} overlap`);
  }
}

/** The series already has this occurrence (another generator got there): 23505 on the occurrence key. */
export class OccurrenceExistsError extends Error {}

/** The group is full: the capacity trigger's refusal (the backstop behind the writer's own check). */
export class BookingFullError extends Error {}

/** This client, staff member, provider or resource already takes part in the booking. */
export class AlreadyTakingPartError extends Error {}

/** Runs `write` in a savepoint with the staff members' schedules locked, mapping the database's refusals. */
export async function guarded<T>(
  tx: Tx,
  organisationId: string,
  staffIds: (string | null)[],
  write: () => Promise<T>,
) {
  await lockStaffSchedules(tx, organisationId, staffIds);
  try {
    return await withSavepoint(tx, write);
  } catch (error) {
    const code = pgErrorCode(error);
    const constraint = (error as { constraint?: string }).constraint;
    if (code === '23P01')
      throw new ParticipantOverlapError(constraint?.includes('resource') ? 'resource' : 'staff');
    if (code === '23505' && constraint === 'bookings_series_occurrence_key')
      throw new OccurrenceExistsError();
    if (code === '23505' && constraint === 'booking_participants_once') throw new AlreadyTakingPartError();
    if (code === '23514' && constraint === 'booking_participants_capacity') throw new BookingFullError();
    throw error;
  }
}

const statusOf = (booking: BookingStatus) =>
  booking === 'completed' ? 'attended' : booking === 'cancelled' ? 'cancelled' : 'booked';

export type NewBooking = NewBookingRow & {
  clientId: string;
  assignee: Assignee;
  override: SoftConflictOverride | null;
  /** Created inside client leave: the client's place is suspended and the booking cancelled ("Client leave"). */
  suspendedByLeaveId?: string | null;
  /** A session's other clients, workers and resources, its services and tags, and the lead client's contract. */
  session?: SessionExtras;
  /** The client contract the lead client's delivery is charged on (a series' own); null: the one in force. */
  contractId?: string | null;
};

export type SessionExtras = {
  leadContractId: string | null;
  participants: {
    type: 'client' | 'staff' | 'resource';
    subjectId: string;
    role: string | null;
    contractId: string | null;
  }[];
  services: NewService[];
  serviceTypeIds: string[];
};

/** Creates a booking with its lead client (and delivery) and its lead staff member or provider. */
export async function writeNewBooking(tx: Tx, organisationId: string, b: NewBooking): Promise<string> {
  const staff = [
    b.assignee.staffId,
    ...(b.session?.participants ?? []).map((p) => (p.type === 'staff' ? p.subjectId : null)),
  ];
  return guarded(tx, organisationId, staff, async () => {
    const suspended = b.suspendedByLeaveId ? b.suspendedByLeaveId : null;
    const bookingId = await insertBookingRow(tx, organisationId, b);
    const participantId = await insertParticipant(tx, organisationId, {
      bookingId,
      type: 'client',
      subjectId: b.clientId,
      isLead: true,
      status: suspended ? 'suspended' : statusOf(b.status),
      suspendedByLeaveId: suspended,
    });
    await insertDelivery(tx, organisationId, {
      participantId,
      bookingId,
      clientId: b.clientId,
      override: b.override,
      contractId: b.contractId ?? null,
    });
    const a = b.assignee;
    if (a.staffId !== null || a.providerId !== null)
      await insertParticipant(tx, organisationId, {
        bookingId,
        type: a.staffId !== null ? 'staff' : 'provider',
        subjectId: (a.staffId ?? a.providerId)!,
        isLead: true,
        status: statusOf(b.status),
      });
    if (b.session)
      await writeSessionExtras(tx, organisationId, bookingId, participantId, b.status, b.session);
    return bookingId;
  });
}

async function writeSessionExtras(
  tx: Tx,
  organisationId: string,
  bookingId: string,
  leadParticipantId: string,
  status: BookingStatus,
  x: SessionExtras,
) {
  if (x.leadContractId !== null)
    await setDeliveryContract(tx, organisationId, leadParticipantId, x.leadContractId);
  for (const p of x.participants) {
    const id = await insertParticipant(tx, organisationId, {
      bookingId,
      type: p.type,
      subjectId: p.subjectId,
      isLead: false,
      role: p.role,
      status: statusOf(status),
    });
    if (p.type === 'client') {
      await insertDelivery(tx, organisationId, {
        participantId: id,
        bookingId,
        clientId: p.subjectId,
        override: null,
      });
      if (p.contractId !== null) await setDeliveryContract(tx, organisationId, id, p.contractId);
    }
  }
  await replaceServices(tx, organisationId, bookingId, x.services);
  await replaceServiceTypes(tx, organisationId, bookingId, x.serviceTypeIds);
}

export type BookingChange = BookingRowPatch & {
  /** Absent: the lead staff member or provider stays. */
  assignee?: Assignee;
  /** Absent: the recorded override stays; null clears it. */
  override?: SoftConflictOverride | null;
  /** Absent: the lead client's contract stays; null: the contract in force. */
  contractId?: string | null;
};

/**
 * Changes a booking: its row, its lead assignee and, with a new status, its participants' statuses. Every
 * staff member involved before or after is locked first, since a moved period is re-checked for all of them.
 */
export async function rewriteBooking(
  tx: Tx,
  organisationId: string,
  id: string,
  c: BookingChange,
): Promise<void> {
  const involved = await staffOf(tx, organisationId, id);
  await guarded(tx, organisationId, [...involved, c.assignee?.staffId ?? null], async () => {
    await updateBookingRow(tx, organisationId, id, c);
    if (c.status !== undefined) await followBookingStatus(tx, organisationId, id, c.status);
    if (c.assignee !== undefined)
      await setLeadAssignee(tx, organisationId, id, c.assignee, statusOf(c.status ?? 'booked'));
    if (c.override !== undefined) await setOverride(tx, organisationId, id, c.override);
    if (c.contractId !== undefined) await setLeadContract(tx, organisationId, id, c.contractId);
  });
}

/** Records what happened at the visit for one client (touching the booking, as any change does). */
export async function recordDelivery(
  tx: Tx,
  organisationId: string,
  bookingId: string,
  clientId: string,
  w: DeliveryWrite,
): Promise<void> {
  await updateDelivery(tx, organisationId, bookingId, clientId, w);
  await updateBookingRow(tx, organisationId, bookingId, {});
}

/**
 * Completes a visit (or corrects a completed one) for its lead client: the status follows to 'completed' with
 * its participants, and the delivery records the actual times, mileage and note.
 */
export async function recordCompletion(
  tx: Tx,
  organisationId: string,
  bookingId: string,
  c: CompletionWrite & { clientId: string; complete: boolean },
): Promise<void> {
  if (c.complete)
    await rewriteBooking(tx, organisationId, bookingId, { status: 'completed', cancellationReason: null });
  else await updateBookingRow(tx, organisationId, bookingId, {});
  await updateCompletion(tx, organisationId, bookingId, c.clientId, c);
}

/** The client's bookings (taking part, booked or attended, the booking not cancelled) overlapping [from, to). */
export async function clientBookingsBetween(
  tx: Tx,
  organisationId: string,
  clientId: string,
  from: Temporal.Instant,
  to: Temporal.Instant,
): Promise<ClientBooking[]> {
  const rows = await tx
    .selectFrom('booking_participants as cp')
    .innerJoin('bookings as b', (j) =>
      j.onRef('b.organisation_id', '=', 'cp.organisation_id').onRef('b.id', '=', 'cp.booking_id'),
    )
    .where('cp.organisation_id', '=', organisationId)
    .where('cp.client_id', '=', clientId)
    .where('cp.status', 'in', ['booked', 'attended'])
    .where('b.status', '<>', 'cancelled')
    .where(sql<boolean>`cp.period && tstzrange(${ts(from.toString())}, ${ts(to.toString())})`)
    .select(['b.id', 'b.name', 'b.series_id', 'b.starts_at', 'b.ends_at'])
    .orderBy('b.starts_at')
    .orderBy('b.id')
    .execute();
  return rows.map((r) => ({
    bookingId: r.id,
    name: r.name,
    seriesId: r.series_id,
    start: r.starts_at,
    end: r.ends_at,
  }));
}

/** The reason a booking carries when client leave left it with nobody to visit. */
export const LEAVE_REASON = 'Client leave';

/**
 * Suspends one client's place in a booking for their leave. A booking with no booked client left is cancelled
 * ("Client leave"), which frees its staff; a group with other clients goes ahead.
 */
export async function suspendParticipation(
  tx: Tx,
  organisationId: string,
  p: { participantId: string; bookingId: string },
  leaveId: string,
): Promise<void> {
  await setClientParticipation(tx, organisationId, p.participantId, { status: 'suspended', leaveId });
  if ((await placesTaken(tx, organisationId, p.bookingId)) === 0)
    await rewriteBooking(tx, organisationId, p.bookingId, {
      status: 'cancelled',
      cancellationReason: LEAVE_REASON,
    });
}

/**
 * Gives the client their place back; a booking cancelled by the leave is on again with its staff. Refused as a
 * whole (ParticipantOverlapError, nothing changed) when a staff member has since been booked elsewhere.
 */
export async function restoreParticipation(
  tx: Tx,
  organisationId: string,
  p: { participantId: string; bookingId: string },
): Promise<void> {
  const involved = await staffOf(tx, organisationId, p.bookingId);
  await guarded(tx, organisationId, involved, async () => {
    await setClientParticipation(tx, organisationId, p.participantId, { status: 'booked' });
    const booking = await tx
      .selectFrom('bookings')
      .where('organisation_id', '=', organisationId)
      .where('id', '=', p.bookingId)
      .select(['status', 'cancellation_reason'])
      .executeTakeFirstOrThrow();
    if (booking.status !== 'cancelled' || booking.cancellation_reason !== LEAVE_REASON) return;
    await updateBookingRow(tx, organisationId, p.bookingId, { status: 'booked', cancellationReason: null });
    await tx
      .updateTable('booking_participants')
      .set({ status: 'booked' })
      .where('organisation_id', '=', organisationId)
      .where('booking_id', '=', p.bookingId)
      .where('participant_type', '<>', 'client')
      .where('status', '=', 'cancelled')
      .execute();
  });
}

/** Adds a participant to a booking (a client with their delivery); refusals leave nothing behind. */
export async function writeParticipant(
  tx: Tx,
  organisationId: string,
  p: Omit<NewParticipant, 'status'> & { status?: NewParticipant['status']; contractId?: string | null },
): Promise<string> {
  const { contractId, ...participant } = p;
  return guarded(tx, organisationId, [p.type === 'staff' ? p.subjectId : null], async () => {
    const id = await insertParticipant(tx, organisationId, { ...participant, status: p.status ?? 'booked' });
    if (p.type === 'client') {
      await insertDelivery(tx, organisationId, {
        participantId: id,
        bookingId: p.bookingId,
        clientId: p.subjectId,
        override: null,
      });
      if (contractId) await setDeliveryContract(tx, organisationId, id, contractId);
    }
    await updateBookingRow(tx, organisationId, p.bookingId, {});
    return id;
  });
}

/** The booking's row, locked: writers that check capacity serialise here. */
export async function lockBooking(tx: Tx, organisationId: string, id: string) {
  return tx
    .selectFrom('bookings')
    .where('organisation_id', '=', organisationId)
    .where('id', '=', id)
    .select(['id', 'status', 'category', 'capacity', 'starts_at as startsAt', 'ends_at as endsAt'])
    .forUpdate()
    .executeTakeFirst();
}

/** Whether the client, staff member, provider or resource exists in the organisation (and, for a resource, is active). */
export async function subjectExists(
  tx: Tx,
  organisationId: string,
  type: NewParticipant['type'],
  id: string,
): Promise<boolean> {
  const table = {
    client: 'clients',
    staff: 'staff',
    provider: 'external_providers',
    resource: 'resources',
  } as const;
  if (type === 'resource') {
    const resource = await tx
      .selectFrom('resources')
      .where('organisation_id', '=', organisationId)
      .where('id', '=', id)
      .where('active', '=', true)
      .select('id')
      .executeTakeFirst();
    return resource !== undefined;
  }
  const row = await tx
    .selectFrom(table[type])
    .where('organisation_id', '=', organisationId)
    .where('id', '=', id)
    .select('id')
    .executeTakeFirst();
  return row !== undefined;
}
