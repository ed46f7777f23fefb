import { sql } from 'kysely';
import type { Tx } from '../platform/db/database.js';
import type { CancellationOutcome, ReportRow } from './cancellation-report.js';

/** A client's cancelled places with their decision, and how many supports they had, starting in [from, to). */
export async function clientCancellations(
  tx: Tx,
  organisationId: string,
  clientId: string,
  from: string,
  to: string,
): Promise<{ rows: ReportRow[]; supportsBooked: number }> {
  const inPeriod = sql<boolean>`b.starts_at >= (${from}::date::timestamp AT TIME ZONE b.time_zone)
    AND b.starts_at < (${to}::date::timestamp AT TIME ZONE b.time_zone)`;
  const [rows, total] = await Promise.all([
    tx
      .selectFrom('booking_participants as bp')
      .innerJoin('bookings as b', (j) =>
        j.onRef('b.organisation_id', '=', 'bp.organisation_id').onRef('b.id', '=', 'bp.booking_id'),
      )
      .where('bp.organisation_id', '=', organisationId)
      .where('bp.client_id', '=', clientId)
      .where('bp.cancelled_by', 'is not', null)
      .where(inPeriod)
      .select([
        'b.id as bookingId',
        'b.starts_at as startsAt',
        'b.name',
        'bp.no_show',
        'bp.short_notice',
        'bp.cancellation_code',
        'bp.cancellation_decision',
      ])
      .orderBy('b.starts_at')
      .execute(),
    tx
      .selectFrom('booking_participants as bp')
      .innerJoin('bookings as b', (j) =>
        j.onRef('b.organisation_id', '=', 'bp.organisation_id').onRef('b.id', '=', 'bp.booking_id'),
      )
      .where('bp.organisation_id', '=', organisationId)
      .where('bp.client_id', '=', clientId)
      .where((w) => w.or([w('bp.status', '!=', 'cancelled'), w('bp.cancelled_by', 'is not', null)]))
      .where(inPeriod)
      .select(sql<string>`count(DISTINCT b.id)`.as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return {
    supportsBooked: Number(total.n),
    rows: rows.map((r) => {
      const d = r.cancellation_decision as { explanation?: string; claimable?: boolean } | null;
      const outcome: CancellationOutcome =
        r.short_notice === null
          ? 'not_judged'
          : r.no_show
            ? 'no_show'
            : r.short_notice
              ? 'short_notice'
              : 'in_time';
      return {
        bookingId: r.bookingId,
        startsAt: r.startsAt.toString(),
        name: r.name,
        outcome,
        reasonCode: r.cancellation_code!,
        explanation: d?.explanation ?? null,
        claimable: d?.claimable === true,
      };
    }),
  };
}
