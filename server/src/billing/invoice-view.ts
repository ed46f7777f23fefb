import type { InvoiceDetailView, InvoiceView } from './invoice.schemas.js';
import type { InvoiceLineRecord, InvoiceRecord } from './invoice.types.js';
import { daysOverdue, isOutstanding } from './receivables.js';

/**
 * An invoice as the API shows it. `today` is the organisation's local date (the caller reads the clock);
 * with null, nothing is overdue (audit entries record the invoice, not a moment's view of it).
 */
export function toInvoiceView(i: InvoiceRecord, today: string | null = null): InvoiceView {
  const { issuedDetails, ...rest } = i;
  const days = today !== null && i.dueDate !== null && isOutstanding(i) ? daysOverdue(i.dueDate, today) : 0;
  return {
    ...rest,
    billTo: issuedDetails?.billTo.name ?? i.payerName ?? i.recipient,
    subtotalMinor: i.totalMinor - i.taxMinor,
    currency: issuedDetails?.supplier.currency ?? null,
    overdue: days > 0,
    daysOverdue: Math.max(0, days),
    issuedAt: i.issuedAt?.toString() ?? null,
    paidAt: i.paidAt?.toString() ?? null,
    voidedAt: i.voidedAt?.toString() ?? null,
    createdAt: i.createdAt.toString(),
  };
}

export function toInvoiceDetail(
  i: InvoiceRecord,
  lines: InvoiceLineRecord[],
  today: string | null = null,
): InvoiceDetailView {
  return { ...toInvoiceView(i, today), lines };
}

/** Who an invoice is addressed to; null when the reference is asked for but not recorded. */
export function recipientOf(
  client: { name: string; localAuthorityReference: string | null },
  usesLocalAuthorityReference: boolean,
): string | null {
  return usesLocalAuthorityReference ? client.localAuthorityReference : client.name;
}

export const MISSING_REFERENCE = '(local-authority reference not recorded)';
