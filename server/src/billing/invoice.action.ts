import type { Temporal } from 'temporal-polyfill';
import { recordAudit } from '../audit/audit.store.js';
import { auditBy } from '../audit/audit-actor.js';
import { findClientBilling } from '../contracts/contract.store.js';
import type { Actor } from '../identity/actor.js';
import type { Tx } from '../platform/db/database.js';
import { conflict, notFound } from '../shared/domain-error.js';
import { organisationName } from './billing.store.js';
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
import { invoiceTitle } from './invoice-document.js';
import { recipientOf, toInvoiceDetail, toInvoiceView } from './invoice-view.js';

export async function invoiceDetail(tx: Tx, actor: Actor, id: string): Promise<InvoiceDetailView> {
  const invoice = await findInvoice(tx, actor.organisationId, id);
  if (!invoice) throw notFound('Invoice');
  return toInvoiceDetail(invoice, await listLines(tx, actor.organisationId, id));
}

export async function invoiceForDownload(tx: Tx, actor: Actor, id: string) {
  return {
    invoice: await invoiceDetail(tx, actor, id),
    organisationName: await organisationName(tx, actor.organisationId),
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
  const number = await takeInvoiceNumber(tx, actor.organisationId);
  await markIssued(tx, actor.organisationId, invoice.id, { number, recipient, issuedAt: now });
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
      userId: actor.userId,
    });
    const lines = (await listLines(tx, org, id)).map((l) => ({
      ...l,
      amountMinor: -l.amountMinor,
      explanation: `Credit for invoice ${invoice.number}, line ${l.position + 1}: ${l.explanation}`,
    }));
    await insertLines(tx, org, creditId, lines);
    await setDraftTotal(tx, org, creditId, -invoice.totalMinor);
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
  await markStatus(tx, org, id, 'void', now, reason);
  return audited(tx, actor, invoice);
}
