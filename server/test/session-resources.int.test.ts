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

async function newClient(givenName: string) {
  const res = await admin.post('/clients', { givenName, familyName: 'Rider', timeZone: 'Australia/Sydney' });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.id as string;
}

const outing = (clientId: string, o: Record<string, unknown> = {}) => ({
  category: 'group',
  name: 'Beach outing',
  bookingDate: '2026-10-12',
  startTime: '09:00',
  durationMinutes: 180,
  capacity: 6,
  clients: [{ clientId }],
  workers: [],
  services: [{ source: 'adhoc', name: 'Community access 1:3', hourlyRateMinor: 9_000, ratio: 3 }],
  ...o,
});

beforeAll(async () => {
  t = await startTestApp({ clock: time.clock, invoiceWorker: false });
  org = await seedOrg(t.db, 'Resources');
  admin = await signedIn(t.baseUrl, org.emails.administrator);
  coordinator = await signedIn(t.baseUrl, org.emails.coordinator);
});
afterAll(() => t.close());

describe('resources', () => {
  it('adds rooms, vehicles and equipment, lists them by kind, and takes one out of use', async () => {
    const van = await admin.post('/resources', { kind: 'vehicle', name: 'Wheelchair van' });
    expect(van.status, JSON.stringify(van.body)).toBe(201);
    expect(van.body).toMatchObject({ kind: 'vehicle', name: 'Wheelchair van', parentId: null, active: true });
    const room = await admin.post('/resources', { kind: 'room', name: 'Art room' });
    const hoist = await admin.post('/resources', {
      kind: 'equipment',
      name: 'Portable hoist',
      parentId: room.body.id,
    });
    expect(hoist.body.parentId).toBe(room.body.id);

    const all = await coordinator.get('/resources');
    expect(all.body.items.map((r: { name: string }) => r.name)).toEqual([
      'Art room',
      'Portable hoist',
      'Wheelchair van',
    ]);
    const vehicles = await coordinator.get('/resources?kind=vehicle');
    expect(vehicles.body.items.map((r: { name: string }) => r.name)).toEqual(['Wheelchair van']);

    const bad = await admin.post('/resources', { kind: 'bed', name: '' });
    expect(bad.status).toBe(422);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['kind', 'name']);
    const badParent = await admin.post('/resources', { kind: 'room', name: 'Nook', parentId: van.body.id });
    expect(badParent.status).toBe(422);
    expect(badParent.body.errors).toEqual([
      { field: 'parentId', reason: 'must be a site or room of this organisation' },
    ]);

    const retired = await admin.patch(`/resources/${hoist.body.id}`, { active: false });
    expect(retired.status).toBe(200);
    expect(retired.body.active).toBe(false);
    expect((await coordinator.get('/resources')).body.items).toHaveLength(2);
    expect((await coordinator.get('/resources?includeInactive=true')).body.items).toHaveLength(3);
    const refused = await coordinator.post(
      '/sessions',
      outing(await newClient('Ida'), { resources: [{ resourceId: hoist.body.id }] }),
    );
    expect(refused.status).toBe(422);
    expect(refused.body.errors).toEqual([
      { field: 'resources.0.resourceId', reason: 'is not an active resource of this organisation' },
    ]);
    const audit = await sql<{ action: string }>`SELECT action FROM audit_events
      WHERE entity_type = 'resource' AND entity_id = ${hoist.body.id} ORDER BY occurred_at, id`.execute(t.db);
    expect(audit.rows.map((r) => r.action)).toEqual(['create', 'update']);
  });

  it('lets exactly one of 12 concurrent sessions book one vehicle for overlapping times, naming the winner to the rest', async () => {
    const bus = (await admin.post('/resources', { kind: 'vehicle', name: 'Minibus' })).body.id as string;
    const clients = await Promise.all(Array.from({ length: 12 }, (_, i) => newClient(`Racer${i}`)));
    const results = await Promise.all(
      clients.map((clientId, i) =>
        coordinator.post(
          '/sessions',
          outing(clientId, {
            startTime: `09:${String(i).padStart(2, '0')}`,
            resources: [{ resourceId: bus }],
          }),
        ),
      ),
    );
    const won = results.filter((r) => r.status === 201);
    const lost = results.filter((r) => r.status !== 201);
    expect(won).toHaveLength(1);
    expect(lost.map((r) => r.status)).toEqual(Array(11).fill(409));
    const winner = won[0]!.body.session;
    expect(winner.resources).toMatchObject([{ resourceId: bus, name: 'Minibus', status: 'booked' }]);
    for (const r of lost) {
      expect(r.body.detail).toMatch(/^Minibus is already booked for "Beach outing", 2026-10-12 09:/);
      expect(r.body.conflictingBookingId).toBe(winner.id);
    }
    const held = await sql<{ n: number }>`SELECT count(*)::int AS n FROM booking_participants
      WHERE resource_id = ${bus}`.execute(t.db);
    expect(held.rows[0]!.n).toBe(1);
  });

  it('books a resource for an existing session, refusing one already booked then', async () => {
    const room = (await admin.post('/resources', { kind: 'room', name: 'Quiet room' })).body.id as string;
    const first = await coordinator.post(
      '/sessions',
      outing(await newClient('Jo'), { bookingDate: '2026-10-13', resources: [{ resourceId: room }] }),
    );
    expect(first.status).toBe(201);
    const later = await coordinator.post(
      '/sessions',
      outing(await newClient('Kit'), { bookingDate: '2026-10-13', startTime: '13:00' }),
    );
    const added = await coordinator.post(`/sessions/${later.body.session.id}/resources`, {
      resourceId: room,
    });
    expect(added.status, JSON.stringify(added.body)).toBe(201);
    expect(added.body.resources).toMatchObject([{ name: 'Quiet room', status: 'booked' }]);

    const clash = await coordinator.post(
      '/sessions',
      outing(await newClient('Lou'), { bookingDate: '2026-10-13', startTime: '10:00' }),
    );
    const refused = await coordinator.post(`/sessions/${clash.body.session.id}/resources`, {
      resourceId: room,
    });
    expect(refused.status).toBe(409);
    expect(refused.body.detail).toBe(
      'Quiet room is already booked for "Beach outing", 2026-10-13 09:00–12:00 (Australia/Sydney)',
    );
    expect((await coordinator.get(`/sessions/${clash.body.session.id}`)).body.resources).toEqual([]);
  });
});

describe('a recurring group whose second worker is taken on one of its dates', () => {
  it('reports that date naming the second worker (not the lead) and writes the others', async () => {
    const lead = org.staffIds.worker;
    const second = (
      await admin.post('/staff', {
        givenName: 'Noor',
        familyName: 'Second',
        email: 'noor.second@example.org',
        timeZone: 'Australia/Sydney',
        deliversServices: true,
        active: true,
        roleIds: [],
      })
    ).body.id as string;
    const holder = await coordinator.post(
      '/sessions',
      outing(await newClient('Holder'), {
        bookingDate: '2026-12-08',
        startTime: '10:30',
        durationMinutes: 60,
        workers: [{ staffId: second }],
      }),
    );
    expect(holder.status, JSON.stringify(holder.body)).toBe(201);
    const created = await coordinator.post(
      '/sessions',
      outing(await newClient('Tess'), {
        name: 'Tuesday swim',
        serviceTypeIds: [
          (await admin.post('/service-types', { name: 'Swimming', colour: '#226655' })).body.id as string,
        ],
        bookingDate: '2026-12-01',
        startTime: '10:00',
        durationMinutes: 120,
        workers: [{ staffId: lead }, { staffId: second }],
        recurrence: { rrule: 'FREQ=WEEKLY;BYDAY=TU', endDate: '2026-12-15' },
      }),
    );
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const byDate = Object.fromEntries(
      (created.body.occurrences as { localDate: string }[]).map((o) => [o.localDate, o]),
    );
    expect(byDate['2026-12-08']).toMatchObject({
      result: 'conflict',
      bookingId: null,
      reason: 'Noor Second is already booked for "Beach outing"',
      conflictingBookingId: holder.body.session.id,
    });
    expect(byDate['2026-12-01']).toMatchObject({ result: 'done' });
    expect(byDate['2026-12-15']).toMatchObject({ result: 'done' });
  });
});

describe('a recurring session with a resource taken on some of its dates', () => {
  it('writes the free dates, reports each clashing one naming the resource and the booking, and a series edit keeps it so', async () => {
    const van = (await admin.post('/resources', { kind: 'vehicle', name: 'Access van' })).body.id as string;
    const tag = (await admin.post('/service-types', { name: 'Outings', colour: '#225588' })).body
      .id as string;
    // Another group holds the van on two of the Tuesdays, overlapping the series' 10:00-12:00.
    const holders: Record<string, string> = {};
    for (const date of ['2026-10-20', '2026-11-03']) {
      const res = await coordinator.post(
        '/sessions',
        outing(await newClient(`Holder${date.slice(5, 7)}${date.slice(8)}`), {
          bookingDate: date,
          resources: [{ resourceId: van }],
        }),
      );
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      holders[date] = res.body.session.id;
    }
    const created = await coordinator.post(
      '/sessions',
      outing(await newClient('Sam'), {
        name: 'Tuesday drive',
        bookingDate: '2026-10-06',
        startTime: '10:00',
        durationMinutes: 120,
        resources: [{ resourceId: van }],
        serviceTypeIds: [tag],
        recurrence: { rrule: 'FREQ=WEEKLY;BYDAY=TU', endDate: '2026-11-10' },
      }),
    );
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const seriesId = created.body.seriesId as string;
    type Outcome = { localDate: string; result: string; bookingId: string | null; reason?: string };
    const byDate = (list: Outcome[]) => Object.fromEntries(list.map((o) => [o.localDate, o]));
    const first = byDate(created.body.occurrences);
    expect(Object.keys(first).sort()).toEqual([
      '2026-10-06',
      '2026-10-13',
      '2026-10-20',
      '2026-10-27',
      '2026-11-03',
      '2026-11-10',
    ]);
    for (const date of ['2026-10-20', '2026-11-03'])
      expect(first[date]).toMatchObject({
        result: 'conflict',
        bookingId: null,
        reason: 'Access van is already booked for "Beach outing"',
        conflictingBookingId: holders[date],
      });
    const written = ['2026-10-06', '2026-10-13', '2026-10-27', '2026-11-10'];
    for (const date of written) expect(first[date]).toMatchObject({ result: 'done' });

    const held = async () =>
      (
        await sql<{
          date: string;
          booking: string;
        }>`SELECT to_char(lower(p.period) AT TIME ZONE 'Australia/Sydney',
            'YYYY-MM-DD') AS date, b.name AS booking
          FROM booking_participants p JOIN bookings b ON b.id = p.booking_id
          WHERE p.resource_id = ${van} AND p.status IN ('booked', 'attended') ORDER BY 1, 2`.execute(t.db)
      ).rows.map((r) => `${r.date} ${r.booking}`);
    const expected = [
      '2026-10-06 Tuesday drive',
      '2026-10-13 Tuesday drive',
      '2026-10-20 Beach outing',
      '2026-10-27 Tuesday drive',
      '2026-11-03 Beach outing',
      '2026-11-10 Tuesday drive',
    ];
    expect(await held()).toEqual(expected);
    const session = await coordinator.get(`/sessions/${first['2026-10-13']!.bookingId}`);
    expect(session.body.resources).toMatchObject([{ resourceId: van, name: 'Access van', status: 'booked' }]);

    // Moving the whole series half an hour: the written dates move with the van; the two taken dates are
    // reported again, by name, and still not written over the other group's van.
    const edit = await coordinator.patch(`/scheduled-services/${seriesId}`, {
      scope: 'series',
      changes: { startTime: '10:30' },
    });
    expect(edit.status, JSON.stringify(edit.body)).toBe(200);
    const edited = byDate(edit.body.occurrences);
    for (const date of ['2026-10-20', '2026-11-03'])
      expect(edited[date]).toMatchObject({
        result: 'conflict',
        reason: 'Access van is already booked for "Beach outing"',
        conflictingBookingId: holders[date],
      });
    for (const date of written) expect(edited[date]?.result, date).not.toBe('conflict');
    expect(await held()).toEqual(expected);
    const list = await coordinator.get('/sessions?from=2026-10-05&to=2026-11-15');
    const mine = (list.body.items as { seriesId: string; startsAt: string }[]).filter(
      (i) => i.seriesId === seriesId,
    );
    expect(mine.map((i) => i.startsAt.slice(0, 16))).toEqual(written.map((d) => `${d}T10:30`));

    // Once the other group gives the van up on 3 November, the next edit books that date too.
    const freed = await coordinator.post(`/sessions/${holders['2026-11-03']}/cancel`, { reason: 'Rain' });
    expect(freed.status, JSON.stringify(freed.body)).toBe(200);
    const again = await coordinator.patch(`/scheduled-services/${seriesId}`, {
      scope: 'series',
      changes: { startTime: '10:00' },
    });
    expect(again.status, JSON.stringify(again.body)).toBe(200);
    const third = byDate(again.body.occurrences);
    expect(third['2026-11-03']).toMatchObject({ result: 'done' });
    expect(third['2026-10-20']).toMatchObject({
      result: 'conflict',
      conflictingBookingId: holders['2026-10-20'],
    });
    expect(await held()).toEqual(
      expected.map((e) => (e === '2026-11-03 Beach outing' ? '2026-11-03 Tuesday drive' : e)),
    );
  });
});

describe("a client's location band", () => {
  it('is set and cleared on the client, refused outside 1-7, and gives a completion its travel area', async () => {
    const clientId = await newClient('Mo');
    expect((await coordinator.get(`/clients/${clientId}`)).body.mmmBand).toBeNull();
    const bad = await admin.patch(`/clients/${clientId}`, { mmmBand: 8 });
    expect(bad.status).toBe(422);
    expect(bad.body.errors).toEqual([
      { field: 'mmmBand', reason: 'must be from 1 (metropolitan) to 7 (very remote)' },
    ]);
    const set = await admin.patch(`/clients/${clientId}`, { mmmBand: 6 });
    expect(set.status, JSON.stringify(set.body)).toBe(200);
    expect(set.body.mmmBand).toBe(6);

    const created = await coordinator.post(
      '/sessions',
      outing(clientId, { bookingDate: '2026-10-20', workers: [{ staffId: org.staffIds.worker }] }),
    );
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const s = created.body.session;
    const form = {
      workers: [
        {
          participantId: s.workers[0].participantId,
          actualStart: '2026-10-20T09:00:00+11:00',
          actualEnd: '2026-10-20T12:00:00+11:00',
          travel: [{ leg: 'to', minutes: 90, km: 0, vehicle: 'own' }],
        },
      ],
    };
    const remote = await coordinator.post(`/sessions/${s.id}/completion-preview`, form);
    expect(remote.status, JSON.stringify(remote.body)).toBe(200);
    expect(remote.body).toMatchObject({ travelArea: 'remote', travelCapMinutes: null });

    await admin.patch(`/clients/${clientId}`, { mmmBand: 2 });
    const metro = await coordinator.post(`/sessions/${s.id}/completion-preview`, form);
    expect(metro.body).toMatchObject({ travelArea: 'metro', travelCapMinutes: 30 });

    const cleared = await admin.patch(`/clients/${clientId}`, { mmmBand: null });
    expect(cleared.body.mmmBand).toBeNull();
    const none = await coordinator.post(`/sessions/${s.id}/completion-preview`, form);
    expect(none.status).toBe(422);
    expect(none.body.errors).toEqual([
      { field: 'travelArea', reason: 'is required: the lead client has no location band (MMM 1-7) recorded' },
    ]);
  });
});
