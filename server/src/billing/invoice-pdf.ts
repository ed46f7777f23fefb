import PDFDocument from 'pdfkit';
import { formatAbn, TAX_REGIME } from './billing-settings.js';
import type { InvoiceDetailView } from './invoice.schemas.js';
import type { IssuedDetails } from './invoice.types.js';
import { taxCodeLabel } from './invoice-tax.js';
import { localTimes, money, plainReason, quantity } from './line-reason.js';

/**
 * The invoice as a PDF a provider can send, laid out with pdfkit and an embedded Unicode font (passed in:
 * core reads no files). A4, a header with the supplier and the invoice's numbers and dates, the recipient,
 * a line per service with "why this price" in words, totals with tax, how to pay, and "page i of n".
 */
export type InvoicePdfInput = {
  invoice: InvoiceDetailView;
  details: IssuedDetails;
  logo: { type: string; bytes: Uint8Array } | null;
};
export type PdfFontFiles = { regular: Uint8Array; bold: Uint8Array };

const MARGIN = 50;
const PAGE_BOTTOM = 842 - MARGIN - 20;
const GREY = '#555555';
/** Column x positions and widths across the 495 pt of an A4 page inside the margins. */
const COLUMNS = [
  { key: 'date', title: 'Date', x: 50, width: 58, align: 'left' },
  { key: 'service', title: 'Service', x: 110, width: 128, align: 'left' },
  { key: 'time', title: 'Time', x: 240, width: 62, align: 'left' },
  { key: 'qty', title: 'Qty', x: 304, width: 44, align: 'right' },
  { key: 'rate', title: 'Rate', x: 350, width: 56, align: 'right' },
  { key: 'amount', title: 'Amount', x: 408, width: 64, align: 'right' },
  { key: 'tax', title: 'Tax', x: 476, width: 69, align: 'right' },
] as const;

/** 'Tax invoice 12', 'Invoice 12', 'Credit note 13', 'Draft tax invoice'. */
export function documentTitle(invoice: Pick<InvoiceDetailView, 'kind' | 'number'>, taxRegistered: boolean) {
  const what = invoice.kind === 'credit_note' ? 'Credit note' : taxRegistered ? 'Tax invoice' : 'Invoice';
  return invoice.number === null ? `Draft ${what.toLowerCase()}` : `${what} ${invoice.number}`;
}

const formatDate = (date: string | null) => {
  if (!date) return '—';
  const [y, m, d] = date.split('-');
  const month = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][
    Number(m) - 1
  ];
  return `${Number(d)} ${month} ${y}`;
};

const spaced = (code: string) => (/^\d{6}$/.test(code) ? `${code.slice(0, 3)}-${code.slice(3)}` : code);

export function renderInvoicePdf(input: InvoicePdfInput, fonts: PdfFontFiles): Promise<Uint8Array> {
  const { invoice, details, logo } = input;
  const { supplier, billTo } = details;
  const currency = supplier.currency;
  const regime = TAX_REGIME[currency];
  const title = documentTitle(invoice, supplier.taxRegistered);

  const doc = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    bufferPages: true,
    font: Buffer.from(fonts.regular) as unknown as string,
    info: { Title: title, Author: supplier.legalName, Producer: 'Carebook' },
  });
  doc.registerFont('regular', Buffer.from(fonts.regular));
  doc.registerFont('bold', Buffer.from(fonts.bold));
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Uint8Array>((resolve, reject) => {
    doc.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks))));
    doc.on('error', reject);
  });

  // Header: title and supplier on the left, the logo on the right.
  if (logo) doc.image(Buffer.from(logo.bytes), 395, MARGIN, { fit: [150, 60], align: 'right' });
  doc.font('bold').fontSize(20).fillColor('black').text(title, MARGIN, MARGIN, { width: 330 });
  if (invoice.number === null)
    doc.font('regular').fontSize(9).fillColor(GREY).text('Draft: not issued, not payable', { width: 330 });
  doc.moveDown(0.4).font('bold').fontSize(11).fillColor('black').text(supplier.legalName, { width: 330 });
  doc.font('regular').fontSize(9);
  if (supplier.businessNumber)
    doc.text(
      `${regime.businessNumber} ${currency === 'AUD' ? formatAbn(supplier.businessNumber) : supplier.businessNumber}`,
      { width: 330 },
    );
  doc.text(supplier.address, { width: 330 });
  const contact = [supplier.email, supplier.phone].filter(Boolean).join(' · ');
  if (contact) doc.text(contact, { width: 330 });
  const headerEnd = Math.max(doc.y, MARGIN + 70);

  // Numbers and dates on the right, recipient on the left.
  const facts: [string, string][] = [
    [
      invoice.kind === 'credit_note' ? 'Credit note number' : 'Invoice number',
      invoice.number?.toString() ?? '—',
    ],
    ['Issue date', formatDate(invoice.issueDate)],
  ];
  if (invoice.kind === 'credit_note')
    facts.push(['Credits', invoice.creditForNumber === null ? '—' : `Invoice ${invoice.creditForNumber}`]);
  else {
    facts.push(['Due date', formatDate(invoice.dueDate)]);
    facts.push([
      'Payment terms',
      invoice.paymentTermsDays === null ? '—' : `${invoice.paymentTermsDays} days from issue`,
    ]);
  }
  facts.push(['Period', `${formatDate(invoice.periodFrom)} – ${formatDate(invoice.periodTo)}`]);
  facts.push(['Currency', currency]);
  let y = headerEnd + 16;
  const factsTop = y;
  for (const [label, value] of facts) {
    doc.font('regular').fontSize(9).fillColor(GREY).text(label, 330, y, { width: 85 });
    doc.fillColor('black').text(value, 415, y, { width: 130, align: 'right' });
    y += 13;
  }
  doc.font('bold').fontSize(9).fillColor(GREY).text('Bill to', MARGIN, factsTop, { width: 260 });
  doc.font('bold').fontSize(11).fillColor('black').text(billTo.name, { width: 260 });
  doc.font('regular').fontSize(9);
  if (billTo.address) doc.text(billTo.address, { width: 260 });
  if (billTo.clientReference) doc.text(`Client reference: ${billTo.clientReference}`, { width: 260 });
  else if (billTo.payerName && billTo.clientName)
    doc.text(`For services to ${billTo.clientName}`, { width: 260 });
  if (billTo.ndisNumber) doc.text(`NDIS participant number: ${billTo.ndisNumber}`, { width: 260 });
  y = Math.max(y, doc.y) + 18;

  const header = () => {
    doc.font('bold').fontSize(8.5).fillColor('black');
    for (const c of COLUMNS) doc.text(c.title, c.x, y, { width: c.width, align: c.align });
    y += 13;
    doc
      .moveTo(MARGIN, y - 2)
      .lineTo(545, y - 2)
      .lineWidth(0.5)
      .strokeColor('#999999')
      .stroke();
  };
  header();
  for (const line of invoice.lines) {
    const cells: Record<(typeof COLUMNS)[number]['key'], string> = {
      date: formatDate(line.visitDate),
      service: line.serviceName ?? 'Care visit',
      time: localTimes(line),
      qty: quantity(line),
      rate: line.rateMinor === null ? '' : money(line.rateMinor, currency),
      amount: money(line.amountMinor, currency),
      tax: taxCodeLabel(line.taxCode, currency),
    };
    const why =
      plainReason(line, currency) +
      (line.taxCode === 'free' && line.taxReason ? ` · ${regime.free}: ${line.taxReason}` : '');
    doc.font('regular').fontSize(8.5);
    const rowHeight =
      Math.max(...COLUMNS.map((c) => doc.heightOfString(cells[c.key], { width: c.width }))) +
      doc.fontSize(7.5).heightOfString(why, { width: 430 }) +
      8;
    if (y + rowHeight > PAGE_BOTTOM) {
      doc.addPage();
      y = MARGIN;
      header();
    }
    doc.font('regular').fontSize(8.5).fillColor('black');
    let cellBottom = y;
    for (const c of COLUMNS) {
      doc.text(cells[c.key], c.x, y, { width: c.width, align: c.align });
      cellBottom = Math.max(cellBottom, doc.y);
    }
    doc
      .fontSize(7.5)
      .fillColor(GREY)
      .text(why, 110, cellBottom + 1, { width: 435 });
    y = doc.y + 6;
  }

  // Totals.
  if (y + 90 > PAGE_BOTTOM) {
    doc.addPage();
    y = MARGIN;
  }
  doc.moveTo(330, y).lineTo(545, y).lineWidth(0.5).strokeColor('#999999').stroke();
  y += 6;
  const totals: [string, string, boolean][] = [
    [`Subtotal (before ${regime.tax})`, money(invoice.subtotalMinor, currency), false],
    [
      supplier.taxRegistered ? `${regime.tax} ${regime.ratePercent}%` : `${regime.tax} (not registered)`,
      money(invoice.taxMinor, currency),
      false,
    ],
    [`Total ${currency}`, money(invoice.totalMinor, currency), true],
  ];
  for (const [label, value, strong] of totals) {
    doc
      .font(strong ? 'bold' : 'regular')
      .fontSize(strong ? 11 : 9)
      .fillColor('black');
    doc.text(label, 330, y, { width: 120 });
    doc.text(value, 450, y, { width: 95, align: 'right' });
    y += strong ? 16 : 13;
  }

  // How to pay (invoices), or what a credit note does.
  y += 12;
  doc.x = MARGIN;
  doc.y = y;
  if (invoice.kind === 'credit_note') {
    doc.font('regular').fontSize(9).fillColor('black');
    doc.text(
      `This credit note cancels invoice ${invoice.creditForNumber ?? ''} in full; nothing is payable on it.`,
      MARGIN,
      y,
      { width: 495 },
    );
  } else {
    doc.font('bold').fontSize(9).fillColor('black').text('How to pay', MARGIN, y, { width: 495 });
    doc.font('regular');
    const reference = invoice.number === null ? 'the invoice number' : `INV-${invoice.number}`;
    if (supplier.bankAccountNumber && supplier.bankBranchCode)
      doc.text(
        `Bank transfer to ${supplier.bankAccountName ?? supplier.legalName}, ${regime.branchCode} ` +
          `${spaced(supplier.bankBranchCode)}, account ${supplier.bankAccountNumber}. ` +
          `Reference: ${reference}. Please pay by ${formatDate(invoice.dueDate)}.`,
        { width: 495 },
      );
    else doc.text(`Please pay by ${formatDate(invoice.dueDate)}, quoting ${reference}.`, { width: 495 });
  }

  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    // The footer sits in the bottom margin; without this pdfkit would start a new page for it.
    doc.page.margins.bottom = 0;
    doc
      .font('regular')
      .fontSize(7.5)
      .fillColor(GREY)
      .text(`${title} · ${supplier.legalName} · page ${i + 1} of ${range.count}`, MARGIN, 842 - MARGIN, {
        width: 495,
        align: 'center',
        lineBreak: false,
      });
  }
  doc.end();
  return done;
}
