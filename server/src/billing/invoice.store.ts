import { sql } from 'kysely';
import type { Temporal } from 'temporal-polyfill';
import type { InvoiceKind, InvoiceStatus } from '../contracts/contract-tables.types.js';
import { type Tx, ts } from '../platform/db/database.js';
import type { InvoiceLineRecord, InvoiceRecord, IssuedDetails } from './invoice.types.js';

export type { InvoiceLineRecord, InvoiceRecord };

export async function insertInvoice(
  tx: Tx,
  organisationId: string,
  i: {
    clientId: string;
    runId: string | null;
    kind: InvoiceKind;
    periodFrom: string;
    periodTo: string;
    recipient: string;
    usesLocalAuthorityReference: boolean;
    creditForId: string | null;
    clientContractId: string | null;
    userId: string;
  },
): Promise<string> {
  const row = await tx
    .insertInto('invoices')
    .values({
      organisation_id: organisationId,
      client_id: i.clientId,
      run_id: i.runId,
      kind: i.kind,
      period_from: i.periodFrom,
      period_to: i.periodTo,
      recipient: i.recipient,
      uses_local_authority_reference: i.usesLocalAuthorityReference,
      credit_for_id: i.creditForId,
      client_contract_id: i.clientContractId,
      created_by_user_id: i.userId,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/**
 * Claims client deliveries for an invoice (one client participant of a booking each). A delivery another
 * transaction has claimed makes this one wait for it and then skip it (ON CONFLICT DO NOTHING): the returned
 * booking ids are the ones this invoice really holds (an invoice is one client's, so they are distinct).
 */
export async function claimBookings(
  tx: Tx,
  organisationId: string,
  invoiceId: string,
  claims: { bookingId: string; participantId: string }[],
): Promise<Set<string>> {
  if (claims.length === 0) return new Set();
  const rows = await tx
    .insertInto('invoiced_bookings')
    .values(
      [...claims]
        .sort((a, b) => (a.participantId < b.participantId ? -1 : 1))
        .map((c) => ({
          organisation_id: organisationId,
          booking_id: c.bookingId,
          participant_id: c.participantId,
          invoice_id: invoiceId,
        })),
    )
    .onConflict((oc) => oc.columns(['organisation_id', 'participant_id']).doNothing())
    .returning('booking_id')
    .execute();
  return new Set(rows.map((r) => r.booking_id));
}

export async function releaseBookings(tx: Tx, organisationId: string, invoiceId: string) {
  await tx
    .deleteFrom('invoiced_bookings')
    .where('organisation_id', '=', organisationId)
    .where('invoice_id', '=', invoiceId)
    .execute();
}

export async function insertLines(
  tx: Tx,
  organisationId: string,
  invoiceId: string,
  lines: InvoiceLineRecord[],
) {
  if (lines.length === 0) return;
  await tx
    .insertInto('invoice_lines')
    .values(
      lines.map((l) => ({
        organisation_id: organisationId,
        invoice_id: invoiceId,
        position: l.position,
        booking_id: l.bookingId,
        visit_date: l.visitDate,
        kind: l.kind,
        minutes: l.minutes,
        rate_minor: l.rateMinor,
        amount_minor: l.amountMinor,
        explanation: l.explanation,
        source: l.source == null ? null : JSON.stringify(l.source),
        tax_code: l.taxCode,
        tax_reason: l.taxReason,
        tax_minor: l.taxMinor,
        service_name: l.serviceName,
      })),
    )
    .execute();
}

/** The total includes the tax. */
export async function setDraftTotal(
  tx: Tx,
  organisationId: string,
  invoiceId: string,
  totalMinor: number,
  taxMinor: number,
) {
  await tx
    .updateTable('invoices')
    .set({ total_minor: totalMinor, tax_minor: taxMinor })
    .where('organisation_id', '=', organisationId)
    .where('id', '=', invoiceId)
    .where('status', '=', 'draft')
    .execute();
}

export async function deleteDraft(tx: Tx, organisationId: string, invoiceId: string) {
  await tx
    .deleteFrom('invoices')
    .where('organisation_id', '=', organisationId)
    .where('id', '=', invoiceId)
    .where('status', '=', 'draft')
    .execute();
}

function selectInvoices(tx: Tx, organisationId: string) {
  return tx
    .selectFrom('invoices as i')
    .innerJoin('clients as c', (j) =>
      j.onRef('c.organisation_id', '=', 'i.organisation_id').onRef('c.id', '=', 'i.client_id'),
    )
    .leftJoin('client_contracts as cc', (j) =>
      j.onRef('cc.organisation_id', '=', 'i.organisation_id').onRef('cc.id', '=', 'i.client_contract_id'),
    )
    .leftJoin('contract_types as ct', (j) =>
      j.onRef('ct.organisation_id', '=', 'cc.organisation_id').onRef('ct.id', '=', 'cc.contract_type_id'),
    )
    .leftJoin('invoices as credited', (j) =>
      j
        .onRef('credited.organisation_id', '=', 'i.organisation_id')
        .onRef('credited.id', '=', 'i.credit_for_id'),
    )
    .where('i.organisation_id', '=', organisationId)
    .select((eb) => [
      'i.id',
      'i.kind',
      'i.status',
      'i.number',
      'i.client_id as clientId',
      'i.recipient',
      'i.uses_local_authority_reference as usesLocalAuthorityReference',
      'i.period_from as periodFrom',
      'i.period_to as periodTo',
      'i.total_minor as totalMinor',
      'i.run_id as runId',
      'i.credit_for_id as creditForId',
      eb
        .selectFrom('invoices as cn')
        .whereRef('cn.organisation_id', '=', 'i.organisation_id')
        .whereRef('cn.credit_for_id', '=', 'i.id')
        .select('cn.id')
        .as('creditNoteId'),
      'i.issued_at as issuedAt',
      'i.paid_at as paidAt',
      'i.voided_at as voidedAt',
      'i.void_reason as voidReason',
      'i.created_at as createdAt',
      sql<string>`c.given_name || ' ' || c.family_name`.as('clientName'),
      'i.client_contract_id as clientContractId',
      sql<
        string | null
      >`CASE WHEN i.issued_details IS NULL THEN ct.payer_name ELSE i.issued_details -> 'billTo' ->> 'payerName' END`.as(
        'payerName',
      ),
      'i.tax_minor as taxMinor',
      sql<string | null>`to_char(i.issue_date, 'YYYY-MM-DD')`.as('issueDate'),
      sql<string | null>`to_char(i.due_date, 'YYYY-MM-DD')`.as('dueDate'),
      'i.payment_terms_days as paymentTermsDays',
      'credited.number as creditForNumber',
      'i.issued_details as issuedDetails',
    ]);
}

type InvoiceRow = Omit<InvoiceRecord, 'totalMinor' | 'taxMinor' | 'issuedDetails'> & {
  totalMinor: string;
  taxMinor: string;
  issuedDetails: unknown;
};
const toRecord = (r: InvoiceRow): InvoiceRecord => ({
  ...r,
  totalMinor: Number(r.totalMinor),
  taxMinor: Number(r.taxMinor),
  issuedDetails: (r.issuedDetails ?? null) as InvoiceRecord['issuedDetails'],
});

/** With `forUpdate`, the invoice row stays locked until the transaction ends (issue, pay, void). */
export async function findInvoice(
  tx: Tx,
  organisationId: string,
  id: string,
  forUpdate = false,
): Promise<InvoiceRecord | undefined> {
  if (forUpdate)
    await tx
      .selectFrom('invoices')
      .where('organisation_id', '=', organisationId)
      .where('id', '=', id)
      .select('id')
      .forUpdate()
      .executeTakeFirst();
  const row = await selectInvoices(tx, organisationId).where('i.id', '=', id).executeTakeFirst();
  return row && toRecord(row as InvoiceRow);
}

export type InvoiceSort = 'newest' | 'number' | 'issueDate' | 'dueDate' | 'total' | 'billTo';

export type InvoiceListFilter = {
  status?: InvoiceStatus;
  clientId?: string;
  runId?: string;
  periodFrom?: string;
  periodTo?: string;
  /** Only issued, unpaid invoices (no credit notes). */
  outstanding?: boolean;
  sort?: InvoiceSort;
  order?: 'asc' | 'desc';
  limit: number;
  /** Keyset cursor for 'newest'; an offset for the other sorts. */
  after?: [string, string];
  offset?: number;
};

const SORT_COLUMN = {
  number: sql`i.number`,
  issueDate: sql`i.issue_date`,
  dueDate: sql`i.due_date`,
  total: sql`i.total_minor`,
  billTo: sql`lower(CASE WHEN i.issued_details IS NULL THEN coalesce(ct.payer_name, i.recipient)
    ELSE i.issued_details -> 'billTo' ->> 'name' END)`,
} as const;

export async function listInvoices(
  tx: Tx,
  organisationId: string,
  f: InvoiceListFilter,
): Promise<InvoiceRecord[]> {
  let q = selectInvoices(tx, organisationId).limit(f.limit + 1);
  const sort = f.sort ?? 'newest';
  if (sort === 'newest') q = q.orderBy('i.created_at', 'desc').orderBy('i.id', 'desc');
  else {
    const direction = f.order === 'desc' ? sql`DESC NULLS LAST` : sql`ASC NULLS LAST`;
    q = q
      .orderBy(sql`${SORT_COLUMN[sort]} ${direction}`)
      .orderBy('i.created_at', 'desc')
      .orderBy('i.id', 'desc')
      .offset(f.offset ?? 0);
  }
  if (f.status) q = q.where('i.status', '=', f.status);
  if (f.outstanding) q = q.where('i.status', '=', 'issued').where('i.kind', '=', 'invoice');
  if (f.clientId) q = q.where('i.client_id', '=', f.clientId);
  if (f.runId) q = q.where('i.run_id', '=', f.runId);
  // Periods that overlap [periodFrom, periodTo].
  if (f.periodFrom) q = q.where('i.period_to', '>=', f.periodFrom);
  if (f.periodTo) q = q.where('i.period_from', '<=', f.periodTo);
  if (f.after && sort === 'newest') {
    const [at, id] = f.after;
    q = q.where((eb) =>
      eb.or([
        eb('i.created_at', '<', ts(at)),
        eb.and([eb('i.created_at', '=', ts(at)), eb('i.id', '<', id)]),
      ]),
    );
  }
  return (await q.execute()).map((r) => toRecord(r as InvoiceRow));
}

/** Issued invoices and credit notes whose issue date falls in [from, to], by number, with their lines. */
export async function listIssuedBetween(tx: Tx, organisationId: string, from: string, to: string) {
  const invoices = await selectInvoices(tx, organisationId)
    .where('i.number', 'is not', null)
    .where('i.issue_date', '>=', from)
    .where('i.issue_date', '<=', to)
    .orderBy('i.number')
    .execute();
  return invoices.map((r) => toRecord(r as InvoiceRow));
}

export async function listLines(
  tx: Tx,
  organisationId: string,
  invoiceId: string,
): Promise<InvoiceLineRecord[]> {
  const rows = await tx
    .selectFrom('invoice_lines')
    .where('organisation_id', '=', organisationId)
    .where('invoice_id', '=', invoiceId)
    .select([
      'position',
      'booking_id as bookingId',
      'visit_date as visitDate',
      'kind',
      'minutes',
      'rate_minor as rateMinor',
      'amount_minor as amountMinor',
      'explanation',
      'source',
      'tax_code as taxCode',
      'tax_reason as taxReason',
      'tax_minor as taxMinor',
      'service_name as serviceName',
    ])
    .orderBy('position')
    .execute();
  return rows.map((r) => ({ ...r, amountMinor: Number(r.amountMinor), taxMinor: Number(r.taxMinor) }));
}

/**
 * The next invoice number of the organisation. The counter row is locked (FOR UPDATE) until the issuing
 * transaction ends, so concurrent issues take consecutive numbers, and a rolled-back issue gives its back.
 */
export async function takeInvoiceNumber(tx: Tx, organisationId: string): Promise<number> {
  await tx
    .insertInto('invoice_counters')
    .values({ organisation_id: organisationId })
    .onConflict((oc) => oc.column('organisation_id').doNothing())
    .execute();
  const counter = await tx
    .selectFrom('invoice_counters')
    .where('organisation_id', '=', organisationId)
    .select('next_number')
    .forUpdate()
    .executeTakeFirstOrThrow();
  await tx
    .updateTable('invoice_counters')
    .set({ next_number: counter.next_number + 1 })
    .where('organisation_id', '=', organisationId)
    .execute();
  return counter.next_number;
}

export async function markIssued(
  tx: Tx,
  organisationId: string,
  id: string,
  i: {
    number: number;
    recipient: string;
    issuedAt: Temporal.Instant;
    issueDate: string;
    dueDate: string;
    paymentTermsDays: number;
    issuedDetails: IssuedDetails;
  },
) {
  await tx
    .updateTable('invoices')
    .set({
      status: 'issued',
      number: i.number,
      recipient: i.recipient,
      issued_at: i.issuedAt.toString(),
      issue_date: i.issueDate,
      due_date: i.dueDate,
      payment_terms_days: i.paymentTermsDays,
      issued_details: JSON.stringify(i.issuedDetails),
    })
    .where('organisation_id', '=', organisationId)
    .where('id', '=', id)
    .execute();
}

export async function markStatus(
  tx: Tx,
  organisationId: string,
  id: string,
  status: 'paid' | 'void',
  at: Temporal.Instant,
  voidReason: string | null = null,
) {
  await tx
    .updateTable('invoices')
    .set(
      status === 'paid'
        ? { status, paid_at: at.toString() }
        : { status, voided_at: at.toString(), void_reason: voidReason },
    )
    .where('organisation_id', '=', organisationId)
    .where('id', '=', id)
    .execute();
}
