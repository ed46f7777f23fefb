import { execFileSync, spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import type { InvoiceDetailView } from './invoice.schemas.js';
import { formatMinor, invoiceCsv, invoicePdf } from './invoice-document.js';
import { renderPdf, toWinAnsi, wrap } from './invoice-pdf.js';

const invoice = (lines: number): InvoiceDetailView => ({
  id: '00000000-0000-4000-8000-000000000001',
  kind: 'invoice',
  status: 'issued',
  number: 7,
  clientId: '00000000-0000-4000-8000-000000000002',
  recipient: 'Pat "P" Lee, Jr',
  usesLocalAuthorityReference: false,
  periodFrom: '2026-03-01',
  periodTo: '2026-03-31',
  totalMinor: 2200 * lines,
  runId: null,
  creditForId: null,
  creditNoteId: null,
  issuedAt: '2026-04-01T00:00:00Z',
  paidAt: null,
  voidedAt: null,
  voidReason: null,
  createdAt: '2026-04-01T00:00:00Z',
  lines: Array.from({ length: lines }, (_, i) => ({
    position: i,
    bookingId: '00000000-0000-4000-8000-000000000003',
    visitDate: '2026-03-02',
    kind: 'time' as const,
    minutes: 50,
    rateMinor: 2400,
    amountMinor: 2200,
    explanation: `=Line ${i}: Non-pro-rata 45 min = 2000 → remainder 5 min × 2400/h (base rate; from (x) \\ y)`,
    source: null,
  })),
});

/** Checks every xref offset points at its "n 0 obj" and startxref at "xref". */
function checkXref(bytes: Uint8Array) {
  const text = Buffer.from(bytes).toString('latin1');
  const start = Number(/startxref\n(\d+)\n%%EOF\n$/.exec(text)![1]);
  expect(text.slice(start, start + 4)).toBe('xref');
  const [, count] = /^xref\n0 (\d+)\n/.exec(text.slice(start))!;
  const entries = text
    .slice(start)
    .split('\n')
    .slice(3, 2 + Number(count));
  entries.forEach((entry, i) => {
    expect(entry).toMatch(/^\d{10} 00000 n $/);
    expect(text.slice(Number(entry.slice(0, 10))).startsWith(`${i + 1} 0 obj\n`)).toBe(true);
  });
  for (const m of text.matchAll(/<< \/Length (\d+) >>\nstream\n/g)) {
    const at = m.index! + m[0].length;
    expect(text.slice(at + Number(m[1]), at + Number(m[1]) + 10)).toBe('\nendstream');
  }
}

const hasPoppler = spawnSync('pdfinfo', ['-v']).error === undefined;

describe('invoice documents', () => {
  it('formats minor units', () => {
    expect([formatMinor(2200), formatMinor(-5), formatMinor(0), formatMinor(123456)]).toEqual([
      '22.00',
      '-0.05',
      '0.00',
      '1234.56',
    ]);
  });

  it('writes RFC 4180 CSV with quoting and formula-injection guards', () => {
    const csv = invoiceCsv(invoice(1));
    const [header, row] = csv.split('\r\n');
    expect(header).toBe(
      'invoice,recipient,line,booking_id,visit_date,kind,minutes,rate_minor,amount_minor,amount,explanation',
    );
    expect(row).toMatch(
      /^Invoice 7,"Pat ""P"" Lee, Jr",1,00000000-0000-4000-8000-000000000003,2026-03-02,time,50,2400,2200,22.00,'=Line 0: /,
    );
    expect(csv.endsWith('\r\n')).toBe(true);
  });

  it('maps text to WinAnsi and wraps long explanations at spaces', () => {
    expect(toWinAnsi('a→b×–☃')).toEqual([97, 45, 62, 98, 0xd7, 0x96, 0x3f]);
    expect(wrap('aaa bbb ccc', 7)).toEqual(['aaa bbb', 'ccc']);
  });

  it('writes a PDF with exact xref offsets over several pages', () => {
    const bytes = invoicePdf(invoice(60), 'Harbour Care');
    const text = Buffer.from(bytes).toString('latin1');
    expect(text.startsWith('%PDF-1.4\n')).toBe(true);
    expect(Number(/\/Count (\d+)/.exec(text)![1])).toBeGreaterThan(1);
    checkXref(bytes);
    checkXref(renderPdf('Empty', []));
  });

  it.skipIf(!hasPoppler)('is read back by poppler (pdfinfo, pdftotext)', () => {
    const bytes = invoicePdf(invoice(60), 'Harbour Care');
    const info = execFileSync('pdfinfo', ['-'], { input: bytes }).toString();
    expect(info).toMatch(/Pages:\s+[2-9]/);
    const text = execFileSync('pdftotext', ['-layout', '-', '-'], { input: bytes }).toString();
    expect(text).toContain('Invoice 7');
    expect(text).toContain('To: Pat "P" Lee, Jr');
    expect(text).toContain('Total: 1320.00');
    expect(text).toContain('× 2400/h (base rate; from (x) \\ y)');
  });
});
