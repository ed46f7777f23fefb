import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { sql } from 'kysely';
import { Temporal } from 'temporal-polyfill';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, seedDemoIfEmpty } from '../src/demo/seed-demo.js';
import { Agent, startTestApp, type TestApp } from './support/test-app.js';

const run = promisify(execFile);
const SERVER = join(import.meta.dirname, '..');

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

describe('demo data', () => {
  it('fills an empty database once with a usable organisation in two time zones', async () => {
    expect(await seedDemoIfEmpty(t.db, Temporal.Instant.from('2026-11-23T00:00:00Z'))).toBe(true);
    expect(await seedDemoIfEmpty(t.db, Temporal.Instant.from('2026-11-23T00:00:00Z'))).toBe(false);
    const counts = await sql<{
      clients: string;
      staff: string;
      zones: string;
      bookings: string;
      overlaps: string;
    }>`
      SELECT (SELECT count(*) FROM clients) AS clients,
             (SELECT count(*) FROM staff) AS staff,
             (SELECT count(DISTINCT time_zone) FROM clients) AS zones,
             (SELECT count(*) FROM bookings) AS bookings,
             (SELECT count(*) FROM bookings a JOIN bookings b ON a.staff_id = b.staff_id AND a.id < b.id
               AND a.status <> 'cancelled' AND b.status <> 'cancelled'
               AND tstzrange(a.starts_at, a.ends_at) && tstzrange(b.starts_at, b.ends_at)) AS overlaps`.execute(
      t.db,
    );
    const row = counts.rows[0]!;
    expect(Number(row.clients)).toBeGreaterThanOrEqual(20);
    expect(Number(row.staff)).toBeGreaterThanOrEqual(10);
    expect(Number(row.zones)).toBeGreaterThanOrEqual(2);
    expect(Number(row.bookings)).toBeGreaterThanOrEqual(40);
    expect(row.overlaps).toBe('0');

    const agent = new Agent(t.baseUrl);
    expect((await agent.signIn('coordinator@example.org', DEMO_PASSWORD)).status).toBe(200);
    const clients = (await agent.get('/clients?limit=200')).body.items;
    const withOrders = await agent.get(`/clients/${clients[0].id}/service-orders`);
    expect(withOrders.body.items.length).toBeGreaterThan(0);
  });
});

describe('the command line', () => {
  const cli = (...args: string[]) =>
    run(join(SERVER, '../node_modules/.bin/tsx'), ['src/cli.ts', ...args], {
      cwd: SERVER,
      env: { ...process.env, DATABASE_URL: t.databaseUrl },
    });

  it('creates an organisation and a user who can then sign in', async () => {
    const org = JSON.parse(
      (await cli('org:create', '--name', 'Westside Therapy', '--time-zone', 'Australia/Perth')).stdout,
    );
    expect(org.id).toMatch(/^[0-9a-f-]{36}$/);
    const user = JSON.parse(
      (
        await cli(
          'user:create',
          '--org',
          org.id,
          '--email',
          'owner@westside.example.org',
          '--password',
          'long enough password',
          '--given-name',
          'Wen',
          '--family-name',
          'Li',
          '--role',
          'administrator',
          '--time-zone',
          'Australia/Perth',
        )
      ).stdout,
    );
    expect(user.userId).toMatch(/^[0-9a-f-]{36}$/);
    const agent = new Agent(t.baseUrl);
    const me = await agent.signIn('owner@westside.example.org', 'long enough password');
    expect(me.body.organisation).toMatchObject({ name: 'Westside Therapy', timeZone: 'Australia/Perth' });
    expect(me.body.permissions).toContain('roles.manage');
    expect(JSON.parse((await cli('db:migrate')).stdout).applied).toEqual([]);
  });

  it('prints a problem naming the field and exits non-zero on bad input', async () => {
    const failure = await cli('org:create', '--name', 'X', '--time-zone', 'Nowhere/Special').catch((e) => e);
    expect(failure.code).toBe(1);
    expect(JSON.parse(failure.stderr).errors).toEqual([
      { field: 'timeZone', reason: 'must be an IANA time zone name' },
    ]);
  });
});
