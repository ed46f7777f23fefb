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

// 1 Dec 2026 in Sydney; the clock stays put.
const time = manualClock(Temporal.Instant.from('2026-12-01T03:00:00Z'));

let t: TestApp;
let org: SeededOrg;
let coordinator: Agent;

beforeAll(async () => {
  t = await startTestApp({ clock: time.clock, invoiceWorker: false });
  org = await seedOrg(t.db, 'Leave');
  coordinator = await signedIn(t.baseUrl, org.emails.coordinator);
});
afterAll(() => t.close());

async function client(givenName: string) {
  return (await coordinator.post('/clients', { givenName, familyName: 'Away', timeZone: 'Australia/Sydney' }))
    .body.id as string;
}

async function visit(clientId: string, bookingDate: string) {
  const created = await coordinator.post(`/clients/${clientId}/service-orders`, {
    name: 'Personal care',
    bookingDate,
    startTime: '09:00',
    durationMinutes: 60,
    assignee: { type: 'staff', id: org.staffIds.worker },
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  return created.body.id as string;
}

describe('client leave', () => {
  it('refuses leave overlapping another leave of the client with 409 naming it, even when concurrent', async () => {
    const clientId = await client('Overlap');
    const first = await coordinator.post(`/clients/${clientId}/leave`, {
      type: 'hospital',
      startsOn: '2026-12-10',
      endsOn: '2026-12-20',
      note: null,
    });
    expect(first.status).toBe(201);
    const overlapping = await coordinator.post(`/clients/${clientId}/leave`, {
      type: 'holiday',
      startsOn: '2026-12-18',
      endsOn: null,
      note: null,
    });
    expect(overlapping.status).toBe(409);
    expect(overlapping.body.detail).toBe(
      "This leave overlaps the client's hospital leave from 2026-12-10 to 2026-12-20; change that leave " +
        'instead, or pick dates outside it',
    );
    expect(overlapping.body.conflictingLeaveId).toBe(first.body.leave.id);

    // Moving a later leave onto the first is refused the same way; an adjacent one is fine.
    const later = await coordinator.post(`/clients/${clientId}/leave`, {
      type: 'respite',
      startsOn: '2026-12-21',
      endsOn: '2026-12-24',
      note: null,
    });
    expect(later.status).toBe(201);
    const moved = await coordinator.put(`/leave/${later.body.leave.id}`, {
      type: 'respite',
      startsOn: '2026-12-20',
      endsOn: '2026-12-24',
      note: null,
    });
    expect(moved.status).toBe(409);
    expect(moved.body.conflictingLeaveId).toBe(first.body.leave.id);

    // Two at once: the database lets one through.
    const other = await client('Race');
    const results = await Promise.all(
      ['2026-12-05', '2026-12-06'].map((startsOn) =>
        coordinator.post(`/clients/${other}/leave`, {
          type: 'other',
          startsOn,
          endsOn: '2026-12-09',
          note: null,
        }),
      ),
    );
    expect(results.map((r) => r.status).sort()).toEqual([201, 409]);
    expect((await coordinator.get(`/clients/${other}/leave`)).body.items).toHaveLength(1);
  });

  it('shows a suspended visit as suspended by leave, and never restores a visit another leave covers', async () => {
    const clientId = await client('Restore');
    const early = await visit(clientId, '2026-12-11');
    const late = await visit(clientId, '2026-12-22');
    const a = (
      await coordinator.post(`/clients/${clientId}/leave`, {
        type: 'hospital',
        startsOn: '2026-12-10',
        endsOn: '2026-12-15',
        note: null,
      })
    ).body;
    const b = (
      await coordinator.post(`/clients/${clientId}/leave`, {
        type: 'holiday',
        startsOn: '2026-12-20',
        endsOn: '2026-12-31',
        note: null,
      })
    ).body;
    expect(a.suspended.map((s: { bookingId: string }) => s.bookingId)).toEqual([early]);
    expect(b.suspended.map((s: { bookingId: string }) => s.bookingId)).toEqual([late]);
    expect((await coordinator.get(`/bookings/${early}`)).body).toMatchObject({
      status: 'cancelled',
      suspendedByLeave: true,
    });
    const calendar = (
      await coordinator.get(
        `/calendar?from=2026-12-01T00:00:00Z&to=2027-01-01T00:00:00Z&clientId=${clientId}&zone=Australia/Sydney`,
      )
    ).body;
    expect(calendar.items.map((e: { suspendedByLeave: boolean }) => e.suspendedByLeave)).toEqual([
      true,
      true,
    ]);

    // A place left suspended by the first leave although the second covers it (as data from before leave
    // could overlap left it): removing the first keeps it suspended, by the second.
    await sql`UPDATE booking_participants SET suspended_by_leave_id = ${a.leave.id}
              WHERE booking_id = ${late} AND participant_type = 'client'`.execute(t.db);
    const removed = await coordinator.delete(`/leave/${a.leave.id}`);
    expect(removed.status).toBe(200);
    expect(removed.body.restored.map((r: { bookingId: string }) => r.bookingId)).toEqual([early]);
    expect(removed.body.notRestored).toMatchObject([
      { bookingId: late, reason: 'another leave of the client covers it' },
    ]);
    expect((await coordinator.get(`/bookings/${early}`)).body).toMatchObject({
      status: 'booked',
      suspendedByLeave: false,
    });
    expect((await coordinator.get(`/bookings/${late}`)).body).toMatchObject({
      status: 'cancelled',
      suspendedByLeave: true,
    });
    const owner = await sql<{ id: string }>`SELECT suspended_by_leave_id AS id FROM booking_participants
              WHERE booking_id = ${late} AND participant_type = 'client'`.execute(t.db);
    expect(owner.rows[0]!.id).toBe(b.leave.id);
  });
});
