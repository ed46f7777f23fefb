/** A message about one booking. */
export type BookingNoticeEvent = 'confirmation' | 'change' | 'cancellation' | 'reminder';
export type NotificationEvent =
  | 'confirmation'
  | 'change'
  | 'cancellation'
  | 'reminder'
  /** One message about a client's leave: the visits it cancelled (booking_id null: it is about several). */
  | 'leave_cancellation'
  /** One message about the visits a shortened or removed leave gave back. */
  | 'leave_restored';
/** What the outbox carries: a booking's and leave's messages, and (migration 0022) an extra-session request's outcome. */
export type OutboxEvent = NotificationEvent | 'extra_sessions_outcome';
export type Channel = 'email' | 'sms';
/** `not_sent`: the channel has no provider configured (SMS logs only by default); final until resent. */
export type OutboxStatus = 'pending' | 'sending' | 'sent' | 'failed' | 'cancelled' | 'not_sent';
export type RecipientKind = 'client' | 'contact';
/** Who an outbox row is for: a client, a contact, or (for an extra-session outcome) the associate. */
export type OutboxRecipient = RecipientKind | 'staff';

/** One message handed to a transport: an e-mail (with its invitation) or an SMS. */
export type OutgoingMessage = {
  /** The outbox row's idempotency key: transports put it in the Message-ID, so a retry is recognisable. */
  key: string;
  channel: Channel;
  to: { name: string; address: string };
  subject: string;
  text: string;
  ics: { method: 'REQUEST' | 'CANCEL'; content: string } | null;
};

/**
 * Sends one message; resolves with the provider's id, or with `notSent` (why nothing left Carebook: no provider
 * is configured for the channel, which is final, not a failure to retry); rejects when it was not accepted.
 */
export type Transport = (message: OutgoingMessage) => Promise<{ providerId: string } | { notSent: string }>;
