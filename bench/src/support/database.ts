import { appendFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import {
  type EmbeddedServer,
  startEmbeddedPostgres,
} from '../../../server/src/platform/db/embedded-postgres.js';
import { migrate } from '../../../server/src/platform/db/migrate.js';

/**
 * The benchmarks' database server: DATABASE_URL's when set (its database is used as given), else an embedded
 * PostgreSQL whose cluster lives in bench/data/postgres (kept between runs, like the product's ./data).
 */
export type BenchServer = {
  engine: 'embedded PostgreSQL 18' | 'DATABASE_URL';
  /** The URL of `database` on this server. */
  urlOf: (database: string) => string;
  /** The database to use: created (and migrated) when missing; with `fresh`, dropped first. */
  prepare: (database: string, fresh: boolean) => Promise<string>;
  stop: () => Promise<void>;
};

export const BENCH_DATA_DIR = join(import.meta.dirname, '../../data');

async function admin<T>(adminUrl: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

export async function startBenchServer(): Promise<BenchServer> {
  const external = process.env.DATABASE_URL;
  if (external) {
    const url = new URL(external);
    const given = decodeURIComponent(url.pathname.slice(1));
    return {
      engine: 'DATABASE_URL',
      urlOf: () => external,
      prepare: async (_database, fresh) => {
        if (fresh) console.log(`DATABASE_URL: using ${given} as it is (--fresh only applies to embedded)`);
        await migrate(external);
        return external;
      },
      stop: async () => {},
    };
  }
  mkdirSync(BENCH_DATA_DIR, { recursive: true });
  const logFile = join(BENCH_DATA_DIR, 'postgres.log');
  const server: EmbeddedServer = await startEmbeddedPostgres(BENCH_DATA_DIR, 'postgres', (line) =>
    appendFileSync(logFile, `${line}\n`),
  );
  const adminUrl = server.adminUrl('postgres');
  return {
    engine: 'embedded PostgreSQL 18',
    urlOf: (database) => server.adminUrl(database),
    prepare: async (database, fresh) => {
      await admin(adminUrl, async (c) => {
        if (fresh) await c.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(database)} WITH (FORCE)`);
        const exists = await c.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
        if (exists.rowCount === 0) await c.query(`CREATE DATABASE ${pg.escapeIdentifier(database)}`);
      });
      const url = server.adminUrl(database);
      await migrate(url);
      return url;
    },
    stop: () => server.stop(),
  };
}
