import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Agent,
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

// The engine's worked example: 30 min = 1600, 45 min = 2000, hourly 2400.
const worked = {
  hourlyRate: 2400,
  nonProRataRates: [
    { minutes: 30, amount: 1600 },
    { minutes: 45, amount: 2000 },
  ],
};

beforeAll(async () => {
  t = await startTestApp();
  org = await seedOrg(t.db, 'Contracts');
  finance = await signedIn(t.baseUrl, org.emails.finance);
  admin = await signedIn(t.baseUrl, org.emails.administrator);
});
afterAll(() => t.close());

const fields = (body: { errors?: { field: string }[] }) => (body.errors ?? []).map((e) => e.field).sort();

async function newClient(givenName: string, extra: Record<string, unknown> = {}) {
  const r = await admin.post('/clients', {
    givenName,
    familyName: 'Contract',
    timeZone: 'Australia/Sydney',
    ...extra,
  });
  expect(r.status).toBe(201);
  return r.body.id as string;
}

async function newType(name: string, optionSets: unknown[]) {
  const r = await finance.post('/contract-types', { name, category: 'private', optionSets });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body.id as string;
}

async function newBooking(
  clientId: string,
  bookingDate: string,
  startTime: string,
  durationMinutes: number,
  assignee: unknown = null,
) {
  const r = await admin.post(`/clients/${clientId}/service-orders`, {
    name: 'Visit',
    bookingDate,
    startTime,
    durationMinutes,
    assignee,
  });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body.id as string;
}

describe('contract types', () => {
  it('creates, reads, replaces and lists; only contracts.manage may', async () => {
    const coordinator = await signedIn(t.baseUrl, org.emails.coordinator);
    expect((await coordinator.get('/contract-types')).status).toBe(403);
    const id = await newType('Private hourly', [{ effectiveFrom: '2026-01-01', options: worked }]);
    const got = await finance.get(`/contract-types/${id}`);
    expect(got.body).toMatchObject({ name: 'Private hourly', category: 'private', assignmentCount: 0 });
    expect(got.body.optionSets).toEqual([{ effectiveFrom: '2026-01-01', options: worked }]);
    const put = await finance.put(`/contract-types/${id}`, {
      name: 'Private hourly',
      category: 'ndis',
      optionSets: [
        { effectiveFrom: '2026-01-01', options: worked },
        { effectiveFrom: '2026-07-01', options: { hourlyRate: 2500 } },
      ],
    });
    expect(put.status).toBe(200);
    expect(put.body.optionSets).toHaveLength(2);
    expect(put.body.category).toBe('ndis');
    expect((await finance.get('/contract-types')).body.items.map((i: { name: string }) => i.name)).toContain(
      'Private hourly',
    );
    const again = await finance.post('/contract-types', {
      name: 'private HOURLY',
      category: 'other',
      optionSets: [{ effectiveFrom: '2026-01-01', options: {} }],
    });
    expect(again.status).toBe(409);
    expect((await finance.get('/contract-types/00000000-0000-4000-8000-000000000000')).status).toBe(404);
  });

  it('validates with the engine’s schema and names every field (problem+json)', async () => {
    const bad = await finance.post('/contract-types', {
      name: '',
      category: 'council',
      optionSets: [
        { effectiveFrom: '2026-03-01', options: { hourlyRate: -1 } },
        { effectiveFrom: '2026-02-30', options: {} },
        { effectiveFrom: '2026-01-01', options: { rounding: { mode: 'up', minutes: 7 } } },
      ],
    });
    expect(bad.status).toBe(422);
    expect(bad.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(fields(bad.body)).toEqual([
      'category',
      'name',
      'optionSets.0.options.hourlyRate',
      'optionSets.1.effectiveFrom',
      'optionSets.2.options.rounding.minutes',
    ]);
    const order = await finance.post('/contract-types', {
      name: 'Order',
      category: 'other',
      optionSets: [
        { effectiveFrom: '2026-03-01', options: {} },
        { effectiveFrom: '2026-03-01', options: {} },
      ],
    });
    expect(order.body.errors).toEqual([
      { field: 'optionSets.1.effectiveFrom', reason: "must be after the previous option set's 2026-03-01" },
    ]);
    const empty = await finance.post('/contract-types', { name: 'Empty', category: 'other', optionSets: [] });
    expect(empty.body.errors).toEqual([{ field: 'optionSets', reason: 'must have at least 1 option set' }]);
  });
});

describe('client contracts', () => {
  it("makes a client's first contract its default, validates, and replaces with PUT", async () => {
    const typeId = await newType('Assignable', [{ effectiveFrom: '2026-01-01', options: worked }]);
    const clientId = await newClient('First');
    const first = await finance.post(`/clients/${clientId}/contracts`, {
      contractTypeId: typeId,
      name: 'Personal care',
      startDate: '2026-01-01',
    });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({
      isDefault: true,
      endDate: null,
      optionSets: [],
      contractType: { id: typeId, name: 'Assignable' },
    });
    const second = await finance.post(`/clients/${clientId}/contracts`, {
      contractTypeId: typeId,
      name: 'Live-in care',
      startDate: '2026-02-01',
      endDate: '2026-12-31',
      optionSets: [{ effectiveFrom: '2026-02-01', options: { hourlyRate: 3000 } }],
    });
    expect(second.body.isDefault).toBe(false);
    const bad = await finance.post(`/clients/${clientId}/contracts`, {
      contractTypeId: '00000000-0000-4000-8000-000000000000',
      name: 'x',
      startDate: '2026-02-01',
      endDate: '2026-01-01',
      optionSets: [{ effectiveFrom: '2026-01-01', options: { useFirstRange: 'yes' } }],
    });
    expect(bad.status).toBe(422);
    expect(fields(bad.body)).toEqual(['optionSets.0.options.useFirstRange']);
    const ends = await finance.post(`/clients/${clientId}/contracts`, {
      contractTypeId: typeId,
      name: 'x',
      startDate: '2026-02-01',
      endDate: '2026-01-01',
    });
    expect(ends.body.errors).toEqual([{ field: 'endDate', reason: 'must not be before the start date' }]);
    const unknownType = await finance.post(`/clients/${clientId}/contracts`, {
      contractTypeId: '00000000-0000-4000-8000-000000000000',
      name: 'x',
      startDate: '2026-02-01',
    });
    expect(unknownType.body.errors).toEqual([
      { field: 'contractTypeId', reason: 'is not a contract type of this organisation' },
    ]);

    const put = await finance.put(`/contracts/${second.body.id}`, {
      contractTypeId: typeId,
      name: 'Live-in care (renewed)',
      startDate: '2026-02-01',
      endDate: null,
      optionSets: [],
    });
    expect(put.body).toMatchObject({
      name: 'Live-in care (renewed)',
      endDate: null,
      optionSets: [],
      isDefault: false,
    });
    expect(
      (
        await finance.put(`/contracts/${first.body.id}`, {
          contractTypeId: typeId,
          name: 'Personal care',
          startDate: '2026-01-01',
          isDefault: false,
        })
      ).status,
    ).toBe(409);
    const list = (await finance.get(`/clients/${clientId}/contracts`)).body.items;
    expect(list.map((c: { name: string; isDefault: boolean }) => [c.name, c.isDefault])).toEqual([
      ['Personal care', true],
      ['Live-in care (renewed)', false],
    ]);
    expect((await finance.get(`/contract-types/${typeId}`)).body.assignmentCount).toBe(2);
  });

  it('keeps exactly one default under concurrent make-default calls', async () => {
    const typeId = await newType('Concurrent', [{ effectiveFrom: '2026-01-01', options: worked }]);
    const clientId = await newClient('Racy');
    const ids: string[] = [];
    for (const name of ['A', 'B', 'C', 'D'])
      ids.push(
        (
          await finance.post(`/clients/${clientId}/contracts`, {
            contractTypeId: typeId,
            name,
            startDate: '2026-01-01',
          })
        ).body.id,
      );
    const results = await Promise.all(
      Array.from({ length: 16 }, (_, i) => finance.post(`/contracts/${ids[i % ids.length]}/make-default`)),
    );
    expect(results.map((r) => r.status)).toEqual(Array(16).fill(200));
    const defaults = (await finance.get(`/clients/${clientId}/contracts`)).body.items.filter(
      (c: { isDefault: boolean }) => c.isDefault,
    );
    expect(defaults).toHaveLength(1);
    // The database refuses a second default whatever the application does.
    const other = ids.find((id) => id !== defaults[0].id)!;
    await expect(
      t.db.updateTable('client_contracts').set({ is_default: true }).where('id', '=', other).execute(),
    ).rejects.toThrow(/client_contracts_one_default/);
  });

  it('shows inherited and overridden values across independently dated option sets (timeline)', async () => {
    const typeId = await newType('Dated', [
      { effectiveFrom: '2026-01-01', options: { hourlyRate: 3000 } },
      { effectiveFrom: '2026-03-01', options: { hourlyRate: 3100 } },
      { effectiveFrom: '2026-07-01', options: { hourlyRate: 3200, useFirstRange: false } },
    ]);
    const clientId = await newClient('Timeline');
    const contract = (
      await finance.post(`/clients/${clientId}/contracts`, {
        contractTypeId: typeId,
        name: 'Dated care',
        startDate: '2026-01-01',
        endDate: '2026-12-31',
        optionSets: [
          { effectiveFrom: '2026-01-01', options: {} },
          { effectiveFrom: '2026-05-01', options: { hourlyRate: 2900 } },
          { effectiveFrom: '2026-09-01', options: {} },
        ],
      })
    ).body;
    const timeline = await finance.get(`/contracts/${contract.id}/timeline`);
    expect(timeline.status).toBe(200);
    expect(timeline.body).toMatchObject({ from: '2026-01-01', to: '2027-01-01' });
    expect(
      timeline.body.options.hourlyRate.map((s: Record<string, unknown>) => [
        s.from,
        s.to,
        s.value,
        s.source,
        s.effectiveFrom,
        s.inheritance,
      ]),
    ).toEqual([
      ['2026-01-01', '2026-03-01', 3000, 'type', '2026-01-01', 'inherited'],
      ['2026-03-01', '2026-05-01', 3100, 'type', '2026-03-01', 'inherited'],
      ['2026-05-01', '2026-09-01', 2900, 'assignment', '2026-05-01', 'overridden'],
      ['2026-09-01', '2027-01-01', 3200, 'type', '2026-07-01', 'inherited'],
    ]);
    expect(
      timeline.body.options.useFirstRange.map((s: Record<string, unknown>) => [s.from, s.value, s.source]),
    ).toEqual([
      ['2026-01-01', true, 'default'],
      ['2026-07-01', false, 'type'],
    ]);
    expect(timeline.body.boundaries.map((b: Record<string, unknown>) => `${b.date} ${b.schedule}`)).toEqual([
      '2026-03-01 type',
      '2026-05-01 assignment',
      '2026-07-01 type',
      '2026-09-01 assignment',
    ]);
    const window = await finance.get(`/contracts/${contract.id}/timeline?from=2026-04-01&to=2026-06-01`);
    expect(window.body.options.hourlyRate.map((s: { value: number }) => s.value)).toEqual([3100, 2900]);
    const wrong = await finance.get(`/contracts/${contract.id}/timeline?from=2026-06-01&to=2026-04-01`);
    expect(wrong.status).toBe(422);
    expect(wrong.body.errors).toEqual([{ field: 'to', reason: 'must be after from' }]);
  });
});

describe('calendars, billing details and "why this price"', () => {
  it('prices a 50-minute visit as the engine’s worked example (2200), explaining each line', async () => {
    const typeId = await newType('Worked example', [{ effectiveFrom: '2026-01-01', options: worked }]);
    const clientId = await newClient('Worked');
    const contract = (
      await finance.post(`/clients/${clientId}/contracts`, {
        contractTypeId: typeId,
        name: 'Care',
        startDate: '2026-01-01',
      })
    ).body;
    const bookingId = await newBooking(clientId, '2026-03-03', '09:00', 50);
    const price = await finance.get(`/bookings/${bookingId}/price`);
    expect(price.status, JSON.stringify(price.body)).toBe(200);
    expect(price.body).toMatchObject({
      bookingId,
      visitDate: '2026-03-03',
      totalMinor: 2200,
      contract: { id: contract.id, chosen: 'default' },
    });
    expect(price.body.lines.map((l: Record<string, unknown>) => [l.kind, l.minutes, l.amountMinor])).toEqual([
      ['nonProRata', 45, 2000],
      ['time', 5, 200],
    ]);
    expect(price.body.lines[0].explanation).toMatch(
      /^Non-pro-rata 45 min = 2000: base rate, largest non-pro-rata duration within 50 min/,
    );
    expect(price.body.lines[1].explanation).toMatch(
      /^Time 5 min × 2400\/h = 200 \(remainder after non-pro-rata\)/,
    );
    expect(price.body.lines[1].explanation).toContain(
      'hourlyRate: contract type option set 1 (from 2026-01-01), inherited',
    );
    const worker = await signedIn(t.baseUrl, org.emails.worker);
    expect((await worker.get(`/bookings/${bookingId}/price`)).status).toBe(403);
  });

  it("uses the public holidays of the client's region", async () => {
    const typeId = await newType('Holiday rates', [
      {
        effectiveFrom: '2026-01-01',
        options: {
          hourlyRate: 2400,
          unsociableRanges: [
            { when: { kind: 'publicHoliday' }, from: '00:00', to: '24:00', hourlyRate: 4800 },
          ],
        },
      },
    ]);
    const clientId = await newClient('Holiday');
    await finance.post(`/clients/${clientId}/contracts`, {
      contractTypeId: typeId,
      name: 'Care',
      startDate: '2026-01-01',
    });
    const day = await finance.post('/calendar-days', {
      region: 'NSW',
      date: '2026-04-03',
      kind: 'public_holiday',
      name: 'Good Friday',
    });
    expect(day.status).toBe(201);
    expect(
      (
        await finance.post('/calendar-days', {
          region: 'NSW',
          date: '2026-04-03',
          kind: 'public_holiday',
          name: 'Again',
        })
      ).status,
    ).toBe(409);
    const other = await finance.post('/calendar-days', {
      region: 'VIC',
      date: '2026-04-04',
      kind: 'special_day',
      name: 'Show day',
    });
    expect(
      (await finance.get('/calendar-days?region=NSW')).body.items.map((d: { name: string }) => d.name),
    ).toEqual(['Good Friday']);
    expect((await finance.delete(`/calendar-days/${other.body.id}`)).status).toBe(204);
    expect((await finance.delete(`/calendar-days/${other.body.id}`)).status).toBe(404);
    const bad = await finance.post('/calendar-days', {
      region: ' ',
      date: '2026-13-01',
      kind: 'holiday',
      name: 'x',
    });
    expect(fields(bad.body)).toEqual(['date', 'kind', 'region']);

    const bookingId = await newBooking(clientId, '2026-04-03', '10:00', 60);
    expect((await finance.get(`/bookings/${bookingId}/price`)).body.totalMinor).toBe(2400);
    expect((await finance.get(`/clients/${clientId}/region`)).body).toEqual({ clientId, region: null });
    expect((await finance.put(`/clients/${clientId}/region`, { region: 'NSW' })).body).toEqual({
      clientId,
      region: 'NSW',
    });
    expect((await finance.get(`/clients/${clientId}/region`)).body).toEqual({ clientId, region: 'NSW' });
    expect((await finance.get('/clients/00000000-0000-4000-8000-000000000000/region')).status).toBe(404);
    const price = (await finance.get(`/bookings/${bookingId}/price`)).body;
    expect(price.totalMinor).toBe(4800);
    expect(price.lines[0].explanation).toContain('unsociable range 1 (public holidays 00:00–24:00');
  });

  it('refuses mileage when travel payments are off for the visit, and charges it back from the carer contract', async () => {
    const typeId = await newType('Travel', [
      { effectiveFrom: '2026-01-01', options: { ...worked, chargeMileageToClient: true } },
    ]);
    const clientId = await newClient('Travel');
    const noTravel = (
      await finance.post(`/clients/${clientId}/contracts`, {
        contractTypeId: typeId,
        name: 'No travel from April',
        startDate: '2026-01-01',
        optionSets: [
          { effectiveFrom: '2026-01-01', options: {} },
          { effectiveFrom: '2026-04-01', options: { enableTravelPayments: false } },
        ],
      })
    ).body;
    const staffId = org.staffIds.worker;
    const april = await newBooking(clientId, '2026-04-02', '09:00', 60, { type: 'staff', id: staffId });
    const refused = await finance.put(`/bookings/${april}/billing`, { mileage: 12.5 });
    expect(refused.status).toBe(422);
    expect(refused.body.errors).toEqual([
      {
        field: 'mileage',
        reason: `cannot be recorded: travel payments are disabled on 2026-04-02 by contract "${noTravel.name}" (enable travel payments: client contract option set 2 (from 2026-04-01), overridden)`,
      },
    ]);
    expect(
      fields(
        (
          await finance.put(`/bookings/${april}/billing`, {
            mileage: 1.234,
            actualStart: '2026-04-02T09:00:00+11:00',
            actualEnd: 'soon',
          })
        ).body,
      ),
    ).toEqual(['actualEnd', 'mileage']);
    expect(
      fields(
        (await finance.put(`/bookings/${april}/billing`, { actualStart: '2026-04-02T09:00:00+11:00' })).body,
      ),
    ).toEqual(['actualEnd']);

    // In March travel is on: mileage is recorded and charged at the carer's rate.
    const march = await newBooking(clientId, '2026-03-05', '09:00', 50, { type: 'staff', id: staffId });
    const saved = await finance.put(`/bookings/${march}/billing`, {
      mileage: 12.5,
      actualStart: '2026-03-05T09:02:00+11:00',
      actualEnd: '2026-03-05T09:50:00+11:00',
    });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    expect(saved.body).toMatchObject({ mileage: 12.5, contractId: null, invoiceId: null });
    expect((await finance.get(`/bookings/${march}/price`)).body.errors).toEqual([
      {
        field: 'carerContract',
        reason: `is required: visit ${march} (booking) charges mileage to the client (charge mileage to client: contract type option set 1 (from 2026-01-01), inherited)`,
      },
    ]);
    const carer = await finance.put(`/staff/${staffId}/carer-contract`, {
      optionSets: [{ effectiveFrom: '2026-01-01', options: { mileageRate: 95 } }],
    });
    expect(carer.status).toBe(200);
    expect((await finance.get(`/staff/${staffId}/carer-contract`)).body.optionSets[0].options).toEqual({
      mileageRate: 95,
    });
    const price = (await finance.get(`/bookings/${march}/price`)).body;
    expect(price.lines.at(-1)).toMatchObject({ kind: 'mileage', rateMinor: 95, amountMinor: 1188 });
    expect(price.totalMinor).toBe(2200 + 1188);

    // An explicit contract must be the client's and cover the visit.
    const otherClient = await newClient('Other');
    const foreign = (
      await finance.post(`/clients/${otherClient}/contracts`, {
        contractTypeId: typeId,
        name: 'Theirs',
        startDate: '2026-01-01',
      })
    ).body;
    expect((await finance.put(`/bookings/${march}/billing`, { contractId: foreign.id })).body.errors).toEqual(
      [{ field: 'contractId', reason: 'is not a contract of this client' }],
    );
    const later = (
      await finance.post(`/clients/${clientId}/contracts`, {
        contractTypeId: typeId,
        name: 'Later',
        startDate: '2026-06-01',
      })
    ).body;
    expect((await finance.put(`/bookings/${march}/billing`, { contractId: later.id })).body.errors).toEqual([
      {
        field: 'contractId',
        reason:
          'names client contract "Later" (2026-06-01 to open-ended), which does not cover the visit\'s date 2026-03-05',
      },
    ]);
    const chosen = await finance.put(`/bookings/${april}/billing`, {
      contractId: noTravel.id,
      mileage: null,
    });
    expect(chosen.body.contractId).toBe(noTravel.id);
    expect((await finance.get(`/bookings/${april}/price`)).body.contract).toMatchObject({
      id: noTravel.id,
      chosen: 'booking',
    });
  });
});
