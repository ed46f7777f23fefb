import { request } from 'node:http';
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

/**
 * Every feed read in these tests goes through here: parsed with ical.js, its VTIMEZONEs registered, and every
 * event checked to end after it starts as read back.
 */
function readFeed(text: string) {
  const calendar = new ICAL.Component(ICAL.parse(text));
  for (const zone of calendar.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(zone);
  const events = calendar.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
  for (const e of events)
    expect(e.endDate.toJSDate().getTime(), `${e.summary} ends after it starts`).toBeGreaterThan(
      e.startDate.toJSDate().getTime(),
    );
  return { calendar, events };
}

describe('calendar feeds', () => {
  it('serves an iCalendar feed that a real parser reads with the right instants across the DST change', async () => {
    const feed = await coordinator.post(`/clients/${clientId}/calendar-feed`);
    expect(feed.status).toBe(201);
    const url = new URL(feed.body.url);
    const response = await fetch(`${t.baseUrl}${url.pathname}`);
    expect(response.headers.get('content-type')).toMatch(/text\/calendar/);
    const { events } = readFeed(await response.text());
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
      const events = readFeed(await (await fetch(`${t.baseUrl}${path}`)).text())
        .calendar.getAllSubcomponents('vevent')
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

describe('feeds across both DST changes', () => {
  it.each([
    // Sydney: forward on 4 Oct 2026 (02:00 → 03:00), back on 4 Apr 2027 (03:00 → 02:00, 02:00–03:00 twice).
    ['Australia/Sydney', '2026-10-04', '01:30', 90],
    ['Australia/Sydney', '2027-04-04', '01:45', 90], // ends 02:15 in the second pass
    ['Australia/Sydney', '2027-04-04', '02:45', 30], // 02:45 first pass → 02:15 second pass
    ['Australia/Sydney', '2027-04-04', '02:10', 40], // inside the first pass
    // London: forward on 28 Mar 2027 (01:00 → 02:00), back on 25 Oct 2026 (02:00 → 01:00, 01:00–02:00 twice).
    ['Europe/London', '2027-03-28', '00:30', 60],
    ['Europe/London', '2026-10-25', '00:45', 60], // ends 01:45 first pass
    ['Europe/London', '2026-10-25', '01:40', 30], // 01:40 first pass → 01:10 second pass
    ['Europe/London', '2026-10-25', '00:30', 120], // ends 01:30 in the second pass
  ] as const)(
    '%s on %s at %s for %i minutes reads back with the right start and end',
    async (zone, date, start, minutes) => {
      const client = (
        await coordinator.post('/clients', {
          givenName: 'Dst',
          familyName: `${zone} ${date} ${start}`,
          timeZone: zone,
        })
      ).body.id;
      const booking = await coordinator.post(`/clients/${client}/service-orders`, {
        name: 'Night visit',
        bookingDate: date,
        startTime: start,
        durationMinutes: minutes,
      });
      expect(booking.status).toBe(201);
      const startsAt = Temporal.PlainDateTime.from(`${date}T${start}`)
        .toZonedDateTime(zone, { disambiguation: 'compatible' })
        .toInstant();
      const feed = await coordinator.post(`/clients/${client}/calendar-feed`);
      const { events } = readFeed(
        await (await fetch(`${t.baseUrl}${new URL(feed.body.url).pathname}`)).text(),
      );
      expect(events).toHaveLength(1);
      expect(events[0]!.startDate.toJSDate().toISOString()).toBe(
        new Date(startsAt.epochMilliseconds).toISOString(),
      );
      expect(events[0]!.endDate.toJSDate().toISOString()).toBe(
        new Date(startsAt.add({ minutes }).epochMilliseconds).toISOString(),
      );
    },
  );
});

describe('feed URLs and conditional GET', () => {
  it('builds feed URLs on the listening address, whatever Host the request names', async () => {
    // fetch() will not send another Host: node:http does, as any client may.
    const base = new URL(t.baseUrl);
    const body = await new Promise<string>((resolve, reject) => {
      const req = request(
        {
          host: base.hostname,
          port: base.port,
          method: 'POST',
          path: `/api/v1/clients/${clientId}/calendar-feed`,
          headers: {
            host: 'attacker.example',
            cookie: coordinator.cookie,
            'x-csrf-token': coordinator.csrf,
            'content-type': 'application/json',
          },
        },
        (res) => {
          let text = '';
          res.on('data', (c) => (text += c));
          res.on('end', () => resolve(text));
        },
      );
      req.on('error', reject);
      req.end('{}');
    });
    expect(JSON.parse(body).url.startsWith(`${t.baseUrl}/api/v1/feeds/`)).toBe(true);
  });

  it('builds feed URLs on CAREBOOK_PUBLIC_URL when it is configured', async () => {
    const other = await startTestApp({
      clock: time.clock,
      config: { publicUrl: 'https://care.example.org' },
    });
    try {
      const o = await seedOrg(other.db, 'Pub');
      const c = await signedIn(other.baseUrl, o.emails.coordinator);
      const client = (
        await c.post('/clients', { givenName: 'Pat', familyName: 'Lee', timeZone: 'Europe/London' })
      ).body.id;
      const created = await c.post(`/clients/${client}/calendar-feed`);
      expect(created.body.url).toMatch(/^https:\/\/care\.example\.org\/api\/v1\/feeds\/[^/]+\.ics$/);
    } finally {
      await other.close();
    }
  });

  it('sends ETag and Last-Modified, answers 304 while nothing changed, and 200 with a new ETag after a change', async () => {
    const feed = await coordinator.post(`/clients/${clientId}/calendar-feed`);
    const url = `${t.baseUrl}${new URL(feed.body.url).pathname}`;
    const first = await fetch(url);
    expect(first.status).toBe(200);
    readFeed(await first.text());
    const etag = first.headers.get('etag')!;
    const lastModified = first.headers.get('last-modified')!;
    expect(etag).toMatch(/^"[A-Za-z0-9_-]+"$/);
    expect(lastModified).toMatch(/^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT$/);

    time.advance({ minutes: 1 }); // a later request: DTSTAMP differs, the ETag must not
    const again = await fetch(url, { headers: { 'if-none-match': etag } });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
    expect(again.headers.get('etag')).toBe(etag);
    expect((await fetch(url, { headers: { 'if-modified-since': lastModified } })).status).toBe(304);
    const secondEarlier = new Date(Date.parse(lastModified) - 1000).toUTCString();
    expect((await fetch(url, { headers: { 'if-modified-since': secondEarlier } })).status).toBe(200);

    const items = (
      await coordinator.get(
        `/calendar?from=2026-09-27T00:00:00Z&to=2026-10-13T00:00:00Z&clientId=${clientId}`,
      )
    ).body.items;
    const booked = items.find((i: { status: string }) => i.status === 'booked');
    const patched = await coordinator.patch(`/bookings/${booked.id}`, { notes: 'Bring gloves' });
    expect(patched.status, JSON.stringify(patched.body)).toBe(200);
    const changed = await fetch(url, { headers: { 'if-none-match': etag } });
    expect(changed.status).toBe(200);
    readFeed(await changed.text());
    expect(changed.headers.get('etag')).not.toBe(etag);
  });
});
