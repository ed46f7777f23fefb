import { spawnSync } from 'node:child_process';
import { Temporal } from 'temporal-polyfill';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Agent,
  manualClock,
  type SeededOrg,
  seedOrg,
  signedIn,
  startTestApp,
  type TestApp,
} from './support/test-app.js';

/** Receivables, billing settings, the tax invoice PDF and the accounting export, through the API. */

let t: TestApp;
let org: SeededOrg;
let finance: Agent;
let admin: Agent;
// 1 Dec 2026, 11:00 in Sydney: "today" for due dates and ageing.
const clock = manualClock(Temporal.Instant.from('2026-12-01T00:00:00Z'));

const settings = {
  legalName: 'Harbour Care Pty Ltd',
  currency: 'AUD',
  businessNumber: '51 824 753 556',
  taxRegistered: true,
  address: '1 Quay Street\nSydney NSW 2000',
  email: 'accounts@harbour.example',
  phone: '02 9000 0000',
  paymentTermsDays: 14,
  bankAccountName: 'Harbour Care Pty Ltd',
  bankBranchCode: '062-000',
  bankAccountNumber: '12345678',
  logo: null,
};

beforeAll(async () => {
  t = await startTestApp({ invoiceWorker: false, clock: clock.clock });
  org = await seedOrg(t.db, 'Receivables');
  finance = await signedIn(t.baseUrl, org.emails.finance);
  admin = await signedIn(t.baseUrl, org.emails.administrator);
});
afterAll(() => t.close());

async function contractType(body: Record<string, unknown>) {
  const created = await finance.post('/contract-types', body);
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  return created.body.id as string;
}

async function client(givenName: string, familyName: string, typeId: string, extra = {}, contract = {}) {
  const id = (await admin.post('/clients', { givenName, familyName, timeZone: 'Australia/Sydney', ...extra }))
    .body.id as string;
  const created = await finance.post(`/clients/${id}/contracts`, {
    contractTypeId: typeId,
    name: 'Care',
    startDate: '2026-01-01',
    ...contract,
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  return id;
}

/** One completed 60-minute visit on a November day, invoiced in a run of its own; returns the draft. */
async function invoicedVisit(clientId: string, bookingDate: string) {
  const visit = await admin.post(`/clients/${clientId}/service-orders`, {
    name: 'Personal care',
    bookingDate,
    startTime: '10:00',
    durationMinutes: 60,
  });
  expect(visit.status, JSON.stringify(visit.body)).toBe(201);
  expect((await admin.post(`/bookings/${visit.body.id}/complete`)).status).toBe(200);
  const run = await finance.post('/invoice-runs?wait=true', {
    periodFrom: '2026-11-01',
    periodTo: '2026-11-30',
    clientId,
  });
  expect(run.body.invoiceIds).toHaveLength(1);
  return run.body.invoiceIds[0] as string;
}

async function download(path: string) {
  const response = await fetch(`${t.baseUrl}/api/v1${path}`, { headers: { cookie: finance.cookie } });
  return { status: response.status, bytes: new Uint8Array(await response.arrayBuffer()) };
}

function pdfText(bytes: Uint8Array) {
  const poppler = spawnSync('pdftotext', ['-layout', '-', '-'], { input: bytes });
  if (poppler.error) throw new Error('pdftotext is not installed (apt-get install -y poppler-utils)');
  return poppler.stdout.toString();
}

let open: { id: string; number: number };

describe('receivables', () => {
  it('counts issued, unpaid invoices only: a voided invoice and its credit note are not subtracted', async () => {
    // The demo's defect: one open invoice of $126.41, and one of $146.44 voided with a credit note.
    const typeId = await contractType({
      name: 'Private',
      category: 'private',
      optionSets: [{ effectiveFrom: '2026-01-01', options: { hourlyRate: 12641 } }],
    });
    const a = await client('Ada', 'Open', typeId);
    const b = await client(
      'Bo',
      'Voided',
      typeId,
      {},
      {
        optionSets: [{ effectiveFrom: '2026-01-01', options: { hourlyRate: 14644 } }],
      },
    );
    const first = await invoicedVisit(a, '2026-11-22');
    const second = await invoicedVisit(b, '2026-11-23');
    open = (await finance.post(`/invoices/${first}/issue`)).body;
    await finance.post(`/invoices/${second}/issue`);
    await finance.post(`/invoices/${second}/void`, { reason: 'Wrong client' });

    const listed = (await finance.get('/invoices')).body.items as { status: string; totalMinor: number }[];
    const naive = listed.filter((i) => i.status === 'issued').reduce((s, i) => s + i.totalMinor, 0);
    expect(naive).toBe(-2003); // what "Issued, awaiting payment" showed

    const receivables = (await finance.get('/receivables')).body;
    expect(receivables).toMatchObject({
      asOf: '2026-12-01',
      outstandingMinor: 12641,
      outstandingCount: 1,
      overdueMinor: 0,
    });
    expect(receivables.aging[0]).toEqual({ bucket: 'current', totalMinor: 12641, count: 1 });
  });

  it("dates payment from the organisation's terms and flags and ages what is overdue", async () => {
    const invoice = (await finance.get(`/invoices/${open.id}`)).body;
    expect(invoice).toMatchObject({
      issueDate: '2026-12-01',
      paymentTermsDays: 14,
      dueDate: '2026-12-15',
      overdue: false,
      billTo: 'Ada Open',
      clientName: 'Ada Open',
    });
    const aged = (await finance.get('/receivables?asOf=2027-01-20')).body;
    expect(aged.aging.find((b: { bucket: string }) => b.bucket === '31-60')).toEqual({
      bucket: '31-60',
      totalMinor: 12641,
      count: 1,
    });
  });

  it('sorts the list by a column, pages it, and exports it as CSV with numbers left as numbers', async () => {
    const byTotal = (await finance.get('/invoices?sort=total&order=desc&limit=2')).body;
    expect(byTotal.items.map((i: { totalMinor: number }) => i.totalMinor)).toEqual([14644, 12641]);
    const rest = (await finance.get(`/invoices?sort=total&order=desc&limit=2&cursor=${byTotal.nextCursor}`))
      .body;
    expect(rest.items.map((i: { totalMinor: number }) => i.totalMinor)).toEqual([-14644]);
    const csv = new TextDecoder().decode((await download('/invoices.csv?sort=number')).bytes);
    const rows = csv.trimEnd().split('\r\n');
    expect(rows[0]).toBe(
      'number,kind,status,bill_to,client,issue_date,due_date,days_overdue,subtotal,tax,total,credits_invoice',
    );
    expect(rows).toContain(
      `${open.number + 2},credit note,issued,Bo Voided,Bo Voided,2026-12-01,2026-12-01,0,-146.44,0.00,-146.44,${open.number + 1}`,
    );
  });
});

describe('billing settings', () => {
  it('refuses bad settings with problem+json naming the field, then saves and audits good ones', async () => {
    const before = (await finance.get('/billing-settings')).body;
    expect(before).toMatchObject({ configured: false, legalName: 'Receivables Care', currency: 'AUD' });

    const badTerms = await finance.put('/billing-settings', { ...settings, paymentTermsDays: -1 });
    expect(badTerms.status).toBe(422);
    expect(badTerms.headers.get('content-type')).toMatch(/problem\+json/);
    expect(badTerms.body.errors).toEqual([{ field: 'paymentTermsDays', reason: 'must be 0 or more days' }]);
    const badAbn = await finance.put('/billing-settings', { ...settings, businessNumber: '51 824 753 557' });
    expect(badAbn.status).toBe(422);
    expect(badAbn.body.errors[0]).toMatchObject({ field: 'businessNumber' });
    expect(badAbn.body.errors[0].reason).toMatch(/not a valid ABN/);
    const noAbn = await finance.put('/billing-settings', { ...settings, businessNumber: null });
    expect(noAbn.body.errors[0]).toMatchObject({ field: 'businessNumber' });
    expect((await finance.get('/billing-settings')).body.configured).toBe(false);

    const saved = await finance.put('/billing-settings', settings);
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    expect(saved.body).toMatchObject({
      configured: true,
      businessNumber: '51824753556',
      bankBranchCode: '062000',
    });
    const audit = (await admin.get('/audit-events?entityType=billing_settings')).body.items;
    expect(audit[0]).toMatchObject({ action: 'create', entityType: 'billing_settings' });
  });
});

describe('tax invoices', () => {
  it('prints a GST tax invoice for a client with a Vietnamese name, due on the contract’s own terms', async () => {
    const typeId = await contractType({
      name: 'Private GST',
      category: 'private',
      optionSets: [{ effectiveFrom: '2026-01-01', options: { hourlyRate: 12641 } }],
    });
    const clientId = await client('Ánh', 'Nguyễn Thị', typeId, {}, { paymentTermsDays: 7 });
    const id = await invoicedVisit(clientId, '2026-11-22');
    const draft = (await finance.get(`/invoices/${id}`)).body;
    expect(draft).toMatchObject({ subtotalMinor: 12641, taxMinor: 1264, totalMinor: 13905 });
    expect(draft.lines[0]).toMatchObject({
      taxCode: 'taxable',
      taxMinor: 1264,
      serviceName: 'Personal care',
    });
    const issued = (await finance.post(`/invoices/${id}/issue`)).body;
    expect(issued).toMatchObject({ dueDate: '2026-12-08', paymentTermsDays: 7, currency: 'AUD' });

    const pdf = await download(`/invoices/${id}.pdf`);
    expect(pdf.status).toBe(200);
    const text = pdfText(pdf.bytes);
    for (const expected of [
      `Tax invoice ${issued.number}`,
      'Harbour Care Pty Ltd',
      'ABN 51 824 753 556',
      'Ánh Nguyễn Thị',
      '8 Dec 2026',
      '7 days from issue',
      '10:00–11:00',
      'Standard rate $126.41/h × 1 h',
      'GST 10%',
      '$12.64',
      '$139.05',
      `Reference: INV-${issued.number}`,
    ])
      expect(text).toContain(expected);
  });

  it('bills a local authority by name and address with the client reference, GST-free with its reason', async () => {
    const typeId = await contractType({
      name: 'Council',
      category: 'local_authority',
      payerName: 'Westshire Council',
      payerAddress: 'PO Box 1\nWestshire NSW 2999',
      taxFreeReason: 'Home care (GST-free, GST Act s 38-30)',
      optionSets: [
        { effectiveFrom: '2026-01-01', options: { hourlyRate: 6100, useLocalAuthorityReference: true } },
      ],
    });
    // An update that leaves the billing fields out (an older client of the API) keeps them.
    const kept = await finance.put(`/contract-types/${typeId}`, {
      name: 'Council',
      category: 'local_authority',
      optionSets: [
        { effectiveFrom: '2026-01-01', options: { hourlyRate: 6100, useLocalAuthorityReference: true } },
      ],
    });
    expect(kept.body).toMatchObject({ payerName: 'Westshire Council', taxFreeReason: expect.any(String) });
    const clientId = await client('Łucja', 'Wiśniewska', typeId, { localAuthorityReference: 'WSC-1042' });
    const id = await invoicedVisit(clientId, '2026-11-24');
    const issued = (await finance.post(`/invoices/${id}/issue`)).body;
    expect(issued).toMatchObject({
      billTo: 'Westshire Council',
      clientName: 'Łucja Wiśniewska',
      recipient: 'WSC-1042',
      taxMinor: 0,
      totalMinor: 6100,
    });
    const text = pdfText((await download(`/invoices/${id}.pdf`)).bytes);
    expect(text).toContain('Westshire Council');
    expect(text).toContain('PO Box 1');
    expect(text).toContain('Client reference: WSC-1042');
    expect(text).not.toContain('Łucja');
    expect(text).toContain('GST-free: Home care (GST-free, GST Act s 38-30)');
    expect(text).toMatch(/Total AUD\s+\$61\.00/);
  });

  it('exports issued invoices and credit notes in the CSV layout Xero imports', async () => {
    const refused = await finance.get('/exports/xero-sales-invoices.csv?from=2026-12-31&to=2026-12-01');
    expect(refused.status).toBe(422);
    const csv = new TextDecoder().decode(
      (await download('/exports/xero-sales-invoices.csv?from=2026-12-01&to=2026-12-31')).bytes,
    );
    const rows = csv.trimEnd().split('\r\n');
    expect(rows[0]).toMatch(
      /^ContactName,EmailAddress,POAddressLine1,.*,InvoiceNumber,Reference,InvoiceDate,DueDate,/,
    );
    expect(rows.some((r) => r.startsWith('Westshire Council,,PO Box 1,Westshire NSW 2999,'))).toBe(true);
    const credit = rows.find((r) => r.includes(',CN-'));
    expect(credit).toMatch(/,Credit for INV-\d+,01\/12\/2026,01\/12\/2026,,.*,1,-146\.44,,200,BAS Excluded,/);
    expect(rows.find((r) => r.startsWith('Ánh Nguyễn Thị'))).toMatch(
      /,1,126\.41,,200,GST on Income,,,,,AUD,$/,
    );
  });
});

describe('overdue', () => {
  it('flags an issued invoice overdue from the day after its due date, by the server’s today', async () => {
    // Sessions follow the clock too: sign in again after moving it on.
    clock.set(Temporal.Instant.from('2026-12-20T00:00:00Z'));
    const later = await signedIn(t.baseUrl, org.emails.finance);
    const outstanding = (await later.get('/invoices?outstanding=true&sort=number')).body.items;
    expect(outstanding[0]).toMatchObject({ id: open.id, overdue: true, daysOverdue: 5 });
    expect(
      outstanding.every(
        (i: { kind: string; status: string }) => i.kind === 'invoice' && i.status === 'issued',
      ),
    ).toBe(true);
    expect((await later.get('/receivables')).body).toMatchObject({ asOf: '2026-12-20' });
    expect((await later.get('/receivables')).body.overdueMinor).toBeGreaterThanOrEqual(12641);
  });
});
