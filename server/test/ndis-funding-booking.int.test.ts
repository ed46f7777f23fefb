import { sql } from 'kysely';
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

const time = manualClock(Temporal.Instant.from('2026-07-01T00:00:00Z'));
let t: TestApp;
let org: SeededOrg;
let admin: Agent;
let finance: Agent;
let coordinator: Agent;
let typeId: string;

beforeAll(async () => {
  t = await startTestApp({ clock: time.clock, invoiceWorker: false });
  org = await seedOrg(t.db, 'NdisFundingBooking');
  admin = await signedIn(t.baseUrl, org.emails.administrator);
  finance = await signedIn(t.baseUrl, org.emails.finance);
  coordinator = await signedIn(t.baseUrl, org.emails.coordinator);
  // $70.00/h on weekdays: a one-hour visit commits $70.00.
  typeId = (
    await finance.post('/contract-types', {
      name: 'NDIS core',
      category: 'ndis',
      optionSets: [{ effectiveFrom: '2026-01-01', options: { hourlyRate: 7000 } }],
    })
  ).body.id;
});
afterAll(() => t.close());

/** A client with a contract and a plan whose first core funding period (Jul–Sep 2026) releases $100.82. */
async function fundedClient(givenName: string) {
  const id = (await admin.post('/clients', { givenName, familyName: 'Funded', timeZone: 'Australia/Sydney' }))
    .body.id as string;
  expect(
    (
      await finance.post(`/clients/${id}/contracts`, {
        contractTypeId: typeId,
        name: 'NDIS',
        startDate: '2026-01-01',
      })
    ).status,
  ).toBe(201);
  const plan = await finance.post(`/ndis/clients/${id}/plans`, {
    startDate: '2026-07-01',
    endDate: '2027-06-30',
    management: 'ndia',
    planManagerName: null,
    planManagerEmail: null,
    budgets: [{ supportCategory: 'Core: Assistance with daily life', amountMinor: 40_000 }],
  });
  expect(plan.status, JSON.stringify(plan.body)).toBe(201);
  expect(plan.body.plans[0].periods[0]).toMatchObject({ startDate: '2026-07-01', allocationMinor: 10_082 });
  return id;
}

const order = (clientId: string, bookingDate: string, extra: Record<string, unknown> = {}) =>
  coordinator.post(`/clients/${clientId}/service-orders`, {
    name: 'Personal care',
    bookingDate,
    startTime: '09:00',
    durationMinutes: 60,
    ...extra,
  });

const bookingsOf = async (clientId: string) =>
  (
    await sql<{ id: string }>`SELECT b.id FROM bookings b JOIN booking_participants bp ON bp.booking_id = b.id
      WHERE bp.client_id = ${clientId} AND b.status = 'booked'`.execute(t.db)
  ).rows;

async function setMode(fundingOverrunMode: 'override' | 'refuse') {
  const settings = (await admin.get('/ndis/claim-settings')).body;
  const res = await admin.put('/ndis/claim-settings', { ...settings, fundingOverrunMode });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  expect(res.body.fundingOverrunMode).toBe(fundingOverrunMode);
}

describe('the funding check on contract-priced ad hoc bookings', () => {
  it('a second visit over the period asks for a reason, naming the period, the budget and the shortfall', async () => {
    await setMode('override');
    const client = await fundedClient('Ada');
    expect((await order(client, '2026-07-14')).status).toBe(201);
    const over = await order(client, '2026-07-15');
    expect(over.status).toBe(409);
    expect(over.body.softConflicts).toEqual([
      'this takes the Core: Assistance with daily life funding period 2026-07-01 to 2026-09-30 to $140.00 committed of $100.82 allocated: $39.18 short',
    ]);
    // A visit in the next period fits; the overrun goes ahead with a reason.
    expect((await order(client, '2026-10-06')).status).toBe(201);
    const overridden = await order(client, '2026-07-15', { overrideReason: 'Plan review booked' });
    expect(overridden.status, JSON.stringify(overridden.body)).toBe(201);

    const funding = (await coordinator.get(`/ndis/clients/${client}/funding`)).body;
    expect(funding.plans[0].periods[0]).toMatchObject({
      bookedMinor: 14_000,
      committedMinor: 14_000,
      remainingMinor: 10_082 - 14_000,
      projectedShortfallMinor: 14_000 - 10_082,
    });
  });

  it('moving a booking into a full period is checked too, without counting its old place', async () => {
    await setMode('override');
    const client = await fundedClient('Bea');
    expect((await order(client, '2026-07-14')).status).toBe(201);
    const october = await order(client, '2026-10-06');
    const moved = await coordinator.patch(`/bookings/${october.body.id}`, { bookingDate: '2026-07-16' });
    expect(moved.status).toBe(409);
    expect(moved.body.softConflicts[0]).toContain('$39.18 short');
    // Moving the July visit within July replaces its own draw: no conflict.
    const first = (await bookingsOf(client)).find((b) => b.id !== october.body.id)!;
    expect((await coordinator.patch(`/bookings/${first.id}`, { bookingDate: '2026-07-21' })).status).toBe(
      200,
    );
  });

  it('with "refuse", an overrun is refused with the same words and nothing is written', async () => {
    await setMode('refuse');
    const client = await fundedClient('Cy');
    expect((await order(client, '2026-07-14')).status).toBe(201);
    const refused = await order(client, '2026-07-15', { overrideReason: 'Please' });
    expect(refused.status).toBe(409);
    expect(refused.body.detail).toMatch(
      /^This takes the Core: Assistance with daily life funding period .*\$39\.18 short; the organisation refuses/,
    );
    expect(await bookingsOf(client)).toHaveLength(1);
    await setMode('override');
  });
});

describe('concurrent bookings against one funding period', () => {
  it('two bookings that each fit alone but not together: exactly one succeeds (refuse)', async () => {
    await setMode('refuse');
    const client = await fundedClient('Dee');
    const [a, b] = await Promise.all([order(client, '2026-07-20'), order(client, '2026-07-21')]);
    expect([a.status, b.status].sort()).toEqual([201, 409]);
    const refused = a.status === 409 ? a : b;
    expect(refused.body.detail).toContain('$39.18 short');
    expect(await bookingsOf(client)).toHaveLength(1);
    await setMode('override');
  });

  it('without a reason, the second of two concurrent bookings gets the soft conflict (override)', async () => {
    await setMode('override');
    const client = await fundedClient('Eve');
    const results = await Promise.all([
      order(client, '2026-08-03'),
      order(client, '2026-08-04'),
      order(client, '2026-08-05'),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409]);
    expect(await bookingsOf(client)).toHaveLength(1);
  });
});

describe('the funding check on a series', () => {
  it('reports each occurrence over the allocation (override), or refuses only those (refuse)', async () => {
    await setMode('override');
    const client = await fundedClient('Fay');
    const serviceTypeId = (await coordinator.post('/service-types', { name: 'Core visit' })).body.id;
    const weekly = {
      serviceTypeId,
      name: 'Personal care',
      startDate: '2026-08-31',
      startTime: '09:00',
      rrule: 'FREQ=WEEKLY;BYDAY=MO;COUNT=4',
      durationMinutes: 60,
      staffId: org.staffIds.worker,
    };
    const created = await coordinator.post(`/clients/${client}/scheduled-services`, weekly);
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const activated = await coordinator.post(`/scheduled-services/${created.body.series.id}/activate`);
    expect(activated.status, JSON.stringify(activated.body)).toBe(200);
    const occ = activated.body.occurrences as { startsAt: string; result: string; warnings?: string[] }[];
    // Mondays 31 Aug to 21 Sep: the first fits $100.82; each after it is over and says so.
    expect(occ.map((o) => [o.result, (o.warnings ?? []).some((w) => w.includes('funding period'))])).toEqual([
      ['done', false],
      ['done', true],
      ['done', true],
      ['done', true],
    ]);
    expect(occ[3]!.warnings).toContain(
      'this takes the Core: Assistance with daily life funding period 2026-07-01 to 2026-09-30 to $280.00 committed of $100.82 allocated: $179.18 short',
    );

    await setMode('refuse');
    const other = await fundedClient('Gus');
    const again = await coordinator.post(`/clients/${other}/scheduled-services`, {
      ...weekly,
      startTime: '13:00',
    });
    const refused = await coordinator.post(`/scheduled-services/${again.body.series.id}/activate`);
    const results = (refused.body.occurrences as { result: string; reason?: string }[]).map((o) => o.result);
    // A refused occurrence adds nothing: each later one is judged against the first alone.
    expect(results).toEqual(['done', 'conflict', 'conflict', 'conflict']);
    expect(refused.body.occurrences[3].reason).toContain('$39.18 short');
    expect(await bookingsOf(other)).toHaveLength(1);
    await setMode('override');
  });
});
