import type { Temporal } from 'temporal-polyfill';
import { type Db, withSystem } from '../platform/db/database.js';
import type { Channel, Transport } from './notification.types.js';
import { type Claimed, claimDue, finishDelivery } from './outbox.store.js';

export type Transports = Record<Channel, Transport>;

/** After how long a failed attempt is tried again; after the last, the message is failed for good. */
const RETRY_MINUTES = [1, 5, 30, 120];
/** A claimed message's lease: a dispatcher that dies mid-send gives it back after this. */
const LEASE_MINUTES = 5;

export type DispatchResult = { sent: number; failed: number; cancelled: number; notSent: number };

/**
 * Delivers every message due at `now` (the app's clock), in batches claimed with SKIP LOCKED, so several
 * dispatchers — in one process or many, before and after a restart — never send one row twice. A message is
 * sent at least once: a crash between the SMTP server's acceptance and the row's update would send it again
 * after the lease (the Message-ID is the idempotency key, so a mail system can recognise the repeat).
 */
export async function dispatchDue(
  db: Db,
  now: Temporal.Instant,
  transports: Transports,
  batch = 20,
): Promise<DispatchResult> {
  const result: DispatchResult = { sent: 0, failed: 0, cancelled: 0, notSent: 0 };
  const at = now.toString();
  for (;;) {
    const claimed = await withSystem(db, (tx) =>
      claimDue(tx, at, now.add({ minutes: LEASE_MINUTES }).toString(), batch),
    );
    if (claimed.length === 0) return result;
    for (const m of claimed) await deliver(db, m, at, now, transports, result);
  }
}

async function deliver(
  db: Db,
  m: Claimed,
  at: string,
  now: Temporal.Instant,
  transports: Transports,
  result: DispatchResult,
) {
  const finish = (outcome: Parameters<typeof finishDelivery>[3]) =>
    withSystem(db, (tx) => finishDelivery(tx, m.organisationId, m.id, outcome));
  // A reminder of a booking deleted or no longer booked since it was written is not sent; nor is any message
  // of a deleted booking. A leave summary is about several bookings and names none; an extra-session outcome
  // is about a case, never a booking.
  const aboutNoBooking =
    m.event === 'leave_cancellation' || m.event === 'leave_restored' || m.event === 'extra_sessions_outcome';
  const bookingGone = m.bookingId === null && !aboutNoBooking;
  if (bookingGone || (m.event === 'reminder' && m.bookingStatus !== 'booked')) {
    await finish({ status: 'cancelled', error: null, at });
    result.cancelled++;
    return;
  }
  try {
    const sent = await transports[m.channel]({
      key: m.idempotencyKey,
      channel: m.channel,
      to: { name: m.recipientName, address: m.address },
      subject: m.subject,
      text: m.body,
      ics: m.ics && m.icsMethod ? { method: m.icsMethod, content: m.ics } : null,
    });
    if ('notSent' in sent) {
      // Nothing left Carebook (no provider for the channel): said so on the row, not retried.
      await finish({ status: 'not_sent', error: sent.notSent, at });
      result.notSent++;
      return;
    }
    await finish({ status: 'sent', providerId: sent.providerId, at });
    result.sent++;
  } catch (error) {
    const retry = RETRY_MINUTES[m.attempts - 1];
    await finish({
      status: retry === undefined ? 'failed' : 'pending',
      error: (error as Error).message.slice(0, 1000),
      ...(retry === undefined ? {} : { retryAt: now.add({ minutes: retry }).toString() }),
      at,
    });
    result.failed++;
  }
}
