import type { Temporal } from 'temporal-polyfill';
import { type Tx, withSavepoint } from '../platform/db/database.js';
import { updateBookingRow } from './booking.store.js';
import { guarded, rewriteBooking } from './booking-write.store.js';
import { insertParticipant, placesTaken } from './participant.store.js';
import {
  type CancellationDetails,
  type DeliveredWrite,
  deleteCompletion,
  insertCompletion,
  type NewService,
  replaceServices,
  replaceServiceTypes,
  setCancellation,
  setWorkerTimes,
  type TravelWrite,
} from './session-parts.store.js';

/**
 * The session writes of the one write path (booking-write.store.ts): each runs in a savepoint (with the staff
 * involved locked, where a period or a worker changes), so a refusal leaves nothing behind.
 */

/** The reason a group carries when every client has cancelled their attendance. */
export const ALL_CANCELLED_REASON = 'Every client cancelled';

/**
 * Cancels one client's place with who cancelled, when the provider was told and why. A session with no client
 * left is cancelled (freeing its workers); a group with other clients goes ahead.
 */
export async function cancelParticipation(
  tx: Tx,
  organisationId: string,
  p: { participantId: string; bookingId: string },
  details: CancellationDetails,
): Promise<void> {
  await withSavepoint(tx, async () => {
    await setCancellation(tx, organisationId, p.participantId, details);
    if ((await placesTaken(tx, organisationId, p.bookingId)) === 0)
      await rewriteBooking(tx, organisationId, p.bookingId, {
        status: 'cancelled',
        cancellationReason: ALL_CANCELLED_REASON,
      });
    else await updateBookingRow(tx, organisationId, p.bookingId, {});
  });
}

/**
 * Another staff member takes a worker's place: the old row is cancelled and the new one records whom it
 * replaces (and takes the lead, if the old one had it). Both schedules are locked.
 */
export async function replaceWorker(
  tx: Tx,
  organisationId: string,
  old: { id: string; bookingId: string; staffId: string; isLead: boolean; role: string | null },
  staffId: string,
): Promise<string> {
  return guarded(tx, organisationId, [old.staffId, staffId], async () => {
    await tx
      .updateTable('booking_participants')
      .set({ status: 'cancelled', is_lead: false })
      .where('organisation_id', '=', organisationId)
      .where('id', '=', old.id)
      .execute();
    const id = await insertParticipant(tx, organisationId, {
      bookingId: old.bookingId,
      type: 'staff',
      subjectId: staffId,
      isLead: old.isLead,
      role: old.role,
      status: 'booked',
      replacesParticipantId: old.id,
    });
    await updateBookingRow(tx, organisationId, old.bookingId, {});
    return id;
  });
}

/** Takes a participant off a booking (a mistake), with a client's delivery. */
export async function removeParticipantRow(
  tx: Tx,
  organisationId: string,
  bookingId: string,
  participantId: string,
): Promise<void> {
  await withSavepoint(tx, async () => {
    await tx
      .deleteFrom('booking_participants')
      .where('organisation_id', '=', organisationId)
      .where('booking_id', '=', bookingId)
      .where('id', '=', participantId)
      .execute();
    await updateBookingRow(tx, organisationId, bookingId, {});
  });
}

export async function writeSessionServices(
  tx: Tx,
  organisationId: string,
  bookingId: string,
  services: readonly NewService[],
): Promise<void> {
  await withSavepoint(tx, async () => {
    await replaceServices(tx, organisationId, bookingId, services);
    await updateBookingRow(tx, organisationId, bookingId, {});
  });
}

export async function writeSessionServiceTypes(
  tx: Tx,
  organisationId: string,
  bookingId: string,
  serviceTypeIds: readonly string[],
): Promise<void> {
  await withSavepoint(tx, async () => {
    await replaceServiceTypes(tx, organisationId, bookingId, serviceTypeIds);
    await updateBookingRow(tx, organisationId, bookingId, {});
  });
}

export type CompletionWrite = {
  travelArea: 'metro' | 'regional' | 'remote';
  userId: string;
  workerTimes: { participantId: string; start: Temporal.Instant; end: Temporal.Instant }[];
  travel: TravelWrite[];
  delivered: DeliveredWrite[];
};

/** Completes a session: workers' times, travel, the delivered records; booked participants become attended. */
export async function writeCompletion(
  tx: Tx,
  organisationId: string,
  bookingId: string,
  c: CompletionWrite,
): Promise<void> {
  await withSavepoint(tx, async () => {
    await rewriteBooking(tx, organisationId, bookingId, { status: 'completed' });
    for (const w of c.workerTimes) await setWorkerTimes(tx, organisationId, w.participantId, w);
    await insertCompletion(tx, organisationId, bookingId, c);
  });
}

/** Takes a completed session back to booked: its delivered records, travel and actual times go. */
export async function undoCompletion(tx: Tx, organisationId: string, bookingId: string): Promise<void> {
  await withSavepoint(tx, async () => {
    await deleteCompletion(tx, organisationId, bookingId);
    await rewriteBooking(tx, organisationId, bookingId, { status: 'booked', cancellationReason: null });
  });
}
