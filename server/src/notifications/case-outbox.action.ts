import type { Temporal } from 'temporal-polyfill';
import { withLocation } from '../calendar/ics.js';
import type { Tx } from '../platform/db/database.js';
import { composeExtraSessionOutcome, type ExtraSessionOutcome } from './case-messages.js';
import { recipientsOf } from './enqueue.action.js';
import { outsideQuietHours } from './messages.js';
import { amendMessage, insertOutboxRow, pendingOfBooking } from './outbox.store.js';

export type OutcomeMessage = Omit<ExtraSessionOutcome, 'clientName' | 'organisationName'> & {
  requestId: string;
  clientId: string;
  /** The associate who asked: told by e-mail at their staff address. */
  associate: { staffId: string; name: string; email: string; timeZone: string } | null;
};

/**
 * Writes the outbox rows telling both parties an extra-session request's outcome — the client on their own
 * channels (e-mail, and SMS when opted in; contacts are not told), the associate by e-mail — in the caller's
 * transaction, so they commit with the decision. One row per request, recipient and channel (idempotent).
 * Returns how many rows were written.
 */
export async function enqueueExtraSessionOutcome(
  tx: Tx,
  organisationId: string,
  m: OutcomeMessage,
  now: Temporal.Instant,
): Promise<number> {
  const who = await recipientsOf(tx, organisationId, m.clientId);
  if (!who) return 0;
  const outcome: ExtraSessionOutcome = {
    ...m,
    clientName: who.clientName,
    organisationName: who.client.organisationName,
  };
  let written = 0;
  for (const r of who.recipients.filter((x) => x.kind === 'client')) {
    const text = composeExtraSessionOutcome(outcome, { name: r.name, isClient: true });
    await insertOutboxRow(tx, organisationId, {
      idempotency_key: `extra_sessions_outcome:${m.requestId}:${r.channel}:client`,
      event: 'extra_sessions_outcome',
      booking_id: null,
      client_id: m.clientId,
      preference_id: r.preferenceId,
      recipient: 'client',
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
    written++;
  }
  if (m.associate) {
    const text = composeExtraSessionOutcome(outcome, { name: m.associate.name, isClient: false });
    await insertOutboxRow(tx, organisationId, {
      idempotency_key: `extra_sessions_outcome:${m.requestId}:email:staff:${m.associate.staffId}`,
      event: 'extra_sessions_outcome',
      booking_id: null,
      client_id: m.clientId,
      preference_id: null,
      recipient: 'staff',
      recipient_name: m.associate.name,
      channel: 'email',
      address: m.associate.email,
      time_zone: m.associate.timeZone,
      scheduled_at: now.toString(),
      subject: text.subject,
      body_text: text.body,
      ics: null,
      ics_method: null,
      ics_sequence: null,
    });
    written++;
  }
  return written;
}

/**
 * Adds a video session's meeting link to the booking's confirmation, written earlier in the same transaction
 * by the booking-event port: a line in the e-mail's text (and the SMS) and the invitation's LOCATION, so the
 * client can join from the message or from their calendar. Returns how many messages were amended.
 */
export async function addMeetingLinkToConfirmation(
  tx: Tx,
  organisationId: string,
  bookingId: string,
  meeting: { platform: string; link: string },
  now: Temporal.Instant,
): Promise<number> {
  const rows = await pendingOfBooking(tx, organisationId, bookingId, 'confirmation');
  const line = `Join the video session (${meeting.platform}): ${meeting.link}`;
  for (const r of rows) {
    const body =
      r.channel === 'sms'
        ? `${r.body} ${line}`
        : r.body.replace(/\n\n(The attached invitation)/, `\n${line}\n\n$1`);
    await amendMessage(tx, organisationId, r.id, {
      body: body === r.body ? `${r.body}\n${line}` : body,
      ics: r.ics ? withLocation(r.ics, meeting.link) : null,
      now: now.toString(),
    });
  }
  return rows.length;
}
