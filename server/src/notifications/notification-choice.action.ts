import { findBooking } from '../bookings/booking.store.js';
import type { Actor } from '../identity/actor.js';
import type { Tx } from '../platform/db/database.js';
import { invalid, notFound } from '../shared/domain-error.js';
import { recipientsOf } from './enqueue.action.js';
import { bookingChoiceOf, serviceDefaultOf } from './preference.store.js';

export type ChoiceQuery = {
  bookingId?: string | undefined;
  clientId?: string | undefined;
  serviceTypeId?: string | undefined;
};

/**
 * What a booking form's "Notify the client" box starts as, and who would hear: the booking's own choice, else
 * its service type's default, else yes — the rule enqueueBookingNotifications applies, asked here so the web
 * never repeats it. For a new booking, the client (and its service type, if any) stand in for the booking.
 */
export async function notificationChoice(tx: Tx, actor: Actor, q: ChoiceQuery) {
  let clientId = q.clientId;
  let serviceTypeId = q.serviceTypeId ?? null;
  let own: boolean | undefined;
  if (q.bookingId) {
    const booking = await findBooking(tx, actor.organisationId, q.bookingId);
    if (!booking) throw notFound('Booking');
    if (!booking.clientId) throw invalid('bookingId', 'is not a booking with a client');
    clientId = booking.clientId;
    serviceTypeId = booking.serviceTypeId;
    own = await bookingChoiceOf(tx, actor.organisationId, booking.id);
  }
  if (!clientId) throw invalid('clientId', 'is required without a booking');
  const who = await recipientsOf(tx, actor.organisationId, clientId);
  if (!who) throw notFound('Client');
  const byService =
    own === undefined ? await serviceDefaultOf(tx, actor.organisationId, serviceTypeId) : undefined;
  return {
    notifyClient: own ?? byService?.notifyClient ?? true,
    source: own !== undefined ? 'booking' : byService ? 'service_type' : 'default',
    recipients: who.recipients.map((r) => ({ name: r.name, channel: r.channel, address: r.address })),
  } as const;
}
