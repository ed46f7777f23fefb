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

// Sunday 6 December 2026, 11:00 in Sydney.
const time = manualClock(Temporal.Instant.from('2026-12-06T00:00:00Z'));
let t: TestApp;
let org: SeededOrg;
let coordinator: Agent;
let finance: Agent;
let roomId: string;
let typeId: string;

const STA = '01_058_0115_1_1';

beforeAll(async () => {
  t = await startTestApp({ clock: time.clock, invoiceWorker: false });
  org = await seedOrg(t.db, 'Stay rates');
  coordinator = await signedIn(t.baseUrl, org.emails.coordinator);
  finance = await signedIn(t.baseUrl, org.emails.finance);
  const site = await coordinator.post('/accommodation-sites', {
    name: 'Harbour House',
    timeZone: 'Australia/Sydney',
    region: 'AU-NSW',
  });
  roomId = (await coordinator.post(`/accommodation-sites/${site.body.id}/rooms`, { name: 'Room 1' })).body.id;
  // The nightly rate rises on 5 December; the 24-hour STA day (with its support item) starts then.
  const type = await finance.post('/contract-types', {
    name: 'NDIS',
    category: 'ndis',
    optionSets: [
      {
        effectiveFrom: '2026-01-01',
        options: {
          hourlyRate: 6000,
          accommodationRates: [{ name: 'Respite night', unit: 'night', rate: 20_000 }],
        },
      },
      {
        effectiveFrom: '2026-12-05',
        options: {
          hourlyRate: 6000,
          accommodationRates: [
            { name: 'Respite night', unit: 'night', rate: 25_000 },
            { name: 'Short-term accommodation', unit: 'day', rate: 82_611, supportItem: STA },
          ],
        },
      },
    ],
  });
  expect(type.status, JSON.stringify(type.body)).toBe(201);
  typeId = type.body.id;
});
afterAll(() => t.close());

async function checkedInStay(bedName: string, givenName: string, arriveOn: string, leaveOn: string) {
  const bed = await coordinator.post('/beds', { roomId, name: bedName, bedType: 'respite' });
  const client = await coordinator.post('/clients', {
    givenName,
    familyName: 'Stay',
    timeZone: 'Australia/Sydney',
    dateOfBirth: '1990-05-05',
  });
  const contract = await finance.post(`/clients/${client.body.id}/contracts`, {
    contractTypeId: typeId,
    name: 'Respite plan',
    startDate: '2026-01-01',
  });
  expect(contract.status).toBe(201);
  const stay = await coordinator.post('/stays', {
    bedId: bed.body.id,
    clientId: client.body.id,
    arriveOn,
    leaveOn,
  });
  expect(stay.status, JSON.stringify(stay.body)).toBe(201);
  return { clientId: client.body.id as string, stayId: stay.body.id as string };
}

type Line = {
  kind: string;
  explanation: string;
  rateMinor: number;
  amountMinor: number;
  source: Record<string, unknown>;
};
async function invoiceStayLines(clientId: string, periodFrom: string, periodTo: string) {
  const run = await finance.post('/invoice-runs?wait=true', { periodFrom, periodTo, clientId });
  expect(run.status, JSON.stringify(run.body)).toBe(201);
  expect(run.body.invoiceIds).toHaveLength(1);
  const invoice = (await finance.get(`/invoices/${run.body.invoiceIds[0]}`)).body;
  return (invoice.lines as Line[]).filter((l) => l.kind === 'stay');
}

describe('stays priced by the contract', () => {
  it('previews each contract rate over the stay, and prices each night by the option set in force on it', async () => {
    const s = await checkedInStay('Rate A', 'Ada', '2026-12-03', '2026-12-07');
    const options = await coordinator.get(`/stays/${s.stayId}/service-options`);
    expect(options.status).toBe(200);
    expect(options.body.items).toEqual([
      expect.objectContaining({
        contractRate: 'Respite night',
        unit: 'night',
        units: 4,
        amountMinor: 2 * 20_000 + 2 * 25_000,
        priceProblem: null,
        runs: [
          expect.objectContaining({ from: '2026-12-03', to: '2026-12-05', units: 2, rateMinor: 20_000 }),
          expect.objectContaining({ from: '2026-12-05', to: '2026-12-07', units: 2, rateMinor: 25_000 }),
        ],
      }),
      expect.objectContaining({
        contractRate: 'Short-term accommodation',
        unit: 'day',
        supportItem: STA,
        amountMinor: 2 * 82_611,
        priceProblem: expect.stringContaining(
          'no accommodation rate "Short-term accommodation" in force on 2 nights from 2026-12-03',
        ),
      }),
    ]);
    expect(options.body.items[0].runs[1].explanation).toContain(
      'contract type option set 2 (from 2026-12-05)',
    );

    // A rate missing from some nights cannot price the stay; nothing is written.
    const refused = await coordinator.post(`/stays/${s.stayId}/services`, {
      contractRate: 'Short-term accommodation',
    });
    expect(refused.status).toBe(422);
    expect(refused.body.errors[0].field).toBe('contractRate');
    const unknown = await coordinator.post(`/stays/${s.stayId}/services`, { contractRate: 'Penthouse' });
    expect(unknown.status).toBe(422);

    const added = await coordinator.post(`/stays/${s.stayId}/services`, { contractRate: 'respite night' });
    expect(added.status, JSON.stringify(added.body)).toBe(201);
    expect(added.body.services).toEqual([
      expect.objectContaining({
        name: 'Respite night',
        contractRate: 'Respite night',
        unit: 'night',
        rateMinor: null,
        amountMinor: 90_000,
      }),
    ]);
    expect((await coordinator.post(`/stays/${s.stayId}/check-in`)).status).toBe(200);
    const out = await coordinator.post(`/stays/${s.stayId}/check-out`, { leaveOn: '2026-12-06' });
    expect(out.body).toMatchObject({ state: 'checked_out', nights: 3 });
    expect(out.body.services[0].amountMinor).toBe(2 * 20_000 + 25_000);

    const lines = await invoiceStayLines(s.clientId, '2026-12-01', '2026-12-31');
    expect(lines.map((l) => [l.explanation, l.rateMinor, l.amountMinor])).toEqual([
      ['Respite night, Room 1 Rate A, 2 nights 3–5 Dec', 20_000, 40_000],
      ['Respite night, Room 1 Rate A, 1 night 5–6 Dec', 25_000, 25_000],
    ]);
    // "Why this price": the option and the option set that priced each line.
    expect(lines[1]!.source).toMatchObject({
      units: 1,
      option: {
        name: 'accommodationRates',
        rateName: 'Respite night',
        source: { from: 'type', setIndex: 1, effectiveFrom: '2026-12-05' },
      },
    });
    expect(lines[0]!.source.calculation).toContain('contract type option set 1 (from 2026-01-01)');
  });

  it('bills the 24-hour day with its support item, and a typed price overrides the contract', async () => {
    time.set(Temporal.Instant.from('2026-12-09T00:00:00Z'));
    // Sessions end after days idle: sign in again on the new day.
    coordinator = await signedIn(t.baseUrl, org.emails.coordinator);
    finance = await signedIn(t.baseUrl, org.emails.finance);
    const s = await checkedInStay('Rate B', 'Bo', '2026-12-08', '2026-12-10');
    const day = await coordinator.post(`/stays/${s.stayId}/services`, {
      contractRate: 'Short-term accommodation',
    });
    expect(day.status).toBe(201);
    expect(day.body.services[0]).toMatchObject({ unit: 'day', supportItem: STA, amountMinor: 2 * 82_611 });
    const typed = await coordinator.post(`/stays/${s.stayId}/services`, {
      contractRate: 'Respite night',
      rateMinor: 1_000,
    });
    expect(typed.body.services[1]).toMatchObject({ rateMinor: 1_000, amountMinor: 2_000 });
    const incomplete = await coordinator.post(`/stays/${s.stayId}/services`, { name: 'Linen' });
    expect(incomplete.status).toBe(422);
    expect((await coordinator.post(`/stays/${s.stayId}/check-in`)).status).toBe(200);
    await coordinator.post(`/stays/${s.stayId}/check-out`, { leaveOn: '2026-12-10' });
    const lines = await invoiceStayLines(s.clientId, '2026-12-01', '2026-12-31');
    expect(lines.map((l) => [l.explanation, l.amountMinor, l.source.supportItem]).sort()).toEqual([
      ['Respite night, Room 1 Rate B, 2 nights 8–10 Dec', 2_000, null],
      ['Short-term accommodation, Room 1 Rate B, 2 days 8–10 Dec', 2 * 82_611, STA],
    ]);
  });

  it("lists the client's sessions during the stay, from check-in to check-out, and none outside it", async () => {
    const s = await checkedInStay('Rate C', 'Cy', '2026-12-20', '2026-12-23');
    const visit = (bookingDate: string, startTime: string, name: string) =>
      coordinator.post(`/clients/${s.clientId}/service-orders`, {
        name,
        bookingDate,
        startTime,
        durationMinutes: 60,
        assignee: { type: 'staff', id: org.staffIds.worker },
        notes: null,
      });
    expect((await visit('2026-12-20', '09:00', 'Before check-in')).status).toBe(201);
    expect((await visit('2026-12-21', '10:00', 'Community access')).status).toBe(201);
    expect((await visit('2026-12-23', '09:00', 'Packing up')).status).toBe(201);
    expect((await visit('2026-12-23', '11:00', 'After check-out')).status).toBe(201);
    const sessions = await coordinator.get(`/stays/${s.stayId}/sessions`);
    expect(sessions.status).toBe(200);
    expect(
      sessions.body.items.map((i: { name: string; status: string; staffName: string }) => [i.name, i.status]),
    ).toEqual([
      ['Community access', 'booked'],
      ['Packing up', 'booked'],
    ]);
    expect(sessions.body.items[0].staffName).toBeTruthy();
  });
});
