import type { Temporal } from 'temporal-polyfill';
import type { Tx } from '../platform/db/database.js';
import { findOverlapping } from './booking.store.js';
import {
  ParticipantOverlapError,
  restoreParticipation,
  suspendParticipation,
} from './booking-write.store.js';
import {
  bookedParticipations,
  type ClientParticipation,
  participationsSuspendedBy,
  setClientParticipation,
} from './participant.store.js';

export type { ClientParticipation };

/**
 * Client leave, as the bookings module carries it out: the client's place in each booking starting in
 * [from, to) is suspended (a visit with nobody left to visit is cancelled). Returns what was suspended.
 */
export async function suspendForLeave(
  tx: Tx,
  organisationId: string,
  leave: { id: string; clientId: string },
  from: Temporal.Instant,
  to: Temporal.Instant | null,
): Promise<ClientParticipation[]> {
  const places = await bookedParticipations(tx, organisationId, leave.clientId, from, to);
  for (const p of places) await suspendParticipation(tx, organisationId, p, leave.id);
  return places;
}

export type Restoration =
  | { place: ClientParticipation; restored: true }
  | {
      place: ClientParticipation;
      restored: false;
      reason: 'past' | 'staff_busy' | 'other_leave';
      otherName?: string;
    };

/**
 * Gives back the places `leaveId` suspended that it no longer covers: those in the future whose staff are
 * still free. `coveredBy` names the leave covering a start (this one as it now is, or another of the
 * client's): a place another leave covers is never restored; it stays suspended, by that leave. Each is
 * restored or refused on its own.
 */
export async function restoreAfterLeave(
  tx: Tx,
  organisationId: string,
  leaveId: string,
  coveredBy: (startsAt: Temporal.Instant) => string | null,
  now: Temporal.Instant,
): Promise<Restoration[]> {
  const out: Restoration[] = [];
  for (const place of await participationsSuspendedBy(tx, organisationId, leaveId)) {
    const covering = coveredBy(place.startsAt);
    if (covering === leaveId) continue;
    if (covering !== null) {
      await setClientParticipation(tx, organisationId, place.participantId, {
        status: 'suspended',
        leaveId: covering,
      });
      out.push({ place, restored: false, reason: 'other_leave' });
      continue;
    }
    if (place.startsAt.epochNanoseconds <= now.epochNanoseconds) {
      out.push({ place, restored: false, reason: 'past' });
      continue;
    }
    try {
      await restoreParticipation(tx, organisationId, place);
      out.push({ place, restored: true });
    } catch (error) {
      if (!(error instanceof ParticipantOverlapError)) throw error;
      const other = place.staffId
        ? await findOverlapping(tx, organisationId, place.staffId, place.startsAt, place.endsAt, null)
        : undefined;
      out.push({ place, restored: false, reason: 'staff_busy', ...(other ? { otherName: other.name } : {}) });
    }
  }
  return out;
}
