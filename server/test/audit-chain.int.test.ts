import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { copyFile, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import { verifyAuditTrail } from '../src/audit/verify-audit.action.js';
import { createDb } from '../src/platform/db/database.js';
import { MIGRATIONS_DIR, migrate } from '../src/platform/db/migrate.js';
import { type SeededOrg, seedOrg, signedIn, startTestApp, type TestApp } from './support/test-app.js';

const run = promisify(execFile);
const SERVER = join(import.meta.dirname, '..');

// Each test tampers with its own database.
let t: TestApp;
let org: SeededOrg;
beforeEach(async () => {
  t = await startTestApp();
  org = await seedOrg(t.db, 'Chain');
});
afterEach(() => t.close());

const cliVerify = () =>
  run(join(SERVER, '../node_modules/.bin/tsx'), ['src/cli.ts', 'audit:verify'], {
    cwd: SERVER,
    env: { ...process.env, DATABASE_URL: t.databaseUrl },
  }).then(
    (r) => ({ code: 0, output: JSON.parse(r.stdout) }),
    (e) => ({ code: e.code as number, output: JSON.parse(e.stdout) }),
  );

/** As the database superuser, with the append-only and chain triggers switched off: what an intruder could do. */
async function tamper(statement: string, params: unknown[]) {
  const client = new pg.Client({ connectionString: t.databaseUrl });
  await client.connect();
  try {
    await client.query('BEGIN');
    await client.query('ALTER TABLE audit_events DISABLE TRIGGER USER');
    const result = await client.query(statement, params);
    expect(result.rowCount).toBe(1);
    await client.query('ALTER TABLE audit_events ENABLE TRIGGER USER');
    await client.query('COMMIT');
  } finally {
    await client.end();
  }
}

async function someClients(n: number) {
  const admin = await signedIn(t.baseUrl, org.emails.administrator);
  for (let i = 0; i < n; i++)
    expect(
      (
        await admin.post('/clients', {
          givenName: `C${i}`,
          familyName: 'Chain',
          timeZone: 'Australia/Sydney',
        })
      ).status,
    ).toBe(201);
}

describe('the audit hash chain', () => {
  it('verifies an untouched trail, per organisation, from the command line too', async () => {
    await someClients(3);
    const result = await verifyAuditTrail(t.db);
    expect(result.ok).toBe(true);
    const { code, output } = await cliVerify();
    expect(code).toBe(0);
    expect(output.ok).toBe(true);
    // Only organisations with events have a chain (seeding one writes none).
    expect(output.organisations.map((o: { organisationId: string }) => o.organisationId)).toContain(org.id);
  });

  it('20 concurrent audited writes still chain one after the other', async () => {
    const admin = await signedIn(t.baseUrl, org.emails.administrator);
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        admin.post('/clients', { givenName: `P${i}`, familyName: 'Parallel', timeZone: 'Australia/Sydney' }),
      ),
    );
    expect(results.map((r) => r.status)).toEqual(Array(20).fill(201));
    const result = await verifyAuditTrail(t.db);
    expect(result).toMatchObject({ ok: true });
    const ours = result.ok ? result.organisations.find((o) => o.organisationId === org.id) : undefined;
    expect(ours!.events).toBeGreaterThanOrEqual(20);
  });

  it('a second writer waits for the first to commit, then chains after it', async () => {
    const asApp = async () => {
      const client = new pg.Client({ connectionString: t.databaseUrl });
      await client.connect();
      await client.query('BEGIN');
      await client.query(
        `SELECT set_config('app.organisation_id', $1, true), set_config('role', 'carebook_app', true)`,
        [org.id],
      );
      return client;
    };
    const insert = (client: pg.Client, label: string) =>
      client.query(
        `INSERT INTO audit_events (organisation_id, actor_label, action, entity_type) VALUES ($1, $2, 'update', 'test')`,
        [org.id, label],
      );
    await someClients(1);
    const first = await asApp();
    const second = await asApp();
    const probe = new pg.Client({ connectionString: t.databaseUrl });
    await probe.connect();
    try {
      await insert(first, 'first');
      const pid = (await second.query('SELECT pg_backend_pid() AS pid')).rows[0].pid;
      const secondDone = insert(second, 'second');
      // Wait until the second writer is blocked on the chain (a lock), not merely slow.
      await expect
        .poll(async () => {
          const q = await probe.query('SELECT wait_event_type FROM pg_stat_activity WHERE pid = $1', [pid]);
          return q.rows[0]?.wait_event_type;
        })
        .toBe('Lock');
      await first.query('COMMIT');
      await secondDone;
      await second.query('COMMIT');
    } finally {
      await first.end();
      await second.end();
      await probe.end();
    }
    expect(await verifyAuditTrail(t.db)).toMatchObject({ ok: true });
  });

  it('an edited event is reported as the first broken link, and the command exits non-zero', async () => {
    await someClients(3);
    await tamper(
      `UPDATE audit_events SET actor_label = 'Somebody else' WHERE organisation_id = $1 AND seq = 3`,
      [org.id],
    );
    const { code, output } = await cliVerify();
    expect(code).toBe(1);
    expect(output).toMatchObject({
      ok: false,
      brokenLink: { organisationId: org.id, seq: 3, problem: 'edited', eventId: expect.any(String) },
    });
  });

  it('a deleted event is reported', async () => {
    await someClients(3);
    await tamper('DELETE FROM audit_events WHERE organisation_id = $1 AND seq = 2', [org.id]);
    expect(await verifyAuditTrail(t.db)).toMatchObject({
      ok: false,
      brokenLink: { organisationId: org.id, seq: 3, problem: 'missing' },
    });
  });

  it('a deleted newest event is reported', async () => {
    await someClients(2);
    await tamper(
      `DELETE FROM audit_events WHERE organisation_id = $1
         AND seq = (SELECT max(seq) FROM audit_events WHERE organisation_id = $1)`,
      [org.id],
    );
    expect(await verifyAuditTrail(t.db)).toMatchObject({
      ok: false,
      brokenLink: { organisationId: org.id, problem: 'truncated' },
    });
  });

  it('an edit that also rewrites its own hash breaks the link from the next event', async () => {
    await someClients(3);
    await tamper(
      `UPDATE audit_events e SET actor_label = 'Somebody else' WHERE organisation_id = $1 AND seq = 2`,
      [org.id],
    );
    await tamper(
      `UPDATE audit_events e SET hash = audit_event_hash(e) WHERE organisation_id = $1 AND seq = 2`,
      [org.id],
    );
    expect(await verifyAuditTrail(t.db)).toMatchObject({
      ok: false,
      brokenLink: { organisationId: org.id, seq: 3, problem: 'relinked' },
    });
  });
});

describe('the migration that introduced the chain', () => {
  it('chains the events recorded before it, oldest first, per organisation', async () => {
    const admin = new pg.Client({ connectionString: inject('adminUrl') });
    await admin.connect();
    const name = `carebook_chain_${randomUUID().replaceAll('-', '').slice(0, 16)}`;
    await admin.query(`CREATE DATABASE ${name}`);
    const url = new URL(inject('adminUrl'));
    url.pathname = `/${name}`;
    const before = await mkdtemp(join(tmpdir(), 'carebook-migrations-'));
    const db = createDb(url.toString(), 2);
    try {
      for (const file of await readdir(MIGRATIONS_DIR))
        if (file.endsWith('.sql') && file < '0011')
          await copyFile(join(MIGRATIONS_DIR, file), join(before, file));
      await migrate(url.toString(), before);
      const client = new pg.Client({ connectionString: url.toString() });
      await client.connect();
      try {
        for (const label of ['One', 'Two']) {
          const org = (
            await client.query(
              `INSERT INTO organisations (name, time_zone) VALUES ($1, 'UTC') RETURNING id`,
              [label],
            )
          ).rows[0].id;
          for (let i = 0; i < 3; i++)
            await client.query(
              `INSERT INTO audit_events (organisation_id, actor_label, action, entity_type, after)
               VALUES ($1, $2, 'create', 'client', $3)`,
              [org, `Old ${i}`, JSON.stringify({ n: i })],
            );
        }
      } finally {
        await client.end();
      }
      await migrate(url.toString());
      const result = await verifyAuditTrail(db);
      expect(result).toMatchObject({ ok: true });
      expect(result.ok && result.organisations.map((o) => o.events)).toEqual([3, 3]);
    } finally {
      await db.destroy();
      await rm(before, { recursive: true, force: true });
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    }
  });
});
