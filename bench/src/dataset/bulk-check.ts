import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { sql } from 'kysely';
import pg from 'pg';
import { Temporal } from 'temporal-polyfill';
import { createDb, type Db } from '../../../server/src/platform/db/database.js';
import { migrate } from '../../../server/src/platform/db/migrate.js';
import { type Session, signIn } from '../http/session.js';
import { startChildServer } from '../support/child.js';
import { generateBulkData } from './bulk-data.js';
import { ADMIN_EMAIL, ADMIN_PASSWORD, DATA_START, type DataSpec, generateData } from './generate-data.js';

/**
 * The bulk writer's self-check: the same small data set written both ways (through the product's actions,
 * and in bulk) into two fresh databases, then read back through the product's HTTP API — the calendar over
 * the whole period, every booking's detail and its billing (contract, actual times, rated price) — and
 * compared after replacing each database id by a natural key (client name, staff email, booking start…) and
 * dropping row timestamps. Any difference is printed and fails the check.
 */

export const CHECK_SPEC: DataSpec = { clients: 24, weeks: 6, seed: 1 };

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;
const STAMPS = new Set(['createdAt', 'updatedAt', 'etag']);

/** Every id the data set holds, with a key that is the same for the same record in either database. */
async function labels(db: Db, organisationId: string): Promise<Map<string, string>> {
  const rows = await sql<{ id: string; label: string }>`
    SELECT id::text, 'client ' || family_name AS label FROM clients WHERE organisation_id = ${organisationId}
    UNION ALL SELECT id::text, 'staff ' || email FROM staff WHERE organisation_id = ${organisationId}
    UNION ALL SELECT id::text, 'user ' || email FROM users WHERE organisation_id = ${organisationId}
    UNION ALL SELECT id::text, 'service type ' || name FROM service_types WHERE organisation_id = ${organisationId}
    UNION ALL SELECT id::text, 'contract type ' || name FROM contract_types WHERE organisation_id = ${organisationId}
    UNION ALL SELECT id::text, 'role ' || key FROM roles WHERE organisation_id = ${organisationId}
    UNION ALL SELECT k.id::text, 'contract of ' || c.family_name FROM client_contracts k
      JOIN clients c ON c.id = k.client_id WHERE k.organisation_id = ${organisationId}
    UNION ALL SELECT s.id::text, 'series ' || c.family_name || ' ' || s.rrule FROM scheduled_services s
      JOIN clients c ON c.id = s.client_id WHERE s.organisation_id = ${organisationId}
    UNION ALL SELECT b.id::text, 'booking ' || c.family_name || ' ' || b.starts_at::text FROM bookings b
      JOIN client_deliveries d ON d.booking_id = b.id JOIN clients c ON c.id = d.client_id
      WHERE b.organisation_id = ${organisationId}
    UNION ALL SELECT p.id::text, 'participant ' || p.participant_type || ' ' || c.family_name || ' ' || b.starts_at::text
      FROM booking_participants p JOIN bookings b ON b.id = p.booking_id
      JOIN client_deliveries d ON d.booking_id = b.id JOIN clients c ON c.id = d.client_id
      WHERE p.organisation_id = ${organisationId}
    UNION ALL SELECT ${organisationId}::text, 'organisation'`.execute(db);
  return new Map(rows.rows.map((r) => [r.id, r.label]));
}

function normalise(value: unknown, ids: Map<string, string>): unknown {
  if (typeof value === 'string') return value.replace(UUID, (id) => `<${ids.get(id) ?? `unknown ${id}`}>`);
  if (Array.isArray(value)) return value.map((v) => normalise(v, ids));
  if (value && typeof value === 'object')
    return Object.fromEntries(
      Object.entries(value)
        .filter(([k]) => !STAMPS.has(k))
        .map(([k, v]) => [k, normalise(v, ids)]),
    );
  return value;
}

/** What the API answers for the data set: the calendar, and each booking's detail and billing. */
async function readBack(url: string, organisationId: string): Promise<Record<string, unknown>> {
  const db = createDb(url, 2);
  const app = await startChildServer(join(import.meta.dirname, '../http/serve-app.ts'), [url]);
  try {
    const session: Session = await signIn(app.baseUrl, ADMIN_EMAIL, ADMIN_PASSWORD);
    const get = async (path: string) => {
      const response = await fetch(`${app.baseUrl}/api/v1${path}`, { headers: { cookie: session.cookie } });
      if (response.status !== 200)
        throw new Error(`GET ${path}: ${response.status} ${await response.text()}`);
      return response.json();
    };
    const from = Temporal.PlainDate.from(DATA_START).toZonedDateTime('UTC').subtract({ days: 2 }).toInstant();
    const to = from.add({ hours: 24 * 7 * (CHECK_SPEC.weeks + 1) });
    const calendar = (await get(`/calendar?from=${from}&to=${to}`)) as { items: { id: string }[] };
    const names = await labels(db, organisationId);
    const ids = [...new Set(calendar.items.map((i) => i.id))];
    // Items starting together come in id order, which differs between the databases: compare them as a set.
    const items = calendar.items.map((i) => JSON.stringify(normalise(i, names))).sort();
    const out: Record<string, unknown> = { calendar: { ...calendar, items } };
    for (const id of ids) {
      const key = names.get(id) ?? id;
      out[`${key}: detail`] = await get(`/bookings/${id}`);
      out[`${key}: billing`] = await get(`/bookings/${id}/billing`);
    }
    return normalise(out, names) as Record<string, unknown>;
  } finally {
    await app.stop();
    await db.destroy();
  }
}

/** A fresh, migrated database beside `baseUrl`'s (same server, the name given). */
async function freshDatabase(baseUrl: string, name: string): Promise<string> {
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(name)} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${pg.escapeIdentifier(name)}`);
  } finally {
    await admin.end();
  }
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  await migrate(url.toString());
  return url.toString();
}

async function dropDatabase(baseUrl: string, name: string) {
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  await admin
    .query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(name)} WITH (FORCE)`)
    .finally(() => admin.end());
}

export type CheckResult = { ok: boolean; compared: number; differences: string[]; bookings: number };

/** Writes CHECK_SPEC both ways on the server of `baseUrl` (databases `<prefix>_actions`, `<prefix>_bulk`). */
export async function checkBulkData(baseUrl: string, prefix: string): Promise<CheckResult> {
  const answers: Record<string, unknown>[] = [];
  let bookings = 0;
  for (const way of ['actions', 'bulk'] as const) {
    const name = `${prefix}_${way}`;
    const url = await freshDatabase(baseUrl, name);
    const db = createDb(url, 4);
    try {
      const quiet = () => {};
      const data =
        way === 'actions'
          ? await generateData(db, CHECK_SPEC, quiet)
          : await generateBulkData(db, url, CHECK_SPEC, quiet);
      bookings = data.bookings;
      answers.push(await readBack(url, data.organisationId));
    } finally {
      await db.destroy();
      await dropDatabase(baseUrl, name);
    }
  }
  const [viaActions, inBulk] = answers as [Record<string, unknown>, Record<string, unknown>];
  const differences: string[] = [];
  for (const key of new Set([...Object.keys(viaActions), ...Object.keys(inBulk)]))
    if (!isDeepStrictEqual(viaActions[key], inBulk[key]))
      differences.push(
        `${key}:\n  actions ${JSON.stringify(viaActions[key]).slice(0, 600)}\n  bulk    ${JSON.stringify(inBulk[key]).slice(0, 600)}`,
      );
  return { ok: differences.length === 0, compared: Object.keys(viaActions).length, differences, bookings };
}
