import type { Currency } from './billing-settings.js';
import type { InvoiceDetailView, InvoiceView } from './invoice.schemas.js';
import type { IssuedDetails } from './invoice.types.js';
import { plainReason } from './line-reason.js';

/** Invoice downloads as CSV (RFC 4180): one invoice's lines, the invoice list, and the Xero import. */

/** Minor units as a decimal amount: -2200 → '-22.00'. */
export function formatMinor(minor: number): string {
  const sign = minor < 0 ? '-' : '';
  const abs = Math.abs(minor);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

export function invoiceTitle(invoice: Pick<InvoiceDetailView, 'kind' | 'status' | 'number'>): string {
  const what = invoice.kind === 'credit_note' ? 'Credit note' : 'Invoice';
  return invoice.number === null ? `Draft ${what.toLowerCase()}` : `${what} ${invoice.number}`;
}

const PLAIN_NUMBER = /^-?\d+(\.\d+)?$/;

/**
 * A CSV field. Text that a spreadsheet would run as a formula (= + - @, tab, CR) is prefixed with an
 * apostrophe; numbers, and text that is exactly a decimal number such as '-54.40', are not text and stay
 * numbers.
 */
export function csvField(value: string | number | null): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  const safe = !PLAIN_NUMBER.test(value) && /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

const csv = (header: readonly string[], rows: (string | number | null)[][]) =>
  `${[header.join(','), ...rows.map((r) => r.map(csvField).join(','))].join('\r\n')}\r\n`;

const LINE_HEADER = [
  'invoice',
  'recipient',
  'line',
  'booking_id',
  'visit_date',
  'service',
  'kind',
  'minutes',
  'rate_minor',
  'amount_minor',
  'amount',
  'tax_code',
  'tax',
  'explanation',
];

export function invoiceCsv(invoice: InvoiceDetailView): string {
  const title = invoiceTitle(invoice);
  return csv(
    LINE_HEADER,
    invoice.lines.map((l) => [
      title,
      invoice.recipient,
      l.position + 1,
      l.bookingId,
      l.visitDate,
      l.serviceName,
      l.kind,
      l.minutes,
      l.rateMinor,
      l.amountMinor,
      formatMinor(l.amountMinor),
      l.taxCode,
      formatMinor(l.taxMinor),
      l.explanation,
    ]),
  );
}

const LIST_HEADER = [
  'number',
  'kind',
  'status',
  'bill_to',
  'client',
  'issue_date',
  'due_date',
  'days_overdue',
  'subtotal',
  'tax',
  'total',
  'credits_invoice',
];

/** The invoice list as finance sees it (who it is for, the client, dates, amounts, status). */
export function invoiceListCsv(invoices: readonly InvoiceView[]): string {
  return csv(
    LIST_HEADER,
    invoices.map((i) => [
      i.number,
      i.kind === 'credit_note' ? 'credit note' : 'invoice',
      i.status,
      i.billTo,
      i.clientName,
      i.issueDate,
      i.dueDate,
      i.daysOverdue,
      formatMinor(i.subtotalMinor),
      formatMinor(i.taxMinor),
      formatMinor(i.totalMinor),
      i.creditForNumber,
    ]),
  );
}

/** Xero's sales-invoice import columns, in its template's order. */
export const XERO_HEADER = [
  'ContactName',
  'EmailAddress',
  'POAddressLine1',
  'POAddressLine2',
  'POAddressLine3',
  'POAddressLine4',
  'POCity',
  'PORegion',
  'POPostalCode',
  'POCountry',
  'InvoiceNumber',
  'Reference',
  'InvoiceDate',
  'DueDate',
  'InventoryItemCode',
  'Description',
  'Quantity',
  'UnitAmount',
  'Discount',
  'AccountCode',
  'TaxType',
  'TrackingName1',
  'TrackingOption1',
  'TrackingName2',
  'TrackingOption2',
  'Currency',
  'BrandingTheme',
] as const;

/** Xero's default tax-rate names for sales, per currency and tax code. */
const XERO_TAX_TYPE: Record<Currency, Record<'taxable' | 'free' | 'none', string>> = {
  AUD: { taxable: 'GST on Income', free: 'GST Free Income', none: 'BAS Excluded' },
  GBP: { taxable: '20% (VAT on Income)', free: 'Exempt Income', none: 'No VAT' },
};

/** 2026-12-01 → 01/12/2026 (Xero reads the organisation's date order; AU and UK both use day first). */
const xeroDate = (date: string | null) => (date ? date.split('-').reverse().join('/') : '');

export type ExportedInvoice = InvoiceDetailView & { details: IssuedDetails; email: string | null };

/**
 * Issued invoices and credit notes as Xero's sales-invoice CSV: one row per line, the invoice's number on
 * each. Unit amounts are before tax (import them as "tax exclusive"); a credit note's lines are negative, so
 * Xero imports it as a credit note. Quantity is 1 and the unit amount the line's amount, so Xero's arithmetic
 * gives exactly Carebook's rounded amount; the description says how it was priced.
 */
export function xeroSalesCsv(invoices: readonly ExportedInvoice[], accountCode: string): string {
  const rows = invoices.flatMap((i) => {
    const { billTo, supplier } = i.details;
    const address = (billTo.address ?? '').split('\n');
    const number = `${i.kind === 'credit_note' ? 'CN' : 'INV'}-${i.number}`;
    const reference =
      i.kind === 'credit_note'
        ? `Credit for INV-${i.creditForNumber}`
        : billTo.clientReference
          ? `Client ref ${billTo.clientReference}`
          : (billTo.clientName ?? '');
    return i.lines.map((l) => [
      billTo.name,
      i.email,
      address[0] ?? null,
      address[1] ?? null,
      address[2] ?? null,
      address[3] ?? null,
      null,
      null,
      null,
      null,
      number,
      reference,
      xeroDate(i.issueDate),
      xeroDate(i.dueDate),
      null,
      `${l.visitDate ?? ''} ${l.serviceName ?? 'Care visit'}: ${plainReason(l, supplier.currency)}`.trim(),
      '1',
      formatMinor(l.amountMinor),
      null,
      accountCode,
      XERO_TAX_TYPE[supplier.currency][l.taxCode],
      null,
      null,
      null,
      null,
      supplier.currency,
      null,
    ]);
  });
  return csv(XERO_HEADER, rows);
}
