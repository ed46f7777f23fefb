import type { Tx } from '../platform/db/database.js';

/** One client's share of a booking about to be written: when, what, and what it is estimated to cost. */
export type BookingDraw = {
  clientId: string;
  date: string;
  serviceTypeId: string | null;
  amountMinor: number;
};

/** Extra soft conflicts from a module above bookings/ (ndis/ funding periods), in words, one per overrun. */
export type ExtraSoftConflictCheck = (
  tx: Tx,
  organisationId: string,
  draws: readonly BookingDraw[],
) => Promise<string[]>;

let check: ExtraSoftConflictCheck | undefined;

/**
 * The port through which a module above bookings/ adds soft conflicts to a booking write without bookings/
 * importing it (the composition root registers ndis/' funding check here). It runs in the write's transaction;
 * its warnings are overridden with a reason like every soft conflict.
 */
export function setExtraSoftConflictCheck(next: ExtraSoftConflictCheck | undefined): void {
  check = next;
}

export async function extraSoftConflicts(tx: Tx, organisationId: string, draws: readonly BookingDraw[]) {
  return check && draws.length > 0 ? check(tx, organisationId, draws) : [];
}
