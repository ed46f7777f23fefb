import { sql } from 'kysely';
import { Temporal } from 'temporal-polyfill';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeNewBooking } from '../src/bookings/booking-write.store.js';
import { withTenant } from '../src/platform/db/database.js';
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
let coordinator: Agent;
let userId: string;
let secondWorker: string;

const at = (local: string) =>
  Temporal.PlainDateTime.from(local).toZonedDateTime('Australia/Sydney').toInstant();

async function newClient(givenName: string, familyName = 'Group') {
  const res = await coordinator.post('/clients', { givenName, familyName, timeZone: 'Australia/Sydney' });
  expect(res.status).toBe(201);
  return res.body.id as string;
}

/** A group session made through the bookings module's write path (the sessions screens come later). */
async function newGroup(o: {
  start: string;
  minutes: number;
  clientId: string;
  staffId: string | null;
  capacity: number;
}) {
  const startsAt = at(o.start);
  return withTenant(t.db, org.id, (tx) =>
    writeNewBooking(tx, org.id, {
      kind: 'adhoc',
      category: 'group',
      capacity: o.capacity,
      name: 'Art group',
      startsAt,
      endsAt: startsAt.add({ minutes: o.minutes }),
      timeZone: 'Australia/Sydney',
      notes: null,
      status: 'booked',
      cancellationReason: null,
      seriesId: null,
      originalStart: null,
      serviceTypeId: null,
      createdByUserId: userId,
      clientId: o.clientId,
      assignee: { staffId: o.staffId, providerId: null },
      override: null,
    }),
  );
}

const counts = async (bookingId: string) =>
  (
    await sql<{ clients: number; deliveries: number; audits: number }>`
      SELECT (SELECT count(*)::int FROM booking_participants WHERE booking_id = ${bookingId} AND client_id IS NOT NULL) AS clients,
             (SELECT count(*)::int FROM client_deliveries WHERE booking_id = ${bookingId}) AS deliveries,
             (SELECT count(*)::int FROM audit_events WHERE entity_id = ${bookingId}) AS audits`.execute(t.db)
  ).rows[0]!;

beforeAll(async () => {
  t = await startTestApp({ clock: time.clock });
  org = await seedOrg(t.db, 'Parts');
  coordinator = await signedIn(t.baseUrl, org.emails.coordinator);
  userId = (
    await sql<{ id: string }>`SELECT id FROM users WHERE organisation_id = ${org.id} LIMIT 1`.execute(t.db)
  ).rows[0]!.id;
  const admin = await signedIn(t.baseUrl, org.emails.administrator);
  secondWorker = (
    await admin.post('/staff', {
      givenName: 'Ana',
      familyName: 'Second',
      email: 'ana@parts.example.org',
      timeZone: 'Australia/Sydney',
      deliversServices: true,
      roleIds: [],
    })
  ).body.id;
});
afterAll(() => t.close());

describe('bookings with participants', () => {
  it('stores a group of three clients and two workers as one booking; each worker still cannot be in two places', async () => {
    const [a, b, c] = [await newClient('Ada'), await newClient('Ben'), await newClient('Cy')];
    const id = await newGroup({
      start: '2026-10-05T10:00',
      minutes: 120,
      clientId: a,
      staffId: org.staffIds.worker,
      capacity: 6,
    });
    for (const subjectId of [b, c])
      expect(
        (await coordinator.post(`/bookings/${id}/participants`, { type: 'client', subjectId })).status,
      ).toBe(201);
    const added = await coordinator.post(`/bookings/${id}/participants`, {
      type: 'staff',
      subjectId: secondWorker,
      role: 'support',
    });
    expect(added.status, JSON.stringify(added.body)).toBe(201);
    expect(added.body).toMatchObject({
      category: 'group',
      capacity: 6,
      clientId: a,
      assignee: { type: 'staff', id: org.staffIds.worker },
      status: 'booked',
    });
    expect(
      added.body.participants.map((p: { type: string; lead: boolean }) => `${p.type}${p.lead ? '*' : ''}`),
    ).toEqual(['client*', 'staff*', 'client', 'client', 'staff']);
    expect(
      added.body.participants.find((p: { subjectId: string }) => p.subjectId === secondWorker),
    ).toMatchObject({
      name: 'Ana Second',
      role: 'support',
      status: 'booked',
    });

    // Either worker booked elsewhere during the session is refused, naming the session.
    const other = await newClient('Dee', 'Elsewhere');
    for (const staff of [org.staffIds.worker, secondWorker]) {
      const clash = await coordinator.post(`/clients/${other}/service-orders`, {
        name: 'Home visit',
        bookingDate: '2026-10-05',
        startTime: '11:00',
        durationMinutes: 30,
        assignee: { type: 'staff', id: staff },
      });
      expect(clash.status, JSON.stringify(clash.body)).toBe(409);
      expect(clash.body.detail).toContain('"Art group", 2026-10-05 10:00–12:00');
      expect(clash.body.conflictingBookingId).toBe(id);
    }
    // The worker's own appointments list the session.
    const worker = await signedIn(t.baseUrl, org.emails.worker);
    const mine = await worker.get('/me/appointments');
    expect(mine.body.items.map((i: { id: string }) => i.id)).toContain(id);
    // Adding the same client twice is refused.
    const twice = await coordinator.post(`/bookings/${id}/participants`, { type: 'client', subjectId: b });
    expect(twice.status, JSON.stringify(twice.body)).toBe(409);
    expect(twice.body.detail).toBe('Client already takes part in this booking');
    // A plain visit takes one client.
    const visit = await coordinator.post(`/clients/${other}/service-orders`, {
      name: 'Lunch',
      bookingDate: '2026-10-06',
      startTime: '12:00',
      durationMinutes: 30,
      assignee: null,
    });
    const second = await coordinator.post(`/bookings/${visit.body.id}/participants`, {
      type: 'client',
      subjectId: a,
    });
    expect(second.status).toBe(409);
  });

  it("suspends one client's place for their leave while the others stay booked, and gives it back", async () => {
    const [a, b, c] = [await newClient('Eve'), await newClient('Fay'), await newClient('Gus')];
    const id = await newGroup({
      start: '2026-10-12T14:00',
      minutes: 60,
      clientId: a,
      staffId: secondWorker,
      capacity: 4,
    });
    for (const subjectId of [b, c])
      await coordinator.post(`/bookings/${id}/participants`, { type: 'client', subjectId });
    const leave = await coordinator.post(`/clients/${b}/leave`, {
      type: 'hospital',
      startsOn: '2026-10-10',
      endsOn: '2026-10-14',
      note: null,
    });
    expect(leave.status).toBe(201);
    expect(leave.body.suspended.map((s: { bookingId: string }) => s.bookingId)).toEqual([id]);
    const during = (await coordinator.get(`/bookings/${id}`)).body;
    expect(during.status).toBe('booked');
    expect(
      during.participants.map((p: { subjectId: string; status: string }) => [p.subjectId, p.status]),
    ).toEqual(
      expect.arrayContaining([
        [a, 'booked'],
        [b, 'suspended'],
        [c, 'booked'],
        [secondWorker, 'booked'],
      ]),
    );
    const removed = await coordinator.delete(`/leave/${leave.body.leave.id}`);
    expect(removed.body.restored.map((s: { bookingId: string }) => s.bookingId)).toEqual([id]);
    const after = (await coordinator.get(`/bookings/${id}`)).body;
    expect(after.participants.every((p: { status: string }) => p.status === 'booked')).toBe(true);
  });

  it('holds capacity under 50 concurrent adds: exactly the free places are taken, the rest get 409 and write nothing', async () => {
    const lead = await newClient('Hal');
    const id = await newGroup({
      start: '2026-10-20T09:00',
      minutes: 90,
      clientId: lead,
      staffId: null,
      capacity: 10,
    });
    const clients: string[] = [];
    for (let i = 0; i < 50; i++) clients.push(await newClient(`Guest${i}`, 'Crowd'));
    const before = await counts(id);
    const results = await Promise.all(
      clients.map((subjectId) =>
        coordinator.post(`/bookings/${id}/participants`, { type: 'client', subjectId }),
      ),
    );
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(9);
    expect(statuses.filter((s) => s === 409)).toHaveLength(41);
    expect(results.find((r) => r.status === 409)!.body.detail).toBe(
      'This session is full (10 of 10 places taken)',
    );
    expect(await counts(id)).toEqual({
      clients: 10,
      deliveries: 10,
      audits: before.audits + 9,
    });
    // The database is the backstop: a writer that skips the check is refused by the capacity trigger.
    const extra = await newClient('Ivy', 'Late');
    await expect(
      withTenant(t.db, org.id, (tx) =>
        sql`INSERT INTO booking_participants (organisation_id, booking_id, participant_type, client_id)
            VALUES (${org.id}, ${id}, 'client', ${extra})`.execute(tx),
      ),
    ).rejects.toMatchObject({ code: '23514', constraint: 'booking_participants_capacity' });
    expect((await counts(id)).clients).toBe(10);
  });

  it('gives a resource booked twice at once exactly one winner', async () => {
    const bed = (
      await withTenant(t.db, org.id, (tx) =>
        sql<{
          id: string;
        }>`INSERT INTO resources (organisation_id, kind, name) VALUES (${org.id}, 'vehicle', 'Van 2') RETURNING id`.execute(
          tx,
        ),
      )
    ).rows[0]!.id;
    const bookings: string[] = [];
    for (let i = 0; i < 8; i++) {
      const client = await newClient(`Rider${i}`, 'Van');
      const res = await coordinator.post(`/clients/${client}/service-orders`, {
        name: 'Outing',
        bookingDate: '2026-10-22',
        startTime: `${String(9 + (i % 2)).padStart(2, '0')}:${i % 2 ? '30' : '00'}`,
        durationMinutes: 120,
        assignee: null,
      });
      bookings.push(res.body.id);
    }
    const results = await Promise.all(
      bookings.map((b) =>
        coordinator.post(`/bookings/${b}/participants`, { type: 'resource', subjectId: bed }),
      ),
    );
    expect(results.filter((r) => r.status === 201)).toHaveLength(1);
    expect(results.filter((r) => r.status === 409)).toHaveLength(7);
    expect(results.find((r) => r.status === 409)!.body.detail).toBe(
      'The resource is already booked at that time',
    );
    const held = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM booking_participants WHERE resource_id = ${bed}`.execute(t.db);
    expect(held.rows[0]!.n).toBe(1);
  });

  it('names the booking really in the way when a series edit conflicts, never the edited occurrence itself', async () => {
    const client = await newClient('Jo', 'Series');
    const other = await newClient('Kit', 'Other');
    const type = (await coordinator.post('/service-types', { name: 'Morning care' })).body.id;
    const created = await coordinator.post(`/clients/${client}/scheduled-services`, {
      serviceTypeId: type,
      name: 'Morning care',
      startDate: '2026-11-02',
      startTime: '08:00',
      rrule: 'FREQ=WEEKLY;BYDAY=MO',
      durationMinutes: 60,
      staffId: org.staffIds.worker,
      status: 'active',
    });
    expect(created.body.summary.conflicts).toBe(0);
    // The default "From" of a this-and-following edit comes from the server's own bound, so it is accepted.
    const series = created.body.series;
    expect(series.earliestSplitDate).toBe('2026-11-03');
    const tooEarly = await coordinator.patch(`/scheduled-services/${series.id}?preview=true`, {
      scope: 'following',
      fromDate: series.startDate,
      changes: { startTime: '08:15' },
    });
    expect(tooEarly.status).toBe(422);
    expect(tooEarly.body.errors[0].field).toBe('fromDate');
    const fromBound = await coordinator.patch(`/scheduled-services/${series.id}?preview=true`, {
      scope: 'following',
      fromDate: series.earliestSplitDate,
      changes: { startTime: '08:15' },
    });
    expect(fromBound.status).toBe(200);
    const visit = await coordinator.post(`/clients/${other}/service-orders`, {
      name: 'Medication check',
      bookingDate: '2026-11-09',
      startTime: '09:00',
      durationMinutes: 30,
      assignee: { type: 'staff', id: org.staffIds.worker },
    });
    expect(visit.status).toBe(201);
    // 08:00–09:00 becomes 08:30–09:30: on 9 November the new time overlaps the occurrence's own old time and
    // the other client's 09:00 visit; only the visit is in the way.
    const preview = await coordinator.patch(`/scheduled-services/${created.body.series.id}?preview=true`, {
      scope: 'series',
      changes: { startTime: '08:30' },
    });
    const clash = preview.body.occurrences.find((o: { result: string }) => o.result === 'conflict');
    expect(clash).toMatchObject({
      localDate: '2026-11-09',
      action: 'update',
      conflictingBookingId: visit.body.id,
      reason: 'Worker Parts is already booked for "Medication check"; it keeps its earlier time',
    });
    const applied = await coordinator.patch(`/scheduled-services/${created.body.series.id}`, {
      scope: 'series',
      changes: { startTime: '08:30' },
    });
    const kept = await coordinator.get(
      `/bookings/${applied.body.occurrences.find((o: { result: string }) => o.result === 'conflict').bookingId}`,
    );
    expect(kept.body).toMatchObject({ bookingDate: '2026-11-09', startTime: '08:00', durationMinutes: 60 });
  });
});
