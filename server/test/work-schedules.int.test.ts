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

// Monday 21 December 2026, 09:00 in Sydney.
const time = manualClock(Temporal.Instant.from('2026-12-20T22:00:00Z'));
let t: TestApp;
let org: SeededOrg;
let admin: Agent;
let worker: Agent;
let clientId: string;

beforeAll(async () => {
  t = await startTestApp({ clock: time.clock });
  org = await seedOrg(t.db, 'Schedules');
  admin = await signedIn(t.baseUrl, org.emails.administrator);
  worker = await signedIn(t.baseUrl, org.emails.worker);
  const client = await admin.post('/clients', {
    givenName: 'Quinn',
    familyName: 'Brisbane',
    timeZone: 'Australia/Brisbane',
  });
  clientId = client.body.id;
});
afterAll(() => t.close());

const slotTimes = (body: { items: { staffLocal: { date: string; time: string } }[] }) =>
  body.items.map((s) => `${s.staffLocal.date} ${s.staffLocal.time}`);

describe('work schedules and slot search', () => {
  it('offers the schedule lines minus a booking, a part-day break and the public holidays, in both zones', async () => {
    const staffId = org.staffIds.worker;
    const created = await admin.post(`/staff/${staffId}/work-schedules`, {
      name: 'Ad hoc Mon–Tue',
      type: 'adhoc',
      payRateMinor: 9500,
      lines: [
        { weekday: 1, startsAt: '09:00', endsAt: '14:00' },
        { weekday: 2, startsAt: '09:00', endsAt: '14:00' },
      ],
    });
    expect(created.status).toBe(201);
    expect((await admin.put(`/staff/${staffId}/holiday-region`, { holidayRegion: 'AU-NSW' })).status).toBe(
      200,
    );
    const booked = await admin.post(`/clients/${clientId}/service-orders`, {
      name: 'Counselling',
      bookingDate: '2026-12-21',
      startTime: '10:00', // Brisbane: 11:00 in Sydney
      durationMinutes: 60,
      assignee: { type: 'staff', id: staffId },
    });
    expect(booked.status).toBe(201);
    // The associate adds their own part-day break.
    const brk = await worker.post(`/staff/${staffId}/breaks`, {
      startsOn: '2026-12-22',
      endsOn: '2026-12-22',
      fromTime: '12:00',
      toTime: '14:00',
      reason: 'Dentist',
    });
    expect(brk.status).toBe(201);

    const res = await worker.get(
      `/staff/${staffId}/available-slots?durationMinutes=60&days=8&stepMinutes=60&clientId=${clientId}`,
    );
    expect(res.status).toBe(200);
    expect(slotTimes(res.body)).toEqual([
      '2026-12-21 09:00',
      '2026-12-21 10:00',
      '2026-12-21 12:00',
      '2026-12-21 13:00',
      '2026-12-22 09:00',
      '2026-12-22 10:00',
      '2026-12-22 11:00',
    ]);
    // Monday 28 December is a public holiday in New South Wales (Boxing Day, observed).
    expect(res.body.holidays.map((h: { date: string }) => h.date)).toEqual([
      '2026-12-25',
      '2026-12-26',
      '2026-12-28',
    ]);
    expect(res.body.items[0]).toMatchObject({
      scheduleName: 'Ad hoc Mon–Tue',
      scheduleType: 'adhoc',
      payRateMinor: 9500,
      staffLocal: { time: '09:00', offset: '+11:00' },
      clientLocal: { date: '2026-12-21', time: '08:00', offset: '+10:00' },
    });

    // Without a region, the 28th opens up; without the break, Tuesday afternoon does.
    await admin.put(`/staff/${staffId}/holiday-region`, { holidayRegion: null });
    expect((await worker.delete(`/staff-breaks/${brk.body.id}`)).status).toBe(204);
    const open = await worker.get(
      `/staff/${staffId}/available-slots?durationMinutes=60&days=8&stepMinutes=60`,
    );
    expect(slotTimes(open.body).filter((s) => s >= '2026-12-22')).toEqual(
      ['2026-12-22', '2026-12-28'].flatMap((d) =>
        ['09:00', '10:00', '11:00', '12:00', '13:00'].map((h) => `${d} ${h}`),
      ),
    );
    expect(open.body.clientLocal).toBeUndefined();
  });

  it('refuses overlapping lines, unknown regions and half-given break times, naming the field, and writes nothing', async () => {
    const staffId = org.staffIds.worker;
    const overlap = await admin.post(`/staff/${staffId}/work-schedules`, {
      name: 'Open',
      type: 'open',
      lines: [
        { weekday: 3, startsAt: '09:00', endsAt: '12:00' },
        { weekday: 3, startsAt: '11:00', endsAt: '13:00' },
      ],
    });
    expect(overlap.status).toBe(422);
    expect(overlap.body.errors).toEqual([expect.objectContaining({ field: 'lines.1.startsAt' })]);
    const region = await admin.put(`/staff/${staffId}/holiday-region`, { holidayRegion: 'AU-XX' });
    expect(region.status).toBe(422);
    expect(region.body.errors[0].field).toBe('holidayRegion');
    const half = await worker.post(`/staff/${staffId}/breaks`, {
      startsOn: '2026-12-23',
      endsOn: '2026-12-23',
      fromTime: '10:00',
    });
    expect(half.status).toBe(422);
    expect(half.body.errors[0].field).toBe('toTime');
    const list = await admin.get(`/staff/${staffId}/work-schedules`);
    expect(list.body.items.map((s: { name: string }) => s.name)).toEqual(['Ad hoc Mon–Tue']);
    expect((await worker.get(`/staff/${staffId}/breaks`)).body.items).toEqual([]);
  });

  it("keeps an associate to their own schedules: another's are not found, and they cannot change them", async () => {
    const other = org.staffIds.administrator;
    expect((await worker.get(`/staff/${other}/work-schedules`)).status).toBe(404);
    expect((await worker.get(`/staff/${other}/available-slots`)).status).toBe(404);
    expect(
      (await worker.post(`/staff/${other}/breaks`, { startsOn: '2026-12-23', endsOn: '2026-12-23' })).status,
    ).toBe(404);
    const mine = await worker.get(`/staff/${org.staffIds.worker}/work-schedules`);
    expect(mine.status).toBe(200);
    expect(mine.body.timeZone).toBe('Australia/Sydney');
  });
});
