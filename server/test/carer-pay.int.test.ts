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

beforeAll(async () => {
  t = await startTestApp();
  org = await seedOrg(t.db, 'Carer pay');
  finance = await signedIn(t.baseUrl, org.emails.finance);
  admin = await signedIn(t.baseUrl, org.emails.administrator);
});
afterAll(() => t.close());

async function visit(
  clientId: string,
  staffId: string,
  bookingDate: string,
  startTime: string,
  complete = true,
) {
  const r = await admin.post(`/clients/${clientId}/service-orders`, {
    name: `Visit ${bookingDate}`,
    bookingDate,
    startTime,
    durationMinutes: 60,
    assignee: { type: 'staff', id: staffId },
  });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  if (complete) expect((await admin.post(`/bookings/${r.body.id}/complete`)).status).toBe(200);
  return r.body.id as string;
}

describe('carer pay', () => {
  it("pays a worker's completed visits under their carer contract, line by line, as JSON and CSV", async () => {
    const worker = org.staffIds.worker;
    const typeId = (
      await finance.post('/contract-types', {
        name: 'Private',
        category: 'private',
        optionSets: [{ effectiveFrom: '2026-01-01', options: { hourlyRate: 6000 } }],
      })
    ).body.id;
    const client = (
      await admin.post('/clients', { givenName: 'Pay', familyName: 'Client', timeZone: 'Australia/Sydney' })
    ).body.id;
    await finance.post(`/clients/${client}/contracts`, {
      contractTypeId: typeId,
      name: 'Private',
      startDate: '2026-01-01',
    });
    const sunday = { when: { kind: 'dayOfWeek', day: 'sun' }, from: '00:00', to: '24:00', hourlyRate: 4500 };
    const carer = await finance.put(`/staff/${worker}/carer-contract`, {
      optionSets: [
        {
          effectiveFrom: '2026-01-01',
          options: { hourlyRate: 3000, unsociableRanges: [sunday], mileageRate: 90 },
        },
        {
          effectiveFrom: '2026-07-01',
          options: { hourlyRate: 3200, unsociableRanges: [sunday], mileageRate: 90 },
        },
      ],
    });
    expect(carer.status, JSON.stringify(carer.body)).toBe(200);

    const june = await visit(client, worker, '2026-06-30', '09:00');
    const sundayVisit = await visit(client, worker, '2026-07-05', '10:00');
    expect((await finance.put(`/bookings/${sundayVisit}/billing`, { mileage: 10 })).status).toBe(200);
    await visit(client, worker, '2026-07-06', '09:00', false); // not delivered: not paid
    const colleague = (
      await admin.post('/staff', {
        givenName: 'Other',
        familyName: 'Carer',
        email: 'other.carer@example.org',
        timeZone: 'Australia/Sydney',
        deliversServices: true,
        active: true,
        roleIds: [],
      })
    ).body.id;
    await visit(client, colleague, '2026-07-07', '09:00'); // someone else's

    const pay = await finance.get(`/staff/${worker}/pay?from=2026-06-01&to=2026-07-31`);
    expect(pay.status, JSON.stringify(pay.body)).toBe(200);
    expect(
      pay.body.visits.map((v: { bookingId: string; totalMinor: number }) => [v.bookingId, v.totalMinor]),
    ).toEqual([
      [june, 3000],
      [sundayVisit, 4500 + 900],
    ]);
    expect(pay.body.totalMinor).toBe(3000 + 5400);
    expect(pay.body.problems).toEqual([]);
    const [time, mileage] = pay.body.visits[1].lines;
    expect(time.explanation).toContain('unsociable range 1 (Sundays 00:00–24:00');
    expect(time.explanation).toContain('carer contract option set 2 (from 2026-07-01)');
    expect(mileage).toMatchObject({ kind: 'mileage', rateMinor: 90, amountMinor: 900 });

    const csv = await fetch(`${t.baseUrl}/api/v1/staff/${worker}/pay.csv?from=2026-06-01&to=2026-07-31`, {
      headers: { cookie: finance.cookie },
    });
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const rows = (await csv.text()).trimEnd().split('\r\n');
    expect(rows[0]).toBe(
      'staff,visit_date,client,booking,booking_id,kind,minutes,rate_minor,amount_minor,amount,explanation',
    );
    expect(rows).toHaveLength(4);
    expect(rows[3]).toContain(',mileage,,90,900,9.00,');

    // The period is the worker's local days: 1 July alone holds nothing.
    expect((await finance.get(`/staff/${worker}/pay?from=2026-07-01&to=2026-07-01`)).body.visits).toEqual([]);
  });

  it('refuses a backwards period, a staff member without a carer contract, and users without billing access', async () => {
    const backwards = await finance.get(`/staff/${org.staffIds.worker}/pay?from=2026-07-02&to=2026-07-01`);
    expect(backwards.status).toBe(422);
    expect(backwards.body.errors).toEqual([{ field: 'to', reason: 'must not be before from' }]);
    const none = await finance.get(`/staff/${org.staffIds.coordinator}/pay?from=2026-07-01&to=2026-07-31`);
    expect(none.status).toBe(409);
    expect(none.body.detail).toContain('has no carer contract');
    const worker = await signedIn(t.baseUrl, org.emails.worker);
    expect((await worker.get(`/staff/${org.staffIds.worker}/pay?from=2026-07-01&to=2026-07-31`)).status).toBe(
      403,
    );
  });
});
