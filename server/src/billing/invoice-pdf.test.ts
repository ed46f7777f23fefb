import { execFileSync, spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { pdfFonts } from '../platform/pdf/fonts.js';
import { sampleDetails, sampleInvoice } from './invoice-fixtures.js';
import { documentTitle, renderInvoicePdf } from './invoice-pdf.js';

const hasPoppler = spawnSync('pdftotext', ['-v']).error === undefined;
const text = (bytes: Uint8Array) =>
  execFileSync('pdftotext', ['-layout', '-', '-'], { input: bytes }).toString();

describe('the invoice PDF', () => {
  it('is titled "Tax invoice" when registered for GST, else "Invoice"', () => {
    expect(documentTitle({ kind: 'invoice', number: 7 }, true)).toBe('Tax invoice 7');
    expect(documentTitle({ kind: 'invoice', number: 7 }, false)).toBe('Invoice 7');
    expect(documentTitle({ kind: 'credit_note', number: 8 }, true)).toBe('Credit note 8');
    expect(documentTitle({ kind: 'invoice', number: null }, true)).toBe('Draft tax invoice');
  });

  it.skipIf(!hasPoppler)('prints supplier, recipient, lines, why this price, tax and totals', async () => {
    const invoice = sampleInvoice({ recipient: 'Nguyễn Thị Ánh', clientName: 'Nguyễn Thị Ánh' });
    const pdf = text(
      await renderInvoicePdf(
        {
          invoice,
          details: sampleDetails({ name: 'Nguyễn Thị Ánh', clientName: 'Nguyễn Thị Ánh' }),
          logo: null,
        },
        pdfFonts(),
      ),
    );
    for (const expected of [
      'Tax invoice 7',
      'Harbour Care Pty Ltd',
      'ABN 51 824 753 556',
      '1 Quay Street, Sydney NSW 2000',
      'Nguyễn Thị Ánh',
      'Issue date',
      '1 Dec 2026',
      'Due date',
      '15 Dec 2026',
      '14 days from issue',
      'Personal care',
      '10:00–11:00',
      'Sunday rate $126.41/h × 1 h',
      'GST 10%',
      '$12.64',
      'Total AUD',
      '$139.05',
      'BSB 062-000, account 12345678',
      'Reference: INV-7',
    ])
      expect(pdf).toContain(expected);
    expect(pdf).not.toMatch(/dayOfWeek|option set|#\d|\?\?/);
  });

  it.skipIf(!hasPoppler)(
    'addresses a local authority with the client reference, prints NDIS numbers and GST-free reasons',
    async () => {
      const invoice = sampleInvoice({
        recipient: 'WSC-1042',
        usesLocalAuthorityReference: true,
        clientName: 'Łucja Wiśniewska',
        taxMinor: 0,
        totalMinor: 12641,
        lines: [
          {
            ...sampleInvoice().lines[0]!,
            taxCode: 'free',
            taxReason: 'NDIS supports (GST Act s 38-38)',
            taxMinor: 0,
          },
        ],
      });
      const details = sampleDetails({
        payerName: 'Westshire Council',
        name: 'Westshire Council',
        address: 'Council Offices, 1 High St',
        clientName: null,
        clientReference: 'WSC-1042',
        ndisNumber: '430000001',
      });
      const pdf = text(await renderInvoicePdf({ invoice, details, logo: null }, pdfFonts()));
      expect(pdf).toContain('Westshire Council');
      expect(pdf).toContain('Client reference: WSC-1042');
      expect(pdf).not.toContain('Łucja');
      expect(pdf).toContain('NDIS participant number: 430000001');
      expect(pdf).toContain('GST-free: NDIS supports (GST Act s 38-38)');
      expect(pdf).toMatch(/GST 10%\s+\$0\.00/);
      expect(pdf).toMatch(/Total AUD\s+\$126\.41/);
    },
  );

  it.skipIf(!hasPoppler)('names the invoice a credit note credits, over several pages', async () => {
    const many = Array.from({ length: 40 }, (_, i) => ({
      ...sampleInvoice().lines[0]!,
      position: i,
      amountMinor: -12641,
      taxMinor: -1264,
    }));
    const credit = sampleInvoice({ kind: 'credit_note', number: 8, creditForNumber: 7, lines: many });
    const bytes = await renderInvoicePdf(
      { invoice: credit, details: sampleDetails(), logo: null },
      pdfFonts(),
    );
    const pdf = text(bytes);
    expect(pdf).toContain('Credit note 8');
    expect(pdf).toContain('Invoice 7');
    expect(pdf).toContain('cancels invoice 7 in full');
    expect(pdf).toContain('Credit: Sunday rate $126.41/h × 1 h');
    expect(pdf).toMatch(/page 1 of [2-9]/);
    const info = execFileSync('pdfinfo', ['-'], { input: bytes }).toString();
    expect(info).toMatch(/Pages:\s+[2-9]/);
  });
});
