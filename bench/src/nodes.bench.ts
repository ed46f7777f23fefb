import { sql } from 'kysely';
import { Temporal } from 'temporal-polyfill';
import { type Db, withSystem } from '../../server/src/platform/db/database.js';
import type { MailCatcher } from '../../server/src/platform/mail/mail-catcher.js';
import { CONTENDERS } from './booking.bench.js';
import {
  ADMIN_EMAIL,
  ADMIN_PASSWORD,
  BILLING_MONTH,
  DATA_TODAY,
  type DataSet,
} from './dataset/generate-data.js';
import { type Session, signIn } from './http/session.js';
import { nowMs, percentile } from './support/timing.js';

/**
 * The multi-node workloads, each run once against one app node and once against two behind a round-robin:
 * the contended slot (64 clients × N slots), an invoice run split in two half-month runs (graphile-worker
 * hands them to whichever node is free), and a wave of due reminders (the outbox dispatcher). Correctness is
 * read from the database and the SMTP sinks afterwards; nothing relies on a node being told of the others.
 */

export const NAME = 'Contended slot (nodes)';

export type Contended = {
  requests: number;
  seconds: number;
  p50: number;
  p99: number;
  winners: number[];
  conflicts: number;
  other: Map<number, number>;
};

export async function prepareContention(db: Db, data: DataSet, baseUrl: string) {
  const org = data.organisationId;
  const staffId = data.staffIds[0]!;
  await sql`DELETE FROM bookings WHERE organisation_id = ${org} AND name = ${NAME}`.execute(db);
  const staff = await sql<{ time_zone: string }>`SELECT time_zone FROM staff WHERE id = ${staffId}`.execute(
    db,
  );
  const zone = staff.rows[0]!.time_zone;
  const clients = await sql<{ id: string }>`
    SELECT id FROM clients WHERE organisation_id = ${org} AND time_zone = ${zone}
     ORDER BY family_name LIMIT ${CONTENDERS}`.execute(db);
  if (clients.rows.length < CONTENDERS) throw new Error(`need ${CONTENDERS} clients in ${zone}`);
  // One after another: a sign-in in flight counts against the e-mail's failure budget until it succeeds, and
  // under load more than five at once would be refused (429), as a burst of guesses would.
  const sessions: Session[] = [];
  for (let i = 0; i < CONTENDERS; i++) sessions.push(await signIn(baseUrl, ADMIN_EMAIL, ADMIN_PASSWORD));
  return { staffId, clientIds: clients.rows.map((r) => r.id), sessions };
}

/** 64 concurrent requests per slot through `baseUrl`; the slots start `dayOffset` days after the data set's +7. */
export async function contend(
  baseUrl: string,
  setup: Awaited<ReturnType<typeof prepareContention>>,
  slots: number,
  dayOffset: number,
): Promise<Contended> {
  const first = Temporal.PlainDate.from(DATA_TODAY).add({ days: 7 + dayOffset });
  const latencies: number[] = [];
  const winners: number[] = [];
  const other = new Map<number, number>();
  let conflicts = 0;
  const start = nowMs();
  for (let k = 0; k < slots; k++) {
    const date = first.add({ days: k }).toString();
    const statuses = await Promise.all(
      setup.sessions.map(async (session, i) => {
        const t0 = nowMs();
        const response = await fetch(`${baseUrl}/api/v1/clients/${setup.clientIds[i]}/service-orders`, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            cookie: session.cookie,
            'x-csrf-token': session.csrf,
          },
          body: JSON.stringify({
            name: NAME,
            bookingDate: date,
            startTime: '17:30',
            durationMinutes: 60,
            assignee: { type: 'staff', id: setup.staffId },
            overrideReason: 'Evening visit agreed with the worker',
          }),
        });
        await response.arrayBuffer();
        latencies.push(nowMs() - t0);
        return response.status;
      }),
    );
    winners.push(statuses.filter((s) => s === 201 || s === 200).length);
    for (const s of statuses)
      if (s === 409) conflicts++;
      else if (s !== 201 && s !== 200) other.set(s, (other.get(s) ?? 0) + 1);
  }
  const seconds = (nowMs() - start) / 1000;
  const sorted = latencies.sort((a, b) => a - b);
  return {
    requests: latencies.length,
    seconds,
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    winners,
    conflicts,
    other,
  };
}

/** Stored bookings of the contended slots and overlapping pairs for the staff member (both must be per slot 1 / 0). */
export async function contentionInDatabase(db: Db, data: DataSet, staffId: string) {
  const org = data.organisationId;
  const stored = await sql<{ n: string }>`
    SELECT count(*) AS n FROM bookings WHERE organisation_id = ${org} AND name = ${NAME}`.execute(db);
  const overlaps = await sql<{ n: string }>`
    SELECT count(*) AS n FROM booking_participants a JOIN booking_participants b
      ON a.organisation_id = b.organisation_id AND a.staff_id = b.staff_id AND a.id < b.id AND a.period && b.period
    WHERE a.organisation_id = ${org} AND a.staff_id = ${staffId}
      AND a.status IN ('booked', 'attended') AND b.status IN ('booked', 'attended')`.execute(db);
  return { stored: Number(stored.rows[0]!.n), overlaps: Number(overlaps.rows[0]!.n) };
}

export type Billing = {
  seconds: number;
  visits: number;
  invoices: number;
  runs: { status: string; attempts: number }[];
  doubleInvoiced: number;
  /** application_name of the connections seen working on invoices while the runs went (sampled). */
  nodesSeen: string[];
};

/** Two half-month runs queued over HTTP at once; the nodes' workers claim them. Deleted again afterwards. */
export async function billingRuns(
  db: Db,
  data: DataSet,
  baseUrl: string,
  session: Session,
): Promise<Billing> {
  const org = data.organisationId;
  const mid = Temporal.PlainDate.from(BILLING_MONTH.periodFrom).add({ days: 14 }).toString();
  const halves = [
    { periodFrom: BILLING_MONTH.periodFrom, periodTo: mid },
    {
      periodFrom: Temporal.PlainDate.from(mid).add({ days: 1 }).toString(),
      periodTo: BILLING_MONTH.periodTo,
    },
  ];
  const seen = new Set<string>();
  const start = nowMs();
  const ids = await Promise.all(
    halves.map(async (body) => {
      const response = await fetch(`${baseUrl}/api/v1/invoice-runs`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie: session.cookie, 'x-csrf-token': session.csrf },
        body: JSON.stringify(body),
      });
      const run = (await response.json()) as { id: string };
      if (response.status !== 202)
        throw new Error(`queueing a run: ${response.status} ${JSON.stringify(run)}`);
      return run.id;
    }),
  );
  for (;;) {
    const active = await sql<{ name: string }>`
      SELECT DISTINCT application_name AS name FROM pg_stat_activity
       WHERE datname = current_database() AND application_name LIKE 'node-%' AND state = 'active'
         AND query NOT ILIKE '%graphile_worker%'`.execute(db);
    for (const r of active.rows) seen.add(r.name);
    const runs = await sql<{ n: string }>`
      SELECT count(*) AS n FROM invoice_runs WHERE organisation_id = ${org} AND id IN (${sql.join(ids)})
         AND status IN ('completed', 'failed')`.execute(db);
    if (Number(runs.rows[0]!.n) === ids.length) break;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const seconds = (nowMs() - start) / 1000;
  const runs = await sql<{ status: string; attempts: number; booking_count: number; invoice_count: number }>`
    SELECT status, attempts, booking_count, invoice_count FROM invoice_runs
     WHERE organisation_id = ${org} AND id IN (${sql.join(ids)})`.execute(db);
  const doubled = await sql<{ n: string }>`
    SELECT count(*) AS n FROM (SELECT l.booking_id FROM invoice_lines l JOIN invoices i
        ON i.organisation_id = l.organisation_id AND i.id = l.invoice_id
      WHERE i.organisation_id = ${org} AND i.run_id IN (${sql.join(ids)}) AND l.booking_id IS NOT NULL
      GROUP BY l.booking_id HAVING count(DISTINCT l.invoice_id) > 1) d`.execute(db);
  for (const id of ids) await discardRun(db, org, id);
  return {
    seconds,
    visits: runs.rows.reduce((s, r) => s + r.booking_count, 0),
    invoices: runs.rows.reduce((s, r) => s + r.invoice_count, 0),
    runs: runs.rows.map((r) => ({ status: r.status, attempts: r.attempts })),
    doubleInvoiced: Number(doubled.rows[0]!.n),
    nodesSeen: [...seen].sort(),
  };
}

async function discardRun(db: Db, organisationId: string, runId: string): Promise<void> {
  await withSystem(db, async (tx) => {
    const drafts = sql`SELECT id FROM invoices WHERE organisation_id = ${organisationId} AND run_id = ${runId}`;
    await sql`DELETE FROM invoiced_bookings WHERE organisation_id = ${organisationId} AND invoice_id IN (${drafts})`.execute(
      tx,
    );
    await sql`DELETE FROM invoice_lines WHERE organisation_id = ${organisationId} AND invoice_id IN (${drafts})`.execute(
      tx,
    );
    await sql`DELETE FROM invoices WHERE organisation_id = ${organisationId} AND run_id = ${runId}`.execute(
      tx,
    );
    await sql`DELETE FROM invoice_runs WHERE organisation_id = ${organisationId} AND id = ${runId}`.execute(
      tx,
    );
  });
}

export type Reminders = {
  count: number;
  seconds: number;
  /** Messages each node's SMTP sink received for this wave, in node order. */
  perNode: number[];
  /** Keys received more than once (all sinks together) and keys never received. */
  duplicates: number;
  missing: number;
  attemptsAboveOne: number;
};

/**
 * `count` due reminders for booked visits, written in transactions of 20, each of which wakes the dispatcher
 * as a confirmation's trigger does (graphile_worker.add_job, no job key), so every node's dispatcher runs at
 * once and they compete for the rows (claimed with SKIP LOCKED). Each node sends through its own SMTP sink.
 */
export async function reminderWave(
  db: Db,
  data: DataSet,
  sinks: readonly MailCatcher[],
  count: number,
  wave: string,
): Promise<Reminders> {
  const org = data.organisationId;
  const bookings = await sql<{ id: string; client_id: string; time_zone: string }>`
    SELECT b.id, p.client_id, c.time_zone FROM bookings b
      JOIN booking_participants p ON p.organisation_id = b.organisation_id AND p.booking_id = b.id
       AND p.client_id IS NOT NULL
      JOIN clients c ON c.organisation_id = p.organisation_id AND c.id = p.client_id
     WHERE b.organisation_id = ${org} AND b.status = 'booked'
     ORDER BY b.id LIMIT ${count}`.execute(db);
  if (bookings.rows.length < count) throw new Error(`need ${count} booked visits for the reminder wave`);
  const key = (i: number) => `bench-nodes-${wave}-${i}`;
  const start = nowMs();
  for (let i = 0; i < count; i += 20)
    await withSystem(db, async (tx) => {
      const rows = bookings.rows.slice(i, i + 20).map((b, j) => ({
        organisation_id: org,
        idempotency_key: key(i + j),
        event: 'reminder',
        booking_id: b.id,
        client_id: b.client_id,
        recipient: 'client',
        recipient_name: 'Bench Client',
        channel: 'email',
        address: `client-${i + j}@bench.example.org`,
        time_zone: b.time_zone,
        scheduled_at: sql`now() - interval '1 minute'`,
        subject: 'Reminder: your visit tomorrow',
        body_text: 'Your care worker visits tomorrow.',
      }));
      await tx
        .insertInto('notification_outbox')
        .values(rows as never)
        .execute();
      await sql`SELECT graphile_worker.add_job('notifications:dispatch', max_attempts := 3)`.execute(tx);
    });
  for (;;) {
    const left = await sql<{ n: string }>`
      SELECT count(*) AS n FROM notification_outbox WHERE organisation_id = ${org}
         AND idempotency_key LIKE ${`bench-nodes-${wave}-%`} AND status NOT IN ('sent', 'failed')`.execute(
      db,
    );
    if (Number(left.rows[0]!.n) === 0) break;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const seconds = (nowMs() - start) / 1000;
  const received = new Map<string, number>();
  const perNode = sinks.map((sink) => {
    // By this wave's keys, not by position: a sink keeps only its last 500 messages.
    const mine = sink.messages().filter((m) => m.messageId?.includes(`bench-nodes-${wave}-`));
    for (const m of mine) received.set(m.messageId!, (received.get(m.messageId!) ?? 0) + 1);
    return mine.length;
  });
  const attempts = await sql<{ n: string }>`
    SELECT count(*) AS n FROM notification_outbox WHERE organisation_id = ${org}
       AND idempotency_key LIKE ${`bench-nodes-${wave}-%`} AND attempts > 1`.execute(db);
  return {
    count,
    seconds,
    perNode,
    duplicates: [...received.values()].filter((n) => n > 1).length,
    missing: count - received.size,
    attemptsAboveOne: Number(attempts.rows[0]!.n),
  };
}
