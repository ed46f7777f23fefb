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
let coordinator: Agent;
let finance: Agent;
let therapyType: string;

async function newClient(givenName: string) {
  const res = await admin.post('/clients', {
    givenName,
    familyName: 'Funding',
    timeZone: 'Australia/Sydney',
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.id as string;
}

const plan = (o: Record<string, unknown> = {}) => ({
  startDate: '2026-07-01',
  endDate: '2027-06-30',
  management: 'plan',
  planManagerName: 'Clear Plan Managers',
  planManagerEmail: 'claims@clearplan.example.org',
  budgets: [
    { supportCategory: 'Core: Assistance with daily life', amountMinor: 400_000 },
    {
      supportCategory: 'Capacity building: Improved daily living',
      amountMinor: 100_000,
      serviceTypeIds: [therapyType],
    },
  ],
  ...o,
});

beforeAll(async () => {
  t = await startTestApp({ clock: time.clock, invoiceWorker: false });
  org = await seedOrg(t.db, 'Ndis funding');
  admin = await signedIn(t.baseUrl, org.emails.administrator);
  coordinator = await signedIn(t.baseUrl, org.emails.coordinator);
  finance = await signedIn(t.baseUrl, org.emails.finance);
  therapyType = (await admin.post('/service-types', { name: 'Therapy', colour: '#336699' })).body.id;
});
afterAll(() => t.close());

describe('NDIS plans and funding periods', () => {
  it('splits each budget into 3-month funding periods whose allocations add up to the budget', async () => {
    const client = await newClient('Ava');
    const res = await finance.post(`/ndis/clients/${client}/plans`, plan());
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const [p] = res.body.plans;
    expect(p).toMatchObject({ management: 'plan', planManagerName: 'Clear Plan Managers' });
    const core = p.periods.filter((x: { supportCategory: string }) => x.supportCategory.startsWith('Core'));
    expect(core.map((x: { startDate: string; endDate: string }) => `${x.startDate}..${x.endDate}`)).toEqual([
      '2026-07-01..2026-09-30',
      '2026-10-01..2026-12-31',
      '2027-01-01..2027-03-31',
      '2027-04-01..2027-06-30',
    ]);
    expect(core.reduce((a: number, x: { allocationMinor: number }) => a + x.allocationMinor, 0)).toBe(
      400_000,
    );
    expect(p.periods).toHaveLength(8);
  });

  it('refuses a plan-managed plan without its manager, a repeated category, and overlapping plans', async () => {
    const client = await newClient('Ben');
    const bad = await finance.post(
      `/ndis/clients/${client}/plans`,
      plan({
        planManagerName: null,
        budgets: [
          { supportCategory: 'Core', amountMinor: 1 },
          { supportCategory: 'core', amountMinor: 2 },
        ],
      }),
    );
    expect(bad.status).toBe(422);
    expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual([
      'planManagerName',
      'budgets.1.supportCategory',
    ]);
    expect((await finance.post(`/ndis/clients/${client}/plans`, plan())).status).toBe(201);
    const overlap = await finance.post(
      `/ndis/clients/${client}/plans`,
      plan({ startDate: '2027-06-01', endDate: '2028-05-31' }),
    );
    expect(overlap.status).toBe(409);
    expect(overlap.body.detail).toMatch(/already has an NDIS plan/);
    expect((await coordinator.post(`/ndis/clients/${client}/plans`, plan())).status).toBe(403);
  });

  it('tracks committed, remaining and projection per period from booked sessions, and checks new occurrences', async () => {
    const client = await newClient('Cal');
    await finance.post(`/ndis/clients/${client}/plans`, plan());
    const booked = await coordinator.post('/sessions', {
      category: 'visit',
      name: 'Personal care',
      bookingDate: '2026-07-14',
      startTime: '09:00',
      durationMinutes: 90,
      clients: [{ clientId: client }],
      workers: [{ staffId: org.staffIds.worker }],
      services: [{ source: 'adhoc', name: 'Self-care weekday daytime', hourlyRateMinor: 7_074, ratio: 1 }],
    });
    expect(booked.status, JSON.stringify(booked.body)).toBe(201);
    const funding = await coordinator.get(`/ndis/clients/${client}/funding`);
    expect(funding.status).toBe(200);
    const first = funding.body.plans[0].periods.find(
      (x: { supportCategory: string; startDate: string }) =>
        x.supportCategory.startsWith('Core') && x.startDate === '2026-07-01',
    );
    // 1.5 h at $70.74 = $106.11.
    expect(first).toMatchObject({
      bookedMinor: 10_611,
      deliveredMinor: 0,
      committedMinor: 10_611,
      claimedMinor: 0,
    });
    expect(first.remainingMinor).toBe(first.allocationMinor - 10_611);

    const check = await coordinator.post(`/ndis/clients/${client}/funding-check`, {
      occurrences: [
        { date: '2026-07-21', amountMinor: 50_000 },
        { date: '2026-07-28', amountMinor: 50_000 },
        { date: '2026-10-06', amountMinor: 50_000 },
        { date: '2026-07-22', serviceTypeId: therapyType, amountMinor: 20_000 },
      ],
    });
    expect(check.status, JSON.stringify(check.body)).toBe(200);
    const shortfall = 10_611 + 100_000 - first.allocationMinor;
    expect(check.body.conflicts).toEqual([
      expect.objectContaining({
        periodId: first.id,
        supportCategory: 'Core: Assistance with daily life',
        shortfallMinor: shortfall,
        occurrences: [0, 1],
      }),
    ]);
    expect(check.body.conflicts[0].message).toMatch(
      /^this takes the Core: Assistance with daily life funding period 2026-07-01 to 2026-09-30 to \$1,106\.11 committed of \$[\d,]+\.\d\d allocated: \$[\d,]+\.\d\d short$/,
    );
    const fits = await coordinator.post(`/ndis/clients/${client}/funding-check`, {
      occurrences: [{ date: '2026-10-06', amountMinor: 10_611 }],
    });
    expect(fits.body.conflicts).toEqual([]);
  });

  it('a session that takes a period over its allocation is a soft conflict: refused without a reason, booked with one', async () => {
    const client = await newClient('Dee');
    await finance.post(`/ndis/clients/${client}/plans`, plan());
    const big = {
      category: 'visit',
      name: 'Day out',
      bookingDate: '2026-08-04',
      startTime: '09:00',
      durationMinutes: 600,
      clients: [{ clientId: client }],
      workers: [{ staffId: org.staffIds.worker }],
      services: [{ source: 'adhoc', name: 'Community access', hourlyRateMinor: 12_000, ratio: 1 }],
    };
    const refused = await coordinator.post('/sessions', big);
    expect(refused.status, JSON.stringify(refused.body)).toBe(409);
    expect(refused.body.softConflicts).toEqual([
      expect.stringMatching(
        /^this takes the Core: Assistance with daily life funding period 2026-07-01 to 2026-09-30 to \$1,200\.00 committed of \$[\d,]+\.\d\d allocated: \$\d+\.\d\d short$/,
      ),
    ]);
    expect(
      (await coordinator.get(`/ndis/clients/${client}/funding`)).body.plans[0].periods[0].committedMinor,
    ).toBe(0);
    const booked = await coordinator.post('/sessions', {
      ...big,
      overrideReason: 'Top-up requested from the plan manager',
    });
    expect(booked.status, JSON.stringify(booked.body)).toBe(201);
    const stored = await sql<{ reason: string; warnings: string[] }>`
      SELECT override_reason AS reason, overridden_warnings AS warnings FROM client_deliveries
      WHERE booking_id = ${booked.body.session.id}`.execute(t.db);
    expect(stored.rows[0]).toMatchObject({ reason: 'Top-up requested from the plan manager' });
    expect(stored.rows[0]!.warnings[0]).toMatch(/short$/);
    // A client without a plan is never checked.
    const other = await newClient('Eli');
    expect(
      (
        await coordinator.post('/sessions', {
          ...big,
          bookingDate: '2026-08-05',
          clients: [{ clientId: other }],
        })
      ).status,
    ).toBe(201);
  });
});
