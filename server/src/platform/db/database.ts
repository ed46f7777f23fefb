import { Kysely, PostgresDialect, sql, type Transaction } from 'kysely';
import pg from 'pg';
import { Temporal } from 'temporal-polyfill';
import type { Database } from './schema.js';

export type Db = Kysely<Database>;
export type Tx = Transaction<Database>;

// Local dates stay 'YYYY-MM-DD' strings; turning them into JS Dates would shift them by the process zone.
pg.types.setTypeParser(pg.types.builtins.DATE, (value) => value);
// Instants as Temporal.Instant: no JS Date (and no millisecond arithmetic) anywhere in the server.
pg.types.setTypeParser(pg.types.builtins.TIMESTAMPTZ, (value) => Temporal.Instant.from(value));
// bigint identities as strings (no precision loss).
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => value);

export function createDb(connectionString: string, maxConnections = 10): Db {
  const pool = new pg.Pool({ connectionString, max: maxConnections });
  // An idle connection dropped by the server (restart, admin termination) must not crash the process;
  // the pool replaces it on the next checkout.
  pool.on('error', () => {});
  // Nor may one dropped while checked out between two queries of a transaction (a failover kills the server
  // under open transactions): node-pg emits 'error' on the client then, and an unheard 'error' event ends the
  // process. The query in flight, or the next one, still fails and the request answers 503.
  pool.on('connect', (client) => client.on('error', () => {}));
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
}

/**
 * Runs `fn` in one transaction as the request role with row-level security keyed to `organisationId`.
 * Queries inside must still filter by organisation themselves; RLS is the second wall, not the first.
 */
export async function withTenant<T>(db: Db, organisationId: string, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return retryOnDeadlock(() =>
    db.transaction().execute(async (tx) => {
      await sql`SELECT set_config('app.organisation_id', ${organisationId}, true), set_config('role', 'carebook_app', true)`.execute(
        tx,
      );
      return fn(tx);
    }),
  );
}

/**
 * Concurrent inserts checked by the same exclusion constraint can deadlock (40P01) when their ranges
 * overlap in a chain; PostgreSQL aborts one of them, and running it again gives the real answer.
 */
async function retryOnDeadlock<T>(run: () => Promise<T>, attempts = 4): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await run();
    } catch (error) {
      const code = pgErrorCode(error);
      if (attempt >= attempts || (code !== '40P01' && code !== '40001')) throw error;
    }
  }
}

/** Runs `fn` in one transaction with no tenant: only for sign-in look-ups, set-up and the CLI. */
export async function withSystem<T>(db: Db, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return db.transaction().execute(fn);
}

/**
 * Runs `fn` inside a savepoint: when it fails, only its own writes are undone and the surrounding transaction
 * stays usable (a constraint refusal of one occurrence must not abort a whole bulk operation).
 */
export async function withSavepoint<T>(tx: Tx, fn: () => Promise<T>): Promise<T> {
  await sql`SAVEPOINT carebook_sp`.execute(tx);
  try {
    const result = await fn();
    await sql`RELEASE SAVEPOINT carebook_sp`.execute(tx);
    return result;
  } catch (error) {
    await sql`ROLLBACK TO SAVEPOINT carebook_sp`.execute(tx);
    await sql`RELEASE SAVEPOINT carebook_sp`.execute(tx);
    throw error;
  }
}

/** An ISO 8601 instant as a timestamptz operand in a comparison. */
export const ts = (iso: string) => sql<Temporal.Instant>`${iso}::timestamptz`;

export type PgError = { code?: string; constraint?: string; detail?: string };

export function pgErrorCode(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null ? (error as PgError).code : undefined;
}
