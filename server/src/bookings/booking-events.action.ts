import type { Temporal } from 'temporal-polyfill';
import type { Actor } from '../identity/actor.js';
import type { Tx } from '../platform/db/database.js';

/**
 * What happened to a booking, announced inside the writing transaction. `single` is a user's write of one
 * booking (create, move, cancel); `series` is generation or a series edit writing occurrences in bulk.
 */
export type BookingEvent = {
  kind: 'created' | 'changed' | 'cancelled';
  bookingId: string;
  source: 'single' | 'series';
  /** The booking form's "notify the client" choice, when it made one. */
  notifyClient?: boolean | undefined;
  /** Where a moved booking was (a change notice says so). */
  previousStartsAt?: Temporal.Instant | undefined;
  /** Who made a single change (entitlements/ writes its ledger entries in their name). */
  actor?: Actor | undefined;
  /** A cancellation's kind: a no-show, or a cancellation said to be with or without charge (unsaid: by the rules). */
  ending?: CancellationKind | undefined;
};

export type CancellationKind = { noShow: boolean; charged?: boolean | undefined };

export type BookingEventListener = (tx: Tx, organisationId: string, event: BookingEvent) => Promise<void>;

let listener: BookingEventListener | undefined;

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
