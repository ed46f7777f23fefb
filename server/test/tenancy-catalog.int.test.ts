import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './support/test-app.js';

// Tables that are not owned by one tenant: the tenants themselves, the migration ledger, and sign-in
// attempts (recorded before any organisation is known).
const GLOBAL_TABLES = new Set(['organisations', 'schema_migrations', 'sign_in_attempts']);

let t: TestApp;
let client: pg.Client;
beforeAll(async () => {
  t = await startTestApp();
  client = new pg.Client({ connectionString: t.databaseUrl });
  await client.connect();
});
afterAll(async () => {
  await client.end();
  await t.close();
});

async function rows<T>(text: string): Promise<T[]> {
  return (await client.query(text)).rows as T[];
}

describe('the tenancy rule, read from the catalog', () => {
  it('every table except the global ones carries organisation_id', async () => {
    const tables = await rows<{ table_name: string; has_org: boolean }>(`
      SELECT c.relname AS table_name,
             EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'organisation_id' AND NOT a.attisdropped) AS has_org
      FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p')`);
    expect(tables.length).toBeGreaterThan(5);
    const missing = tables
      .filter((t) => !GLOBAL_TABLES.has(t.table_name) && !t.has_org)
      .map((t) => t.table_name);
    expect(missing).toEqual([]);
  });

  it('every primary key, unique index and exclusion constraint of a tenant table includes organisation_id', async () => {
    const offenders = await rows<{ table_name: string; index_name: string }>(`
      SELECT t.relname AS table_name, i.relname AS index_name
      FROM pg_index x
      JOIN pg_class t ON t.oid = x.indrelid
      JOIN pg_class i ON i.oid = x.indexrelid
      JOIN pg_namespace n ON n.oid = t.relnamespace
      LEFT JOIN pg_constraint con ON con.conindid = x.indexrelid AND con.contype = 'x'
      WHERE n.nspname = 'public'
        AND (x.indisunique OR x.indisprimary OR con.oid IS NOT NULL)
        AND EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = t.oid AND a.attname = 'organisation_id')
        AND NOT EXISTS (
          SELECT 1 FROM pg_attribute a
          WHERE a.attrelid = t.oid AND a.attname = 'organisation_id' AND a.attnum = ANY (x.indkey::smallint[]))`);
    expect(offenders).toEqual([]);
  });

  it('every foreign key between tenant tables includes organisation_id on both sides', async () => {
    const offenders = await rows<{ constraint_name: string }>(`
      SELECT con.conname AS constraint_name
      FROM pg_constraint con
      JOIN pg_class src ON src.oid = con.conrelid
      JOIN pg_class dst ON dst.oid = con.confrelid
      WHERE con.contype = 'f'
        AND dst.relname NOT IN ('organisations')
        AND EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = src.oid AND a.attname = 'organisation_id')
        AND NOT (
          (SELECT attnum FROM pg_attribute WHERE attrelid = src.oid AND attname = 'organisation_id') = ANY (con.conkey)
          AND (SELECT attnum FROM pg_attribute WHERE attrelid = dst.oid AND attname = 'organisation_id') = ANY (con.confkey))`);
    expect(offenders).toEqual([]);
  });

  it('every tenant table has row-level security enabled with a policy on organisation_id', async () => {
    const offenders = await rows<{ table_name: string }>(`
      SELECT c.relname AS table_name
      FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND c.relkind = 'r'
        AND EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'organisation_id')
        AND NOT (c.relrowsecurity AND EXISTS (
          SELECT 1 FROM pg_policy p WHERE p.polrelid = c.oid AND pg_get_expr(p.polqual, p.polrelid) LIKE '%organisation_id%'))`);
    expect(offenders).toEqual([]);
  });

  it('the rule would catch a table that breaks it', async () => {
    await client.query('BEGIN');
    try {
      await client.query('CREATE TABLE rule_breaker (organisation_id uuid NOT NULL, id uuid PRIMARY KEY)');
      const offenders = await rows<{ index_name: string }>(`
        SELECT i.relname AS index_name FROM pg_index x
        JOIN pg_class t ON t.oid = x.indrelid JOIN pg_class i ON i.oid = x.indexrelid
        WHERE t.relname = 'rule_breaker' AND x.indisprimary
          AND NOT EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = t.oid AND a.attname = 'organisation_id'
                          AND a.attnum = ANY (x.indkey::smallint[]))`);
      expect(offenders.map((o) => o.index_name)).toEqual(['rule_breaker_pkey']);
    } finally {
      await client.query('ROLLBACK');
    }
  });
});
