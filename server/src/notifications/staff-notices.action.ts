import type { Temporal } from 'temporal-polyfill';
import { findBooking } from '../bookings/booking.store.js';
import type { BookingEvent } from '../bookings/booking-events.action.js';
import type { Tx } from '../platform/db/database.js';
import { insertNotice, staffForNotice } from './notice.store.js';
import { noticeText } from './notice-text.js';
import { clientRecipient } from './preference.store.js';

/**
 * The bell's side of a booking event: the staff member it concerns hears that a booking was assigned to them,
 * taken from them, moved or cancelled — unless they did it themselves. A user's single writes only (series
 * generation and series edits would ring for every occurrence), and nothing about a booking already over.
 */
export async function noticeBookingEvent(
  tx: Tx,
  organisationId: string,
  event: BookingEvent,
  now: Temporal.Instant,
): Promise<void> {
  if (event.source !== 'single') return;
  const booking = await findBooking(tx, organisationId, event.bookingId);
  if (!booking || booking.endsAt.epochNanoseconds <= now.epochNanoseconds) return;
  const client = booking.clientId ? await clientRecipient(tx, organisationId, booking.clientId) : undefined;
  const clientName = client ? `${client.preferredName ?? client.givenName} ${client.familyName}` : null;
  const tell = async (staffId: string | null | undefined, kind: Parameters<typeof noticeText>[0]) => {
    if (!staffId || staffId === event.actorStaffId) return;
    const staff = await staffForNotice(tx, organisationId, staffId);
    if (!staff) return;
    await insertNotice(tx, organisationId, {
      staffId,
      bookingId: booking.id,
      message: noticeText(
        kind,
        {
          name: booking.name,
          clientName,
          startsAt: booking.startsAt,
          previousStartsAt: event.previousStartsAt ?? null,
          assigneeName: booking.staffName ?? booking.providerName,
          reason: booking.cancellationReason,
        },
        staff.timeZone,
      ),
    });
  };
  if (event.kind === 'created') return tell(booking.staffId, 'assigned');
  if (event.kind === 'cancelled') return tell(booking.staffId, 'cancelled');
  if (event.previousStaffId !== undefined) {
    await tell(booking.staffId, 'assigned');
    await tell(event.previousStaffId, 'unassigned');
    return;
  }
  if (event.previousStartsAt !== undefined) await tell(booking.staffId, 'moved');
}
