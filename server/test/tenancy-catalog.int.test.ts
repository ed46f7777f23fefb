import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  citusOffenders,
  LOCAL_TABLES,
  REFERENCE_TABLES,
  withoutExceptions,
} from './support/citus-catalog.js';
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

/**
 * Known exceptions to the Citus rules ("table.constraint" → why it stays for now), listed in docs/scaling.md
 * with the change that removes each before `create_distributed_table`.
 */
const SET_NULL_REASON =
  'ON DELETE SET NULL (column) keeps history when the referenced row goes; Citus refuses any SET NULL action on a key that includes organisation_id, even when only the other column is nulled';
const CITUS_EXCEPTIONS = new Map<string, string>([
  [
    'booking_participants.booking_participants_organisation_id_replaces_participant__fkey',
    `${SET_NULL_REASON} (here: the participant it took over from is deleted)`,
  ],
  [
    'booking_participants.booking_participants_organisation_id_suspended_by_leave_id_fkey',
    `${SET_NULL_REASON} (here: the client's leave is deleted)`,
  ],
  [
    'case_session_details.case_session_details_organisation_id_work_schedule_id_fkey',
    `${SET_NULL_REASON} (here: the work schedule is deleted)`,
  ],
  [
    'delivered_services.delivered_services_organisation_id_service_id_fkey',
    `${SET_NULL_REASON} (here: the booking's service is deleted)`,
  ],
  [
    'delivered_services.delivered_services_organisation_id_staff_participant_id_fkey',
    `${SET_NULL_REASON} (here: the staff participant is deleted)`,
  ],
  [
    'ndis_claim_lines.ndis_claim_lines_organisation_id_delivered_service_id_fkey',
    `${SET_NULL_REASON} (here: the delivered service is deleted)`,
  ],
  ['notices.notices_organisation_id_booking_id_fkey', `${SET_NULL_REASON} (here: the booking is deleted)`],
  [
    'notification_outbox.notification_outbox_organisation_id_booking_id_fkey',
    `${SET_NULL_REASON} (here: the booking is deleted)`,
  ],
  [
    'notification_outbox.notification_outbox_organisation_id_preference_id_fkey',
    `${SET_NULL_REASON} (here: the notification preference is deleted)`,
  ],
]);

describe('the schema is ready for Citus (distributed by organisation_id; docs/scaling.md)', () => {
  it('nothing Citus would refuse, beyond the listed exceptions', async () => {
    const left = withoutExceptions(await citusOffenders(client), CITUS_EXCEPTIONS);
    for (const [rule, offenders] of Object.entries(left))
      expect({ rule, offenders }).toEqual({ rule, offenders: [] });
  });

  it('every listed exception is still real (remove it from the list once fixed)', async () => {
    const found = Object.values(await citusOffenders(client))
      .flat()
      .map((o) => `${o.table_name}.${o.constraint_name}`);
    expect([...CITUS_EXCEPTIONS.keys()].filter((key) => !found.includes(key))).toEqual([]);
  });

  it('the rules catch each kind of table or constraint Citus refuses (planted, then rolled back)', async () => {
    await client.query('BEGIN');
    try {
      await client.query(`
        CREATE TABLE citus_parent (organisation_id uuid NOT NULL, id uuid NOT NULL, code text,
          PRIMARY KEY (organisation_id, id), UNIQUE (code), UNIQUE (id));
        CREATE TABLE citus_child (organisation_id uuid NOT NULL, id uuid NOT NULL, parent_id uuid, during tstzrange,
          PRIMARY KEY (organisation_id, id),
          CONSTRAINT citus_child_fk_no_org FOREIGN KEY (parent_id) REFERENCES citus_parent (id),
          CONSTRAINT citus_child_fk_set_null FOREIGN KEY (organisation_id, parent_id)
            REFERENCES citus_parent (organisation_id, id) ON DELETE SET NULL (parent_id),
          CONSTRAINT citus_child_fk_update_cascade FOREIGN KEY (organisation_id, parent_id)
            REFERENCES citus_parent (organisation_id, id) ON UPDATE CASCADE,
          CONSTRAINT citus_child_no_overlap EXCLUDE USING gist (organisation_id WITH <>, during WITH &&));
        CREATE TABLE citus_lookup (id uuid PRIMARY KEY, organisation_id_ref uuid, parent_org uuid, parent_id uuid,
          CONSTRAINT citus_lookup_to_distributed FOREIGN KEY (parent_org, parent_id)
            REFERENCES citus_parent (organisation_id, id));
        CREATE TABLE citus_local_log (id bigint PRIMARY KEY, parent_org uuid, parent_id uuid,
          CONSTRAINT citus_local_to_distributed FOREIGN KEY (parent_org, parent_id)
            REFERENCES citus_parent (organisation_id, id));
        CREATE TABLE citus_stray (id uuid PRIMARY KEY);`);
      const found = await citusOffenders(
        client,
        [...REFERENCE_TABLES, 'citus_lookup'],
        [...LOCAL_TABLES, 'citus_local_log'],
      );
      const planted = (rule: string) =>
        (found[rule] ?? []).filter((o) => o.table_name.startsWith('citus_')).map((o) => o.constraint_name);
      expect(planted('unique, primary key or exclusion without organisation_id')).toEqual([
        'citus_parent_code_key',
        'citus_parent_id_key',
      ]);
      expect(planted('exclusion constraint not using = on organisation_id')).toEqual([
        'citus_child_no_overlap',
      ]);
      expect(planted('foreign key between distributed tables not on organisation_id')).toEqual([
        'citus_child_fk_no_org',
      ]);
      expect(planted('foreign key action that may write organisation_id')).toEqual([
        'citus_child_fk_set_null',
        'citus_child_fk_update_cascade',
      ]);
      expect(planted('foreign key from a reference table to a distributed one')).toEqual([
        'citus_lookup_to_distributed',
      ]);
      expect(planted('foreign key between a local table and a distributed one')).toEqual([
        'citus_local_to_distributed',
      ]);
      expect(
        found['table that is neither distributed, reference nor local']!.map((o) => o.table_name),
      ).toContain('citus_stray');
    } finally {
      await client.query('ROLLBACK');
    }
  });
});
