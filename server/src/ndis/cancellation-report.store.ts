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

/**
 * The seam for bulk payment requests (claim type CANC): each claimable short-notice cancellation's delivered
 * cancellation record (written at the session's completion), with its NDIS reason code. Read-only.
 */
export async function cancellationClaimRecords(tx: Tx, organisationId: string, from: string, to: string) {
  const rows = await tx
    .selectFrom('delivered_services as ds')
    .innerJoin('booking_participants as bp', (j) =>
      j.onRef('bp.organisation_id', '=', 'ds.organisation_id').onRef('bp.id', '=', 'ds.participant_id'),
    )
    .innerJoin('bookings as b', (j) =>
      j.onRef('b.organisation_id', '=', 'ds.organisation_id').onRef('b.id', '=', 'ds.booking_id'),
    )
    .where('ds.organisation_id', '=', organisationId)
    .where('ds.kind', '=', 'cancellation')
    .where('bp.short_notice', '=', true)
    .where(sql<boolean>`(bp.cancellation_decision ->> 'claimable')::boolean`)
    .where(sql<boolean>`b.starts_at >= (${from}::date::timestamp AT TIME ZONE b.time_zone)
      AND b.starts_at < (${to}::date::timestamp AT TIME ZONE b.time_zone)`)
    .select([
      'ds.id as deliveredId',
      'ds.booking_id as bookingId',
      'ds.client_id as clientId',
      'ds.amount_minor as amountMinor',
      'ds.quantity',
      'ds.unit',
      'b.starts_at as startsAt',
      'b.time_zone as timeZone',
      'bp.cancellation_code as reasonCode',
    ])
    .orderBy('b.starts_at')
    .execute();
  const NDIS_CODE = { health: 'NSDH', family: 'NSDF', transport: 'NSDT', other: 'NSDO' } as const;
  return rows.map((r) => ({
    ...r,
    claimType: 'CANC' as const,
    cancellationReason: NDIS_CODE[r.reasonCode!],
  }));
}
