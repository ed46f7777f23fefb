import { sql } from 'kysely';
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
let coordinator: Agent;
let sydneyClient: string;
let perthClient: string;
let worker: { type: 'staff'; id: string };

beforeAll(async () => {
  t = await startTestApp();
  org = await seedOrg(t.db, 'Orders');
  coordinator = await signedIn(t.baseUrl, org.emails.coordinator);
  sydneyClient = (
    await coordinator.post('/clients', { givenName: 'Syd', familyName: 'Ney', timeZone: 'Australia/Sydney' })
  ).body.id;
  perthClient = (
    await coordinator.post('/clients', { givenName: 'Per', familyName: 'Th', timeZone: 'Australia/Perth' })
  ).body.id;
  worker = { type: 'staff', id: org.staffIds.worker };
});
afterAll(() => t.close());

const order = (over: Record<string, unknown> = {}) => ({
  name: 'Shower assistance',
  bookingDate: '2026-06-15',
  startTime: '09:00',
  durationMinutes: 60,
  ...over,
});

describe("a client's Service Orders", () => {
  it("stores the date and time entered in the client's zone as the right instant, and shows who created it", async () => {
    const res = await coordinator.post(`/clients/${perthClient}/service-orders`, order({ assignee: worker }));
    expect(res.status).toBe(201);
    // 09:00 in Perth (UTC+8, no DST) is 01:00 UTC.
    expect(res.body).toMatchObject({
      startsAt: '2026-06-15T09:00:00+08:00',
      endsAt: '2026-06-15T10:00:00+08:00',
      bookingDate: '2026-06-15',
      startTime: '09:00',
      timeZone: 'Australia/Perth',
      durationMinutes: 60,
      status: 'booked',
      assignee: { type: 'staff', id: org.staffIds.worker, name: 'Worker Orders' },
      createdBy: { name: 'Coordinator Orders' },
    });
    const stored = await sql<{
      utc: string;
    }>`SELECT to_char(starts_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI') AS utc FROM bookings WHERE id = ${res.body.id}`.execute(
      t.db,
    );
    expect(stored.rows[0]!.utc).toBe('2026-06-15 01:00');
  });

  it("keeps Sydney's wall-clock time across DST and moves a time in the spring-forward gap forward", async () => {
    // 2026-10-04 02:30 does not exist in Sydney (clocks jump 02:00 → 03:00): it becomes 03:30 AEDT (16:30 UTC).
    const gap = await coordinator.post(
      `/clients/${sydneyClient}/service-orders`,
      order({ bookingDate: '2026-10-04', startTime: '02:30' }),
    );
    expect(gap.body.startsAt).toBe('2026-10-04T03:30:00+11:00');
    // 2026-04-05 02:30 happens twice (fall-back): the earlier one, AEDT, is taken (15:30 UTC on the 4th).
    const twice = await coordinator.post(
      `/clients/${sydneyClient}/service-orders`,
      order({ bookingDate: '2026-04-05', startTime: '02:30' }),
    );
    expect(twice.body.startsAt).toBe('2026-04-05T02:30:00+11:00');
    // A 3-hour booking over the fall-back change lasts 180 real minutes and ends at 04:30 AEST.
    const across = await coordinator.post(
      `/clients/${sydneyClient}/service-orders`,
      // It overlaps the 02:30 visit above, a soft conflict, so it needs a reason.
      order({
        bookingDate: '2026-04-05',
        startTime: '01:30',
        durationMinutes: 180,
        name: 'Overnight',
        overrideReason: 'Overnight carer also covers the 02:30 visit',
      }),
    );
    expect(across.body.endsAt).toBe('2026-04-05T03:30:00+10:00');
  });

  it('lists newest booking date first, paginated, with an empty state for a new client', async () => {
    const fresh = (
      await coordinator.post('/clients', {
        givenName: 'New',
        familyName: 'Client',
        timeZone: 'Australia/Sydney',
      })
    ).body.id;
    expect((await coordinator.get(`/clients/${fresh}/service-orders`)).body).toEqual({
      items: [],
      nextCursor: null,
    });
    for (const d of ['2026-07-01', '2026-07-03', '2026-07-02'])
      await coordinator.post(`/clients/${fresh}/service-orders`, order({ bookingDate: d, name: `On ${d}` }));
    const page1 = await coordinator.get(`/clients/${fresh}/service-orders?limit=2`);
    expect(page1.body.items.map((b: { bookingDate: string }) => b.bookingDate)).toEqual([
      '2026-07-03',
      '2026-07-02',
    ]);
    const page2 = await coordinator.get(
      `/clients/${fresh}/service-orders?limit=2&cursor=${page1.body.nextCursor}`,
    );
    expect(page2.body.items.map((b: { bookingDate: string }) => b.bookingDate)).toEqual(['2026-07-01']);
    expect(page2.body.nextCursor).toBeNull();
  });

  it('refuses a second overlapping booking for the same staff member with 409 naming the first', async () => {
    const first = await coordinator.post(
      `/clients/${sydneyClient}/service-orders`,
      order({ bookingDate: '2026-08-10', startTime: '10:00', assignee: worker }),
    );
    expect(first.status).toBe(201);
    // 12:30 Sydney = 10:30 Perth: the same worker, half an hour into the first visit, on another client.
    const clash = await coordinator.post(
      `/clients/${perthClient}/service-orders`,
      order({ bookingDate: '2026-08-10', startTime: '08:30', assignee: worker }),
    );
    expect(clash.status).toBe(409);
    expect(clash.body.conflictingBookingId).toBe(first.body.id);
    expect(clash.body.detail).toContain(
      'Worker Orders is already booked for "Shower assistance", 2026-08-10 10:00–11:00',
    );
    // Back to back is fine; so is the same slot for an unassigned booking.
    expect(
      (
        await coordinator.post(
          `/clients/${perthClient}/service-orders`,
          order({ bookingDate: '2026-08-10', startTime: '09:00', assignee: worker }),
        )
      ).status,
    ).toBe(201);
    // The same slot unassigned: no staff overlap, but the client is already booked then, a soft conflict
    // that needs a reason; without one nothing is written.
    const soft = await coordinator.post(
      `/clients/${perthClient}/service-orders`,
      order({ bookingDate: '2026-08-10', startTime: '08:30' }),
    );
    expect(soft.status).toBe(409);
    expect(soft.body.softConflicts).toEqual(['the client already has "Shower assistance" at that time']);
    expect(soft.body.detail).toContain('Give a reason');
    const overridden = await coordinator.post(
      `/clients/${perthClient}/service-orders`,
      order({ bookingDate: '2026-08-10', startTime: '08:30', overrideReason: 'Two-person transfer' }),
    );
    expect(overridden.status).toBe(201);
    expect(overridden.body.conflictOverride).toEqual({
      reason: 'Two-person transfer',
      warnings: ['the client already has "Shower assistance" at that time'],
    });
  });

  it('lets exactly one of many concurrent attempts for the same slot win; the rest get 409', async () => {
    const attempts = await Promise.all(
      Array.from({ length: 24 }, (_, i) =>
        coordinator.post(
          `/clients/${i % 2 ? sydneyClient : perthClient}/service-orders`,
          order({
            bookingDate: '2026-09-01',
            startTime: i % 2 ? '14:00' : '12:00',
            durationMinutes: 30 + i,
            assignee: worker,
          }),
        ),
      ),
    );
    const statuses = attempts.map((a) => a.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(23);
    const overlaps = await sql<{ n: string }>`
      SELECT count(*) AS n FROM booking_participants a
        JOIN booking_participants b ON a.staff_id = b.staff_id AND a.id < b.id
      WHERE a.status IN ('booked', 'attended') AND b.status IN ('booked', 'attended') AND a.period && b.period`.execute(
      t.db,
    );
    expect(overlaps.rows[0]!.n).toBe('0');
  });

  it('edits, completes and cancels a booking; cancelling frees the slot', async () => {
    const b = (
      await coordinator.post(
        `/clients/${sydneyClient}/service-orders`,
        order({ bookingDate: '2026-11-02', assignee: worker }),
      )
    ).body;
    const edited = await coordinator.patch(`/bookings/${b.id}`, {
      durationMinutes: 90,
      startTime: '09:30',
      notes: 'Bring hoist',
    });
    expect(edited.body).toMatchObject({
      startTime: '09:30',
      durationMinutes: 90,
      notes: 'Bring hoist',
      endsAt: '2026-11-02T11:00:00+11:00',
    });
    const taken = await coordinator.post(
      `/clients/${perthClient}/service-orders`,
      order({ bookingDate: '2026-11-02', startTime: '07:00', assignee: worker }),
    );
    expect(taken.status).toBe(409);
    const cancelled = await coordinator.post(`/bookings/${b.id}/cancel`, { reason: 'Client in hospital' });
    expect(cancelled.body).toMatchObject({ status: 'cancelled', cancellationReason: 'Client in hospital' });
    expect(
      (
        await coordinator.post(
          `/clients/${perthClient}/service-orders`,
          order({ bookingDate: '2026-11-02', startTime: '07:00', assignee: worker }),
        )
      ).status,
    ).toBe(201);
    const again = await coordinator.patch(`/bookings/${b.id}`, { notes: 'x' });
    expect(again.status).toBe(409);
    expect((await coordinator.post(`/bookings/${b.id}/cancel`, { reason: '' })).status).toBe(422);
  });

  it('a failed edit changes nothing and writes no audit event', async () => {
    const a = (
      await coordinator.post(
        `/clients/${sydneyClient}/service-orders`,
        order({ bookingDate: '2026-12-01', startTime: '09:00', assignee: worker }),
      )
    ).body;
    const b = (
      await coordinator.post(
        `/clients/${sydneyClient}/service-orders`,
        order({ bookingDate: '2026-12-01', startTime: '11:00', assignee: worker }),
      )
    ).body;
    const auditBefore = await sql<{ n: string }>`SELECT count(*) AS n FROM audit_events`.execute(t.db);
    const clash = await coordinator.patch(`/bookings/${b.id}`, { startTime: '09:30', name: 'Renamed' });
    expect(clash.status).toBe(409);
    expect(clash.body.conflictingBookingId).toBe(a.id);
    expect((await coordinator.get(`/bookings/${b.id}`)).body).toMatchObject({
      name: 'Shower assistance',
      startTime: '11:00',
    });
    const auditAfter = await sql<{ n: string }>`SELECT count(*) AS n FROM audit_events`.execute(t.db);
    expect(auditAfter.rows[0]!.n).toBe(auditBefore.rows[0]!.n);
  });

  it('validates each field and refuses inactive or non-delivering assignees', async () => {
    const bad = await coordinator.post(`/clients/${sydneyClient}/service-orders`, {
      name: ' ',
      bookingDate: '2026-02-30',
      startTime: '9am',
      durationMinutes: 1.5,
      assignee: { type: 'robot', id: 'x' },
    });
    expect(bad.status).toBe(422);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(
      ['assignee.id', 'assignee.type', 'bookingDate', 'durationMinutes', 'name', 'startTime'].sort(),
    );
    const notDelivering = await coordinator.post(
      `/clients/${sydneyClient}/service-orders`,
      order({ assignee: { type: 'staff', id: org.staffIds.coordinator } }),
    );
    expect(notDelivering.status).toBe(422);
    expect(notDelivering.body.errors).toEqual([
      { field: 'assignee.id', reason: 'is not an active staff member who delivers services' },
    ]);
  });

  it('books an external provider, and only holders of bookings.delete can delete', async () => {
    const admin = await signedIn(t.baseUrl, org.emails.administrator);
    const provider = (
      await admin.post('/external-providers', { name: 'City Podiatry', contactName: 'Front desk' })
    ).body;
    const b = await coordinator.post(
      `/clients/${sydneyClient}/service-orders`,
      order({ assignee: { type: 'provider', id: provider.id } }),
    );
    expect(b.body.assignee).toEqual({ type: 'provider', id: provider.id, name: 'City Podiatry' });
    const finance = await signedIn(t.baseUrl, org.emails.finance);
    expect((await finance.delete(`/bookings/${b.body.id}`)).status).toBe(403);
    expect((await coordinator.delete(`/bookings/${b.body.id}`)).status).toBe(204);
    expect((await coordinator.get(`/bookings/${b.body.id}`)).status).toBe(404);
    const audit = (await admin.get(`/audit-events?entityType=booking&entityId=${b.body.id}`)).body.items;
    expect(audit.map((e: { action: string }) => e.action)).toEqual(['delete', 'create']);
  });

  it('a worker sees and completes only their own appointments', async () => {
    const mine = (
      await coordinator.post(
        `/clients/${sydneyClient}/service-orders`,
        order({ bookingDate: '2027-01-05', assignee: worker }),
      )
    ).body;
    const other = (
      await coordinator.post(
        `/clients/${sydneyClient}/service-orders`,
        order({ bookingDate: '2027-01-05', startTime: '14:00' }),
      )
    ).body;
    const w = await signedIn(t.baseUrl, org.emails.worker);
    expect((await w.get(`/bookings/${mine.id}`)).status).toBe(200);
    expect((await w.get(`/bookings/${other.id}`)).status).toBe(404);
    expect((await w.post(`/bookings/${other.id}/complete`)).status).toBe(404);
    // Their visit due in January cannot be completed yet; one that took place can.
    expect((await w.post(`/bookings/${mine.id}/complete`)).status).toBe(409);
    const done = (
      await coordinator.post(
        `/clients/${sydneyClient}/service-orders`,
        order({ bookingDate: '2025-01-06', startTime: '07:00', assignee: worker }),
      )
    ).body;
    expect((await w.post(`/bookings/${done.id}/complete`)).body.status).toBe('completed');
    expect((await w.patch(`/bookings/${mine.id}`, { notes: 'x' })).status).toBe(403);
    const list = (await w.get('/me/appointments?limit=200')).body.items.map((b: { id: string }) => b.id);
    expect(list).toContain(mine.id);
    expect(list).not.toContain(other.id);
  });
});
