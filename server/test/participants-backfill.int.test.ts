import { randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { Temporal } from 'temporal-polyfill';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { buildApp } from '../src/app/build-app.js';
import { DEMO_PASSWORD } from '../src/demo/seed-demo.js';
import { loadConfig } from '../src/platform/config/config.js';
import { createDb, type Db } from '../src/platform/db/database.js';
import { MIGRATIONS_DIR, migrate } from '../src/platform/db/migrate.js';
import { Agent } from './support/test-app.js';

/**
 * The participants migration (0008) on an existing database. The fixture is the demo organisation as the code
 * before 0008 made it (commit 00cfdea, demo seed at 2026-11-16T00:00Z), plus client leave that suspended six
 * visits, a completed visit with actual times and mileage, and a booking that overrode a soft conflict, with
 * every table's rows and every booking's API view (`GET /bookings/:id`, `GET /bookings/:id/billing`) as that
 * code served them. The test restores the rows into a database migrated to 0007, runs every later migration,
 * and asks the new code for the same views.
 */
type Fixture = {
  madeAt: string;
  tables: Record<string, Record<string, unknown>[]>;
  bookingViews: Record<string, Record<string, unknown>>;
  billingViews: Record<string, Record<string, unknown>>;
};
const fixture = JSON.parse(
  readFileSync(join(import.meta.dirname, 'fixtures/demo-0007.json'), 'utf8'),
) as Fixture;

let db: Db;
let admin: pg.Client;
let name: string;
let close: () => Promise<void>;
let agent: Agent;

beforeAll(async () => {
  const adminUrl = inject('adminUrl');
  name = `carebook_bf_${randomUUID().replaceAll('-', '').slice(0, 16)}`;
  admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  // Migrations up to 0007 only: the schema the fixture's rows were written under.
  const before = mkdtempSync(join(tmpdir(), 'carebook-0007-'));
  for (const f of readdirSync(MIGRATIONS_DIR).filter((f) => f.endsWith('.sql') && f < '0008'))
    symlinkSync(join(MIGRATIONS_DIR, f), join(before, f));
  await migrate(url.toString(), before);
  const c = new pg.Client({ connectionString: url.toString() });
  await c.connect();
  await c.query('BEGIN');
  // Rows go in as they were (triggers and foreign keys are the fixture's business, not the restore's).
  await c.query('SET LOCAL session_replication_role = replica');
  for (const [table, rows] of Object.entries(fixture.tables))
    if (rows.length > 0)
      await c.query(
        `INSERT INTO ${pg.escapeIdentifier(table)} SELECT * FROM json_populate_recordset(NULL::${pg.escapeIdentifier(table)}, $1)`,
        [JSON.stringify(rows)],
      );
  await c.query('COMMIT');
  await c.end();
  const applied = await migrate(url.toString());
  expect(applied.applied[0]).toBe('0008_booking_participants.sql');
  db = createDb(url.toString(), 4);
  const now = Temporal.Instant.from(fixture.madeAt);
  const app = await buildApp({
    db,
    config: loadConfig({ CAREBOOK_WEB_DIST: '/nonexistent' }),
    clock: () => now,
    invoiceWorker: false,
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  agent = new Agent(`http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`);
  const signIn = await agent.signIn('admin@example.org', DEMO_PASSWORD);
  expect(signIn.status).toBe(200);
  close = async () => {
    await app.close();
    await db.destroy();
  };
}, 120_000);

afterAll(async () => {
  await close?.();
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.end();
});

/** What the API showed before 0008; the fields 0008 adds are checked separately. */
// Fields the view gained after 0007, checked for their backfilled values below instead.
const withoutNew = (v: Record<string, unknown>) => {
  const {
    participants: _p,
    category: _c,
    capacity: _k,
    completion: _done,
    contractId: _contract,
    suspendedByLeave: _leave,
    ...rest
  } = v;
  return rest;
};

describe('the participants migration on existing data', () => {
  it('shows every booking exactly as before, with one client and one staff or provider participant', async () => {
    const ids = Object.keys(fixture.bookingViews);
    expect(ids.length).toBe(313);
    const suspended = new Set(
      fixture.tables.bookings!.filter((b) => b.suspended_by_leave_id !== null).map((b) => b.id as string),
    );
    expect(suspended.size).toBe(6);
    for (const id of ids) {
      const old = fixture.bookingViews[id]!;
      const now = await agent.get(`/bookings/${id}`);
      expect(now.status).toBe(200);
      expect(withoutNew(now.body)).toEqual(old);
      expect(now.body.category).toBe('visit');
      expect(now.body.capacity).toBeNull();
      expect(now.body.contractId).toBeNull();
      if (old.status !== 'completed') expect(now.body.completion).toBeNull();
      expect(now.body.suspendedByLeave).toBe(
        old.status === 'cancelled' && old.cancellationReason === 'Client leave',
      );
      const clients = now.body.participants.filter((p: { type: string }) => p.type === 'client');
      expect(clients).toEqual([
        expect.objectContaining({
          subjectId: old.clientId,
          lead: true,
          status:
            old.status === 'completed'
              ? 'attended'
              : suspended.has(id)
                ? 'suspended'
                : old.status === 'cancelled'
                  ? 'cancelled'
                  : 'booked',
        }),
      ]);
      const assignee = old.assignee as { type: string; id: string; name: string } | null;
      const leads = now.body.participants.filter((p: { type: string }) => p.type !== 'client');
      expect(leads).toEqual(
        assignee
          ? [
              expect.objectContaining({
                type: assignee.type,
                subjectId: assignee.id,
                name: assignee.name,
                lead: true,
              }),
            ]
          : [],
      );
    }
  });

  it("keeps every booking's billing facts (contract, actual times, mileage, invoice)", async () => {
    for (const [id, old] of Object.entries(fixture.billingViews)) {
      const now = await agent.get(`/bookings/${id}/billing`);
      expect(now.body).toEqual(old);
    }
  });

  it('leaves no booking double-booked and keeps invoiced visits claimed once per client', async () => {
    const overlaps = await db
      .selectFrom('booking_participants as a')
      .innerJoin('booking_participants as b', (j) =>
        j.onRef('a.staff_id', '=', 'b.staff_id').onRef('a.id', '<', 'b.id'),
      )
      .where('a.status', 'in', ['booked', 'attended'])
      .where('b.status', 'in', ['booked', 'attended'])
      .where((eb) => eb(eb.ref('a.period'), '&&', eb.ref('b.period')))
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    expect(overlaps.n).toBe('0');
    const claims = await db
      .selectFrom('invoiced_bookings')
      .select(['booking_id', 'participant_id'])
      .execute();
    expect(claims.length).toBe(fixture.tables.invoiced_bookings!.length);
    expect(new Set(claims.map((c) => c.participant_id)).size).toBe(claims.length);
  });
});
