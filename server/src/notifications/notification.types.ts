export type NotificationEvent = 'confirmation' | 'change' | 'cancellation' | 'reminder';
/** What the outbox carries: a booking's messages, and (migration 0022) an extra-session request's outcome. */
export type OutboxEvent = NotificationEvent | 'extra_sessions_outcome';
export type Channel = 'email' | 'sms';
export type OutboxStatus = 'pending' | 'sending' | 'sent' | 'failed' | 'cancelled';
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

/** Sends one message; resolves with the provider's id, rejects when it was not accepted. */
export type Transport = (message: OutgoingMessage) => Promise<{ providerId: string }>;
