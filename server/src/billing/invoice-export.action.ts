import { Temporal } from 'temporal-polyfill';
import type { Actor } from '../identity/actor.js';
import type { Tx } from '../platform/db/database.js';
import { invalid } from '../shared/domain-error.js';
import { billingSettingsOf } from './billing-settings.action.js';
import { issuedDetailsOf, organisationToday } from './invoice.action.js';
import type { InvoiceView } from './invoice.schemas.js';
import { type InvoiceListFilter, listInvoices, listIssuedBetween, listLines } from './invoice.store.js';
import type { ExportedInvoice } from './invoice-document.js';
import { findClientAddress } from './invoice-parties.store.js';
import { toInvoiceDetail, toInvoiceView } from './invoice-view.js';
import { summariseReceivables } from './receivables.js';
import { listReceivables } from './receivables.store.js';

const MAX_EXPORT_DAYS = 400;
const MAX_LIST_EXPORT = 5000;

/** The aged-receivables summary on `asOf` (default: today in the organisation's zone at `now`). */
export async function receivables(tx: Tx, actor: Actor, now: Temporal.Instant, asOf?: string) {
  const today = asOf ?? (await organisationToday(tx, actor.organisationId, now));
  return summariseReceivables(await listReceivables(tx, actor.organisationId), today);
}

/** A page of the invoice list, overdue flags computed against today. */
export async function invoicePage(
  tx: Tx,
  actor: Actor,
  now: Temporal.Instant,
  filter: InvoiceListFilter,
): Promise<{ rows: InvoiceView[] }> {
  const today = await organisationToday(tx, actor.organisationId, now);
  const rows = await listInvoices(tx, actor.organisationId, filter);
  return { rows: rows.map((r) => toInvoiceView(r, today)) };
}

/** The whole filtered list, for its CSV (at most 5,000 rows). */
export async function invoiceListForExport(
  tx: Tx,
  actor: Actor,
  now: Temporal.Instant,
  filter: Omit<InvoiceListFilter, 'limit' | 'after' | 'offset'>,
) {
  const { rows } = await invoicePage(tx, actor, now, { ...filter, limit: MAX_LIST_EXPORT });
  return rows.slice(0, MAX_LIST_EXPORT);
}

/** Issued invoices and credit notes with issue dates in [from, to], as the accounting export needs them. */
export async function invoicesForAccounting(
  tx: Tx,
  actor: Actor,
  from: string,
  to: string,
): Promise<ExportedInvoice[]> {
  if (Temporal.PlainDate.from(from).until(Temporal.PlainDate.from(to)).days > MAX_EXPORT_DAYS)
    throw invalid('to', `must be at most ${MAX_EXPORT_DAYS} days after from`);
  const org = actor.organisationId;
  const { settings } = await billingSettingsOf(tx, org);
  const out: ExportedInvoice[] = [];
  for (const record of await listIssuedBetween(tx, org, from, to)) {
    const details = record.issuedDetails ?? (await issuedDetailsOf(tx, org, record, settings));
    const email = details.billTo.payerName ? null : (await findClientAddress(tx, org, record.clientId)).email;
    out.push({ ...toInvoiceDetail(record, await listLines(tx, org, record.id)), details, email });
  }
  return out;
}
