import type { InvoiceDetailView, InvoiceView } from './invoice.schemas.js';
import type { InvoiceLineRecord, InvoiceRecord } from './invoice.types.js';

export function toInvoiceView(i: InvoiceRecord): InvoiceView {
  return {
    ...i,
    issuedAt: i.issuedAt?.toString() ?? null,
    paidAt: i.paidAt?.toString() ?? null,
    voidedAt: i.voidedAt?.toString() ?? null,
    createdAt: i.createdAt.toString(),
  };
}

export function toInvoiceDetail(i: InvoiceRecord, lines: InvoiceLineRecord[]): InvoiceDetailView {
  return { ...toInvoiceView(i), lines };
}

/** Who an invoice is addressed to; null when the reference is asked for but not recorded. */
export function recipientOf(
  client: { name: string; localAuthorityReference: string | null },
  usesLocalAuthorityReference: boolean,
): string | null {
  return usesLocalAuthorityReference ? client.localAuthorityReference : client.name;
}

export const MISSING_REFERENCE = '(local-authority reference not recorded)';
