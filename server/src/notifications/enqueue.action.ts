import type { Temporal } from 'temporal-polyfill';
import { findBooking } from '../bookings/booking.store.js';
import type { BookingEvent } from '../bookings/booking-events.action.js';
import { bookingUid, invitation } from '../calendar/ics.js';
import type { Tx } from '../platform/db/database.js';
import { composeMessage, type MessageBooking, outsideQuietHours, type QuietHours } from './messages.js';
import type { Channel, NotificationEvent, RecipientKind } from './notification.types.js';
import {
  cancelPending,
  insertOutboxRow,
  lastInviteSequence,
  type NewOutboxRow,
  upsertReminder,
} from './outbox.store.js';
import {
  bookingChoiceOf,
  clientRecipient,
  preferencesOf,
  saveBookingChoice,
  serviceDefaultOf,
} from './preference.store.js';

export type NotificationSettings = {
  /** How long before a booking its reminder goes out, unless the service type says otherwise. */
  reminderMinutes: number;
  /** Who invitations come from (the ORGANIZER). */
  from: { name: string; email: string };
};

type Recipient = {
  key: string;
  kind: RecipientKind;
  preferenceId: string | null;
  name: string;
  channel: Channel;
  address: string;
  timeZone: string;
  quiet: QuietHours | null;
};

const EVENT_OF: Record<BookingEvent['kind'], NotificationEvent> = {
  created: 'confirmation',
  changed: 'change',
  cancelled: 'cancellation',
};

/**
 * Who hears about a client's bookings: the client by e-mail to their address unless a preference says
 * otherwise (e-mail about one's own booking is transactional, so no row means yes), by SMS only once opted in,
 * and every contact opted in on their channel.
 */
export async function recipientsOf(tx: Tx, organisationId: string, clientId: string) {
  const client = await clientRecipient(tx, organisationId, clientId);
  if (!client) return undefined;
  const prefs = await preferencesOf(tx, organisationId, clientId);
  const clientName = client.preferredName ?? client.givenName;
  const out: Recipient[] = [];
  const quietOf = (p: { quietStart: string | null; quietEnd: string | null }) =>
    p.quietStart && p.quietEnd ? { start: p.quietStart, end: p.quietEnd } : null;
  const own = (channel: Channel) => prefs.find((p) => p.recipient === 'client' && p.channel === channel);
  const email = own('email');
  if (client.email && (email === undefined || email.optedInAt !== null))
    out.push({
      key: 'client',
      kind: 'client',
      preferenceId: email?.id ?? null,
      name: clientName,
      channel: 'email',
      address: email?.email ?? client.email,
      timeZone: email?.timeZone ?? client.timeZone,
      quiet: email ? quietOf(email) : null,
    });
  const sms = own('sms');
  if (sms?.optedInAt && (sms.phone ?? client.phone))
    out.push({
      key: 'client',
      kind: 'client',
      preferenceId: sms.id,
      name: clientName,
      channel: 'sms',
      address: (sms.phone ?? client.phone)!,
      timeZone: sms.timeZone ?? client.timeZone,
      quiet: quietOf(sms),
    });
  for (const p of prefs) {
    if (p.recipient !== 'contact' || p.optedInAt === null) continue;
    const address = p.channel === 'email' ? p.email : p.phone;
    if (!address) continue;
    out.push({
      key: p.id,
      kind: 'contact',
      preferenceId: p.id,
      name: p.contactName ?? 'there',
      channel: p.channel,
      address,
      timeZone: p.timeZone ?? client.timeZone,
      quiet: quietOf(p),
    });
  }
  return { client, clientName: `${clientName} ${client.familyName}`, recipients: out };
}

/**
 * Writes the outbox rows a booking event calls for, in the booking's own transaction: a confirmation, change
 * notice or cancellation per recipient and channel (for a user's single write; series writes send none), and
 * the booking's reminder, moved when the booking moves and dropped when it is cancelled or not to be notified.
 */
export async function enqueueBookingNotifications(
  tx: Tx,
  organisationId: string,
  event: BookingEvent,
  settings: NotificationSettings,
  now: Temporal.Instant,
): Promise<void> {
  const at = now.toString();
  if (event.notifyClient !== undefined)
    await saveBookingChoice(tx, organisationId, event.bookingId, event.notifyClient);
  const booking = await findBooking(tx, organisationId, event.bookingId);
  if (!booking?.clientId) return;
  // Most clients have nobody to tell (no address, no opt-in): then two reads and one indexed update suffice,
  // which keeps series generation's bulk writes cheap.
  const who = await recipientsOf(tx, organisationId, booking.clientId);
  if (!who) return;
  const serviceDefault =
    who.recipients.length > 0 ? await serviceDefaultOf(tx, organisationId, booking.serviceTypeId) : undefined;
  const notify =
    who.recipients.length > 0 &&
    ((await bookingChoiceOf(tx, organisationId, booking.id)) ?? serviceDefault?.notifyClient ?? true);
  if (!notify) {
    await cancelPending(tx, organisationId, booking.id, {}, at);
    return;
  }
  const message: MessageBooking = {
    name: booking.name,
    startsAt: booking.startsAt,
    endsAt: booking.endsAt,
    staffName: booking.staffName ?? booking.providerName,
    clientName: who.clientName,
    organisationName: who.client.organisationName,
    cancellationReason: booking.cancellationReason,
  };
  const live = booking.status === 'booked';
  const ics = (r: Recipient, method: 'REQUEST' | 'CANCEL', sequence: number) =>
    invitation(
      {
        uid: bookingUid(booking.id),
        sequence,
        startsAt: booking.startsAt,
        endsAt: booking.endsAt,
        timeZone: r.timeZone,
        summary: booking.name,
        description: message.staffName ? `With ${message.staffName}` : null,
        cancelled: method === 'CANCEL',
        updatedAt: booking.updatedAt,
        method,
        organizer: { name: who.client.organisationName, email: settings.from.email },
        attendee: { name: r.name, email: r.address },
      },
      now,
    );
  const row = (
    r: Recipient,
    kind: NotificationEvent,
    key: string,
    scheduledAt: Temporal.Instant,
    invite: { method: 'REQUEST' | 'CANCEL'; sequence: number } | null,
  ): NewOutboxRow => {
    const text = composeMessage(
      kind,
      message,
      { name: r.name, isClient: r.kind === 'client', timeZone: r.timeZone },
      kind === 'change' ? event.previousStartsAt : undefined,
    );
    const withIcs = invite && r.channel === 'email';
    return {
      idempotency_key: key,
      event: kind,
      booking_id: booking.id,
      client_id: booking.clientId,
      preference_id: r.preferenceId,
      recipient: r.kind,
      recipient_name: r.name,
      channel: r.channel,
      address: r.address,
      time_zone: r.timeZone,
      scheduled_at: scheduledAt.toString(),
      subject: text.subject,
      body_text: r.channel === 'sms' ? `${text.subject}. ${who.client.organisationName}` : text.body,
      ics: withIcs ? ics(r, invite.method, invite.sequence) : null,
      ics_method: withIcs ? invite.method : null,
      ics_sequence: withIcs ? invite.sequence : null,
    };
  };

  const reminderMinutes = serviceDefault?.reminderMinutes ?? settings.reminderMinutes;
  const keep: string[] = [];
  for (const r of who.recipients) {
    const tail = `${r.channel}:${r.key}`;
    // A change that did not move the booking (only the "notify the client" choice) sends no change notice.
    // Nor does anything about a booking already over (a visit recorded after the fact, a past one cancelled).
    const notice =
      event.source === 'single' &&
      (event.kind !== 'changed' || event.previousStartsAt !== undefined) &&
      booking.endsAt.epochNanoseconds > now.epochNanoseconds;
    if (notice) {
      const kind = EVENT_OF[event.kind];
      const last = await lastInviteSequence(tx, organisationId, booking.id, r.address);
      // Above the booking's own SEQUENCE (the feed's) and above every invitation this address was sent.
      const sequence = Math.max(booking.sequence, last === null ? 0 : last + 1);
      await insertOutboxRow(
        tx,
        organisationId,
        row(
          r,
          kind,
          `${kind}:${booking.id}:${booking.sequence}:${tail}`,
          outsideQuietHours(now, r.timeZone, r.quiet, 'hold'),
          { method: kind === 'cancellation' ? 'CANCEL' : 'REQUEST', sequence },
        ),
      );
    }
    if (!live) continue;
    const due = booking.startsAt.subtract({ minutes: reminderMinutes });
    if (Temporal_compare(due, now) <= 0) continue; // booked inside the reminder window: the confirmation is it
    const key = `reminder:${booking.id}:${booking.startsAt.epochMilliseconds}:${tail}`;
    keep.push(key);
    const last = await lastInviteSequence(tx, organisationId, booking.id, r.address);
    await upsertReminder(
      tx,
      organisationId,
      row(r, 'reminder', key, outsideQuietHours(due, r.timeZone, r.quiet, 'bring-forward', now), {
        method: 'REQUEST',
        sequence: Math.max(booking.sequence, last ?? 0),
      }),
      at,
    );
  }
  // A moved booking's old reminders, and every reminder of a cancelled one, are dropped.
  await cancelPending(tx, organisationId, booking.id, { event: 'reminder', keepKeys: keep }, at);
}

const Temporal_compare = (a: Temporal.Instant, b: Temporal.Instant) =>
  a.epochNanoseconds < b.epochNanoseconds ? -1 : a.epochNanoseconds > b.epochNanoseconds ? 1 : 0;
