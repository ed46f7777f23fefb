import { describe, expect, it } from 'vitest';
import {
  csvField,
  formatMinor,
  invoiceCsv,
  invoiceListCsv,
  XERO_HEADER,
  xeroSalesCsv,
} from './invoice-document.js';
import { sampleLine as line, sampleDetails, sampleInvoice } from './invoice-fixtures.js';

/** One RFC 4180 row into its fields. */
function parseRow(row: string): string[] {
  const fields: string[] = [];
  for (const m of row.matchAll(/(?:^|,)("(?:[^"]|"")*"|[^,]*)/g))
    fields.push(m[1]!.startsWith('"') ? m[1]!.slice(1, -1).replaceAll('""', '"') : m[1]!);
  return fields;
}

describe('invoice CSV', () => {
  it('formats minor units', () => {
    expect([formatMinor(2200), formatMinor(-5), formatMinor(0), formatMinor(123456)]).toEqual([
      '22.00',
      '-0.05',
      '0.00',
      '1234.56',
    ]);
  });

  it('guards text cells against formulas, but leaves numbers such as -54.40 as numbers', () => {
    expect(csvField('-54.40')).toBe('-54.40');
    expect(csvField('-5')).toBe('-5');
    expect(csvField(-5440)).toBe('-5440');
    expect(csvField('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvField('-1+2')).toBe("'-1+2");
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
  });

  it('writes RFC 4180 lines with quoting, tax and the guard', () => {
    const [header, row] = invoiceCsv(sampleInvoice()).split('\r\n');
    expect(header).toBe(
      'invoice,recipient,line,booking_id,visit_date,service,kind,minutes,rate_minor,amount_minor,amount,tax_code,tax,explanation',
    );
    expect(row).toBe(
      `Invoice 7,"Pat ""P"" Lee, Jr",1,00000000-0000-4000-8000-000000000003,2026-11-22,Personal care,time,60,12641,12641,126.41,taxable,12.64,'=Line 0`,
    );
    const credit = sampleInvoice({
      kind: 'credit_note',
      number: 8,
      lines: [line(0, { amountMinor: -5440 })],
    });
    expect(invoiceCsv(credit).split('\r\n')[1]).toContain(',-5440,-54.40,');
  });

  it('lists invoices with who they are for, the client, dates, amounts and status', () => {
    const la = sampleInvoice({
      billTo: 'Westshire Council',
      clientName: 'Nguyễn Thị Ánh',
      overdue: true,
      daysOverdue: 3,
    });
    const [header, row] = invoiceListCsv([la]).split('\r\n');
    expect(header).toBe(
      'number,kind,status,bill_to,client,issue_date,due_date,days_overdue,subtotal,tax,total,credits_invoice',
    );
    expect(row).toBe(
      '7,invoice,issued,Westshire Council,Nguyễn Thị Ánh,2026-12-01,2026-12-15,3,126.41,12.64,139.05,',
    );
  });
});

describe('Xero sales-invoice export', () => {
  it("uses Xero's import columns, one row per line, tax-exclusive amounts, credit notes negative", () => {
    const invoice = { ...sampleInvoice(), details: sampleDetails(), email: 'pat@example.com' };
    const credit = {
      ...sampleInvoice({
        kind: 'credit_note',
        number: 8,
        creditForNumber: 7,
        lines: [line(0, { amountMinor: -12641, taxMinor: -1264 })],
      }),
      details: sampleDetails(),
      email: null,
    };
    const [header, first, second] = xeroSalesCsv([invoice, credit], '200').split('\r\n');
    expect(header).toBe(XERO_HEADER.join(','));
    const cells = (row: string) => Object.fromEntries(XERO_HEADER.map((h, i) => [h, parseRow(row)[i]]));
    expect(cells(first!)).toMatchObject({
      ContactName: 'Pat "P" Lee, Jr',
      EmailAddress: 'pat@example.com',
      POAddressLine1: '5 Hill Rd',
      POAddressLine2: 'Manly NSW 2095',
      InvoiceNumber: 'INV-7',
      InvoiceDate: '01/12/2026',
      DueDate: '15/12/2026',
      Quantity: '1',
      UnitAmount: '126.41',
      AccountCode: '200',
      TaxType: 'GST on Income',
      Currency: 'AUD',
    });
    expect(first).toContain('2026-11-22 Personal care: Sunday rate $126.41/h × 1 h');
    const c = cells(second!);
    expect([c.InvoiceNumber, c.Reference, c.UnitAmount]).toEqual(['CN-8', 'Credit for INV-7', '-126.41']);
  });
});
