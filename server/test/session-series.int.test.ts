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

const time = manualClock(Temporal.Instant.from('2026-10-01T00:00:00Z'));
let t: TestApp;
let org: SeededOrg;
let admin: Agent;
let coordinator: Agent;
let serviceTypeId: string;

async function newClient(givenName: string) {
  const res = await admin.post('/clients', { givenName, familyName: 'Roster', timeZone: 'Australia/Sydney' });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.id as string;
}

async function weeklyGroup(name: string, clients: string[], o: Record<string, unknown> = {}) {
  const res = await coordinator.post('/sessions', {
    category: 'group',
    name,
    bookingDate: '2026-10-06',
    startTime: '10:00',
    durationMinutes: 120,
    capacity: 8,
    clients: clients.map((clientId) => ({ clientId })),
    services: [{ source: 'adhoc', name: 'Group 1:4', hourlyRateMinor: 8_000, ratio: 4 }],
    serviceTypeIds: [serviceTypeId],
    recurrence: { rrule: 'FREQ=WEEKLY;BYDAY=TU', endDate: '2026-11-10' },
    ...o,
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return {
    seriesId: res.body.seriesId as string,
    ids: res.body.occurrences.map((x: { bookingId: string }) => x.bookingId) as string[],
  };
}

const statusOf = async (id: string) =>
  (await sql<{ status: string }>`SELECT status FROM bookings WHERE id = ${id}`.execute(t.db)).rows[0]
    ?.status ?? 'deleted';

beforeAll(async () => {
  t = await startTestApp({ clock: time.clock, invoiceWorker: false });
  org = await seedOrg(t.db, 'Series');
  admin = await signedIn(t.baseUrl, org.emails.administrator);
  coordinator = await signedIn(t.baseUrl, org.emails.coordinator);
  serviceTypeId = (await admin.post('/service-types', { name: 'Social', colour: '#336699' })).body.id;
});
afterAll(() => t.close());

describe('ending a recurring group', () => {
  it('removes the booked sessions after the end date and keeps the cancelled ones with their cancellation records', async () => {
    const [ada, bo] = [await newClient('Ada'), await newClient('Bo')];
    const { seriesId, ids } = await weeklyGroup('Tuesday craft', [ada, bo]);
    expect(ids).toHaveLength(6);
    // 27 October: the whole group cancelled; 3 November: Bo cancels (short notice, a charge may follow).
    expect(
      (await coordinator.post(`/sessions/${ids[3]}/cancel`, { reason: 'Hall unavailable' })).status,
    ).toBe(200);
    const nov3 = await coordinator.get(`/sessions/${ids[4]}`);
    const boPlace = nov3.body.clients.find((c: { clientId: string }) => c.clientId === bo).participantId;
    await coordinator.post(`/sessions/${ids[4]}/clients/${boPlace}/cancel`, {
      cancelledBy: 'client',
      notifiedAt: '2026-09-30T12:00:00+10:00',
      reasonCode: 'health',
    });
    await coordinator.post(`/sessions/${ids[4]}/cancel`, { reason: 'Nobody else could come' });

    const end = await coordinator.post(`/scheduled-services/${seriesId}/end`, { endDate: '2026-10-20' });
    expect(end.status, JSON.stringify(end.body)).toBe(200);
    expect(
      end.body.occurrences.map((o: { bookingId: string; result: string; reason?: string }) => [
        ids.indexOf(o.bookingId),
        o.result,
        o.reason ?? null,
      ]),
    ).toEqual([
      [3, 'kept', 'cancelled'],
      [4, 'kept', 'cancelled'],
      [5, 'done', null],
    ]);
    expect(await Promise.all(ids.map(statusOf))).toEqual([
      'booked',
      'booked',
      'booked',
      'cancelled',
      'cancelled',
      'deleted',
    ]);
    const kept = await coordinator.get(`/sessions/${ids[4]}`);
    expect(kept.body.clients.find((c: { clientId: string }) => c.clientId === bo)).toMatchObject({
      status: 'cancelled',
      cancellation: { cancelledBy: 'client', reasonCode: 'health' },
    });
  });
});

describe("a recurring group's roster", () => {
  it('is shown with names and dates, and someone leaves from a date onward: earlier, completed and cancelled sessions keep them', async () => {
    const [lead, cy, di] = [await newClient('Lee'), await newClient('Cy'), await newClient('Di')];
    const { seriesId, ids } = await weeklyGroup('Tuesday walk', [lead, cy, di]);
    const roster = await coordinator.get(`/scheduled-services/${seriesId}/roster`);
    expect(roster.status).toBe(200);
    expect(
      roster.body.items.map(
        (e: { type: string; name: string; fromDate: string; untilDate: string | null }) => [
          e.type,
          e.name,
          e.fromDate,
          e.untilDate,
        ],
      ),
    ).toEqual([
      ['client', 'Cy Roster', '2026-10-06', null],
      ['client', 'Di Roster', '2026-10-06', null],
    ]);
    const cyEntry = roster.body.items[0].id as string;
    // 20 October: Cy cancels (a record to keep); 27 October: the group is cancelled.
    const oct20 = await coordinator.get(`/sessions/${ids[2]}`);
    const cyPlace = oct20.body.clients.find((c: { clientId: string }) => c.clientId === cy).participantId;
    await coordinator.post(`/sessions/${ids[2]}/clients/${cyPlace}/cancel`, {
      cancelledBy: 'representative',
      notifiedAt: '2026-09-30T12:00:00+10:00',
      reasonCode: 'family',
    });
    await coordinator.post(`/sessions/${ids[3]}/cancel`, { reason: 'Storm warning' });

    const bad = await coordinator.post(`/scheduled-services/${seriesId}/roster/${cyEntry}/remove`, {
      fromDate: '20/10/2026',
    });
    expect(bad.status).toBe(422);
    expect(bad.body.errors[0].field).toBe('fromDate');
    const unknown = await coordinator.post(`/scheduled-services/${seriesId}/roster/${seriesId}/remove`, {
      fromDate: '2026-10-13',
    });
    expect(unknown.status).toBe(404);

    const removed = await coordinator.post(`/scheduled-services/${seriesId}/roster/${cyEntry}/remove`, {
      fromDate: '2026-10-13',
    });
    expect(removed.status, JSON.stringify(removed.body)).toBe(200);
    expect(removed.body.items[0]).toMatchObject({
      name: 'Cy Roster',
      fromDate: '2026-10-06',
      untilDate: '2026-10-12',
    });
    // Off 13 October and 3 and 10 November; 6 October (before), 20 October (her cancellation) and 27 October
    // (cancelled) are left as they were.
    expect(removed.body.sessionIds.map((id: string) => ids.indexOf(id))).toEqual([1, 4, 5]);
    const cyOn = async (id: string) =>
      ((await coordinator.get(`/sessions/${id}`)).body.clients as { clientId: string; status: string }[])
        .filter((c) => c.clientId === cy)
        .map((c) => c.status)
        .join(',') || 'absent';
    expect(await Promise.all(ids.map(cyOn))).toEqual([
      'booked',
      'absent',
      'cancelled',
      'cancelled',
      'absent',
      'absent',
    ]);
    const audit = await sql<{ n: number }>`SELECT count(*)::int AS n FROM audit_events
      WHERE entity_type = 'scheduled_service' AND entity_id = ${seriesId} AND after ? 'removed'`.execute(
      t.db,
    );
    expect(audit.rows[0]!.n).toBe(1);

    // Sessions the series makes later leave her out; she can re-join from a later date.
    const rejoin = await coordinator.post(`/sessions/${ids[5]}/clients`, {
      clientId: cy,
      scope: 'following',
    });
    expect(rejoin.status, JSON.stringify(rejoin.body)).toBe(201);
    const after = await coordinator.get(`/scheduled-services/${seriesId}/roster`);
    expect(after.body.items.find((e: { name: string }) => e.name === 'Cy Roster')).toMatchObject({
      fromDate: '2026-11-10',
      untilDate: null,
    });
  });
});
