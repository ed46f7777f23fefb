import type { Temporal } from 'temporal-polyfill';
import { type Db, withSystem } from '../platform/db/database.js';
import { expireHolds } from './stays.action.js';

/**
 * The background job: every hold past its expiry at `now` (the app's clock), in every organisation, becomes
 * its outcome (released, or back to its earlier state), audited. Queued for each hold's expiry by the stays
 * trigger (migration 0025), and every minute as a backstop; running twice, or beside a booking that expires
 * the same hold, does it once (the row lock, then the hold is no longer on hold).
 */
export async function expireDueHolds(db: Db, now: Temporal.Instant): Promise<number> {
  return withSystem(db, (tx) => expireHolds(tx, null, now));
}
