import type { Temporal } from 'temporal-polyfill';
import type { Tx } from '../platform/db/database.js';
import { conflict } from '../shared/domain-error.js';

/** One client's share of a booking about to be written: when, what, and what it is estimated to cost. */
export type BookingDraw = {
  clientId: string;
  date: string;
  serviceTypeId: string | null;
  /** The estimated cost (a session's services); null: priced by the visit's contract, which ndis/ rates. */
  amountMinor: number | null;
  /** The visit, for contract pricing; `bookingId` of a booking being changed (its old draw is replaced). */
  visit?: {
    bookingId: string | null;
    startsAt: Temporal.Instant;
    endsAt: Temporal.Instant;
    contractId: string | null;
    staffId: string | null;
  };
};

/** What a module above bookings/ says of one draw: soft conflicts in words, or a refusal. */
export type DrawCheck = { warnings: string[]; refusal: string | null };

/**
 * Extra checks from a module above bookings/ (ndis/ funding periods and price limits), one answer per draw
 * in order; a series' draws are judged cumulatively. It may take locks (the funding periods) that hold to the
 * end of the write's transaction, so concurrent writes are judged one after the other.
 */
export type ExtraSoftConflictCheck = (
  tx: Tx,
  organisationId: string,
  draws: readonly BookingDraw[],
) => Promise<DrawCheck[]>;

let check: ExtraSoftConflictCheck | undefined;

/**
 * The port through which a module above bookings/ adds soft conflicts to a booking write without bookings/
 * importing it (the composition root registers ndis/' funding check here). It runs in the write's transaction;
 * its warnings are overridden with a reason like every soft conflict.
 */
export function setExtraSoftConflictCheck(next: ExtraSoftConflictCheck | undefined): void {
  check = next;
}

/** One answer per draw (none registered: no warnings, no refusals). */
export async function extraDrawChecks(
  tx: Tx,
  organisationId: string,
  draws: readonly BookingDraw[],
): Promise<DrawCheck[]> {
  return check && draws.length > 0
    ? check(tx, organisationId, draws)
    : draws.map(() => ({ warnings: [], refusal: null }));
}

/** A single write's extra soft conflicts; a refusal of any of its draws is a 409 that says why. */
export async function extraSoftConflicts(
  tx: Tx,
  organisationId: string,
  draws: readonly BookingDraw[],
): Promise<string[]> {
  const checks = await extraDrawChecks(tx, organisationId, draws);
  const refusal = checks.find((c) => c.refusal !== null)?.refusal;
  if (refusal) throw conflict(refusal.charAt(0).toUpperCase() + refusal.slice(1), { refused: true });
  const out: string[] = [];
  for (const c of checks) for (const w of c.warnings) if (!out.includes(w)) out.push(w);
  return out;
}
