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

// "Now" is 1 Dec 2026, 14:00 in Sydney; the clock never moves, so sessions stay fresh.
const time = manualClock(Temporal.Instant.from('2026-12-01T03:00:00Z'));

let t: TestApp;
let org: SeededOrg;
let admin: Agent;
let finance: Agent;
let coordinator: Agent;
let actualTypeId: string;

beforeAll(async () => {
  t = await startTestApp({ clock: time.clock, invoiceWorker: false });
  org = await seedOrg(t.db, 'Completion');
  admin = await signedIn(t.baseUrl, org.emails.administrator);
  finance = await signedIn(t.baseUrl, org.emails.finance);
  coordinator = await signedIn(t.baseUrl, org.emails.coordinator);
  // $60/h, billed on actual times rounded up to 15 minutes.
  actualTypeId = (
    await finance.post('/contract-types', {
      name: 'Actual times',
      category: 'private',
      optionSets: [
        {
          effectiveFrom: '2026-01-01',
          options: { hourlyRate: 6000, billOnActualTimes: true, rounding: { mode: 'up', minutes: 15 } },
        },
      ],
    })
  ).body.id;
});
afterAll(() => t.close());

async function newClient(givenName: string, contract: Record<string, unknown> | null = {}) {
  const clientId = (
    await admin.post('/clients', { givenName, familyName: 'Visit', timeZone: 'Australia/Sydney' })
  ).body.id as string;
  if (contract !== null) {
    const created = await finance.post(`/clients/${clientId}/contracts`, {
      contractTypeId: actualTypeId,
      name: 'Care',
      startDate: '2026-01-01',
      ...contract,
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
  }
  return clientId;
}

async function visit(clientId: string, bookingDate: string, startTime = '09:00', extra = {}) {
  const created = await coordinator.post(`/clients/${clientId}/service-orders`, {
    name: 'Personal care',
    bookingDate,
    startTime,
    durationMinutes: 60,
    ...extra,
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  return created.body as { id: string; startsAt: string };
}

const sydney = (local: string) =>
  Temporal.PlainDateTime.from(local).toZonedDateTime('Australia/Sydney').toInstant().toString();

describe('completing a visit', () => {
  it('refuses a visit that has not started, and leaves it booked', async () => {
    const clientId = await newClient('Future');
    const due = await visit(clientId, '2026-12-03');
    const early = await coordinator.post(`/bookings/${due.id}/complete`, {});
    expect(early.status).toBe(409);
    expect(early.body.detail).toBe(
      'This visit starts on 2026-12-03 at 09:00 (Australia/Sydney); it can be completed once it has started',
    );
    // Nor through the booking's own PATCH.
    expect((await coordinator.patch(`/bookings/${due.id}`, { status: 'completed' })).status).toBe(409);
    expect((await coordinator.get(`/bookings/${due.id}`)).body).toMatchObject({
      status: 'booked',
      completion: null,
    });
    // Creating it "delivered" in one request is refused the same way, and creates nothing.
    const delivered = await coordinator.post(`/clients/${clientId}/service-orders`, {
      name: 'Not yet',
      bookingDate: '2026-12-04',
      startTime: '09:00',
      durationMinutes: 30,
      delivered: true,
    });
    expect(delivered.status).toBe(409);
    const orders = (await coordinator.get(`/clients/${clientId}/service-orders?limit=50`)).body.items;
    expect(orders.map((o: { name: string }) => o.name)).toEqual(['Personal care']);
  });

  it('records actual times, mileage and a note; the price follows the actual times', async () => {
    const clientId = await newClient('Actual');
    const done = await visit(clientId, '2026-11-24');
    // Default: the planned times.
    const preview = await coordinator.post(`/bookings/${done.id}/complete/preview`, {});
    expect(preview.status, JSON.stringify(preview.body)).toBe(200);
    expect(preview.body).toMatchObject({ billOnActualTimes: true, price: { totalMinor: 6000 } });
    // 09:05–10:20 is 75 min, rounded up to 15 → 75 min = $75.
    const actual = {
      actualStart: sydney('2026-11-24T09:05'),
      actualEnd: sydney('2026-11-24T10:20'),
      mileage: 12.5,
      note: 'Shower and breakfast; Nguyễn was cheerful',
    };
    const priced = (await coordinator.post(`/bookings/${done.id}/complete/preview`, actual)).body;
    expect(priced.price.totalMinor).toBe(7500);
    expect(priced.price.contract).toMatchObject({ name: 'Care', chosen: 'default' });

    const completed = await coordinator.post(`/bookings/${done.id}/complete`, actual);
    expect(completed.status, JSON.stringify(completed.body)).toBe(200);
    expect(completed.body).toMatchObject({
      status: 'completed',
      completion: {
        actualStart: '2026-11-24T09:05:00+11:00',
        actualEnd: '2026-11-24T10:20:00+11:00',
        mileage: 12.5,
        note: 'Shower and breakfast; Nguyễn was cheerful',
      },
    });
    expect((await finance.get(`/bookings/${done.id}/price`)).body.totalMinor).toBe(7500);

    // Correcting before it is invoiced is allowed and audited before → after.
    const corrected = await coordinator.post(`/bookings/${done.id}/complete`, {
      actualStart: sydney('2026-11-24T09:00'),
      actualEnd: sydney('2026-11-24T09:50'),
    });
    expect(corrected.status).toBe(200);
    expect(corrected.body.completion).toMatchObject({
      actualEnd: '2026-11-24T09:50:00+11:00',
      mileage: 12.5,
      note: 'Shower and breakfast; Nguyễn was cheerful',
    });
    const events = (await admin.get(`/audit-events?entityType=booking&entityId=${done.id}&limit=10`)).body
      .items;
    expect(events[0]).toMatchObject({
      action: 'update',
      before: { completion: { actualEnd: '2026-11-24T10:20:00+11:00' } },
      after: { completion: { actualEnd: '2026-11-24T09:50:00+11:00' } },
    });

    // The run bills the recorded actual times: 50 min rounded up to 60 min = $60.
    const run = await finance.post('/invoice-runs?wait=true', {
      periodFrom: '2026-11-01',
      periodTo: '2026-11-30',
      clientId,
    });
    expect(run.status, JSON.stringify(run.body)).toBe(201);
    expect(run.body.problems).toEqual([]);
    const [invoiceId] = run.body.invoiceIds as string[];
    const draft = (await finance.get(`/invoices/${invoiceId}`)).body;
    expect(draft.lines.map((l: { minutes: number }) => l.minutes)).toEqual([60]);
    const issued = (await finance.post(`/invoices/${invoiceId}/issue`)).body;

    // Once invoiced it is locked, and the refusal names the invoice.
    const locked = await coordinator.post(`/bookings/${done.id}/complete`, { note: 'Late change' });
    expect(locked.status).toBe(409);
    expect(locked.body.detail).toBe(
      `This visit is already on invoice ${issued.number}; void the invoice before changing what was delivered`,
    );
    const patched = await coordinator.patch(`/bookings/${done.id}`, { durationMinutes: 30 });
    expect(patched.status).toBe(409);
    expect(patched.body.detail).toContain(`already on invoice ${issued.number}`);
  });

  it('refuses actual times that run backwards or lie in the future, naming the field', async () => {
    const clientId = await newClient('Times');
    const done = await visit(clientId, '2026-11-25');
    const backwards = await coordinator.post(`/bookings/${done.id}/complete`, {
      actualStart: sydney('2026-11-25T10:00'),
      actualEnd: sydney('2026-11-25T09:00'),
    });
    expect(backwards.status).toBe(422);
    expect(backwards.body.errors).toEqual([
      { field: 'actualEnd', reason: 'must not be before the actual start' },
    ]);
    const future = await coordinator.post(`/bookings/${done.id}/complete`, {
      actualStart: sydney('2026-11-25T09:00'),
      actualEnd: sydney('2026-12-02T09:00'),
    });
    expect(future.status).toBe(422);
    expect(future.body.errors[0].field).toBe('actualEnd');
    expect((await coordinator.get(`/bookings/${done.id}`)).body.status).toBe('booked');
  });

  it('records a past visit as delivered in one request', async () => {
    const clientId = await newClient('Delivered');
    const created = await coordinator.post(`/clients/${clientId}/service-orders`, {
      name: 'Yesterday',
      bookingDate: '2026-11-30',
      startTime: '09:00',
      durationMinutes: 45,
      delivered: true,
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body).toMatchObject({
      status: 'completed',
      completion: { actualStart: '2026-11-30T09:00:00+11:00', actualEnd: '2026-11-30T09:45:00+11:00' },
    });
  });
});

describe('the contract a visit is priced by', () => {
  it('keeps to contract dates: the contract in force applies, else the run lists a problem', async () => {
    // The default contract starts 1 Dec at $72/h; an older one ran to 30 Nov at the type's $60/h.
    const clientId = await newClient('Dates', {
      name: 'Old',
      startDate: '2026-01-01',
      endDate: '2026-11-30',
    });
    const newer = await finance.post(`/clients/${clientId}/contracts`, {
      contractTypeId: actualTypeId,
      name: 'From December',
      startDate: '2026-12-01',
      optionSets: [{ effectiveFrom: '2026-12-01', options: { hourlyRate: 7200 } }],
    });
    expect(newer.status).toBe(201);
    expect((await finance.post(`/contracts/${newer.body.id}/make-default`)).status).toBe(200);

    const november = await visit(clientId, '2026-11-24');
    expect((await coordinator.post(`/bookings/${november.id}/complete`, {})).status).toBe(200);
    const price = (await finance.get(`/bookings/${november.id}/price`)).body;
    expect(price.contract).toMatchObject({ name: 'Old', chosen: 'in_force' });
    expect(price.totalMinor).toBe(6000);

    // A booking named on a contract outside its dates is refused when made…
    const refused = await coordinator.post(`/clients/${clientId}/service-orders`, {
      name: 'Named',
      bookingDate: '2026-11-26',
      startTime: '09:00',
      durationMinutes: 60,
      contractId: newer.body.id,
    });
    expect(refused.status).toBe(422);
    expect(refused.body.errors[0]).toMatchObject({ field: 'contractId' });
    expect(refused.body.errors[0].reason).toContain('does not cover');

    // …and a named contract is the one billing uses, and "why this price" names it.
    const named = await visit(clientId, '2026-11-26', '09:00', { contractId: null });
    const renamed = await coordinator.patch(`/bookings/${named.id}`, {
      contractId: (await finance.get(`/clients/${clientId}/contracts`)).body.items.find(
        (c: { name: string }) => c.name === 'Old',
      ).id,
    });
    expect(renamed.status, JSON.stringify(renamed.body)).toBe(200);
    expect((await coordinator.post(`/bookings/${named.id}/complete`, {})).status).toBe(200);
    const namedPrice = await finance.get(`/bookings/${named.id}/price`);
    expect(namedPrice.body.contract, JSON.stringify(namedPrice.body)).toMatchObject({
      name: 'Old',
      chosen: 'booking',
    });

    // No contract in force at all: the run lists the visit as a problem instead of pricing it.
    const orphan = await newClient('Orphan', { startDate: '2026-11-28' });
    const before = await visit(orphan, '2026-11-27');
    expect((await coordinator.post(`/bookings/${before.id}/complete`, {})).status).toBe(200);
    const run = await finance.post('/invoice-runs?wait=true', {
      periodFrom: '2026-11-01',
      periodTo: '2026-11-30',
      clientId: orphan,
    });
    expect(run.body.invoiceCount).toBe(0);
    expect(run.body.problems).toEqual([
      {
        bookingId: before.id,
        clientId: orphan,
        errors: [
          {
            field: 'contractId',
            reason:
              'is required: no client contract is in force on 2026-11-27 (the default "Care" runs 2026-11-28 to open-ended)',
          },
        ],
      },
    ]);
  });
});

describe('editing a client contract', () => {
  it('charges a series on its named contract', async () => {
    const clientId = await newClient('Series');
    const second = (
      await finance.post(`/clients/${clientId}/contracts`, {
        contractTypeId: actualTypeId,
        name: 'Respite',
        startDate: '2026-01-01',
        optionSets: [{ effectiveFrom: '2026-01-01', options: { hourlyRate: 9000 } }],
      })
    ).body;
    const serviceTypeId = (await coordinator.post('/service-types', { name: 'Respite care' })).body.id;
    const foreign = await coordinator.post(`/clients/${clientId}/scheduled-services`, {
      serviceTypeId,
      name: 'Respite',
      startDate: '2026-12-07',
      startTime: '09:00',
      rrule: 'FREQ=WEEKLY;BYDAY=MO',
      durationMinutes: 60,
      contractId: '00000000-0000-4000-8000-000000000000',
    });
    expect(foreign.status).toBe(422);
    expect(foreign.body.errors).toEqual([
      { field: 'contractId', reason: 'is not a contract of this client' },
    ]);
    const created = await coordinator.post(`/clients/${clientId}/scheduled-services`, {
      serviceTypeId,
      name: 'Respite',
      startDate: '2026-12-07',
      startTime: '09:00',
      rrule: 'FREQ=WEEKLY;BYDAY=MO;COUNT=2',
      durationMinutes: 60,
      contractId: second.id,
      status: 'active',
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body.series.contractId).toBe(second.id);
    const first = created.body.occurrences[0].bookingId;
    expect((await coordinator.get(`/bookings/${first}`)).body.contractId).toBe(second.id);
  });

  it('checks a draft contract and previews which delivered visits a change would reprice', async () => {
    const clientId = await newClient('Check');
    const contract = (await finance.get(`/clients/${clientId}/contracts`)).body.items[0];
    const check = await finance.post(`/clients/${clientId}/contracts/check`, {
      contractTypeId: actualTypeId,
      optionSets: [
        {
          effectiveFrom: '2026-01-01',
          options: {
            hourlyRate: 2400,
            // Not rounded (the type rounds up to 15 min, which hides the dip).
            rounding: { mode: 'none', minutes: 5 },
            nonProRataRates: [
              { minutes: 30, amount: 1600 },
              { minutes: 45, amount: 2000 },
            ],
          },
        },
      ],
    });
    expect(check.status, JSON.stringify(check.body)).toBe(200);
    expect(check.body.date).toBe('2026-12-01');
    expect(check.body.warnings).toEqual([
      'A 45 min visit costs $20.00, less than a 44 min visit ($21.60): check the non-pro-rata rates',
    ]);
    expect(check.body.points).toHaveLength(17);
    expect(check.body.useFirstRange).toMatchObject({
      value: true,
      example: { start: '2026-12-04T19:45', end: '2026-12-05T02:00' },
    });

    const delivered = await visit(clientId, '2026-11-20');
    await coordinator.post(`/bookings/${delivered.id}/complete`, {});
    const notYet = await visit(clientId, '2026-11-21');
    const change = {
      contractTypeId: actualTypeId,
      name: 'Care',
      startDate: '2026-01-01',
      optionSets: [{ effectiveFrom: '2026-01-01', options: { hourlyRate: 6600 } }],
    };
    const preview = await finance.post(`/contracts/${contract.id}/reprice-preview`, change);
    expect(preview.status, JSON.stringify(preview.body)).toBe(200);
    expect(preview.body).toMatchObject({
      visits: [
        { bookingId: delivered.id, visitDate: '2026-11-20', oldTotalMinor: 6000, newTotalMinor: 6600 },
      ],
      oldTotalMinor: 6000,
      newTotalMinor: 6600,
    });
    expect(preview.body.visits.map((v: { bookingId: string }) => v.bookingId)).not.toContain(notYet.id);
    // Nothing was saved.
    expect((await finance.get(`/bookings/${delivered.id}/price`)).body.totalMinor).toBe(6000);
  });
});
