import ICAL from 'ical.js';
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

const time = manualClock(Temporal.Instant.from('2026-09-20T00:00:00Z'));
let t: TestApp;
let org: SeededOrg;
let coordinator: Agent;
let clientId: string;
let seriesId: string;

beforeAll(async () => {
  t = await startTestApp({ clock: time.clock });
  org = await seedOrg(t.db, 'Cal');
  coordinator = await signedIn(t.baseUrl, org.emails.coordinator);
  clientId = (
    await coordinator.post('/clients', { givenName: 'Ada', familyName: 'Moss', timeZone: 'Australia/Sydney' })
  ).body.id;
  const serviceTypeId = (
    await coordinator.post('/service-types', { name: 'Domestic assistance', colour: '#336699' })
  ).body.id;
  seriesId = (
    await coordinator.post(`/clients/${clientId}/scheduled-services`, {
      serviceTypeId,
      name: 'Cleaning',
      startDate: '2026-09-28',
      startTime: '09:00',
      rrule: 'FREQ=WEEKLY;BYDAY=MO',
      durationMinutes: 90,
      staffId: org.staffIds.worker,
      status: 'active',
    })
  ).body.series.id;
});
afterAll(() => t.close());

describe('calendar API', () => {
  it('lists bookings in a range with times in the requested zone, filtered by staff and status', async () => {
    const q = `from=2026-09-27T00:00:00Z&to=2026-10-13T00:00:00Z&staffId=${org.staffIds.worker}`;
    const sydney = await coordinator.get(`/calendar?${q}&zone=Australia/Sydney`);
    expect(sydney.status).toBe(200);
    expect(sydney.body.items.map((e: { start: string; startsAt: string }) => [e.start, e.startsAt])).toEqual([
      ['2026-09-28T09:00', '2026-09-28T09:00:00+10:00'],
      ['2026-10-05T09:00', '2026-10-05T09:00:00+11:00'],
      ['2026-10-12T09:00', '2026-10-12T09:00:00+11:00'],
    ]);
    expect(sydney.body.items[0]).toMatchObject({
      serviceType: { name: 'Domestic assistance', colour: '#336699' },
      seriesId,
      staff: { name: 'Worker Cal' },
    });
    const perth = await coordinator.get(`/calendar?${q}&zone=Australia/Perth`);
    expect(perth.body.items.map((e: { start: string }) => e.start)).toEqual([
      '2026-09-28T07:00',
      '2026-10-05T06:00',
      '2026-10-12T06:00',
    ]);
    expect((await coordinator.get(`/calendar?${q}&status=cancelled`)).body.items).toEqual([]);
    const bad = await coordinator.get('/calendar?from=2026-10-01T00:00:00Z&to=2026-09-01T00:00:00Z');
    expect(bad.status).toBe(422);
    expect(bad.body.errors[0].field).toBe('to');
  });

  it('limits a worker to their own appointments', async () => {
    const worker = await signedIn(t.baseUrl, org.emails.worker);
    const other = await coordinator.post(`/clients/${clientId}/service-orders`, {
      name: 'Unassigned visit',
      bookingDate: '2026-09-30',
      startTime: '10:00',
      durationMinutes: 30,
    });
    expect(other.status).toBe(201);
    const mine = (await worker.get('/calendar?from=2026-09-27T00:00:00Z&to=2026-10-13T00:00:00Z')).body.items;
    expect(mine.map((e: { name: string }) => e.name)).toEqual(['Cleaning', 'Cleaning', 'Cleaning']);
  });
});

describe('calendar feeds', () => {
  it('serves an iCalendar feed that a real parser reads with the right instants across the DST change', async () => {
    const feed = await coordinator.post(`/clients/${clientId}/calendar-feed`);
    expect(feed.status).toBe(201);
    const url = new URL(feed.body.url);
    const response = await fetch(`${t.baseUrl}${url.pathname}`);
    expect(response.headers.get('content-type')).toMatch(/text\/calendar/);
    const text = await response.text();
    const calendar = new ICAL.Component(ICAL.parse(text));
    const zone = calendar.getFirstSubcomponent('vtimezone')!;
    ICAL.TimezoneService.register(zone);
    const events = calendar.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
    const cleaning = events.filter((e) => e.summary.startsWith('Cleaning'));
    // Mondays from 28 September up to the 12-week horizon (13 December).
    expect(cleaning).toHaveLength(11);
    const utc = (e: ICAL.Event) => e.startDate.toJSDate().toISOString();
    // 09:00 AEST on 28 Sept is 23:00 UTC the day before; 09:00 AEDT on 5 Oct is 22:00 UTC the day before.
    expect(cleaning.slice(0, 2).map(utc)).toEqual(['2026-09-27T23:00:00.000Z', '2026-10-04T22:00:00.000Z']);
    expect(cleaning[0]!.endDate.toJSDate().toISOString()).toBe('2026-09-28T00:30:00.000Z');
    expect(cleaning[0]!.startDate.zone?.tzid).toBe('Australia/Sydney');
    expect(new Set(events.map((e) => e.uid)).size).toBe(events.length);
  });

  it('marks cancellations, raises SEQUENCE on every change, keeps UIDs, and stops working when revoked', async () => {
    const worker = await coordinator.post(`/staff/${org.staffIds.worker}/calendar-feed`);
    expect(worker.status).toBe(404); // not their own, and coordinators do not manage staff
    const own = await signedIn(t.baseUrl, org.emails.worker);
    const created = await own.post(`/staff/${org.staffIds.worker}/calendar-feed`);
    expect(created.status).toBe(201);
    const path = new URL(created.body.url).pathname;
    const read = async () => {
      const events = new ICAL.Component(ICAL.parse(await (await fetch(`${t.baseUrl}${path}`)).text()))
        .getAllSubcomponents('vevent')
        .map((v) => ({
          uid: v.getFirstPropertyValue('uid'),
          sequence: v.getFirstPropertyValue('sequence'),
          status: v.getFirstPropertyValue('status'),
        }));
      return events;
    };
    const before = await read();
    const first = before[0]!;
    const bookingId = String(first.uid).replace('@carebook', '');
    await coordinator.patch(`/bookings/${bookingId}`, { notes: 'Use the side door' });
    await coordinator.post(`/bookings/${bookingId}/cancel`, { reason: 'Client away' });
    const after = (await read()).find((e) => e.uid === first.uid)!;
    expect(after.status).toBe('CANCELLED');
    expect(Number(after.sequence)).toBeGreaterThanOrEqual(Number(first.sequence) + 2);

    // A new URL revokes the old one; deleting revokes the current one.
    const second = await own.post(`/staff/${org.staffIds.worker}/calendar-feed`);
    expect((await fetch(`${t.baseUrl}${path}`)).status).toBe(404);
    expect((await fetch(`${t.baseUrl}${new URL(second.body.url).pathname}`)).status).toBe(200);
    expect((await own.delete(`/staff/${org.staffIds.worker}/calendar-feed`)).status).toBe(204);
    expect((await fetch(`${t.baseUrl}${new URL(second.body.url).pathname}`)).status).toBe(404);
    expect((await fetch(`${t.baseUrl}/api/v1/feeds/not-a-token.ics`)).status).toBe(404);
  });
});
