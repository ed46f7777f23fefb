import { sql } from 'kysely';
import type { Temporal } from 'temporal-polyfill';
import type { Tx } from '../platform/db/database.js';
import type { BprLine } from './bulk-payment-file.js';
import type { DeliveredRecord } from './claim-lines.js';

/**
 * Reads delivered records (bookings/' tables, read only) and writes bulk payment files and their claim lines.
 */

export async function lockClaims(tx: Tx, organisationId: string) {
  await sql`select pg_advisory_xact_lock(hashtextextended(${`${organisationId}:ndis-claims`}, 0))`.execute(
    tx,
  );
}

/**
 * Delivered records of completed sessions (and charged cancellations) whose local start date is in
 * [from, to], not yet on a claim line that stands (a rejected line frees its record), for clients with an NDIS
 * number or services naming a support item.
 */
export async function unclaimedRecords(
  tx: Tx,
  organisationId: string,
  from: string,
  to: string,
): Promise<DeliveredRecord[]> {
  const rows = await tx
    .selectFrom('delivered_services as ds')
    .innerJoin('bookings as b', (j) =>
      j.onRef('b.organisation_id', '=', 'ds.organisation_id').onRef('b.id', '=', 'ds.booking_id'),
    )
    .innerJoin('clients as c', (j) =>
      j.onRef('c.organisation_id', '=', 'ds.organisation_id').onRef('c.id', '=', 'ds.client_id'),
    )
    .innerJoin('booking_participants as bp', (j) =>
      j.onRef('bp.organisation_id', '=', 'ds.organisation_id').onRef('bp.id', '=', 'ds.participant_id'),
    )
    .leftJoin('booking_services as bs', (j) =>
      j.onRef('bs.organisation_id', '=', 'ds.organisation_id').onRef('bs.id', '=', 'ds.service_id'),
    )
    .leftJoin('ndis_record_claim_types as ct', (j) =>
      j.onRef('ct.organisation_id', '=', 'ds.organisation_id').onRef('ct.delivered_service_id', '=', 'ds.id'),
    )
    .where('ds.organisation_id', '=', organisationId)
    .where(sql<boolean>`(b.starts_at AT TIME ZONE b.time_zone)::date BETWEEN ${from}::date AND ${to}::date`)
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('ndis_claim_lines as l')
            .whereRef('l.organisation_id', '=', 'ds.organisation_id')
            .whereRef('l.delivered_service_id', '=', 'ds.id')
            .where('l.status', '<>', 'rejected')
            .select(sql`1`.as('one')),
        ),
      ),
    )
    .select([
      'ds.id as deliveredServiceId',
      'ds.client_id as clientId',
      sql<string>`c.given_name || ' ' || c.family_name`.as('clientName'),
      'c.ndis_number as ndisNumber',
      'c.state',
      'c.mmm_band as mmmBand',
      'ds.kind',
      'ds.description',
      'ds.quantity',
      'ds.unit',
      'ds.rate_minor as rateMinor',
      'ds.portion_basis_points as portionBasisPoints',
      'ds.amount_minor as amountMinor',
      sql<string | null>`coalesce(bs.support_item, (
        SELECT p.support_item FROM booking_services p
        WHERE p.organisation_id = ds.organisation_id AND p.booking_id = ds.booking_id
        ORDER BY p.is_primary DESC, p.position LIMIT 1))`.as('supportItem'),
      'b.starts_at as start',
      'b.ends_at as end',
      'b.time_zone as timeZone',
      'bp.cancellation_code as cancellationCode',
      'bp.short_notice as shortNotice',
      sql<string | null>`bp.cancellation_decision ->> 'claimable'`.as('claimable'),
      sql<string | null>`bp.cancellation_decision ->> 'explanation'`.as('decisionExplanation'),
      'ct.claim_type as recordedClaimType',
      // Face-to-face: the participant had a service record at the visit not recorded as NF2F or a report.
      sql<boolean>`EXISTS (
        SELECT 1 FROM delivered_services f
        WHERE f.organisation_id = ds.organisation_id AND f.booking_id = ds.booking_id
          AND f.participant_id = ds.participant_id AND f.kind = 'service'
          AND NOT EXISTS (SELECT 1 FROM ndis_record_claim_types x
                          WHERE x.organisation_id = f.organisation_id AND x.delivered_service_id = f.id))`.as(
        'faceToFace',
      ),
    ])
    .orderBy('b.starts_at')
    .orderBy('ds.booking_id')
    .orderBy('ds.position')
    .execute();
  return rows
    .filter((r) => r.ndisNumber !== null || r.supportItem !== null)
    .map((r) => ({
      deliveredServiceId: r.deliveredServiceId,
      clientId: r.clientId,
      clientName: r.clientName,
      ndisNumber: r.ndisNumber,
      state: r.state,
      mmmBand: r.mmmBand,
      kind: r.kind,
      description: r.description,
      quantity: Number(r.quantity),
      unit: r.unit,
      rateMinor: r.rateMinor,
      portionBasisPoints: r.portionBasisPoints,
      amountMinor: r.amountMinor,
      supportItem: r.supportItem,
      start: r.start,
      end: r.end,
      timeZone: r.timeZone,
      cancellationCode: r.cancellationCode as DeliveredRecord['cancellationCode'],
      ndisDecision:
        r.shortNotice === null
          ? null
          : {
              shortNotice: r.shortNotice,
              claimable: r.claimable === 'true',
              explanation: r.decisionExplanation ?? '',
            },
      deliveredAs:
        r.recordedClaimType === 'NF2F'
          ? ('non_face_to_face' as const)
          : r.recordedClaimType === 'REPW'
            ? ('ndia_report' as const)
            : ('face_to_face' as const),
      faceToFace: r.faceToFace,
    }));
}

export async function filesOnDay(tx: Tx, organisationId: string, stem: string) {
  const r = await tx
    .selectFrom('ndis_claim_files')
    .where('organisation_id', '=', organisationId)
    .where('name', 'like', `${stem}-%`)
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function insertFile(
  tx: Tx,
  organisationId: string,
  f: {
    name: string;
    registrationNumber: string;
    from: string;
    to: string;
    userId: string;
    lines: readonly BprLine[];
  },
) {
  const file = await tx
    .insertInto('ndis_claim_files')
    .values({
      organisation_id: organisationId,
      name: f.name,
      row_count: f.lines.length,
      registration_number: f.registrationNumber,
      period_from: f.from,
      period_to: f.to,
      created_by_user_id: f.userId,
    })
    .returning(['id', 'name', 'row_count as rowCount', 'created_at as createdAt'])
    .executeTakeFirstOrThrow();
  await tx
    .insertInto('ndis_claim_lines')
    .values(
      f.lines.map((l, i) => ({
        organisation_id: organisationId,
        file_id: file.id,
        delivered_service_id: l.deliveredServiceId,
        client_id: l.clientId,
        position: i + 1,
        ndis_number: l.ndisNumber,
        delivered_from: l.deliveredFrom,
        delivered_to: l.deliveredTo,
        support_number: l.supportNumber,
        claim_reference: l.claimReference,
        quantity_hundredths: l.quantityHundredths,
        hours_minutes: l.hoursMinutes,
        unit_price_minor: l.unitPriceMinor,
        amount_minor: l.amountMinor,
        gst_code: l.gstCode,
        claim_type: l.claimType,
        cancellation_reason: l.cancellationReason,
        abn: l.abn,
        explanation: l.explanation,
        warning: l.warning,
      })),
    )
    .execute();
  return file;
}

const fileColumns = [
  'f.id',
  'f.name',
  'f.row_count as rowCount',
  'f.registration_number as registrationNumber',
  'f.period_from as periodFrom',
  'f.period_to as periodTo',
  'f.created_at as createdAt',
  'f.results_imported_at as resultsImportedAt',
] as const;

export async function listFiles(tx: Tx, organisationId: string) {
  return tx
    .selectFrom('ndis_claim_files as f')
    .where('f.organisation_id', '=', organisationId)
    .select(fileColumns)
    .select((eb) => [
      eb
        .selectFrom('ndis_claim_lines as l')
        .whereRef('l.organisation_id', '=', 'f.organisation_id')
        .whereRef('l.file_id', '=', 'f.id')
        .select(sql<number>`coalesce(sum(l.amount_minor), 0)::int`.as('t'))
        .as('claimedMinor'),
      eb
        .selectFrom('ndis_claim_lines as l')
        .whereRef('l.organisation_id', '=', 'f.organisation_id')
        .whereRef('l.file_id', '=', 'f.id')
        .where('l.status', '=', 'rejected')
        .select(sql<number>`count(*)::int`.as('r'))
        .as('rejected'),
    ])
    .orderBy('f.created_at', 'desc')
    .orderBy('f.name', 'desc')
    .limit(200)
    .execute();
}

export async function findFile(tx: Tx, organisationId: string, id: string) {
  return tx
    .selectFrom('ndis_claim_files as f')
    .where('f.organisation_id', '=', organisationId)
    .where('f.id', '=', id)
    .select(fileColumns)
    .executeTakeFirst();
}

const lineColumns = [
  'l.id',
  'l.file_id as fileId',
  'f.name as fileName',
  'l.delivered_service_id as deliveredServiceId',
  'l.client_id as clientId',
  sql<string>`c.given_name || ' ' || c.family_name`.as('clientName'),
  'l.position',
  'l.ndis_number as ndisNumber',
  'l.delivered_from as deliveredFrom',
  'l.delivered_to as deliveredTo',
  'l.support_number as supportNumber',
  'l.claim_reference as claimReference',
  'l.quantity_hundredths as quantityHundredths',
  'l.hours_minutes as hoursMinutes',
  'l.unit_price_minor as unitPriceMinor',
  'l.amount_minor as amountMinor',
  'l.gst_code as gstCode',
  'l.claim_type as claimType',
  'l.cancellation_reason as cancellationReason',
  'l.abn',
  'l.explanation',
  'l.warning',
  'l.status',
  'l.paid_amount_minor as paidAmountMinor',
  'l.capped_price_minor as cappedPriceMinor',
  'l.payment_request_number as paymentRequestNumber',
  'l.error_message as errorMessage',
] as const;

export async function linesOf(
  tx: Tx,
  organisationId: string,
  filter: { fileId?: string; attention?: boolean; references?: readonly string[] },
) {
  let q = tx
    .selectFrom('ndis_claim_lines as l')
    .innerJoin('ndis_claim_files as f', (j) =>
      j.onRef('f.organisation_id', '=', 'l.organisation_id').onRef('f.id', '=', 'l.file_id'),
    )
    .innerJoin('clients as c', (j) =>
      j.onRef('c.organisation_id', '=', 'l.organisation_id').onRef('c.id', '=', 'l.client_id'),
    )
    .where('l.organisation_id', '=', organisationId)
    .select(lineColumns)
    .orderBy('f.created_at')
    .orderBy('l.file_id')
    .orderBy('l.position');
  if (filter.fileId) q = q.where('l.file_id', '=', filter.fileId);
  if (filter.references) {
    if (filter.references.length === 0) return [];
    q = q.where('l.claim_reference', 'in', filter.references);
  }
  if (filter.attention)
    q = q.where((eb) =>
      eb.or([
        eb('l.status', '=', 'rejected'),
        eb('l.warning', 'is not', null),
        eb.and([eb('l.status', '=', 'paid'), eb('l.paid_amount_minor', '<', eb.ref('l.amount_minor'))]),
      ]),
    );
  return q.limit(10_000).execute();
}
export type ClaimLineRow = Awaited<ReturnType<typeof linesOf>>[number];

export async function recordResult(
  tx: Tx,
  organisationId: string,
  lineId: string,
  r: {
    status: 'paid' | 'rejected';
    paidAmountMinor: number | null;
    cappedPriceMinor: number | null;
    paymentRequestNumber: string | null;
    errorMessage: string | null;
    at: Temporal.Instant;
  },
) {
  await tx
    .updateTable('ndis_claim_lines')
    .set({
      status: r.status,
      paid_amount_minor: r.paidAmountMinor,
      capped_price_minor: r.cappedPriceMinor,
      payment_request_number: r.paymentRequestNumber,
      error_message: r.errorMessage,
      result_at: r.at.toString(),
    })
    .where('organisation_id', '=', organisationId)
    .where('id', '=', lineId)
    .execute();
}

export async function markResultsImported(
  tx: Tx,
  organisationId: string,
  fileIds: readonly string[],
  at: Temporal.Instant,
) {
  if (fileIds.length === 0) return;
  await tx
    .updateTable('ndis_claim_files')
    .set({ results_imported_at: at.toString() })
    .where('organisation_id', '=', organisationId)
    .where('id', 'in', fileIds)
    .execute();
}
