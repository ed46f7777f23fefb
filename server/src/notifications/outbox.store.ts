import type { Insertable } from 'kysely';
import { sql } from 'kysely';
import type { Temporal } from 'temporal-polyfill';
import { type Tx, ts } from '../platform/db/database.js';
import type { NotificationEvent, OutboxEvent, OutboxRecipient, OutboxStatus } from './notification.types.js';
import type { NotificationOutboxTable } from './notification-tables.types.js';

export type NewOutboxRow = Omit<Insertable<NotificationOutboxTable>, 'organisation_id'>;

const listColumns = [
  'o.id',
  'o.idempotency_key as idempotencyKey',
  'o.event',
  'o.booking_id as bookingId',
  'o.client_id as clientId',
  'o.recipient',
  'o.recipient_name as recipientName',
  'o.channel',
  'o.address',
  'o.time_zone as timeZone',
  'o.scheduled_at as scheduledAt',
  'o.status',
  'o.attempts',
  'o.last_error as lastError',
  'o.sent_at as sentAt',
  'o.provider_message_id as providerMessageId',
  'o.subject',
  'o.body_text as body',
  'o.ics',
  'o.ics_method as icsMethod',
  'o.ics_sequence as icsSequence',
  'o.created_at as createdAt',
] as const;

export type OutboxRecord = {
  id: string;
  idempotencyKey: string;
  event: OutboxEvent;
  bookingId: string | null;
  clientId: string;
  recipient: OutboxRecipient;
  recipientName: string;
  channel: 'email' | 'sms';
  address: string;
  timeZone: string;
  scheduledAt: Temporal.Instant;
  status: OutboxStatus;
  attempts: number;
  lastError: string | null;
  sentAt: Temporal.Instant | null;
  providerMessageId: string | null;
  subject: string;
  body: string;
  ics: string | null;
  icsMethod: 'REQUEST' | 'CANCEL' | null;
  icsSequence: number | null;
  createdAt: Temporal.Instant;
};

/** Writes a message once per idempotency key; a second write of the same key changes nothing. */
export async function insertOutboxRow(tx: Tx, organisationId: string, row: NewOutboxRow) {
  await tx
    .insertInto('notification_outbox')
    .values({ ...row, organisation_id: organisationId })
    .onConflict((c) => c.columns(['organisation_id', 'idempotency_key']).doNothing())
    .execute();
}

/**
 * A booking's reminder for one recipient at one start time: written once; written again (after a move there
 * and back) it comes back only if it was cancelled, never if it was sent.
 */
export async function upsertReminder(tx: Tx, organisationId: string, row: NewOutboxRow, now: string) {
  await tx
    .insertInto('notification_outbox')
    .values({ ...row, organisation_id: organisationId })
    .onConflict((c) =>
      c
        .columns(['organisation_id', 'idempotency_key'])
        .doUpdateSet({
          status: 'pending',
          scheduled_at: row.scheduled_at,
          subject: row.subject,
          body_text: row.body_text,
          ics: row.ics ?? null,
          ics_method: row.ics_method ?? null,
          ics_sequence: row.ics_sequence ?? null,
          updated_at: now,
        })
        .where('notification_outbox.status', 'in', ['cancelled', 'pending']),
    )
    .execute();
}

/** Cancels a booking's messages not yet sent: its reminders other than `keep`, or (no event) every one. */
export async function cancelPending(
  tx: Tx,
  organisationId: string,
  bookingId: string,
  o: { event?: NotificationEvent; keepKeys?: string[] },
  now: string,
) {
  let q = tx
    .updateTable('notification_outbox')
    .set({ status: 'cancelled', updated_at: now })
    .where('organisation_id', '=', organisationId)
    .where('booking_id', '=', bookingId)
    .where('status', '=', 'pending');
  if (o.event) q = q.where('event', '=', o.event);
  if (o.keepKeys && o.keepKeys.length > 0) q = q.where('idempotency_key', 'not in', o.keepKeys);
  await q.execute();
}

/** The highest SEQUENCE of the invitations written for a booking to one address. */
export async function lastInviteSequence(tx: Tx, organisationId: string, bookingId: string, address: string) {
  const row = await tx
    .selectFrom('notification_outbox')
    .where('organisation_id', '=', organisationId)
    .where('booking_id', '=', bookingId)
    .where('address', '=', address)
    .where('event', '<>', 'reminder')
    .select((e) => e.fn.max('ics_sequence').as('seq'))
    .executeTakeFirst();
  return row?.seq ?? null;
}

export type OutboxFilter = { status?: OutboxStatus; bookingId?: string; clientId?: string; limit: number };

export async function outboxPage(tx: Tx, organisationId: string, f: OutboxFilter) {
  let q = tx
    .selectFrom('notification_outbox as o')
    .where('o.organisation_id', '=', organisationId)
    .select(listColumns)
    .orderBy('o.created_at', 'desc')
    .orderBy('o.id', 'desc')
    .limit(f.limit);
  if (f.status) q = q.where('o.status', '=', f.status);
  if (f.bookingId) q = q.where('o.booking_id', '=', f.bookingId);
  if (f.clientId) q = q.where('o.client_id', '=', f.clientId);
  return (await q.execute()) as OutboxRecord[];
}

export async function outboxRow(tx: Tx, organisationId: string, id: string) {
  return (await tx
    .selectFrom('notification_outbox as o')
    .where('o.organisation_id', '=', organisationId)
    .where('o.id', '=', id)
    .select(listColumns)
    .executeTakeFirst()) as OutboxRecord | undefined;
}

/** Sends a message again: back to pending, due now (its attempts are kept). */
export async function requeue(tx: Tx, organisationId: string, id: string, now: string) {
  await tx
    .updateTable('notification_outbox')
    .set({ status: 'pending', scheduled_at: now, locked_until: null, last_error: null, updated_at: now })
    .where('organisation_id', '=', organisationId)
    .where('id', '=', id)
    .execute();
}

// The dispatcher's queries run across organisations (withSystem), like the invoice-run worker's.

export type Claimed = OutboxRecord & { organisationId: string; bookingStatus: string | null };

/**
 * Claims up to `limit` messages due at `now` (pending, or sending with an expired lease: its worker died),
 * marking them sending with a lease and one more attempt. SKIP LOCKED: concurrent dispatchers never claim
 * the same row.
 */
export async function claimDue(tx: Tx, now: string, leaseUntil: string, limit: number) {
  const due = await tx
    .selectFrom('notification_outbox as o')
    .leftJoin('bookings as b', (j) =>
      j.onRef('b.organisation_id', '=', 'o.organisation_id').onRef('b.id', '=', 'o.booking_id'),
    )
    .where((e) =>
      e.or([
        e.and([e('o.status', '=', 'pending'), e('o.scheduled_at', '<=', ts(now))]),
        e.and([e('o.status', '=', 'sending'), e('o.locked_until', '<', ts(now))]),
      ]),
    )
    .select([...listColumns, 'o.organisation_id as organisationId', 'b.status as bookingStatus'])
    .orderBy('o.scheduled_at')
    .limit(limit)
    .forUpdate('o')
    .skipLocked()
    .execute();
  if (due.length === 0) return [];
  await tx
    .updateTable('notification_outbox')
    .set((e) => ({
      status: 'sending',
      attempts: sql`${e.ref('attempts')} + 1`,
      locked_until: leaseUntil,
      updated_at: now,
    }))
    .where(
      'id',
      'in',
      due.map((d) => d.id),
    )
    .execute();
  return due.map((d) => ({ ...d, attempts: d.attempts + 1 })) as Claimed[];
}

export async function finishDelivery(
  tx: Tx,
  organisationId: string,
  id: string,
  outcome:
    | { status: 'sent'; providerId: string; at: string }
    | {
        status: 'failed' | 'pending' | 'cancelled' | 'not_sent';
        error: string | null;
        retryAt?: string;
        at: string;
      },
) {
  await tx
    .updateTable('notification_outbox')
    .set(
      outcome.status === 'sent'
        ? {
            status: 'sent',
            sent_at: outcome.at,
            provider_message_id: outcome.providerId,
            locked_until: null,
            last_error: null,
            updated_at: outcome.at,
          }
        : {
            status: outcome.status,
            last_error: outcome.error,
            locked_until: null,
            updated_at: outcome.at,
            ...(outcome.retryAt ? { scheduled_at: outcome.retryAt } : {}),
          },
    )
    .where('organisation_id', '=', organisationId)
    .where('id', '=', id)
    .where('status', '=', 'sending')
    .execute();
}

/** A booking's messages not yet sent of one event (the ones a later step in the same transaction may amend). */
export async function pendingOfBooking(
  tx: Tx,
  organisationId: string,
  bookingId: string,
  event: NotificationEvent,
) {
  return tx
    .selectFrom('notification_outbox')
    .where('organisation_id', '=', organisationId)
    .where('booking_id', '=', bookingId)
    .where('event', '=', event)
    .where('status', '=', 'pending')
    .select(['id', 'channel', 'body_text as body', 'ics'])
    .execute();
}

export async function amendMessage(
  tx: Tx,
  organisationId: string,
  id: string,
  m: { body: string; ics: string | null; now: string },
) {
  await tx
    .updateTable('notification_outbox')
    .set({ body_text: m.body, ics: m.ics, updated_at: m.now })
    .where('organisation_id', '=', organisationId)
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .execute();
}
