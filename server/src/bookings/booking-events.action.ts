import type { Temporal } from 'temporal-polyfill';
import type { Actor } from '../identity/actor.js';
import type { Tx } from '../platform/db/database.js';

/**
 * What happened to a booking, announced inside the writing transaction. `single` is a user's write of one
 * booking (create, move, reassign, cancel); `series` is generation or a series edit writing occurrences in bulk.
 */
export type BookingEvent = {
  kind: 'created' | 'changed' | 'cancelled';
  bookingId: string;
  source: 'single' | 'series';
  /** The booking form's "notify the client" choice, when it made one. */
  notifyClient?: boolean | undefined;
  /** Where a moved booking was (a change notice says so). */
  previousStartsAt?: Temporal.Instant | undefined;
  /** Who was assigned before, when the write changed the staff member (null: nobody, or a provider). */
  previousStaffId?: string | null | undefined;
  /** The staff member who made the change: the bell does not tell people what they did themselves. */
  actorStaffId?: string | undefined;
  /** Who made a single change (entitlements/ writes its ledger entries in their name). */
  actor?: Actor | undefined;
  /** A cancellation's kind: a no-show, or a cancellation said to be with or without charge (unsaid: by the rules). */
  ending?: CancellationKind | undefined;
};

/**
 * A client's leave was written (created, changed or removed): the bookings it suspended and those it gave back,
 * in one event so the client hears of it in one message.
 */
export type ClientLeaveEvent = {
  clientId: string;
  /** The leave in words ("hospital", "respite") and its dates (the client's local dates; no end: open-ended). */
  leave: { label: string; startsOn: string; endsOn: string | null };
  /** The leave was removed (its restored visits are all it announces). */
  removed: boolean;
  suspended: string[];
  restored: string[];
  actorStaffId?: string | undefined;
};

export type CancellationKind = { noShow: boolean; charged?: boolean | undefined };

/**
 * One client's place in a session was cancelled (the others go ahead, or, with nobody left, the session is
 * cancelled): who cancelled and when the provider was told, which is what the late-notice rules measure from.
 */
export type AttendanceEvent = {
  bookingId: string;
  clientId: string;
  cancelledBy: 'client' | 'representative' | 'provider';
  notifiedAt: Temporal.Instant;
  actor: Actor;
};

export type BookingEventListener = (tx: Tx, organisationId: string, event: BookingEvent) => Promise<void>;
export type ClientLeaveListener = (tx: Tx, organisationId: string, event: ClientLeaveEvent) => Promise<void>;
export type AttendanceListener = (tx: Tx, event: AttendanceEvent) => Promise<void>;

let listener: BookingEventListener | undefined;
let leaveListener: ClientLeaveListener | undefined;
let attendanceListener: AttendanceListener | undefined;

/**
 * The port through which a module above bookings/ hears of booking changes without bookings/ importing it
 * (the composition root registers notifications/ here). The listener runs in the booking's own transaction,
 * so what it writes commits or rolls back with the change: a transactional outbox.
 */
export function setBookingEventListener(next: BookingEventListener | undefined): void {
  listener = next;
}

export async function announceBookingEvent(tx: Tx, organisationId: string, event: BookingEvent) {
  await listener?.(tx, organisationId, event);
}

/** The same port for client leave (scheduling/ announces; notifications/ tells the client, once per write). */
export function setClientLeaveListener(next: ClientLeaveListener | undefined): void {
  leaveListener = next;
}

export async function announceClientLeave(tx: Tx, organisationId: string, event: ClientLeaveEvent) {
  if (event.suspended.length === 0 && event.restored.length === 0) return;
  await leaveListener?.(tx, organisationId, event);
}

/** The same port for one client's cancelled attendance (sessions/ announces; entitlements/ settles the case). */
export function setAttendanceListener(next: AttendanceListener | undefined): void {
  attendanceListener = next;
}

export async function announceAttendanceCancelled(tx: Tx, event: AttendanceEvent) {
  await attendanceListener?.(tx, event);
}
