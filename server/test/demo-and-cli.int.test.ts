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
             (SELECT count(*) FROM booking_participants a JOIN booking_participants b
               ON a.staff_id = b.staff_id AND a.id < b.id
               AND a.status IN ('booked', 'attended') AND b.status IN ('booked', 'attended')
               AND a.period && b.period) AS overlaps`.execute(t.db);
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

  it('has contracts with a 1 July rate rise, NSW holidays, carer mileage rates and invoices in every state', async () => {
    const billing = await sql<Record<string, string>>`
      SELECT (SELECT string_agg(name, ',' ORDER BY name) FROM contract_types) AS types,
             (SELECT count(*) FROM contract_types WHERE option_sets->1->>'effectiveFrom' = '2026-07-01') AS rises,
             (SELECT count(*) FROM clients c WHERE NOT EXISTS (SELECT 1 FROM client_contracts k
                WHERE k.client_id = c.id AND k.is_default)) AS without_default,
             (SELECT count(*) FROM client_contracts WHERE jsonb_array_length(option_sets) > 0) AS overrides,
             (SELECT count(*) FROM calendar_days WHERE region = 'NSW' AND kind = 'public_holiday') AS holidays,
             (SELECT count(*) FROM clients WHERE region IS NULL) AS without_region,
             (SELECT count(*) FROM carer_contracts WHERE option_sets->0->'options' ? 'mileageRate') AS carers,
             (SELECT (count(*) > 0)::text FROM client_deliveries WHERE mileage > 0) AS with_mileage,
             (SELECT string_agg(DISTINCT kind || ':' || status, ',' ORDER BY kind || ':' || status) FROM invoices)
               AS invoices,
             -- The respite house's nights slept are on a live invoice, priced by the contract's nightly rate.
             (SELECT (count(*) > 0)::text FROM invoice_lines l JOIN invoices i ON i.id = l.invoice_id
                WHERE l.kind = 'stay' AND i.status IN ('draft', 'issued') AND l.source ? 'option') AS stay_on_invoice,
             (SELECT count(*) FROM invoices WHERE status = 'void' AND void_reason IS NOT NULL) AS void_reasons,
             (SELECT count(*) FROM invoice_runs WHERE status <> 'completed') AS unfinished_runs`.execute(
      t.db,
    );
    expect(billing.rows[0]).toEqual({
      types: 'Local authority,NDIS,Private',
      rises: '3',
      without_default: '0',
      overrides: '1',
      holidays: '36',
      without_region: '0',
      carers: '9',
      with_mileage: 'true',
      invoices: 'credit_note:issued,invoice:draft,invoice:issued,invoice:paid,invoice:void',
      stay_on_invoice: 'true',
      void_reasons: '1',
      unfinished_runs: '0',
    });

    // "Why this price" answers for the demo's invoiced visits, and the finance user sees the invoices.
    const finance = new Agent(t.baseUrl);
    expect((await finance.signIn('finance@example.org', DEMO_PASSWORD)).status).toBe(200);
    const invoices = (await finance.get('/invoices?limit=50')).body.items;
    // Five from the visits, and one more draft when the stay's client was not among them.
    expect(invoices.length).toBeGreaterThanOrEqual(5);
    const drafts = invoices.filter((i: { status: string }) => i.status === 'draft');
    const details = await Promise.all(
      drafts.map(async (d: { id: string }) => (await finance.get(`/invoices/${d.id}`)).body),
    );
    const visitLine = details.flatMap((d) => d.lines).find((l: { bookingId: string | null }) => l.bookingId);
    expect(visitLine).toBeDefined();
    const price = await finance.get(`/bookings/${visitLine.bookingId}/price`);
    expect(price.status).toBe(200);
    expect(price.body.lines.length).toBeGreaterThan(0);
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
      { field: 'timeZone', reason: 'must be an IANA time zone name such as Australia/Sydney' },
    ]);
  });

  const createUser = (org: string, email: string, zone = 'Australia/Perth') =>
    cli(
      'user:create',
      '--org',
      org,
      '--email',
      email,
      '--password',
      'long enough password',
      '--given-name',
      'Sam',
      '--family-name',
      'Reyes',
      '--time-zone',
      zone,
    );
  const refusal = async (attempt: Promise<unknown>) => {
    const failure = await attempt.then(
      () => {
        throw new Error('expected the command to fail');
      },
      (e) => e,
    );
    expect(failure.code).toBe(1);
    return JSON.parse(failure.stderr).errors;
  };

  it('user:create refuses a non-e-mail, a duplicate e-mail and an unknown organisation in plain words', async () => {
    const org = JSON.parse(
      (await cli('org:create', '--name', 'Northside Care', '--time-zone', 'Australia/Perth')).stdout,
    );
    expect(await refusal(createUser(org.id, 'not an e-mail'))).toEqual([
      { field: 'email', reason: 'must be an e-mail address' },
    ]);
    await createUser(org.id, 'sam@northside.example.org');
    expect(await refusal(createUser(org.id, 'SAM@northside.example.org'))).toEqual([
      {
        field: 'email',
        reason: 'is already used by someone in this organisation: SAM@northside.example.org',
      },
    ]);
    const unknown = '00000000-0000-4000-8000-000000000000';
    expect(await refusal(createUser(unknown, 'x@example.org'))).toEqual([
      { field: 'org', reason: `no organisation has the id "${unknown}"` },
    ]);
    expect(await refusal(createUser('not-a-uuid', 'x@example.org'))).toEqual([
      { field: 'org', reason: 'no organisation has the id "not-a-uuid"' },
    ]);
  }, 120_000); // six CLI processes, each starting tsx

  it('stores zone names as the time-zone database spells them, whatever the letter case typed', async () => {
    const org = JSON.parse(
      (await cli('org:create', '--name', 'Eastside', '--time-zone', 'australia/sydney')).stdout,
    );
    const user = JSON.parse((await createUser(org.id, 'lee@eastside.example.org', 'EUROPE/LONDON')).stdout);
    const rows = await sql<{ org_zone: string; staff_zone: string }>`
      SELECT o.time_zone AS org_zone, s.time_zone AS staff_zone
        FROM organisations o JOIN staff s ON s.organisation_id = o.id
       WHERE o.id = ${org.id} AND s.id = ${user.staffId}`.execute(t.db);
    expect(rows.rows).toEqual([{ org_zone: 'Australia/Sydney', staff_zone: 'Europe/London' }]);
  });
});
