import type { InvoiceDetailView } from './invoice.schemas.js';
import { charsPerLine, type PdfLine, renderPdf, wrap } from './invoice-pdf.js';

/** Invoice downloads: CSV (RFC 4180) and PDF, from the invoice as the API shows it. */

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

/** A CSV field; text that a spreadsheet would run as a formula is prefixed with an apostrophe. */
export function csvField(value: string | number | null): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

const CSV_HEADER = [
  'invoice',
  'recipient',
  'line',
  'booking_id',
  'visit_date',
  'kind',
  'minutes',
  'rate_minor',
  'amount_minor',
  'amount',
  'explanation',
];

export function invoiceCsv(invoice: InvoiceDetailView): string {
  const title = invoiceTitle(invoice);
  const rows = invoice.lines.map((l) =>
    [
      title,
      invoice.recipient,
      l.position + 1,
      l.bookingId,
      l.visitDate,
      l.kind,
      l.minutes,
      l.rateMinor,
      l.amountMinor,
      formatMinor(l.amountMinor),
      l.explanation,
    ]
      .map(csvField)
      .join(','),
  );
  return `${[CSV_HEADER.join(','), ...rows].join('\r\n')}\r\n`;
}

const KIND_LABEL = {
  time: 'Time',
  nonProRata: 'Non-pro-rata',
  callOut: 'Call-out',
  mileage: 'Mileage',
} as const;

export function invoicePdf(invoice: InvoiceDetailView, organisationName: string): Uint8Array {
  const title = invoiceTitle(invoice);
  const lines: PdfLine[] = [
    { text: title, size: 18, bold: true },
    { text: organisationName, size: 11, gapBefore: 4 },
    { text: `To: ${invoice.recipient}`, size: 11, gapBefore: 8 },
    { text: `Period: ${invoice.periodFrom} to ${invoice.periodTo}`, size: 10 },
    {
      text: `Status: ${invoice.status}${invoice.issuedAt ? `, issued ${invoice.issuedAt.slice(0, 10)}` : ''}`,
    },
  ];
  lines.push({ text: 'Date        Item                       Amount', bold: true, gapBefore: 12 });
  const width = charsPerLine(8, 20);
  for (const line of invoice.lines) {
    const label = `${KIND_LABEL[line.kind]}${line.minutes !== null ? ` ${line.minutes} min` : ''}`;
    lines.push({
      text: `${line.visitDate ?? ''}  ${label.padEnd(26)} ${formatMinor(line.amountMinor).padStart(12)}`,
      gapBefore: 4,
    });
    for (const part of wrap(line.explanation, width)) lines.push({ text: part, size: 8, indent: 20 });
  }
  lines.push({ text: `Total: ${formatMinor(invoice.totalMinor)}`, size: 12, bold: true, gapBefore: 12 });
  return renderPdf(title, lines);
}
