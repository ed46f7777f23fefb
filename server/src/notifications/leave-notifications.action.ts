import { createHash } from 'node:crypto';
import type { Temporal } from 'temporal-polyfill';
import { findBookings } from '../bookings/booking.store.js';
import type { ClientLeaveEvent } from '../bookings/booking-events.action.js';
import type { Tx } from '../platform/db/database.js';
import { enqueueBookingNotifications, type NotificationSettings, recipientsOf } from './enqueue.action.js';
import { composeLeaveMessage, outsideQuietHours } from './messages.js';
import { cancelPending, insertOutboxRow } from './outbox.store.js';
import { bookingChoiceOf, serviceDefaultOf } from './preference.store.js';

/**
 * Tells the client (and contacts who opted in) what a leave did to their visits: ONE message per recipient and
 * channel listing the visits it cancelled, and one listing those it gave back — a client going into hospital
 * for a fortnight of daily visits wants one message, not fourteen. A suspended visit's reminders are dropped; a
 * restored one's come back. Visits whose booking is not to be notified (its choice, else its service type's
 * default) are left out. Written in the leave's transaction, like every outbox row.
 */
export async function enqueueLeaveNotifications(
  tx: Tx,
  organisationId: string,
  event: ClientLeaveEvent,
  settings: NotificationSettings,
  now: Temporal.Instant,
): Promise<void> {
  const at = now.toString();
  // Reminders are written for a booking's lead client: only theirs are dropped.
  for (const b of await findBookings(tx, organisationId, event.suspended))
    if (b.clientId === event.clientId)
      await cancelPending(tx, organisationId, b.id, { event: 'reminder' }, at);
  for (const id of event.restored)
    await enqueueBookingNotifications(
      tx,
      organisationId,
      { kind: 'changed', bookingId: id, source: 'series' },
      settings,
      now,
    );
  const who = await recipientsOf(tx, organisationId, event.clientId);
  if (!who || who.recipients.length === 0) return;
  const notified = async (ids: string[]) => {
    const out: { id: string; name: string; startsAt: Temporal.Instant }[] = [];
    for (const b of await findBookings(tx, organisationId, ids)) {
      if (b.endsAt.epochNanoseconds <= now.epochNanoseconds) continue;
      const choice =
        (await bookingChoiceOf(tx, organisationId, b.id)) ??
        (await serviceDefaultOf(tx, organisationId, b.serviceTypeId))?.notifyClient ??
        true;
      if (choice) out.push({ id: b.id, name: b.name, startsAt: b.startsAt });
    }
    return out;
  };
  const parts = [
    { kind: 'leave_cancellation' as const, visits: await notified(event.suspended) },
    { kind: 'leave_restored' as const, visits: await notified(event.restored) },
  ];
  for (const part of parts) {
    if (part.visits.length === 0) continue;
    // One leave write announces these visits once: the key is the visits and the moment of the write.
    const digest = createHash('sha256')
      .update([part.kind, at, ...part.visits.map((v) => v.id).sort()].join(','))
      .digest('hex')
      .slice(0, 24);
    for (const r of who.recipients) {
      const text = composeLeaveMessage(
        {
          kind: part.kind,
          clientName: who.clientName,
          organisationName: who.client.organisationName,
          leave: event.leave,
          visits: part.visits,
        },
        { name: r.name, isClient: r.kind === 'client', timeZone: r.timeZone },
      );
      await insertOutboxRow(tx, organisationId, {
        idempotency_key: `${part.kind}:${event.clientId}:${digest}:${r.channel}:${r.key}`,
        event: part.kind,
        booking_id: null,
        client_id: event.clientId,
        preference_id: r.preferenceId,
        recipient: r.kind,
        recipient_name: r.name,
        channel: r.channel,
        address: r.address,
        time_zone: r.timeZone,
        scheduled_at: outsideQuietHours(now, r.timeZone, r.quiet, 'hold').toString(),
        subject: text.subject,
        body_text: r.channel === 'sms' ? `${text.subject}. ${who.client.organisationName}` : text.body,
        ics: null,
        ics_method: null,
        ics_sequence: null,
      });
    }
  }
}
