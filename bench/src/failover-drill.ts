import { execFile } from 'node:child_process';
import { appendFileSync, chmodSync, chownSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { sql } from 'kysely';
import pg from 'pg';
import { Temporal } from 'temporal-polyfill';
import { createDb } from '../../server/src/platform/db/database.js';
import { migrate } from '../../server/src/platform/db/migrate.js';
import { startMailCatcher } from '../../server/src/platform/mail/mail-catcher.js';
import { ensureBulkSessionsData } from './dataset/bulk-sessions-data.js';
import { DATA_TODAY } from './dataset/generate-data.js';
import { NAME, prepareContention } from './nodes.bench.js';
import { argNumber } from './support/args.js';
import { startChildServer } from './support/child.js';
import { fmt } from './support/report.js';
import { startForwarder } from './support/tcp-forwarder.js';
import { nowMs } from './support/timing.js';

/**
 * `npm run failover -w bench [-- --slots 16 --kill-at 5]`: the failover drill. PostgreSQL 15's own streaming
 * replication (Debian's binaries in /usr/lib/postgresql/15/bin): a primary and a synchronous standby
 * (synchronous_standby_names, synchronous_commit = on) on loopback ports, in a temporary directory, run as the
 * `postgres` user when started as root. The app (one node, jobs included) reaches the database through a TCP
 * forwarder that stands in for the address a real deployment moves. The contended-booking load runs (64
 * clients per slot, each retrying a failed request until it gets an answer); at slot `kill-at` the primary is
 * killed (pg_ctl stop -m immediate), the forwarder is pointed at the standby and the standby promoted
 * (pg_ctl promote). Afterwards the new primary is asked: is every acknowledged booking there, is any slot
 * double-booked; and the load reports how long the app took to answer again and what failed meanwhile.
 */
const args = process.argv.slice(2);
const slots = argNumber(args, 'slots', 16);
const killAt = argNumber(args, 'kill-at', 5);
const BIN = '/usr/lib/postgresql/15/bin';
const run = promisify(execFile);
const asRoot = process.getuid?.() === 0;

/** A PostgreSQL binary, as the postgres user when this runs as root (initdb refuses root). */
const pgBin = (tool: string, toolArgs: string[]) =>
  asRoot
    ? run('runuser', ['-u', 'postgres', '--', join(BIN, tool), ...toolArgs])
    : run(join(BIN, tool), toolArgs);

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return typeof address === 'object' && address ? address.port : 0;
}

const dir = mkdtempSync(join(tmpdir(), 'carebook-failover-'));
chmodSync(dir, 0o755);
if (asRoot) chownSync(dir, 101, 104);
const own = (path: string) => {
  if (asRoot) return run('chown', ['-R', 'postgres:postgres', path]);
};
const primaryDir = join(dir, 'primary');
const standbyDir = join(dir, 'standby');
const primaryPort = await freePort();
const standbyPort = await freePort();
const urlOf = (port: number, db = 'carebook_drill') => `postgres://postgres@127.0.0.1:${port}/${db}`;
const log = (line: string) => console.log(`[${new Date().toISOString().slice(11, 23)}] ${line}`);
const stops: (() => Promise<unknown>)[] = [];

try {
  await mkdir(primaryDir);
  await own(primaryDir);
  await pgBin('initdb', [
    '-D',
    primaryDir,
    '-U',
    'postgres',
    '--auth=trust',
    '-E',
    'UTF8',
    '--no-instructions',
  ]);
  appendFileSync(
    join(primaryDir, 'postgresql.conf'),
    [
      `port = ${primaryPort}`,
      "listen_addresses = '127.0.0.1'",
      `unix_socket_directories = '${dir}'`,
      'wal_level = replica',
      'max_wal_senders = 4',
      'synchronous_commit = on',
      'max_connections = 100',
      'shared_buffers = 64MB',
      'fsync = on',
      '',
    ].join('\n'),
  );
  await pgBin('pg_ctl', ['-D', primaryDir, '-l', join(dir, 'primary.log'), '-w', 'start']);
  stops.push(() => pgBin('pg_ctl', ['-D', primaryDir, '-m', 'immediate', 'stop']).catch(() => {}));
  log(`primary on 127.0.0.1:${primaryPort}`);

  const admin = new pg.Client({ connectionString: urlOf(primaryPort, 'postgres') });
  await admin.connect();
  await admin.query('CREATE DATABASE carebook_drill');
  await migrate(urlOf(primaryPort));
  const setupDb = createDb(urlOf(primaryPort), 4);
  const data = await ensureBulkSessionsData(setupDb, 96);
  await setupDb.destroy();
  log(`migrated and seeded: ${data.clients} clients, ${data.staffIds.length} staff, ${data.bookings} visits`);

  // The standby: a base backup of the primary, streaming from it under the name the primary waits for.
  await pgBin('pg_basebackup', [
    '-D',
    standbyDir,
    '-h',
    '127.0.0.1',
    '-p',
    String(primaryPort),
    '-U',
    'postgres',
    '-X',
    'stream',
    // An immediate checkpoint: the default spreads it over minutes.
    '--checkpoint=fast',
  ]);
  writeFileSync(join(standbyDir, 'standby.signal'), '');
  appendFileSync(
    join(standbyDir, 'postgresql.auto.conf'),
    `port = ${standbyPort}\nprimary_conninfo = 'host=127.0.0.1 port=${primaryPort} user=postgres application_name=standby1'\n`,
  );
  await own(standbyDir);
  await pgBin('pg_ctl', ['-D', standbyDir, '-l', join(dir, 'standby.log'), '-w', 'start']);
  stops.push(() => pgBin('pg_ctl', ['-D', standbyDir, '-m', 'fast', 'stop']).catch(() => {}));
  // Synchronous from here on: a commit is acknowledged only once the standby has flushed it.
  await admin.query("ALTER SYSTEM SET synchronous_standby_names = 'FIRST 1 (standby1)'");
  await admin.query('SELECT pg_reload_conf()');
  for (;;) {
    const r = await admin.query(
      "SELECT sync_state FROM pg_stat_replication WHERE application_name = 'standby1'",
    );
    if (r.rows[0]?.sync_state === 'sync') break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  await admin.end();
  log(`standby on 127.0.0.1:${standbyPort}, streaming synchronously`);

  const forwarder = await startForwarder(primaryPort);
  stops.unshift(() => forwarder.stop());
  const sink = await startMailCatcher({ log: console.error, now: () => new Date().toISOString() });
  stops.unshift(() => sink.stop());
  const app = await startChildServer(join(import.meta.dirname, 'http/serve-node.ts'), [
    urlOf(forwarder.port),
    'node-a',
    sink.url,
  ]);
  stops.unshift(() => app.stop());
  log(`app on ${app.baseUrl}, database through the forwarder on 127.0.0.1:${forwarder.port}`);
  const checkDb = createDb(urlOf(primaryPort), 2);
  const setup = await prepareContention(checkDb, data, app.baseUrl);
  await checkDb.destroy();

  type Attempt = { status: number; contentType: string; retryAfter: string | null; at: number };
  const acknowledged: { date: string; clientId: string; at: number }[] = [];
  const failed: Attempt[] = [];
  let killedAt = 0;
  let promotedAt = 0;
  let firstAnswerAfterKill = 0;
  let firstWriteAfterKill = 0;
  let gaveUp = 0;
  const first = Temporal.PlainDate.from(DATA_TODAY).add({ days: 7 });
  const book = async (date: string, i: number) => {
    const deadline = nowMs() + 60_000;
    for (;;) {
      let attempt: Attempt;
      const sentAt = nowMs();
      try {
        const response = await fetch(`${app.baseUrl}/api/v1/clients/${setup.clientIds[i]}/service-orders`, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            cookie: setup.sessions[i]!.cookie,
            'x-csrf-token': setup.sessions[i]!.csrf,
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
        attempt = {
          status: response.status,
          contentType: response.headers.get('content-type') ?? '',
          retryAfter: response.headers.get('retry-after'),
          at: nowMs(),
        };
      } catch {
        attempt = { status: 0, contentType: '(no answer)', retryAfter: null, at: nowMs() };
      }
      if (attempt.status === 201 || attempt.status === 409) {
        // Only a request sent after the kill shows the app answering again (one sent before may have finished first).
        if (killedAt && sentAt > killedAt) {
          if (!firstAnswerAfterKill) firstAnswerAfterKill = attempt.at;
          if (attempt.status === 201 && !firstWriteAfterKill) firstWriteAfterKill = attempt.at;
        }
        if (attempt.status === 201)
          acknowledged.push({ date, clientId: setup.clientIds[i]!, at: attempt.at });
        return;
      }
      failed.push(attempt);
      if (nowMs() > deadline) {
        gaveUp++;
        return;
      }
      // The client honours Retry-After, shortened so the drill measures the database, not the wait.
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  };
  // A light probe beside the load: GET /me (the session look-up, one read) every 100 ms from the kill until it
  // answers 200, so "answers again" is not hidden behind the queue of contended writes.
  let probeAnsweredAt = 0;
  const probeStatuses = new Map<number, number>();
  const probe = async () => {
    for (;;) {
      const response = await fetch(`${app.baseUrl}/api/v1/me`, {
        headers: { cookie: setup.sessions[0]!.cookie },
      }).catch(() => null);
      const status = response?.status ?? 0;
      await response?.arrayBuffer();
      if (status === 200) {
        probeAnsweredAt = nowMs();
        return;
      }
      probeStatuses.set(status, (probeStatuses.get(status) ?? 0) + 1);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  };
  let probing: Promise<void> | undefined;
  const failover = async () => {
    killedAt = nowMs();
    probing = probe();
    await pgBin('pg_ctl', ['-D', primaryDir, '-m', 'immediate', 'stop']);
    log('primary killed (pg_ctl stop -m immediate)');
    // The address moves first (as a VIP or DNS name would); until promotion, writes there are read-only (25006).
    forwarder.pointAt(standbyPort);
    await pgBin('pg_ctl', ['-D', standbyDir, '-w', 'promote']);
    promotedAt = nowMs();
    log(`standby promoted ${fmt((promotedAt - killedAt) / 1000, 2)} s after the kill`);
  };
  const started = nowMs();
  let failing: Promise<void> | undefined;
  for (let k = 0; k < slots; k++) {
    const date = first.add({ days: k }).toString();
    const round = Promise.all(setup.sessions.map((_, i) => book(date, i)));
    // Mid-run: the kill lands while this slot's 64 requests are in flight.
    if (k === killAt) failing = new Promise((resolve) => setTimeout(resolve, 30)).then(failover);
    await round;
  }
  await failing;
  await probing;
  const seconds = (nowMs() - started) / 1000;

  const after = createDb(urlOf(standbyPort), 2);
  const stored = await sql<{ booking_date: string; client_id: string; n: string }>`
    SELECT (b.starts_at AT TIME ZONE b.time_zone)::date::text AS booking_date, p.client_id, count(*) OVER
           (PARTITION BY (b.starts_at AT TIME ZONE b.time_zone)::date) AS n
      FROM bookings b JOIN booking_participants p
        ON p.organisation_id = b.organisation_id AND p.booking_id = b.id AND p.participant_type = 'client'
     WHERE b.organisation_id = ${data.organisationId} AND b.name = ${NAME}`.execute(after);
  const overlaps = await sql<{ n: string }>`
    SELECT count(*) AS n FROM booking_participants a JOIN booking_participants b
      ON a.organisation_id = b.organisation_id AND a.staff_id = b.staff_id AND a.id < b.id AND a.period && b.period
     WHERE a.organisation_id = ${data.organisationId} AND a.staff_id = ${setup.staffId}
       AND a.status IN ('booked', 'attended') AND b.status IN ('booked', 'attended')`.execute(after);
  const recovery = await sql<{ r: boolean }>`SELECT pg_is_in_recovery() AS r`.execute(after);
  await after.destroy();

  const storedKeys = new Set(stored.rows.map((r) => `${r.booking_date}/${r.client_id}`));
  const lost = acknowledged.filter((a) => !storedKeys.has(`${a.date}/${a.clientId}`));
  const doubleBooked = new Set(stored.rows.filter((r) => Number(r.n) > 1).map((r) => r.booking_date)).size;
  const ackedDates = new Set(acknowledged.map((a) => a.date));
  const inDoubt = stored.rows.filter((r) => !ackedDates.has(r.booking_date)).length;
  const byStatus = new Map<string, number>();
  for (const f of failed) {
    const key = `${f.status || 'no answer'} ${f.contentType.split(';')[0]}${f.retryAfter ? ` (Retry-After ${f.retryAfter})` : ''}`;
    byStatus.set(key, (byStatus.get(key) ?? 0) + 1);
  }
  const clean = failed.every(
    (f) => f.status === 503 && f.contentType.startsWith('application/problem+json') && f.retryAfter,
  );
  const lines = [
    `Measured by \`npm run failover -w bench\` on ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC: PostgreSQL 15 primary and synchronous standby (synchronous_standby_names = 'FIRST 1 (standby1)', synchronous_commit = on) on loopback ports, one app node (jobs included) reaching them through a TCP forwarder standing in for the moved address; ${setup.sessions.length} clients × ${slots} slots of contended booking, each client retrying a failed request every 250 ms; the primary killed (pg_ctl stop -m immediate) 30 ms into slot ${killAt + 1}, the forwarder pointed at the standby, the standby promoted (pg_ctl promote).`,
    '',
    `- acknowledged bookings (201): **${acknowledged.length}**; lost after the failover: **${lost.length}**`,
    `- slots double-booked on the new primary: **${doubleBooked}**; overlapping pairs for the staff member: **${overlaps.rows[0]!.n}**`,
    `- stored bookings: **${stored.rows.length}** for ${slots} slots; in doubt (stored, but the 201 never reached the client because the connection died at COMMIT; its retry answered 409): **${inDoubt}**`,
    `- promotion: **${fmt((promotedAt - killedAt) / 1000, 2)} s** after the kill; the app answered a booking request sent after the kill (201 or 409) **${fmt((firstAnswerAfterKill - killedAt) / 1000, 2)} s** after the kill, and stored a new booking (201) **${fmt((firstWriteAfterKill - killedAt) / 1000, 2)} s** after it`,
    `- the light probe (GET /me every 100 ms from the kill) answered 200 again **${fmt((probeAnsweredAt - killedAt) / 1000, 2)} s** after the kill; before that it got ${[...probeStatuses].map(([st, n]) => `${n} × ${st || 'no answer'}`).join(', ') || 'nothing else'}`,
    `- requests that failed meanwhile: **${failed.length}** — ${[...byStatus].map(([k, n]) => `${n} × ${k}`).join(', ') || 'none'}; every one succeeded on retry: **${gaveUp === 0 ? 'yes' : `no, ${gaveUp} gave up after 60 s`}**`,
    `- the new primary is out of recovery: ${recovery.rows[0]!.r ? 'no' : 'yes'}; whole load ${fmt(seconds, 1)} s`,
    '',
    `- ${lost.length === 0 ? '✅' : '❌'} no acknowledged booking lost`,
    `- ${doubleBooked === 0 && Number(overlaps.rows[0]!.n) === 0 ? '✅' : '❌'} no double booking`,
    `- ${clean ? '✅' : '❌'} every failure a 503 application/problem+json with Retry-After (never a 500)`,
    `- ${gaveUp === 0 ? '✅' : '❌'} every failed request succeeded on retry`,
  ];
  console.log(`\n${lines.join('\n')}\n`);
  const resultsDir = join(import.meta.dirname, '../results');
  await mkdir(resultsDir, { recursive: true });
  writeFileSync(join(resultsDir, 'failover.md'), `${lines.join('\n')}\n`);
  if (lost.length > 0 || doubleBooked > 0 || !clean || gaveUp > 0) process.exitCode = 1;
} finally {
  for (const stop of stops) await stop();
  rmSync(dir, { recursive: true, force: true });
}
