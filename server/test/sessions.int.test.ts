import { sql } from 'kysely';
import { Temporal } from 'temporal-polyfill';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withTenant } from '../src/platform/db/database.js';
import { listSessions } from '../src/sessions/read-sessions.action.js';
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
let finance: Agent;
let typeId: string;
let serviceTypeId: string;
let workerB: string;
let vehicle: string;

async function newClient(givenName: string, familyName = 'Session') {
  const res = await admin.post('/clients', { givenName, familyName, timeZone: 'Australia/Sydney' });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.id as string;
}

async function newStaff(givenName: string) {
  const res = await admin.post('/staff', {
    givenName,
    familyName: 'Worker',
    email: `${givenName.toLowerCase()}@sessions.example.org`,
    timeZone: 'Australia/Sydney',
    deliversServices: true,
    roleIds: [],
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.id as string;
}

async function contractOf(clientId: string) {
  const res = await finance.post(`/clients/${clientId}/contracts`, {
    contractTypeId: typeId,
    name: 'Group support',
    startDate: '2026-01-01',
    optionSets: [],
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.id as string;
}

const group = (o: Record<string, unknown> & { clients: { clientId: string }[] }) => ({
  category: 'group',
  name: 'Art group',
  bookingDate: '2026-10-05',
  startTime: '10:00',
  durationMinutes: 120,
  capacity: 8,
  workers: [{ staffId: org.staffIds.worker }],
  services: [{ source: 'adhoc', name: 'Group art 1:4', hourlyRateMinor: 12_000, ratio: 4 }],
  ...o,
});

const count = async (table: string, bookingId: string) =>
  (
    await sql<{
      n: number;
    }>`SELECT count(*)::int AS n FROM ${sql.table(table)} WHERE booking_id = ${bookingId}`.execute(t.db)
  ).rows[0]!.n;

beforeAll(async () => {
  t = await startTestApp({ clock: time.clock, invoiceWorker: false });
  org = await seedOrg(t.db, 'Sessions');
  admin = await signedIn(t.baseUrl, org.emails.administrator);
  coordinator = await signedIn(t.baseUrl, org.emails.coordinator);
  finance = await signedIn(t.baseUrl, org.emails.finance);
  typeId = (
    await finance.post('/contract-types', {
      name: 'Group rate',
      category: 'private',
      optionSets: [
        { effectiveFrom: '2026-01-01', options: { hourlyRate: 6000, enableTravelPayments: true } },
      ],
    })
  ).body.id;
  serviceTypeId = (await admin.post('/service-types', { name: 'Community access', colour: '#336699' })).body
    .id;
  workerB = await newStaff('Bea');
  vehicle = (
    await sql<{ id: string }>`INSERT INTO resources (organisation_id, kind, name)
      VALUES (${org.id}, 'vehicle', 'Minibus') RETURNING id`.execute(t.db)
  ).rows[0]!.id;
});
afterAll(() => t.close());

describe('creating sessions', () => {
  it('creates a group with four clients, two workers, a vehicle, contract and ad hoc services and a tag', async () => {
    const clients = [
      await newClient('Ava'),
      await newClient('Ben'),
      await newClient('Cal'),
      await newClient('Dee'),
    ];
    const contract = await contractOf(clients[0]!);
    const res = await coordinator.post(
      '/sessions',
      group({
        clients: clients.map((clientId, i) => ({ clientId, ...(i === 0 ? { contractId: contract } : {}) })),
        workers: [{ staffId: org.staffIds.worker }, { staffId: workerB, role: 'support' }],
        resources: [{ resourceId: vehicle }],
        services: [
          {
            source: 'contract',
            contractId: contract,
            name: 'Community access 1:4',
            ratio: 4,
            supportItem: '04_104_0125_6_1',
          },
          { source: 'adhoc', name: 'Centre capital cost', hourlyRateMinor: 259, ratio: 1 },
        ],
        serviceTypeIds: [serviceTypeId],
      }),
    );
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const s = res.body.session;
    expect(s).toMatchObject({ category: 'group', capacity: 8, placesTaken: 4, status: 'booked' });
    expect(s.clients.map((c: { name: string }) => c.name)).toEqual([
      'Ava Session',
      'Ben Session',
      'Cal Session',
      'Dee Session',
    ]);
    expect(s.clients[0]).toMatchObject({ lead: true, contractId: contract });
    expect(s.workers.map((w: { lead: boolean; role: string | null }) => [w.lead, w.role])).toEqual([
      [true, null],
      [false, 'support'],
    ]);
    expect(s.resources).toMatchObject([{ resourceId: vehicle, name: 'Minibus' }]);
    expect(s.services.map((x: { primary: boolean; ratio: number }) => [x.primary, x.ratio])).toEqual([
      [true, 4],
      [false, 1],
    ]);
    expect(s.serviceTypes).toMatchObject([{ id: serviceTypeId, name: 'Community access' }]);
    const list = await coordinator.get(`/sessions?from=2026-10-05&to=2026-10-05&category=group`);
    expect(list.status).toBe(200);
    expect(list.body.items.find((i: { id: string }) => i.id === s.id)).toMatchObject({
      placesTaken: 4,
      capacity: 8,
      serviceTypeIds: [serviceTypeId],
    });
  });

  it('refuses bad shapes field by field and writes nothing', async () => {
    const a = await newClient('Eve');
    const b = await newClient('Fay');
    const before = (await sql<{ n: number }>`SELECT count(*)::int AS n FROM bookings`.execute(t.db)).rows[0]!
      .n;
    const visit = await coordinator.post('/sessions', {
      ...group({ clients: [{ clientId: a }, { clientId: b }] }),
      category: 'visit',
      capacity: null,
    });
    expect(visit.status).toBe(422);
    expect(visit.body.errors).toContainEqual({
      field: 'clients',
      reason: 'must name one client for an individual appointment; make it a group',
    });
    const over = await coordinator.post(
      '/sessions',
      group({ clients: [{ clientId: a }, { clientId: b }], capacity: 1 }),
    );
    expect(over.status).toBe(422);
    expect(over.body.errors[0].field).toBe('clients');
    const foreign = await coordinator.post(
      '/sessions',
      group({
        clients: [{ clientId: a }],
        services: [{ source: 'contract', contractId: await contractOf(b), name: 'Not hers', ratio: 1 }],
      }),
    );
    expect(foreign.status).toBe(422);
    expect(foreign.body.errors).toContainEqual({
      field: 'services.0.contractId',
      reason: "is not a contract of the session's client",
    });
    expect((await sql<{ n: number }>`SELECT count(*)::int AS n FROM bookings`.execute(t.db)).rows[0]!.n).toBe(
      before,
    );
  });

  it('refuses a worker booked elsewhere with 409 naming that session, and writes nothing', async () => {
    const a = await newClient('Gus');
    const first = await coordinator.post(
      '/sessions',
      group({ clients: [{ clientId: a }], bookingDate: '2026-10-07', workers: [{ staffId: workerB }] }),
    );
    expect(first.status).toBe(201);
    const b = await newClient('Hal');
    const before = (await sql<{ n: number }>`SELECT count(*)::int AS n FROM bookings`.execute(t.db)).rows[0]!
      .n;
    const clash = await coordinator.post(
      '/sessions',
      group({
        clients: [{ clientId: b }],
        bookingDate: '2026-10-07',
        startTime: '11:00',
        workers: [{ staffId: org.staffIds.worker }, { staffId: workerB }],
      }),
    );
    expect(clash.status).toBe(409);
    expect(clash.body.detail).toContain('"Art group", 2026-10-07 10:00–12:00');
    expect(clash.body.conflictingBookingId).toBe(first.body.session.id);
    expect((await sql<{ n: number }>`SELECT count(*)::int AS n FROM bookings`.execute(t.db)).rows[0]!.n).toBe(
      before,
    );
  });
});

describe('capacity', () => {
  it('gives exactly 8 places to 64 concurrent adds to an 8-seat group, refusing the rest with a clear 409', async () => {
    const lead = await newClient('Lead', 'Race');
    const created = await coordinator.post(
      '/sessions',
      group({ clients: [{ clientId: lead }], bookingDate: '2026-10-09', workers: [] }),
    );
    expect(created.status).toBe(201);
    const id = created.body.session.id as string;
    const racers: string[] = [];
    for (let i = 0; i < 64; i++) racers.push(await newClient(`R${i}`, 'Race'));
    const results = await Promise.all(
      racers.map((clientId) => coordinator.post(`/sessions/${id}/clients`, { clientId })),
    );
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(7);
    expect(statuses.filter((s) => s === 409)).toHaveLength(57);
    const refusal = results.find((r) => r.status === 409)!;
    expect(refusal.body.detail).toBe('This session is full (8 of 8 places taken)');
    expect(refusal.body).toMatchObject({ capacity: 8, taken: 8 });
    expect(await count('client_deliveries', id)).toBe(8);
    const session = await coordinator.get(`/sessions/${id}`);
    expect(session.body.placesTaken).toBe(8);
    // The database holds it too: a ninth place written behind the action's back is refused by the trigger.
    await expect(
      sql`INSERT INTO booking_participants (organisation_id, booking_id, participant_type, client_id)
          VALUES (${org.id}, ${id}, 'client', ${racers.find((r) => !session.body.clients.some((c: { clientId: string }) => c.clientId === r))})`.execute(
        t.db,
      ),
    ).rejects.toThrow(/is full/);
  });
});

describe('cancelling and deleting', () => {
  it("cancels one client's attendance with who, when the provider was told and why; the group goes ahead", async () => {
    const [a, b] = [await newClient('Ivy'), await newClient('Jo')];
    const s = (
      await coordinator.post(
        '/sessions',
        group({ clients: [{ clientId: a }, { clientId: b }], bookingDate: '2026-10-12' }),
      )
    ).body.session;
    const jo = s.clients[1].participantId;
    const future = await coordinator.post(`/sessions/${s.id}/clients/${jo}/cancel`, {
      cancelledBy: 'client',
      notifiedAt: '2026-10-02T09:00:00+10:00',
      reasonCode: 'health',
    });
    expect(future.status).toBe(422);
    expect(future.body.errors).toEqual([{ field: 'notifiedAt', reason: 'must not be in the future' }]);
    const res = await coordinator.post(`/sessions/${s.id}/clients/${jo}/cancel`, {
      cancelledBy: 'representative',
      cancelledByName: 'Jo’s mother',
      notifiedAt: '2026-09-30T18:30:00+10:00',
      reasonCode: 'health',
      note: 'Flu',
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ status: 'booked', placesTaken: 1 });
    expect(res.body.clients[1]).toMatchObject({
      status: 'cancelled',
      cancellation: {
        cancelledBy: 'representative',
        cancelledByName: 'Jo’s mother',
        notifiedAt: '2026-09-30T08:30:00Z',
        reasonCode: 'health',
        note: 'Flu',
        recordedAt: '2026-10-01T00:00:00Z',
        // Told 18:30 on 30 Sep for a 10:00 start on 12 Oct (Sydney, +11 from 4 Oct).
        noticeHours: 278,
      },
    });
    expect(
      (
        await coordinator.post(`/sessions/${s.id}/clients/${jo}/cancel`, {
          cancelledBy: 'client',
          notifiedAt: '2026-09-30T18:30:00+10:00',
          reasonCode: 'health',
        })
      ).status,
    ).toBe(409);
    const whole = await coordinator.post(`/sessions/${s.id}/cancel`, { reason: 'Venue flooded' });
    expect(whole.body).toMatchObject({ status: 'cancelled', cancellationReason: 'Venue flooded' });
    expect(whole.body.clients.every((c: { status: string }) => c.status === 'cancelled')).toBe(true);
    // A cancelled session is a record: it cannot be deleted.
    const del = await admin.delete(`/sessions/${s.id}`);
    expect(del.status).toBe(409);
    expect(del.body.detail).toBe('A cancelled session is a record and cannot be deleted');
  });

  it('deletes a booked session made by mistake, keeping the whole record in the audit', async () => {
    const a = await newClient('Kit');
    const s = (
      await coordinator.post('/sessions', group({ clients: [{ clientId: a }], bookingDate: '2026-10-13' }))
    ).body.session;
    expect((await admin.delete(`/sessions/${s.id}`)).status).toBe(204);
    expect((await coordinator.get(`/sessions/${s.id}`)).status).toBe(404);
    const audit = (
      await sql<{ before: { services: { name: string }[]; clients: { clientId: string }[] } }>`
        SELECT before FROM audit_events WHERE entity_id = ${s.id} AND action = 'delete'`.execute(t.db)
    ).rows[0]!;
    expect(audit.before.clients[0]!.clientId).toBe(a);
    expect(audit.before.services[0]!.name).toBe('Group art 1:4');
  });
});

describe('a recurring group', () => {
  it('keeps per-client changes: Ava cancels one date only, Ben joins from a later date; series edits keep both', async () => {
    const [ava, ben, cal, dee, eli] = [
      await newClient('Ava', 'Weekly'),
      await newClient('Ben', 'Weekly'),
      await newClient('Cal', 'Weekly'),
      await newClient('Dee', 'Weekly'),
      await newClient('Eli', 'Weekly'),
    ];
    const worker1 = await newStaff('Dan');
    const worker2 = await newStaff('Cam');
    const res = await coordinator.post(
      '/sessions',
      group({
        name: 'Tuesday social',
        bookingDate: '2026-10-06',
        startTime: '13:00',
        clients: [ava, cal, dee, eli].map((clientId) => ({ clientId })),
        workers: [{ staffId: worker1 }, { staffId: worker2 }],
        serviceTypeIds: [serviceTypeId],
        recurrence: { rrule: 'FREQ=WEEKLY;BYDAY=TU', endDate: '2026-11-10' },
      }),
    );
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const seriesId = res.body.seriesId as string;
    expect(res.body.occurrences).toHaveLength(6);
    const dates = async () => {
      const list = await coordinator.get('/sessions?from=2026-10-05&to=2026-11-15');
      return (
        list.body.items as {
          id: string;
          seriesId: string;
          startsAt: string;
          clients: { name: string; status: string }[];
        }[]
      ).filter((i) => i.seriesId === seriesId);
    };
    let all = await dates();
    expect(all).toHaveLength(6);
    expect(all.every((s) => s.clients.length === 4)).toBe(true);
    // Ava cancels 20 October only.
    const oct20 = await coordinator.get(`/sessions/${all[2]!.id}`);
    expect(oct20.body.bookingDate).toBe('2026-10-20');
    const avaPlace = oct20.body.clients.find((c: { clientId: string }) => c.clientId === ava).participantId;
    expect(
      (
        await coordinator.post(`/sessions/${oct20.body.id}/clients/${avaPlace}/cancel`, {
          cancelledBy: 'client',
          notifiedAt: '2026-09-30T12:00:00+10:00',
          reasonCode: 'family',
        })
      ).status,
    ).toBe(200);
    // Ben joins from 3 November: this and the following sessions, and the series' roster.
    const nov3 = all[4]!;
    const join = await coordinator.post(`/sessions/${nov3.id}/clients`, {
      clientId: ben,
      scope: 'following',
    });
    expect(join.status, JSON.stringify(join.body)).toBe(201);
    // The whole series moves to 14:00: per-client changes stay where they were made.
    const edit = await coordinator.patch(`/scheduled-services/${seriesId}`, {
      scope: 'series',
      changes: { startTime: '14:00' },
    });
    expect(edit.status, JSON.stringify(edit.body)).toBe(200);
    all = await dates();
    expect(all).toHaveLength(6);
    const names = (s: (typeof all)[number]) =>
      s.clients
        .map((c) => `${c.name.split(' ')[0]}:${c.status}`)
        .sort()
        .join(' ');
    expect(names(all[0]!)).toBe('Ava:booked Cal:booked Dee:booked Eli:booked');
    expect(names(all[2]!)).toBe('Ava:cancelled Cal:booked Dee:booked Eli:booked');
    for (const s of all.slice(4))
      expect(names(s)).toBe('Ava:booked Ben:booked Cal:booked Dee:booked Eli:booked');
    expect(all.every((s) => s.startsAt.slice(11, 16) === '14:00')).toBe(true);
    // Sessions the series generates later (after the horizon moves) carry Ben too.
    const roster = await sql<{ n: number }>`SELECT count(*)::int AS n FROM series_participants
      WHERE series_id = ${seriesId} AND client_id = ${ben} AND from_date = '2026-11-03'`.execute(t.db);
    expect(roster.rows[0]!.n).toBe(1);
  });

  it('never touches a completed or cancelled session of the series when the series is edited', async () => {
    const a = await newClient('Uma', 'Series');
    const res = await coordinator.post(
      '/sessions',
      group({
        name: 'Thursday swim',
        bookingDate: '2026-10-08',
        startTime: '09:00',
        clients: [{ clientId: a }],
        workers: [{ staffId: workerB }],
        serviceTypeIds: [serviceTypeId],
        recurrence: { rrule: 'FREQ=WEEKLY;BYDAY=TH', endDate: '2026-10-29' },
      }),
    );
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const seriesId = res.body.seriesId as string;
    const ids = res.body.occurrences.map((o: { bookingId: string }) => o.bookingId) as string[];
    const done = await coordinator.post(`/sessions/${ids[0]}/complete`, { travelArea: 'metro' });
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    expect((await coordinator.post(`/sessions/${ids[1]}/cancel`, { reason: 'Pool closed' })).status).toBe(
      200,
    );
    const edit = await coordinator.patch(`/scheduled-services/${seriesId}`, {
      scope: 'series',
      changes: { startTime: '10:00' },
    });
    expect(edit.status, JSON.stringify(edit.body)).toBe(200);
    const [first, second, third] = await Promise.all(
      ids.slice(0, 3).map((id) => coordinator.get(`/sessions/${id}`)),
    );
    expect([first!.body.startTime, first!.body.status]).toEqual(['09:00', 'completed']);
    expect([second!.body.startTime, second!.body.status]).toEqual(['09:00', 'cancelled']);
    expect([third!.body.startTime, third!.body.status]).toEqual(['10:00', 'booked']);
  });
});

describe('completing a group', () => {
  it('previews and completes with apportionment, travel and transport; invoices once per client; pays each worker once; reset is refused once invoiced', async () => {
    const names = ['Pia', 'Quin', 'Rex', 'Sol'];
    const clients: string[] = [];
    for (const n of names) {
      const id = await newClient(n, 'Complete');
      await contractOf(id);
      clients.push(id);
    }
    const workerA = await newStaff('Ted');
    const workerC = await newStaff('Uli');
    for (const w of [workerA, workerC])
      expect(
        (
          await finance.put(`/staff/${w}/carer-contract`, {
            optionSets: [
              { effectiveFrom: '2026-01-01', options: { hourlyRate: 3000, billOnActualTimes: true } },
            ],
          })
        ).status,
      ).toBe(200);
    const lead = (await finance.get(`/clients/${clients[0]}/contracts`)).body.items[0].id as string;
    const created = await coordinator.post(
      '/sessions',
      group({
        name: 'Bowling',
        bookingDate: '2026-10-15',
        startTime: '10:00',
        durationMinutes: 100,
        clients: clients.map((clientId) => ({ clientId })),
        workers: [{ staffId: workerA }, { staffId: workerC }],
        services: [{ source: 'contract', contractId: lead, name: 'Community access 1:3', ratio: 3 }],
      }),
    );
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const s = created.body.session;
    const [pia, quin, rex, sol] = s.clients.map(
      (c: { participantId: string }) => c.participantId,
    ) as string[];
    const [wa, wc] = s.workers.map((w: { participantId: string }) => w.participantId) as string[];
    await coordinator.post(`/sessions/${s.id}/clients/${sol}/cancel`, {
      cancelledBy: 'client',
      notifiedAt: '2026-09-30T09:00:00+10:00',
      reasonCode: 'transport',
    });
    const form = {
      travelArea: 'metro',
      workers: [
        {
          participantId: wa,
          actualStart: '2026-10-15T10:00:00+11:00',
          actualEnd: '2026-10-15T11:40:00+11:00',
          travel: [{ leg: 'to', minutes: 40, km: 12.5, vehicle: 'own', parkingMinor: 600 }],
        },
        {
          participantId: wc,
          actualStart: '2026-10-15T10:10:00+11:00',
          actualEnd: '2026-10-15T11:40:00+11:00',
        },
      ],
      transport: [
        {
          workerParticipantId: wc,
          km: 20,
          minutes: 30,
          clientParticipantIds: [pia, quin],
          vehicleType: 'modified',
          tollsMinor: 350,
        },
      ],
      cancelledCharges: [{ participantId: sol, portionBasisPoints: 5000 }],
    };
    const before = await count('delivered_services', s.id);
    const preview = await coordinator.post(`/sessions/${s.id}/completion-preview`, form);
    expect(preview.status, JSON.stringify(preview.body)).toBe(200);
    expect(await count('delivered_services', s.id)).toBe(before);
    const p = preview.body;
    // 100 min at $60.00/h = $100.00; 1:3 with three attending: exactly the whole service, split to the cent.
    expect(p.primaryService).toMatchObject({ totalMinor: 10_000, ratio: 3, hourlyRateMinor: 6000 });
    expect(p.roundingRule).toMatch(/^largest remainder/);
    const service = (c: { lines: { kind: string; amountMinor: number }[] }) =>
      c.lines.filter((l) => l.kind === 'service').map((l) => l.amountMinor);
    expect(p.clients.map(service)).toEqual([[3334], [3333], [3333]]);
    expect(p.clients.flatMap(service).reduce((a: number, b: number) => a + b, 0)).toBe(10_000);
    const amounts = (c: { lines: { kind: string; amountMinor: number; unit: string }[] }, kind: string) =>
      c.lines.filter((l) => l.kind === kind).map((l) => `${l.unit}:${l.amountMinor}`);
    // Travel 40 min at $60/h = $40.00, 12.5 km at 99c = $12.38, parking $6.00: shared by three.
    expect(p.clients.map((c: never) => amounts(c, 'travel'))).toEqual([
      ['minutes:1334', 'km:413'],
      ['minutes:1333', 'km:413'],
      ['minutes:1333', 'km:412'],
    ]);
    // Transport: 20 km modified at $2.76 = $55.20, 30 min = $30.00, tolls $3.50: shared by the two carried.
    expect(p.clients.map((c: never) => amounts(c, 'transport'))).toEqual([
      ['km:2760', 'minutes:1500'],
      ['km:2760', 'minutes:1500'],
      [],
    ]);
    expect(p.clients.map((c: never) => amounts(c, 'expense'))).toEqual([
      ['dollars:200', 'dollars:175'],
      ['dollars:200', 'dollars:175'],
      ['dollars:200'],
    ]);
    expect(p.clients[0].lines[0].explanation).toBe(
      '1/3 (1:3 ratio) of Community access 1:3: $100.00 for Standard rate $60.00/h × 1 h 40 min (contract "Group support") = $33.34',
    );
    expect(p.cancelledClients).toMatchObject([
      {
        participantId: sol,
        charged: true,
        portionBasisPoints: 5000,
        totalMinor: 5000,
        cancellation: { reasonCode: 'transport' },
      },
    ]);
    expect(p.workers.map((w: { minutes: number }) => w.minutes)).toEqual([100, 90]);

    // Refusals write nothing.
    const bad = await coordinator.post(`/sessions/${s.id}/complete`, {
      ...form,
      transport: [{ ...form.transport[0], clientParticipantIds: [sol] }],
    });
    expect(bad.status).toBe(422);
    expect(bad.body.errors).toEqual([
      { field: 'transport.0.clientParticipantIds.0', reason: 'is not a client attending this session' },
    ]);
    expect(await count('delivered_services', s.id)).toBe(0);

    // Edited portions: 50% / 25% / 25%.
    const edited = {
      ...form,
      apportionment: [
        { participantId: pia, portionBasisPoints: 5000 },
        { participantId: quin, portionBasisPoints: 2500 },
        { participantId: rex, portionBasisPoints: 2500 },
      ],
    };
    const done = await coordinator.post(`/sessions/${s.id}/complete`, edited);
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    expect(done.body.status).toBe('completed');
    expect(done.body.workers.map((w: { actualStart: string }) => w.actualStart)).toEqual([
      '2026-10-14T23:00:00Z',
      '2026-10-14T23:10:00Z',
    ]);
    const delivered = done.body.completion.delivered as {
      kind: string;
      clientParticipantId: string;
      amountMinor: number;
    }[];
    expect(delivered.filter((d) => d.kind === 'service').map((d) => d.amountMinor)).toEqual([
      5000, 2500, 2500,
    ]);
    expect(
      delivered.filter((d) => d.kind === 'cancellation').map((d) => [d.clientParticipantId, d.amountMinor]),
    ).toEqual([[sol, 5000]]);
    const perClient = new Map<string, number>();
    for (const d of delivered)
      perClient.set(d.clientParticipantId, (perClient.get(d.clientParticipantId) ?? 0) + d.amountMinor);
    expect((await coordinator.post(`/sessions/${s.id}/complete`, edited)).status).toBe(409);

    // Reset and complete again: the records are made anew.
    const reset = await coordinator.post(`/sessions/${s.id}/reset`);
    expect(reset.status, JSON.stringify(reset.body)).toBe(200);
    expect(reset.body).toMatchObject({ status: 'booked', completion: null });
    expect(reset.body.workers.every((w: { actualStart: null }) => w.actualStart === null)).toBe(true);
    expect(await count('delivered_services', s.id)).toBe(0);
    expect((await coordinator.post(`/sessions/${s.id}/complete`, edited)).status).toBe(200);

    // Invoices: once per client at that client's portion (and the charged cancellation).
    const run = await finance.post('/invoice-runs?wait=true', {
      periodFrom: '2026-10-01',
      periodTo: '2026-10-31',
    });
    expect(run.status, JSON.stringify(run.body)).toBe(201);
    const invoiceIds: string[] = [];
    for (const [i, participantId] of [pia, quin, rex, sol].entries()) {
      const invoices = (await finance.get(`/invoices?clientId=${clients[i]}`)).body.items as { id: string }[];
      expect(invoices, names[i]).toHaveLength(1);
      invoiceIds.push(invoices[0]!.id);
      const invoice = (await finance.get(`/invoices/${invoices[0]!.id}`)).body;
      const lines = invoice.lines as { amountMinor: number; bookingId: string }[];
      expect(lines.every((l) => l.bookingId === s.id)).toBe(true);
      expect(lines.reduce((a, l) => a + l.amountMinor, 0)).toBe(perClient.get(participantId!));
    }
    const again = await finance.post('/invoice-runs?wait=true', {
      periodFrom: '2026-10-01',
      periodTo: '2026-10-31',
    });
    expect(again.body.invoiceCount).toBe(0);

    // Each worker is paid once, for their own time.
    const payA = await finance.get(`/staff/${workerA}/pay?from=2026-10-01&to=2026-10-31`);
    const payC = await finance.get(`/staff/${workerC}/pay?from=2026-10-01&to=2026-10-31`);
    expect(payA.body.visits.map((v: { totalMinor: number }) => v.totalMinor)).toEqual([5000]);
    expect(payC.body.visits.map((v: { totalMinor: number }) => v.totalMinor)).toEqual([4500]);

    // Reset is refused once invoiced, naming the invoice; nothing changes.
    const refused = await coordinator.post(`/sessions/${s.id}/reset`);
    expect(refused.status).toBe(409);
    expect(refused.body.detail).toBe('This session is on an invoice; void the invoice before resetting it');
    expect(invoiceIds).toContain(refused.body.invoiceId);
    expect((await coordinator.get(`/sessions/${s.id}`)).body.status).toBe('completed');
    expect(await count('delivered_services', s.id)).toBe(delivered.length);
  });
});

describe('the sessions calendar read', () => {
  it('lists each session as its own view shows it: times, clients and workers in order, places and tags', async () => {
    const list = await coordinator.get('/sessions?from=2026-10-05&to=2026-11-15');
    expect(list.status).toBe(200);
    const items = list.body.items as Record<string, unknown>[];
    expect(items.some((i) => i.category === 'group')).toBe(true);
    for (const item of items) {
      const v = (await coordinator.get(`/sessions/${item.id}`)).body;
      expect(item).toEqual({
        id: v.id,
        category: v.category,
        name: v.name,
        status: v.status,
        startsAt: v.startsAt,
        endsAt: v.endsAt,
        timeZone: v.timeZone,
        seriesId: v.seriesId,
        capacity: v.capacity,
        placesTaken: v.placesTaken,
        clients: v.clients.map((c: { clientId: string; name: string; status: string }) => ({
          id: c.clientId,
          name: c.name,
          status: c.status,
        })),
        workers: v.workers.map((w: { subjectId: string; name: string; lead: boolean; status: string }) => ({
          id: w.subjectId,
          name: w.name,
          lead: w.lead,
          status: w.status,
        })),
        serviceTypeIds: expect.arrayContaining(v.serviceTypes.map((t: { id: string }) => t.id)),
      });
    }
  });

  it('refuses, naming the dates, when more sessions fall in them than one read returns; never cuts them short', async () => {
    const actor = {
      organisationId: org.id,
      userId: org.id,
      staffId: org.staffIds.coordinator,
      email: org.emails.coordinator,
      label: 'Coordinator',
      permissions: new Set(['bookings.read'] as const),
      ip: null,
    };
    const q = { from: '2026-10-01', to: '2026-10-31' };
    const all = await withTenant(t.db, org.id, (tx) => listSessions(tx, actor, q));
    expect(all.length).toBeGreaterThanOrEqual(2);
    // With room for exactly as many, every one comes back; with one place fewer, a refusal on "to".
    const fits = await withTenant(t.db, org.id, (tx) => listSessions(tx, actor, q, all.length));
    expect(fits.map((s) => s.id).sort()).toEqual(all.map((s) => s.id).sort());
    await expect(
      withTenant(t.db, org.id, (tx) => listSessions(tx, actor, q, all.length - 1)),
    ).rejects.toMatchObject({
      issues: [
        {
          field: 'to',
          reason: `takes in more than ${all.length - 1} sessions: choose fewer days, or one worker, client or service type`,
        },
      ],
    });
  });
});
