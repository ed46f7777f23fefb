import { sql } from 'kysely';
import { Temporal } from 'temporal-polyfill';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runGeneration } from '../src/scheduling/generate.action.js';
import {
  type Agent,
  manualClock,
  type SeededOrg,
  seedOrg,
  signedIn,
  startTestApp,
  type TestApp,
} from './support/test-app.js';

// Sunday 2026-09-20 10:00 in Sydney (AEST); Sydney's clocks go forward on 2026-10-04.
const time = manualClock(Temporal.Instant.from('2026-09-20T00:00:00Z'));
let t: TestApp;
let org: SeededOrg;
let coordinator: Agent;
let clientId: string;
let serviceTypeId: string;
let otherWorker: string;

const weekly = (over: Record<string, unknown> = {}) => ({
  serviceTypeId,
  name: 'Personal care',
  startDate: '2026-09-21',
  startTime: '09:00',
  rrule: 'FREQ=WEEKLY;BYDAY=MO,TH',
  durationMinutes: 60,
  staffId: org.staffIds.worker,
  ...over,
});

async function seriesBookings(seriesId: string) {
  return (
    await sql<{
      id: string;
      starts_at: Temporal.Instant;
      staff_id: string | null;
      status: string;
      is_exception: boolean;
      series_id: string;
    }>`
      SELECT b.id, b.starts_at, sp.staff_id, b.status, b.is_exception, b.series_id FROM bookings b
      LEFT JOIN booking_participants sp ON sp.booking_id = b.id AND sp.participant_type = 'staff' AND sp.is_lead
      WHERE b.series_id = ${seriesId} ORDER BY b.starts_at`.execute(t.db)
  ).rows;
}

beforeAll(async () => {
  t = await startTestApp({ clock: time.clock });
  org = await seedOrg(t.db, 'Sched');
  coordinator = await signedIn(t.baseUrl, org.emails.coordinator);
  clientId = (
    await coordinator.post('/clients', {
      givenName: 'Rose',
      familyName: 'Hart',
      timeZone: 'Australia/Sydney',
    })
  ).body.id;
  serviceTypeId = (await coordinator.post('/service-types', { name: 'Personal care' })).body.id;
  const admin = await signedIn(t.baseUrl, org.emails.administrator);
  otherWorker = (
    await admin.post('/staff', {
      givenName: 'Olu',
      familyName: 'Ade',
      email: 'olu@sched.example.org',
      timeZone: 'Australia/Sydney',
      deliversServices: true,
      roleIds: [],
    })
  ).body.id;
});
afterAll(() => t.close());

describe('scheduled services', () => {
  it("previews the next occurrences in the client's zone, keeping 09:00 across the DST change", async () => {
    const res = await coordinator.post('/scheduled-services/preview', {
      clientId,
      startDate: '2026-09-28',
      startTime: '09:00',
      rrule: 'FREQ=WEEKLY;BYDAY=MO',
      durationMinutes: 60,
      count: 3,
    });
    expect(res.body.occurrences.map((o: { startsAt: string }) => o.startsAt)).toEqual([
      '2026-09-28T09:00+10:00',
      '2026-10-05T09:00+11:00',
      '2026-10-12T09:00+11:00',
    ]);
    const bad = await coordinator.post('/scheduled-services/preview', {
      clientId,
      startDate: '2026-09-28',
      startTime: '09:00',
      rrule: 'FREQ=HOURLY',
      durationMinutes: 60,
    });
    expect(bad.status).toBe(422);
    expect(bad.body.errors[0].field).toBe('rrule');
  });

  it('a draft generates nothing; activation previews, then generates 12 weeks of bookings', async () => {
    const created = await coordinator.post(`/clients/${clientId}/scheduled-services`, weekly());
    expect(created.status).toBe(201);
    expect(created.body.series).toMatchObject({
      status: 'draft',
      recurrence: 'DTSTART;TZID=Australia/Sydney:20260921T090000\nRRULE:FREQ=WEEKLY;BYDAY=MO,TH',
    });
    const id = created.body.series.id;
    expect(await seriesBookings(id)).toHaveLength(0);

    const preview = await coordinator.post(`/scheduled-services/${id}/activate?preview=true`);
    expect(preview.body.preview).toBe(true);
    expect(preview.body.summary.done).toBe(24);
    expect(await seriesBookings(id)).toHaveLength(0);
    expect((await coordinator.get(`/scheduled-services/${id}`)).body.status).toBe('draft');

    const activated = await coordinator.post(`/scheduled-services/${id}/activate`);
    expect(activated.body.summary).toEqual({ done: 24, conflicts: 0, kept: 0 });
    const rows = await seriesBookings(id);
    expect(rows).toHaveLength(24);
    // Monday 21 Sept 09:00 AEST = 23:00 UTC the day before; Monday 5 Oct 09:00 AEDT = 22:00 UTC.
    expect(rows[0]!.starts_at.toString()).toBe('2026-09-20T23:00:00Z');
    expect(rows[4]!.starts_at.toString()).toBe('2026-10-04T22:00:00Z');
    // Scheduled bookings are not Service Orders (those are ad-hoc).
    expect((await coordinator.get(`/clients/${clientId}/service-orders`)).body.items).toEqual([]);
  });

  it('generation is idempotent, even when run concurrently, and extends the horizon as time passes', async () => {
    const id = (
      await coordinator.post(
        `/clients/${clientId}/scheduled-services`,
        weekly({ startTime: '14:00', staffId: null, status: 'active' }),
      )
    ).body.series.id;
    expect(await seriesBookings(id)).toHaveLength(24);
    await Promise.all([
      runGeneration(t.db, time.clock()),
      runGeneration(t.db, time.clock()),
      runGeneration(t.db, time.clock()),
    ]);
    expect(await seriesBookings(id)).toHaveLength(24);
    time.advance({ hours: 24 * 7 });
    const [a, b] = await Promise.all([runGeneration(t.db, time.clock()), runGeneration(t.db, time.clock())]);
    expect(a.created + b.created).toBeGreaterThanOrEqual(2);
    const rows = await seriesBookings(id);
    expect(rows).toHaveLength(26);
    expect(new Set(rows.map((r) => r.starts_at.toString())).size).toBe(26);
    time.advance({ hours: -24 * 7 });
  });

  it('reports a double-booked occurrence instead of failing the whole activation', async () => {
    const other = (
      await coordinator.post('/clients', {
        givenName: 'Sam',
        familyName: 'Vale',
        timeZone: 'Australia/Sydney',
      })
    ).body.id;
    const clash = await coordinator.post(`/clients/${other}/service-orders`, {
      name: 'Podiatry',
      bookingDate: '2026-10-08',
      startTime: '16:30',
      durationMinutes: 60,
      assignee: { type: 'staff', id: otherWorker },
    });
    expect(clash.status).toBe(201);
    const res = await coordinator.post(
      `/clients/${clientId}/scheduled-services`,
      weekly({ startTime: '16:00', staffId: otherWorker, status: 'active' }),
    );
    expect(res.body.summary).toEqual({ done: 23, conflicts: 1, kept: 0 });
    const conflict = res.body.occurrences.find((o: { result: string }) => o.result === 'conflict');
    expect(conflict).toMatchObject({
      localDate: '2026-10-08',
      conflictingBookingId: clash.body.id,
      reason: 'Olu Ade is already booked for "Podiatry"',
    });
    expect(await seriesBookings(res.body.series.id)).toHaveLength(23);
  });

  it('edits one occurrence, the whole series, and this-and-following, keeping individually edited ones', async () => {
    const created = await coordinator.post(
      `/clients/${clientId}/scheduled-services`,
      weekly({ startTime: '07:00', durationMinutes: 30, status: 'active' }),
    );
    const id = created.body.series.id;
    const rows = await seriesBookings(id);
    // "This occurrence": move Thursday 1 October to 07:45.
    const moved = await coordinator.patch(`/bookings/${rows[3]!.id}`, { startTime: '07:45' });
    expect(moved.body).toMatchObject({
      kind: 'scheduled',
      seriesId: id,
      isException: true,
      startTime: '07:45',
    });
    expect(await seriesBookings(id)).toHaveLength(24);

    // Whole series to 06:30: preview first; nothing changes until applied.
    const edit = { scope: 'series', changes: { startTime: '06:30' } };
    const preview = await coordinator.patch(`/scheduled-services/${id}?preview=true`, edit);
    expect(preview.body.summary).toEqual({ done: 23, conflicts: 0, kept: 1 });
    expect(preview.body.occurrences.find((o: { result: string }) => o.result === 'kept')).toMatchObject({
      localDate: '2026-10-01',
      reason: 'edited individually',
    });
    expect((await coordinator.get(`/bookings/${rows[0]!.id}`)).body.startTime).toBe('07:00');
    const applied = await coordinator.patch(`/scheduled-services/${id}`, edit);
    expect(applied.body.summary).toEqual({ done: 23, conflicts: 0, kept: 1 });
    expect((await coordinator.get(`/bookings/${rows[0]!.id}`)).body.startTime).toBe('06:30');
    expect((await coordinator.get(`/bookings/${rows[3]!.id}`)).body.startTime).toBe('07:45');
    expect((await seriesBookings(id)).map((r) => r.id)).toEqual(rows.map((r) => r.id));

    // This and following from Monday 12 October: reassigned to another worker in a new series.
    const split = await coordinator.patch(`/scheduled-services/${id}`, {
      scope: 'following',
      fromDate: '2026-10-12',
      changes: { staffId: otherWorker },
    });
    expect(split.status).toBe(200);
    const laterId = split.body.series.id;
    expect(laterId).not.toBe(id);
    expect(split.body.series).toMatchObject({
      startDate: '2026-10-12',
      splitFromId: id,
      assignee: { name: 'Olu Ade' },
    });
    expect((await coordinator.get(`/scheduled-services/${id}`)).body.endDate).toBe('2026-10-11');
    const earlier = await seriesBookings(id);
    const later = await seriesBookings(laterId);
    expect(earlier).toHaveLength(6);
    expect(earlier.every((r) => r.staff_id === org.staffIds.worker)).toBe(true);
    expect(later).toHaveLength(18);
    expect(later.every((r) => r.staff_id === otherWorker)).toBe(true);
    // The later bookings are the same records, moved and updated in place.
    expect(new Set([...earlier, ...later].map((r) => r.id))).toEqual(new Set(rows.map((r) => r.id)));
  });

  it('ending a series removes future bookings not yet delivered and never touches delivered ones', async () => {
    const id = (
      await coordinator.post(
        `/clients/${clientId}/scheduled-services`,
        weekly({ startTime: '18:00', staffId: null, status: 'active' }),
      )
    ).body.series.id;
    const rows = await seriesBookings(id);
    // Delivered early (a visit can be completed once it has started): complete it just after.
    const now = time.clock();
    time.set(rows[5]!.starts_at.add({ hours: 3 }));
    const then = await signedIn(t.baseUrl, org.emails.coordinator);
    expect((await then.post(`/bookings/${rows[5]!.id}/complete`)).status).toBe(200);
    time.set(now);
    const ended = await coordinator.post(`/scheduled-services/${id}/end`, { endDate: '2026-09-30' });
    expect(ended.body.summary.kept).toBe(1);
    const left = await seriesBookings(id);
    expect(left.map((r) => r.id)).toEqual([rows[0]!.id, rows[1]!.id, rows[2]!.id, rows[5]!.id]);
    expect(left[3]!.status).toBe('completed');
  });
});

describe('one meaning for a recurrence', () => {
  const preview = (over: Record<string, unknown>) =>
    coordinator.post('/scheduled-services/preview', {
      clientId,
      startTime: '09:00',
      durationMinutes: 60,
      count: 10,
      ...over,
    });

  it('preview and generation skip a start the rule does not match, and COUNT counts bookings', async () => {
    // Tuesday 29 September; the rule asks for four Mondays.
    const rule = { startDate: '2026-09-29', rrule: 'FREQ=WEEKLY;BYDAY=MO;COUNT=4' };
    const previewed = await preview(rule);
    expect(previewed.body.occurrences.map((o: { startsAt: string }) => o.startsAt)).toEqual([
      '2026-10-05T09:00+11:00',
      '2026-10-12T09:00+11:00',
      '2026-10-19T09:00+11:00',
      '2026-10-26T09:00+11:00',
    ]);
    const created = await coordinator.post(
      `/clients/${clientId}/scheduled-services`,
      weekly({ ...rule, staffId: null, name: 'Four Mondays', status: 'active' }),
    );
    expect(created.status).toBe(201);
    const booked = await seriesBookings(created.body.series.id);
    expect(booked.map((b) => b.starts_at.toString())).toEqual([
      '2026-10-04T22:00:00Z',
      '2026-10-11T22:00:00Z',
      '2026-10-18T22:00:00Z',
      '2026-10-25T22:00:00Z',
    ]);
  });

  it("skips a start that is not the rule's ordinal weekday or BYSETPOS day", async () => {
    // Monday 5 October is the first Monday; 12 October is not.
    const ordinal = await preview({ startDate: '2026-10-12', rrule: 'FREQ=MONTHLY;BYDAY=1MO;COUNT=2' });
    expect(ordinal.body.occurrences.map((o: { startsAt: string }) => o.startsAt)).toEqual([
      '2026-11-02T09:00+11:00',
      '2026-12-07T09:00+11:00',
    ]);
    const last = await preview({
      startDate: '2026-10-01',
      rrule: 'FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1;COUNT=2',
    });
    expect(last.body.occurrences.map((o: { startsAt: string }) => o.startsAt)).toEqual([
      '2026-10-30T09:00+11:00',
      '2026-11-30T09:00+11:00',
    ]);
  });

  it('refuses an UNTIL before the start and an end date before the start date with 422 naming the field', async () => {
    const until = await coordinator.post(
      `/clients/${clientId}/scheduled-services`,
      weekly({ startDate: '2026-10-05', rrule: 'FREQ=WEEKLY;BYDAY=MO;UNTIL=20261001T000000Z' }),
    );
    expect(until.status).toBe(422);
    expect(until.body.errors).toEqual([
      { field: 'rrule', reason: expect.stringMatching(/^UNTIL: is before the start/) },
    ]);
    const ends = await coordinator.post(
      `/clients/${clientId}/scheduled-services`,
      weekly({ startDate: '2026-10-05', endDate: '2026-10-01' }),
    );
    expect(ends.status).toBe(422);
    expect(ends.body.errors).toEqual([
      { field: 'endDate', reason: expect.stringMatching(/^is before the start date/) },
    ]);
    const previewEnds = await preview({
      startDate: '2026-10-05',
      rrule: 'FREQ=WEEKLY;BYDAY=MO',
      endDate: '2026-10-04',
    });
    expect(previewEnds.status).toBe(422);
    expect(previewEnds.body.errors[0].field).toBe('endDate');
    // An edit that would end the series before it starts is refused the same way, and changes nothing.
    const draft = await coordinator.post(
      `/clients/${clientId}/scheduled-services`,
      weekly({ startDate: '2026-10-05' }),
    );
    const edit = await coordinator.patch(`/scheduled-services/${draft.body.series.id}`, {
      scope: 'series',
      changes: { endDate: '2026-10-01' },
    });
    expect(edit.status).toBe(422);
    expect(edit.body.errors[0].field).toBe('endDate');
  });
});

describe('client leave', () => {
  it('suspends bookings in the period, tells the assignee, and restores what is free when shortened', async () => {
    const client = (
      await coordinator.post('/clients', { givenName: 'Lea', familyName: 'Vo', timeZone: 'Australia/Sydney' })
    ).body.id;
    const id = (
      await coordinator.post(
        `/clients/${client}/scheduled-services`,
        weekly({ startTime: '11:00', status: 'active' }),
      )
    ).body.series.id;
    const leave = await coordinator.post(`/clients/${client}/leave`, {
      type: 'hospital',
      startsOn: '2026-10-05',
      endsOn: '2026-10-18',
      note: 'Knee surgery',
    });
    expect(leave.status).toBe(201);
    expect(leave.body.suspended.map((s: { startsAt: string }) => s.startsAt)).toEqual([
      '2026-10-05T11:00:00+11:00',
      '2026-10-08T11:00:00+11:00',
      '2026-10-12T11:00:00+11:00',
      '2026-10-15T11:00:00+11:00',
    ]);
    const rows = await seriesBookings(id);
    expect(rows.filter((r) => r.status === 'cancelled')).toHaveLength(4);
    const one = (await coordinator.get(`/bookings/${leave.body.suspended[0].bookingId}`)).body;
    expect(one).toMatchObject({ status: 'cancelled', cancellationReason: 'Client leave' });
    const worker = await signedIn(t.baseUrl, org.emails.worker);
    const notices = (await worker.get('/me/notices')).body.items;
    expect(notices[0].message).toMatch(
      /Lea Vo is on hospital leave: "Personal care" on 2026-10-\d\d 11:00 is suspended/,
    );

    // Meanwhile the worker is booked elsewhere on 15 October; shortening the leave to end on the 11th
    // restores 12 October but cannot restore the 15th.
    const elsewhere = (
      await coordinator.post('/clients', { givenName: 'Eli', familyName: 'Ng', timeZone: 'Australia/Sydney' })
    ).body.id;
    expect(
      (
        await coordinator.post(`/clients/${elsewhere}/service-orders`, {
          name: 'Shopping',
          bookingDate: '2026-10-15',
          startTime: '10:30',
          durationMinutes: 60,
          assignee: { type: 'staff', id: org.staffIds.worker },
        })
      ).status,
    ).toBe(201);
    const shorter = await coordinator.request('PUT', `/leave/${leave.body.leave.id}`, {
      type: 'hospital',
      startsOn: '2026-10-05',
      endsOn: '2026-10-11',
    });
    expect(shorter.body.restored.map((s: { startsAt: string }) => s.startsAt)).toEqual([
      '2026-10-12T11:00:00+11:00',
    ]);
    expect(shorter.body.notRestored).toEqual([
      expect.objectContaining({
        startsAt: '2026-10-15T11:00:00+11:00',
        reason: 'the staff member has since been booked for "Shopping"',
      }),
    ]);
    // Generation inside an open-ended leave creates the occurrences suspended.
    const open = await coordinator.post(`/clients/${client}/leave`, {
      type: 'respite',
      startsOn: '2026-12-01',
    });
    expect(open.body.leave.endsOn).toBeNull();
    time.advance({ hours: 24 * 7 });
    await runGeneration(t.db, time.clock());
    const latest = (await seriesBookings(id)).at(-1)!;
    expect(latest.status).toBe('cancelled');
    time.advance({ hours: -24 * 7 });
    // Removing the leave restores everything still in the future.
    const removed = await coordinator.delete(`/leave/${open.body.leave.id}`);
    expect(removed.body.notRestored).toEqual([]);
    expect((await seriesBookings(id)).at(-1)!.status).toBe('booked');
  });
});

describe('staff availability', () => {
  it("flags occurrences outside the assignee's working hours or during their leave, and still books them", async () => {
    const admin = await signedIn(t.baseUrl, org.emails.administrator);
    const hours = await admin.request('PUT', `/staff/${otherWorker}/working-hours`, {
      items: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, startsAt: '08:00', endsAt: '17:00' })),
    });
    expect(hours.status).toBe(200);
    expect(hours.body.items).toHaveLength(5);
    const bad = await admin.request('PUT', `/staff/${otherWorker}/working-hours`, {
      items: [{ weekday: 1, startsAt: '17:00', endsAt: '09:00' }],
    });
    expect(bad.status).toBe(422);
    expect(bad.body.errors[0].field).toBe('items.0.endsAt');
    expect(
      (
        await admin.post(`/staff/${otherWorker}/leave`, {
          startsOn: '2026-10-14',
          endsOn: '2026-10-14',
          reason: 'Training',
        })
      ).status,
    ).toBe(201);
    expect(
      (
        await coordinator.post(`/staff/${otherWorker}/leave`, {
          startsOn: '2026-10-20',
          endsOn: '2026-10-21',
        })
      ).status,
    ).toBe(403);

    const client = (
      await coordinator.post('/clients', {
        givenName: 'Wes',
        familyName: 'Tan',
        timeZone: 'Australia/Sydney',
      })
    ).body.id;
    const weekday = await coordinator.post(
      `/clients/${client}/scheduled-services?preview=true`,
      weekly({ rrule: 'FREQ=WEEKLY;BYDAY=WE', startTime: '10:00', staffId: otherWorker, status: 'active' }),
    );
    const flagged = weekday.body.occurrences.filter((o: { warnings?: string[] }) => o.warnings);
    expect(flagged).toEqual([
      expect.objectContaining({
        localDate: '2026-10-14',
        result: 'done',
        warnings: ['the assignee is on leave'],
      }),
    ]);
    const saturday = await coordinator.post(
      `/clients/${client}/scheduled-services?preview=true`,
      weekly({ rrule: 'FREQ=WEEKLY;BYDAY=SA', startTime: '12:00', staffId: otherWorker, status: 'active' }),
    );
    expect(saturday.body.summary.done).toBe(12);
    expect(
      saturday.body.occurrences.every((o: { warnings?: string[] }) =>
        o.warnings?.includes("outside the assignee's working hours"),
      ),
    ).toBe(true);
  });

  it('asks for a reason before a single booking goes ahead despite soft conflicts, and keeps it on the booking', async () => {
    // otherWorker works Mon–Fri 08:00–17:00 (Sydney) and is on leave on Wednesday 2026-10-14 (test above).
    const client = (
      await coordinator.post('/clients', {
        givenName: 'Ida',
        familyName: 'Moss',
        timeZone: 'Australia/Sydney',
      })
    ).body.id;
    const visit = (over: Record<string, unknown>) => ({
      name: 'Evening check',
      bookingDate: '2026-10-13',
      startTime: '18:00',
      durationMinutes: 60,
      assignee: { type: 'staff', id: otherWorker },
      ...over,
    });
    const refused = await coordinator.post(`/clients/${client}/service-orders`, visit({}));
    expect(refused.status).toBe(409);
    expect(refused.body.softConflicts).toEqual(["outside the assignee's working hours"]);
    expect((await coordinator.get(`/clients/${client}/service-orders`)).body.items).toEqual([]);

    const booked = await coordinator.post(
      `/clients/${client}/service-orders`,
      visit({ overrideReason: 'Agreed overtime with Sam' }),
    );
    expect(booked.status).toBe(201);
    expect(booked.body.conflictOverride.reason).toBe('Agreed overtime with Sam');

    // A notes-only edit reschedules nothing: no reason needed, the recorded override stays.
    const noted = await coordinator.patch(`/bookings/${booked.body.id}`, { notes: 'Bring the folder' });
    expect(noted.body.conflictOverride.reason).toBe('Agreed overtime with Sam');
    // A preview of moving it onto the leave day names the warning and changes nothing.
    const preview = await coordinator.post(`/bookings/${booked.body.id}/preview-change`, {
      bookingDate: '2026-10-14',
      startTime: '10:00',
    });
    expect(preview.status).toBe(200);
    expect(preview.body.softConflicts).toEqual(['the assignee is on leave']);
    expect(preview.body.conflict).toBeNull();
    expect(preview.body.booking.bookingDate).toBe('2026-10-14');
    expect(preview.body.booking.conflictOverride).toBeNull();
    // Moving it onto the leave day raises a new warning, which needs a new reason.
    const onLeave = await coordinator.patch(`/bookings/${booked.body.id}`, {
      bookingDate: '2026-10-14',
      startTime: '10:00',
    });
    expect(onLeave.status).toBe(409);
    expect(onLeave.body.softConflicts).toEqual(['the assignee is on leave']);
    expect((await coordinator.get(`/bookings/${booked.body.id}`)).body.bookingDate).toBe('2026-10-13');
    // Into working hours on a working day: no warnings, and the old override is cleared.
    const fine = await coordinator.patch(`/bookings/${booked.body.id}`, {
      bookingDate: '2026-10-15',
      startTime: '10:00',
    });
    expect(fine.status).toBe(200);
    expect(fine.body.conflictOverride).toBeNull();
    const admin = await signedIn(t.baseUrl, org.emails.administrator);
    const audits = await admin.get(`/audit-events?entityType=booking&entityId=${booked.body.id}`);
    // create, notes edit, move: the preview and the refused move left nothing behind.
    expect(audits.body.items.map((e: { action: string }) => e.action)).toEqual([
      'update',
      'update',
      'create',
    ]);
    // A preview onto a time the same worker is already booked names the booking in the way.
    const other = await coordinator.post(
      `/clients/${client}/service-orders`,
      visit({ bookingDate: '2026-10-16', startTime: '10:00', name: 'Friday visit' }),
    );
    const clash = await coordinator.post(`/bookings/${booked.body.id}/preview-change`, {
      bookingDate: '2026-10-16',
    });
    expect(clash.body.conflict.conflictingBookingId).toBe(other.body.id);
    expect(clash.body.booking.bookingDate).toBe('2026-10-15');
    // A second booking of the same client at the same time, unassigned: the client-clash warning.
    const twice = await coordinator.post(
      `/clients/${client}/service-orders`,
      visit({ bookingDate: '2026-10-15', startTime: '10:30', assignee: null }),
    );
    expect(twice.body.softConflicts).toEqual(['the client already has "Evening check" at that time']);
    // A reason that is only spaces is not a reason.
    const blank = await coordinator.post(
      `/clients/${client}/service-orders`,
      visit({ bookingDate: '2026-10-15', startTime: '10:30', assignee: null, overrideReason: '   ' }),
    );
    expect(blank.status).toBe(422);
    expect(blank.body.errors[0].field).toBe('overrideReason');
  });
});
