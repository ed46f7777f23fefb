import { spawnSync } from 'node:child_process';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startJobs } from '../src/app/start-jobs.js';
import { processNextRun } from '../src/billing/invoice-run.action.js';
import {
  type Agent,
  manualClock,
  type SeededOrg,
  seedOrg,
  signedIn,
  startTestApp,
  type TestApp,
} from './support/test-app.js';

let t: TestApp;
let org: SeededOrg;
let finance: Agent;
let admin: Agent;
let typeId: string;
const never = async (): Promise<never> => {
  throw new Error('no message is sent here');
};

const worked = {
  hourlyRate: 2400,
  nonProRataRates: [
    { minutes: 30, amount: 1600 },
    { minutes: 45, amount: 2000 },
  ],
};

beforeAll(async () => {
  // No background worker: runs are driven with ?wait=true, by hand, or by a worker a test starts itself.
  t = await startTestApp({ invoiceWorker: false });
  org = await seedOrg(t.db, 'Invoices');
  finance = await signedIn(t.baseUrl, org.emails.finance);
  admin = await signedIn(t.baseUrl, org.emails.administrator);
  typeId = (
    await finance.post('/contract-types', {
      name: 'Standard',
      category: 'private',
      optionSets: [{ effectiveFrom: '2026-01-01', options: worked }],
    })
  ).body.id;
});
afterAll(() => t.close());

async function clientWithContract(
  givenName: string,
  extra: Record<string, unknown> = {},
  optionSets: unknown[] = [],
) {
  const clientId = (
    await admin.post('/clients', { givenName, familyName: 'Billing', timeZone: 'Australia/Sydney', ...extra })
  ).body.id as string;
  const contract = await finance.post(`/clients/${clientId}/contracts`, {
    contractTypeId: typeId,
    name: 'Care',
    startDate: '2026-01-01',
    optionSets,
  });
  expect(contract.status).toBe(201);
  return clientId;
}

/** A completed booking on a local date at 09:00 (Sydney). */
async function completedVisit(
  clientId: string,
  bookingDate: string,
  durationMinutes = 50,
  startTime = '09:00',
) {
  const created = await admin.post(`/clients/${clientId}/service-orders`, {
    name: 'Visit',
    bookingDate,
    startTime,
    durationMinutes,
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  expect((await admin.post(`/bookings/${created.body.id}/complete`)).status).toBe(200);
  return created.body.id as string;
}

async function download(path: string) {
  const response = await fetch(`${t.baseUrl}/api/v1${path}`, { headers: { cookie: finance.cookie } });
  return {
    status: response.status,
    type: response.headers.get('content-type'),
    bytes: new Uint8Array(await response.arrayBuffer()),
  };
}

/** The PDF's text as poppler reads it (poppler-utils is part of the machine's setup). */
function pdfText(bytes: Uint8Array): string {
  const poppler = spawnSync('pdftotext', ['-layout', '-', '-'], { input: bytes });
  if (poppler.error) throw new Error('pdftotext is not installed (apt-get install -y poppler-utils)');
  expect(poppler.status).toBe(0);
  return poppler.stdout.toString();
}

async function invoicesOf(clientId: string) {
  return (await finance.get(`/invoices?clientId=${clientId}&limit=200`)).body.items as {
    id: string;
    status: string;
    kind: string;
  }[];
}

async function bookingIdsOn(invoiceId: string): Promise<string[]> {
  const lines = (await finance.get(`/invoices/${invoiceId}`)).body.lines as { bookingId: string }[];
  return [...new Set(lines.map((l) => l.bookingId))];
}

describe('invoice runs', () => {
  it('rates every completed, uninvoiced booking in the period into one draft per client', async () => {
    const a = await clientWithContract('Ada');
    const b = await clientWithContract('Bo');
    const inA = [await completedVisit(a, '2026-03-02'), await completedVisit(a, '2026-03-31', 30, '23:30')];
    await completedVisit(a, '2026-04-01'); // outside the period
    await admin.post(`/clients/${a}/service-orders`, {
      name: 'Not done',
      bookingDate: '2026-03-03',
      startTime: '09:00',
      durationMinutes: 60,
    });
    const inB = await completedVisit(b, '2026-03-10', 60);
    const noContract = (
      await admin.post('/clients', {
        givenName: 'Nobody',
        familyName: 'Billing',
        timeZone: 'Australia/Sydney',
      })
    ).body.id;
    const stray = await completedVisit(noContract, '2026-03-11');

    const run = await finance.post('/invoice-runs?wait=true', {
      periodFrom: '2026-03-01',
      periodTo: '2026-03-31',
    });
    expect(run.status, JSON.stringify(run.body)).toBe(201);
    expect(run.body).toMatchObject({ status: 'completed', invoiceCount: 2, bookingCount: 3 });
    expect(run.body.problems).toEqual([
      {
        bookingId: stray,
        clientId: noContract,
        errors: [{ field: 'contractId', reason: 'is required: the client has no default contract' }],
      },
    ]);
    expect((await finance.get(`/invoice-runs/${run.body.id}`)).body).toEqual(run.body);

    const [invoiceA] = await invoicesOf(a);
    const detail = (await finance.get(`/invoices/${invoiceA!.id}`)).body;
    expect(detail).toMatchObject({
      kind: 'invoice',
      status: 'draft',
      number: null,
      recipient: 'Ada Billing',
      periodFrom: '2026-03-01',
      periodTo: '2026-03-31',
      totalMinor: 2200 + 1600,
    });
    expect(
      detail.lines.map((l: Record<string, unknown>) => [l.bookingId, l.visitDate, l.kind, l.amountMinor]),
    ).toEqual([
      [inA[0], '2026-03-02', 'nonProRata', 2000],
      [inA[0], '2026-03-02', 'time', 200],
      [inA[1], '2026-03-31', 'nonProRata', 1600],
    ]);
    expect(detail.lines[0].explanation).toMatch(/^Non-pro-rata 45 min = 2000/);
    // The structured reason is kept with the line, as "why this price" gives it for the booking.
    expect(detail.lines[0].source).toMatchObject({
      date: '2026-03-02',
      rule: { kind: 'default' },
      option: { name: 'nonProRataRates', source: { from: 'type', inheritance: 'inherited' } },
    });
    // The invoice matches "why this price".
    expect((await finance.get(`/bookings/${inA[0]}/price`)).body.totalMinor).toBe(2200);
    expect(await bookingIdsOn((await invoicesOf(b))[0]!.id)).toEqual([inB]);

    // Nothing is invoiced twice: a second run over the same period finds nothing new.
    const again = (
      await finance.post('/invoice-runs?wait=true', { periodFrom: '2026-03-01', periodTo: '2026-03-31' })
    ).body;
    expect(again).toMatchObject({ invoiceCount: 0, bookingCount: 0, invoiceIds: [] });
    const bad = await finance.post('/invoice-runs?wait=true', {
      periodFrom: '2026-03-31',
      periodTo: '2026-03-01',
      clientId: 'nope',
    });
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['clientId', 'periodTo']);
    expect(
      (await finance.post('/invoice-runs?wait=true', { periodFrom: '2026-03-31', periodTo: '2026-03-01' }))
        .body.errors,
    ).toEqual([{ field: 'periodTo', reason: 'must not be before the period’s first day' }]);
    const tooLong = await finance.post('/invoice-runs?wait=true', {
      periodFrom: '2026-01-01',
      periodTo: '2027-06-01',
    });
    expect(tooLong.body.detail).toBe(
      'The period’s last day must be within 366 days of the period’s first day.',
    );
    const coordinator = await signedIn(t.baseUrl, org.emails.coordinator);
    expect(
      (
        await coordinator.post('/invoice-runs?wait=true', {
          periodFrom: '2026-03-01',
          periodTo: '2026-03-31',
        })
      ).status,
    ).toBe(403);
  });

  it('never invoices a booking twice when overlapping runs race', async () => {
    const clients = [await clientWithContract('Race1'), await clientWithContract('Race2')];
    const bookings: string[] = [];
    for (const clientId of clients)
      for (const day of ['05-04', '05-09', '05-14', '05-19', '05-24', '05-29', '06-03', '06-08'])
        bookings.push(await completedVisit(clientId, `2026-${day}`, 45));
    const periods = [
      ['2026-05-01', '2026-05-31'],
      ['2026-05-10', '2026-06-10'],
      ['2026-05-01', '2026-06-30'],
      ['2026-05-15', '2026-05-20'],
      ['2026-06-01', '2026-06-30'],
      ['2026-05-01', '2026-06-30'],
    ];
    const runs = await Promise.all(
      periods.flatMap(([periodFrom, periodTo]) => [
        finance.post('/invoice-runs?wait=true', { periodFrom, periodTo }),
        finance.post('/invoice-runs?wait=true', { periodFrom, periodTo, clientId: clients[0] }),
      ]),
    );
    expect(runs.map((r) => r.status)).toEqual(Array(runs.length).fill(201));
    expect(runs.reduce((n, r) => n + r.body.bookingCount, 0)).toBe(bookings.length);
    const invoiced: string[] = [];
    for (const clientId of clients)
      for (const invoice of await invoicesOf(clientId)) invoiced.push(...(await bookingIdsOn(invoice.id)));
    expect(invoiced.sort()).toEqual([...bookings].sort());
  });
});

describe('invoice runs in the background', () => {
  async function threeClientsWithVisits(label: string, date: string) {
    const clients: string[] = [];
    const bookings: string[] = [];
    for (const n of [1, 2, 3]) {
      const clientId = await clientWithContract(`${label}${n}`);
      clients.push(clientId);
      bookings.push(await completedVisit(clientId, date));
    }
    return { clients, bookings };
  }

  async function invoicedBookings(clients: string[]) {
    const invoiced: string[] = [];
    for (const clientId of clients)
      for (const invoice of await invoicesOf(clientId)) invoiced.push(...(await bookingIdsOn(invoice.id)));
    return invoiced.sort();
  }

  it('queues a run (202) that the worker completes, reporting its progress', async () => {
    const { clients, bookings } = await threeClientsWithVisits('Queued', '2026-11-04');
    const queued = await finance.post('/invoice-runs', { periodFrom: '2026-11-01', periodTo: '2026-11-30' });
    expect(queued.status, JSON.stringify(queued.body)).toBe(202);
    expect(queued.body).toMatchObject({
      status: 'queued',
      clientsTotal: null,
      clientsDone: 0,
      startedAt: null,
    });

    // The invoice-run job on the job queue (graphile-worker), as a server process runs it.
    const worker = await startJobs({
      db: t.db,
      databaseUrl: t.databaseUrl,
      clock: manualClock().clock,
      log: (line) => console.warn(line),
      transports: { email: never, sms: never },
      invoiceRuns: true,
      scheduling: false,
      invoiceRun: { batchSize: 1 },
    });
    try {
      let run = queued.body;
      for (let i = 0; i < 100 && run.status !== 'completed'; i++) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        run = (await finance.get(`/invoice-runs/${queued.body.id}`)).body;
      }
      expect(run).toMatchObject({
        status: 'completed',
        clientsTotal: 3,
        clientsDone: 3,
        visitsRated: 3,
        invoiceCount: 3,
        bookingCount: 3,
        error: null,
      });
      expect(run.startedAt).not.toBeNull();
      expect(run.finishedAt).not.toBeNull();
      expect(run.invoiceIds).toHaveLength(3);
    } finally {
      await worker.stop();
    }
    expect(await invoicedBookings(clients)).toEqual([...bookings].sort());
  });

  it('resumes a run interrupted after some batches, invoicing each booking once', async () => {
    const { clients, bookings } = await threeClientsWithVisits('Resumed', '2026-02-09');
    const queued = (await finance.post('/invoice-runs', { periodFrom: '2026-02-01', periodTo: '2026-02-28' }))
      .body;
    // A worker claims the run, commits two batches of one client, and dies (its lease is still held).
    expect(await processNextRun(t.db, { batchSize: 1, maxBatches: 2 })).toBe(queued.id);
    expect((await finance.get(`/invoice-runs/${queued.id}`)).body).toMatchObject({
      status: 'running',
      clientsTotal: 3,
      clientsDone: 2,
      invoiceCount: 2,
      bookingCount: 2,
      finishedAt: null,
    });
    // While the lease holds, no other worker takes the run.
    expect(await processNextRun(t.db)).toBeUndefined();

    // After a restart the lease has run out: the next worker resumes after the last committed batch.
    const owner = new pg.Client({ connectionString: t.databaseUrl });
    await owner.connect();
    try {
      await owner.query("UPDATE invoice_runs SET locked_until = now() - interval '1 second' WHERE id = $1", [
        queued.id,
      ]);
    } finally {
      await owner.end();
    }
    expect(await processNextRun(t.db)).toBe(queued.id);
    const done = (await finance.get(`/invoice-runs/${queued.id}`)).body;
    expect(done).toMatchObject({ status: 'completed', clientsDone: 3, invoiceCount: 3, bookingCount: 3 });
    expect(await invoicedBookings(clients)).toEqual([...bookings].sort());
    expect(await processNextRun(t.db)).toBeUndefined();
  });
});

describe('issuing, paying and voiding', () => {
  it('numbers concurrently issued invoices without gaps or duplicates', async () => {
    const clients: string[] = [];
    for (let i = 0; i < 8; i++) {
      const clientId = await clientWithContract(`Number${i}`);
      await completedVisit(clientId, '2026-07-06');
      clients.push(clientId);
    }
    const run = (
      await finance.post('/invoice-runs?wait=true', { periodFrom: '2026-07-01', periodTo: '2026-07-31' })
    ).body;
    expect(run.invoiceIds).toHaveLength(8);
    const before = (await finance.get('/invoices?status=issued&limit=200')).body.items.length;
    // Each invoice twice: one issue wins, the other gets 409.
    const results = await Promise.all(
      [...run.invoiceIds, ...run.invoiceIds].map((id: string) => finance.post(`/invoices/${id}/issue`)),
    );
    expect(results.filter((r) => r.status === 200)).toHaveLength(8);
    expect(results.filter((r) => r.status === 409)).toHaveLength(8);
    const numbers = results
      .filter((r) => r.status === 200)
      .map((r) => r.body.number as number)
      .sort((x, y) => x - y);
    expect(numbers).toEqual(Array.from({ length: 8 }, (_, i) => before + 1 + i));
  });

  it('keeps issued invoices immutable, voids them with a credit note and frees their bookings', async () => {
    const clientId = await clientWithContract('Voidable');
    const visit = await completedVisit(clientId, '2026-08-03');
    const run = (
      await finance.post('/invoice-runs?wait=true', {
        periodFrom: '2026-08-01',
        periodTo: '2026-08-31',
        clientId,
      })
    ).body;
    const id = run.invoiceIds[0];
    const issued = (await finance.post(`/invoices/${id}/issue`)).body;
    expect(issued).toMatchObject({ status: 'issued', totalMinor: 2200 });
    expect(issued.number).toBeGreaterThan(0);
    expect((await finance.post(`/invoices/${id}/issue`)).status).toBe(409);
    // The booking's billing is frozen while it is invoiced.
    const frozen = await finance.put(`/bookings/${visit}/billing`, { mileage: 3 });
    expect(frozen.status).toBe(409);
    expect(frozen.body.invoiceId).toBe(id);
    // So is the booking itself: no time change, cancellation or deletion; notes are still fine.
    expect((await admin.patch(`/bookings/${visit}`, { durationMinutes: 90 })).body).toMatchObject({
      status: 409,
      invoiceId: id,
    });
    expect((await admin.post(`/bookings/${visit}/cancel`, { reason: 'x' })).status).toBe(409);
    expect((await admin.delete(`/bookings/${visit}`)).status).toBe(409);
    expect((await admin.patch(`/bookings/${visit}`, { notes: 'Signed timesheet received' })).status).toBe(
      200,
    );
    // The database refuses changes even to a direct writer.
    const owner = new pg.Client({ connectionString: t.databaseUrl });
    await owner.connect();
    try {
      await expect(owner.query('UPDATE invoices SET total_minor = 1 WHERE id = $1', [id])).rejects.toThrow(
        /cannot be changed/,
      );
      await expect(
        owner.query('UPDATE invoice_lines SET amount_minor = 1 WHERE invoice_id = $1', [id]),
      ).rejects.toThrow(/cannot be changed/);
      await expect(owner.query('DELETE FROM invoices WHERE id = $1', [id])).rejects.toThrow(
        /cannot be deleted/,
      );
    } finally {
      await owner.end();
    }

    const voided = (await finance.post(`/invoices/${id}/void`, { reason: 'Wrong client billed' })).body;
    expect(voided).toMatchObject({ status: 'void', voidReason: 'Wrong client billed' });
    const credit = (await finance.get(`/invoices/${voided.creditNoteId}`)).body;
    expect(credit).toMatchObject({
      kind: 'credit_note',
      status: 'issued',
      number: issued.number + 1,
      creditForId: id,
      totalMinor: -2200,
      recipient: issued.recipient,
    });
    expect(credit.lines.map((l: { amountMinor: number }) => l.amountMinor)).toEqual([-2000, -200]);
    expect(credit.lines[0].explanation).toMatch(
      new RegExp(`^Credit for invoice ${issued.number}, line 1: Non-pro-rata`),
    );
    expect((await finance.post(`/invoices/${id}/void`)).status).toBe(409);
    expect((await finance.post(`/invoices/${credit.id}/pay`)).status).toBe(409);

    // Freed: the next run invoices the booking again, and that invoice can be paid (then no longer voided).
    const rerun = (
      await finance.post('/invoice-runs?wait=true', {
        periodFrom: '2026-08-01',
        periodTo: '2026-08-31',
        clientId,
      })
    ).body;
    expect(rerun.bookingCount).toBe(1);
    const next = rerun.invoiceIds[0];
    expect(await bookingIdsOn(next)).toEqual([visit]);
    expect((await finance.post(`/invoices/${next}/pay`)).status).toBe(409);
    await finance.post(`/invoices/${next}/issue`);
    expect((await finance.post(`/invoices/${next}/pay`)).body.status).toBe('paid');
    expect((await finance.post(`/invoices/${next}/void`)).status).toBe(409);
  });

  it("shows the local-authority reference instead of the client's name when the contract says so", async () => {
    const clientId = await clientWithContract('Anonymous', { localAuthorityReference: 'LA-4471' }, [
      { effectiveFrom: '2026-01-01', options: { useLocalAuthorityReference: true } },
    ]);
    await completedVisit(clientId, '2026-09-07');
    const id = (
      await finance.post('/invoice-runs?wait=true', {
        periodFrom: '2026-09-01',
        periodTo: '2026-09-30',
        clientId,
      })
    ).body.invoiceIds[0];
    expect((await finance.get(`/invoices/${id}`)).body).toMatchObject({
      recipient: 'LA-4471',
      usesLocalAuthorityReference: true,
    });
    const issued = (await finance.post(`/invoices/${id}/issue`)).body;
    expect(issued.recipient).toBe('LA-4471');
    const pdf = await download(`/invoices/${id}.pdf`);
    const text = pdfText(pdf.bytes);
    expect(text).toContain('Client reference: LA-4471');
    expect(text).not.toContain('Anonymous');

    // Without a recorded reference the invoice cannot be issued.
    const missing = await clientWithContract('NoRef', {}, [
      { effectiveFrom: '2026-01-01', options: { useLocalAuthorityReference: true } },
    ]);
    await completedVisit(missing, '2026-09-08');
    const draft = (
      await finance.post('/invoice-runs?wait=true', {
        periodFrom: '2026-09-01',
        periodTo: '2026-09-30',
        clientId: missing,
      })
    ).body.invoiceIds[0];
    const refused = await finance.post(`/invoices/${draft}/issue`);
    expect(refused.status).toBe(409);
    expect(refused.body.detail).toMatch(/local-authority reference/);
  });

  it('downloads the lines as CSV and the invoice as a PDF that parses', async () => {
    const clientId = await clientWithContract('Download');
    await completedVisit(clientId, '2026-10-05');
    await completedVisit(clientId, '2026-10-06', 45);
    const id = (
      await finance.post('/invoice-runs?wait=true', {
        periodFrom: '2026-10-01',
        periodTo: '2026-10-31',
        clientId,
      })
    ).body.invoiceIds[0];
    const number = (await finance.post(`/invoices/${id}/issue`)).body.number;

    const csv = await download(`/invoices/${id}/lines.csv`);
    expect(csv.status).toBe(200);
    expect(csv.type).toMatch(/^text\/csv/);
    const rows = new TextDecoder().decode(csv.bytes).trimEnd().split('\r\n');
    expect(rows[0]).toBe(
      'invoice,recipient,line,booking_id,visit_date,service,kind,minutes,rate_minor,amount_minor,amount,tax_code,tax,explanation',
    );
    expect(rows).toHaveLength(4);
    expect(rows[1]).toMatch(
      new RegExp(
        `^Invoice ${number},Download Billing,1,[0-9a-f-]{36},2026-10-05,Visit,nonProRata,45,,2000,20.00,none,0.00,"Non-pro-rata 45 min = 2000: base rate, `,
      ),
    );

    const pdf = await download(`/invoices/${id}.pdf`);
    expect(pdf.status).toBe(200);
    expect(pdf.type).toBe('application/pdf');
    const text = Buffer.from(pdf.bytes).toString('latin1');
    expect(text.startsWith('%PDF-')).toBe(true);
    expect(text.trimEnd().endsWith('%%EOF')).toBe(true);
    const extracted = pdfText(pdf.bytes);
    // Not registered for GST (no billing settings saved): "Invoice", no tax.
    expect(extracted).toContain(`Invoice ${number}`);
    expect(extracted).toContain('Bill to');
    expect(extracted).toContain('Download Billing');
    expect(extracted).toMatch(/Total AUD\s+\$42\.00/);
    expect((await download('/invoices/00000000-0000-4000-8000-000000000000.pdf')).status).toBe(404);
  });
});
