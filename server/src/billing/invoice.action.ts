import type { Temporal } from 'temporal-polyfill';
import { recordAudit } from '../audit/audit.store.js';
import { auditBy } from '../audit/audit-actor.js';
import { findClientBilling } from '../contracts/contract.store.js';
import type { Actor } from '../identity/actor.js';
import type { Tx } from '../platform/db/database.js';
import { conflict, notFound } from '../shared/domain-error.js';
import { billingSettingsOf } from './billing-settings.action.js';
import type { BillingSettings } from './billing-settings.js';
import { findOrganisation } from './billing-settings.store.js';
import type { InvoiceDetailView, InvoiceView } from './invoice.schemas.js';
import {
  findInvoice,
  type InvoiceRecord,
  insertInvoice,
  insertLines,
  listLines,
  markIssued,
  markStatus,
  releaseBookings,
  setDraftTotal,
  takeInvoiceNumber,
} from './invoice.store.js';
import type { IssuedDetails } from './invoice.types.js';
import { invoiceTitle } from './invoice-document.js';
import { findClientAddress, findContractBilling } from './invoice-parties.store.js';
import { recipientOf, toInvoiceDetail, toInvoiceView } from './invoice-view.js';
import { dueDateOf } from './receivables.js';
import { releaseStayNights } from './stay-claims.store.js';

/** The organisation's local date at `now`: what "today" means for due dates and ageing. */
export async function organisationToday(tx: Tx, organisationId: string, now: Temporal.Instant) {
  const org = await findOrganisation(tx, organisationId);
  return now.toZonedDateTimeISO(org.timeZone).toPlainDate().toString();
}

export async function invoiceDetail(
  tx: Tx,
  actor: Actor,
  id: string,
  now: Temporal.Instant | null = null,
): Promise<InvoiceDetailView> {
  const invoice = await findInvoice(tx, actor.organisationId, id);
  if (!invoice) throw notFound('Invoice');
  const today = now === null ? null : await organisationToday(tx, actor.organisationId, now);
  return toInvoiceDetail(invoice, await listLines(tx, actor.organisationId, id), today);
}

/** Everything the PDF prints: the invoice, the supplier (as issued, or today's settings for a draft). */
export async function invoiceForDownload(tx: Tx, actor: Actor, id: string, now: Temporal.Instant) {
  const org = actor.organisationId;
  const invoice = await invoiceDetail(tx, actor, id, now);
  const { settings } = await billingSettingsOf(tx, org);
  const record = (await findInvoice(tx, org, id))!;
  const details = record.issuedDetails ?? (await issuedDetailsOf(tx, org, record, settings));
  return { invoice, details, logo: settings.logo };
}

/** Supplier and recipient of an invoice as they stand now; fixed on the invoice when it is issued. */
export async function issuedDetailsOf(
  tx: Tx,
  org: string,
  invoice: InvoiceRecord,
  settings: BillingSettings,
): Promise<IssuedDetails> {
  const contract = invoice.clientContractId
    ? await findContractBilling(tx, org, invoice.clientContractId)
    : undefined;
  const client = await findClientAddress(tx, org, invoice.clientId);
  const { timeZone } = await findOrganisation(tx, org);
  const payerName = contract?.category === 'local_authority' ? (contract.payerName ?? null) : null;
  return {
    supplier: {
      legalName: settings.legalName,
      businessNumber: settings.businessNumber,
      taxRegistered: settings.taxRegistered,
      currency: settings.currency,
      address: settings.address,
      email: settings.email,
      phone: settings.phone,
      bankAccountName: settings.bankAccountName,
      bankBranchCode: settings.bankBranchCode,
      bankAccountNumber: settings.bankAccountNumber,
    },
    billTo: {
      payerName,
      name: payerName ?? invoice.recipient,
      address: payerName ? (contract?.payerAddress ?? null) : client.address,
      clientName: invoice.usesLocalAuthorityReference ? null : invoice.clientName,
      clientReference: invoice.usesLocalAuthorityReference ? invoice.recipient : null,
      ndisNumber: contract?.category === 'ndis' ? client.ndisNumber : null,
    },
    timeZone,
  };
}

async function lockedInvoice(tx: Tx, actor: Actor, id: string): Promise<InvoiceRecord> {
  const invoice = await findInvoice(tx, actor.organisationId, id, true);
  if (!invoice) throw notFound('Invoice');
  return invoice;
}

/** Takes the next number (counter locked until commit) and fixes the recipient as issued. */
async function issueLocked(
  tx: Tx,
  actor: Actor,
  invoice: InvoiceRecord,
  now: Temporal.Instant,
  fixedRecipient?: string,
) {
  const client = (await findClientBilling(tx, actor.organisationId, invoice.clientId))!;
  const recipient = fixedRecipient ?? recipientOf(client, invoice.usesLocalAuthorityReference);
  if (recipient === null)
    throw conflict(
      "The contract asks for the client's local-authority reference on invoices, and the client has none: record it first",
    );
  const org = actor.organisationId;
  const { settings } = await billingSettingsOf(tx, org);
  const details = await issuedDetailsOf(tx, org, { ...invoice, recipient }, settings);
  const contract = invoice.clientContractId
    ? await findContractBilling(tx, org, invoice.clientContractId)
    : undefined;
  // A credit note is settled by the invoice it credits: it is due the day it is issued.
  const terms =
    invoice.kind === 'credit_note' ? 0 : (contract?.paymentTermsDays ?? settings.paymentTermsDays);
  const issueDate = now.toZonedDateTimeISO(details.timeZone).toPlainDate().toString();
  const number = await takeInvoiceNumber(tx, org);
  await markIssued(tx, org, invoice.id, {
    number,
    recipient,
    issuedAt: now,
    issueDate,
    dueDate: dueDateOf(issueDate, terms),
    paymentTermsDays: terms,
    issuedDetails: details,
  });
}

async function audited(tx: Tx, actor: Actor, before: InvoiceRecord): Promise<InvoiceView> {
  const after = toInvoiceView((await findInvoice(tx, actor.organisationId, before.id))!);
  await recordAudit(tx, {
    ...auditBy(actor),
    action: 'update',
    entityType: 'invoice',
    entityId: before.id,
    before: toInvoiceView(before),
    after,
  });
  return after;
}

export async function issueInvoice(
  tx: Tx,
  actor: Actor,
  id: string,
  now: Temporal.Instant,
): Promise<InvoiceView> {
  const invoice = await lockedInvoice(tx, actor, id);
  if (invoice.status !== 'draft')
    throw conflict(`${invoiceTitle(invoice)} is ${invoice.status}; only drafts can be issued`);
  await issueLocked(tx, actor, invoice, now);
  return audited(tx, actor, invoice);
}

export async function payInvoice(
  tx: Tx,
  actor: Actor,
  id: string,
  now: Temporal.Instant,
): Promise<InvoiceView> {
  const invoice = await lockedInvoice(tx, actor, id);
  if (invoice.kind === 'credit_note') throw conflict('A credit note cannot be paid');
  if (invoice.status !== 'issued')
    throw conflict(`${invoiceTitle(invoice)} is ${invoice.status}; only issued invoices can be paid`);
  await markStatus(tx, actor.organisationId, id, 'paid', now);
  return audited(tx, actor, invoice);
}

/**
 * Voids a draft or issued invoice and frees its bookings for another run. An issued invoice is not changed:
 * a credit note with the negated lines is issued against it (next number), in the same transaction.
 */
export async function voidInvoice(
  tx: Tx,
  actor: Actor,
  id: string,
  now: Temporal.Instant,
  reason: string | null = null,
): Promise<InvoiceView> {
  const invoice = await lockedInvoice(tx, actor, id);
  if (invoice.kind === 'credit_note') throw conflict('A credit note cannot be voided');
  if (invoice.status === 'paid' || invoice.status === 'void')
    throw conflict(`${invoiceTitle(invoice)} is ${invoice.status} and cannot be voided`);
  const org = actor.organisationId;
  if (invoice.status === 'issued') {
    const creditId = await insertInvoice(tx, org, {
      clientId: invoice.clientId,
      runId: null,
      kind: 'credit_note',
      periodFrom: invoice.periodFrom,
      periodTo: invoice.periodTo,
      recipient: invoice.recipient,
      usesLocalAuthorityReference: invoice.usesLocalAuthorityReference,
      creditForId: invoice.id,
      clientContractId: invoice.clientContractId,
      userId: actor.userId,
    });
    const lines = (await listLines(tx, org, id)).map((l) => ({
      ...l,
      amountMinor: -l.amountMinor,
      taxMinor: -l.taxMinor,
      explanation: `Credit for invoice ${invoice.number}, line ${l.position + 1}: ${l.explanation}`,
    }));
    await insertLines(tx, org, creditId, lines);
    await setDraftTotal(tx, org, creditId, -invoice.totalMinor, -invoice.taxMinor);
    const credit = (await findInvoice(tx, org, creditId))!;
    // A credit note is addressed exactly as the invoice it cancels.
    await issueLocked(tx, actor, credit, now, invoice.recipient);
    await recordAudit(tx, {
      ...auditBy(actor),
      action: 'create',
      entityType: 'invoice',
      entityId: creditId,
      after: toInvoiceView((await findInvoice(tx, org, creditId))!),
    });
  }
  await releaseBookings(tx, org, id);
  await releaseStayNights(tx, org, id);
  await markStatus(tx, org, id, 'void', now, reason);
  return audited(tx, actor, invoice);
}
