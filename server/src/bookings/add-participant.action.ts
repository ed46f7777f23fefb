import { recordAudit } from '../audit/audit.store.js';
import { auditBy } from '../audit/audit-actor.js';
import type { Actor } from '../identity/actor.js';
import type { Tx } from '../platform/db/database.js';
import { conflict, invalid, notFound } from '../shared/domain-error.js';
import type { BookingView, ParticipantInput } from './booking.schemas.js';
import { findOverlapping } from './booking.store.js';
import { describeBooking } from './booking-view.js';
import {
  AlreadyTakingPartError,
  BookingFullError,
  lockBooking,
  ParticipantOverlapError,
  subjectExists,
  writeParticipant,
} from './booking-write.store.js';
import { placesTaken } from './participant.store.js';
import { loadBookingView } from './read-bookings.action.js';

const WHO = { client: 'Client', staff: 'Staff member', provider: 'External provider', resource: 'Resource' };

/**
 * Adds a client, staff member, external provider or resource to a booking. A group's capacity is checked under
 * the booking's row lock, so concurrent adds to a full session get clean 409s (the database trigger is the
 * backstop); a staff member or resource already taken then is refused with the booking in the way.
 */
export async function addParticipant(
  tx: Tx,
  actor: Actor,
  bookingId: string,
  input: ParticipantInput,
): Promise<BookingView> {
  const org = actor.organisationId;
  const booking = await lockBooking(tx, org, bookingId);
  if (!booking) throw notFound('Booking');
  if (booking.status !== 'booked') throw conflict('Only a booked appointment takes new participants');
  if (!(await subjectExists(tx, org, input.type, input.subjectId)))
    throw invalid('subjectId', `is not a ${WHO[input.type].toLowerCase()} of this organisation`);
  if (input.type === 'client') {
    const taken = await placesTaken(tx, org, bookingId);
    if (booking.category !== 'group' && taken > 0)
      throw conflict('A visit is for one client; make it a group session to add more');
    if (booking.capacity !== null && taken >= booking.capacity)
      throw conflict(`This session is full (${taken} of ${booking.capacity} places taken)`, {
        capacity: booking.capacity,
        taken,
      });
  }
  const before = await loadBookingView(tx, org, bookingId);
  try {
    await writeParticipant(tx, org, {
      bookingId,
      type: input.type,
      subjectId: input.subjectId,
      role: input.role ?? null,
      isLead: false,
    });
  } catch (error) {
    if (error instanceof AlreadyTakingPartError)
      throw conflict(`${WHO[input.type]} already takes part in this booking`);
    if (error instanceof BookingFullError) throw conflict('This session is full');
    if (error instanceof ParticipantOverlapError) {
      const other =
        input.type === 'staff'
          ? await findOverlapping(tx, org, input.subjectId, booking.startsAt, booking.endsAt, bookingId)
          : undefined;
      throw conflict(
        other
          ? `${other.staffName ?? 'The staff member'} is already booked for ${describeBooking(other)}`
          : `The ${input.type === 'staff' ? 'staff member' : 'resource'} is already booked at that time`,
        { conflictingBookingId: other?.id ?? null },
      );
    }
    throw error;
  }
  const after = await loadBookingView(tx, org, bookingId);
  await recordAudit(tx, {
    ...auditBy(actor),
    action: 'update',
    entityType: 'booking',
    entityId: bookingId,
    before,
    after,
  });
  return after;
}
