import pg from 'pg';
import { Temporal } from 'temporal-polyfill';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type App, buildApp } from '../src/app/build-app.js';
import { loadConfig } from '../src/platform/config/config.js';
import { manualClock, seedOrg, signedIn, startTestApp, type TestApp } from './support/test-app.js';

// DATABASE_READ_URL pointed at the primary itself (a replica with no lag): calendar and feed reads take the
// read pool, everything else the primary's, and nothing a user sees changes. The read pool's connections
// carry their own application_name, so pg_stat_activity shows which pool served the reads.
const time = manualClock(Temporal.Instant.from('2026-09-20T00:00:00Z'));
const READ_NAME = 'carebook-read-replica-test';
let t: TestApp;
let replicaApp: App;
let baseUrl: string;

beforeAll(async () => {
  t = await startTestApp({ clock: time.clock });
  const readUrl = new URL(t.databaseUrl);
  readUrl.searchParams.set('application_name', READ_NAME);
  replicaApp = await buildApp({
    db: t.db,
    config: loadConfig({ CAREBOOK_WEB_DIST: '/nonexistent', DATABASE_READ_URL: readUrl.toString() }),
    clock: time.clock,
  });
  await replicaApp.listen({ port: 0, host: '127.0.0.1' });
  const address = replicaApp.server.address();
  baseUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
});
afterAll(async () => {
  await replicaApp.close();
  await t.close();
});

async function readPoolConnections(): Promise<number> {
  const client = new pg.Client({ connectionString: t.databaseUrl });
  await client.connect();
  try {
    const r = await client.query(
      'SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND application_name = $1',
      [READ_NAME],
    );
    return r.rows[0].n as number;
  } finally {
    await client.end();
  }
}

describe('DATABASE_READ_URL', () => {
  it('unset: the calendar reads use the primary pool', () => {
    expect(t.app.readDb).toBe(t.app.db);
  });

  it('set to the same server: bookings written on the primary show in the calendar and the feed, read through the read pool', async () => {
    const org = await seedOrg(t.db, 'Replica');
    const coordinator = await signedIn(baseUrl, org.emails.coordinator);
    const client = await coordinator.post('/clients', {
      givenName: 'Rhea',
      familyName: 'Lake',
      timeZone: 'Australia/Sydney',
    });
    expect(client.status).toBe(201);
    const booked = await coordinator.post(`/clients/${client.body.id}/service-orders`, {
      name: 'Shopping trip',
      bookingDate: '2026-09-30',
      startTime: '10:00',
      durationMinutes: 60,
      assignee: { type: 'staff', id: org.staffIds.worker },
    });
    expect(booked.status).toBe(201);
    expect(await readPoolConnections()).toBe(0);

    const calendar = await coordinator.get(
      `/calendar?from=2026-09-27T00:00:00Z&to=2026-10-04T00:00:00Z&staffId=${org.staffIds.worker}`,
    );
    expect(calendar.status).toBe(200);
    expect(calendar.body.items.map((e: { name: string; start: string }) => [e.name, e.start])).toEqual([
      ['Shopping trip', '2026-09-30T10:00'],
    ]);
    expect(await readPoolConnections()).toBeGreaterThan(0);

    const worker = await signedIn(baseUrl, org.emails.worker);
    const feed = await worker.post(`/staff/${org.staffIds.worker}/calendar-feed`);
    expect(feed.status).toBe(201);
    const ics = await fetch(new URL(new URL(feed.body.url).pathname, baseUrl));
    expect(ics.status).toBe(200);
    expect(ics.headers.get('content-type')).toMatch(/^text\/calendar/);
    expect(await ics.text()).toContain('SUMMARY:Shopping trip — Rhea Lake');
  });

  it('refuses a value that is not a PostgreSQL URL, naming the setting', () => {
    expect(() => loadConfig({ DATABASE_READ_URL: 'replica.example.org:5432' })).toThrow(/DATABASE_READ_URL/);
  });
});
