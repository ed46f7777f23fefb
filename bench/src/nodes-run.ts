import { randomUUID } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { type MailCatcher, startMailCatcher } from '../../server/src/platform/mail/mail-catcher.js';
import { ensureDataSet, QUICK } from './dataset/data-set.js';
import { ADMIN_EMAIL, ADMIN_PASSWORD } from './dataset/generate-data.js';
import { signIn } from './http/session.js';
import {
  billingRuns,
  type Contended,
  contend,
  contentionInDatabase,
  prepareContention,
  reminderWave,
} from './nodes.bench.js';
import { argNumber, hasFlag } from './support/args.js';
import { type ChildServer, startChildServer } from './support/child.js';
import { startBenchServer } from './support/database.js';
import { fmt } from './support/report.js';
import { startRoundRobin } from './support/round-robin.js';

/**
 * `npm run bench -- --nodes 2 [--clients 300] [--slots 12] [--reminders 400] [--fresh]`: the contended-booking,
 * billing and reminder workloads against one app node, then against N nodes (separate processes, each with its
 * own graphile-worker) behind a loopback round-robin, on one database. Prints the figures and writes
 * bench/results/nodes.json and bench/results/nodes.md (the "More than one node" section of RESULTS.md).
 */
const args = process.argv.slice(2);
const nodes = argNumber(args, 'nodes', 2);
const spec = { ...QUICK, clients: argNumber(args, 'clients', 300), seed: argNumber(args, 'seed', 1) };
const slots = argNumber(args, 'slots', 12);
// Each SMTP sink keeps its last 500 messages: a wave must fit in one.
const reminders = Math.min(argNumber(args, 'reminders', 400), 500);
const resultsDir = join(import.meta.dirname, '../results');
await mkdir(resultsDir, { recursive: true });
const nodeNames = Array.from({ length: nodes }, (_, i) => `node-${String.fromCharCode(97 + i)}`);

const server = await startBenchServer();
const children: ChildServer[] = [];
const sinks: MailCatcher[] = [];
try {
  const { url, db, data } = await ensureDataSet(server, spec, hasFlag(args, 'fresh'));
  for (const _ of nodeNames)
    sinks.push(await startMailCatcher({ log: console.error, now: () => new Date().toISOString() }));
  const startNode = async (i: number) => {
    const child = await startChildServer(join(import.meta.dirname, 'http/serve-node.ts'), [
      url,
      nodeNames[i]!,
      sinks[i]!.url,
    ]);
    children.push(child);
    return child;
  };
  const first = await startNode(0);
  const setup = await prepareContention(db, data, first.baseUrl);
  const admin = await signIn(first.baseUrl, ADMIN_EMAIL, ADMIN_PASSWORD);

  console.log('One node …');
  const oneBooking = await contend(first.baseUrl, setup, slots, 0);
  const oneBilling = await billingRuns(db, data, first.baseUrl, admin);
  const oneReminders = await reminderWave(db, data, sinks, reminders, `one-${randomUUID().slice(0, 8)}`);

  for (let i = 1; i < nodes; i++) await startNode(i);
  const balancer = await startRoundRobin(children.map((c) => c.baseUrl));
  console.log(`${nodes} nodes behind ${balancer.baseUrl} …`);
  const manyBooking = await contend(balancer.baseUrl, setup, slots, 100);
  const manyBilling = await billingRuns(db, data, balancer.baseUrl, admin);
  const manyReminders = await reminderWave(db, data, sinks, reminders, `many-${randomUUID().slice(0, 8)}`);
  const served = balancer.served();
  await balancer.stop();

  const stored = await contentionInDatabase(db, data, setup.staffId);
  await sql`DELETE FROM notification_outbox WHERE organisation_id = ${data.organisationId}
     AND idempotency_key LIKE 'bench-nodes-%'`.execute(db);
  await db.destroy();

  const oneWinner = (c: Contended) => c.winners.every((w) => w === 1);
  const others = (c: Contended) => [...c.other].map(([s, n]) => `${n} × ${s}`).join(', ') || 'none';
  const booking = (c: Contended) =>
    `p50 ${fmt(c.p50, 1)} ms, p99 ${fmt(c.p99, 1)} ms, ${fmt(c.requests / c.seconds)} requests/s; ${oneWinner(c) ? 'exactly one winner per slot' : `winners per slot ${c.winners.join(',')}`}; ${c.conflicts} × 409; other answers: ${others(c)}`;
  const billing = (b: typeof oneBilling) =>
    `${fmt(b.visits)} visits on ${fmt(b.invoices)} invoices in ${fmt(b.seconds, 2)} s (${fmt(b.visits / b.seconds)} visits/s); runs ${b.runs.map((r) => `${r.status} after ${r.attempts} attempt${r.attempts === 1 ? '' : 's'}`).join(', ')}; ${b.doubleInvoiced} visits on two invoices; nodes seen working: ${b.nodesSeen.join(', ') || '(none sampled)'}`;
  const reminder = (r: typeof oneReminders) =>
    `${r.count} reminders sent in ${fmt(r.seconds, 2)} s (${fmt(r.count / r.seconds)}/s); per node ${r.perNode.map((n, i) => `${nodeNames[i]} ${n}`).join(', ')}; ${r.duplicates} sent twice, ${r.missing} never sent, ${r.attemptsAboveOne} needed a second attempt`;
  const checks = [
    ['exactly one winner per slot, one node and several', oneWinner(oneBooking) && oneWinner(manyBooking)],
    [
      'every other contender a 409, nothing else',
      oneBooking.other.size === 0 && manyBooking.other.size === 0,
    ],
    [
      `one stored booking per slot (${stored.stored} for ${2 * slots} slots), no overlaps (${stored.overlaps})`,
      stored.stored === 2 * slots && stored.overlaps === 0,
    ],
    [
      'each invoice run processed once (completed after one attempt), no visit on two invoices',
      [oneBilling, manyBilling].every(
        (b) => b.runs.every((r) => r.status === 'completed' && r.attempts === 1) && b.doubleInvoiced === 0,
      ),
    ],
    [
      'several nodes invoice the same visits as one',
      oneBilling.visits === manyBilling.visits && oneBilling.invoices === manyBilling.invoices,
    ],
    [
      'each reminder sent exactly once',
      [oneReminders, manyReminders].every((r) => r.duplicates === 0 && r.missing === 0),
    ],
    ['every node answered requests', served.every((n) => n > 0)],
  ] as const;
  const ratio = (a: number, b: number) => `${fmt(a / b, 2)}×`;
  const lines = [
    `Measured by \`npm run bench -- --nodes ${nodes}\` on ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC, on ${server.engine}, data set of ${fmt(spec.clients)} clients × ${spec.weeks} weeks (${fmt(data.bookings)} bookings). Each node is its own Node process running the whole app with its own graphile-worker and pool of 20; the round-robin is a node:http proxy in the load process (per request). Load, proxy, nodes and PostgreSQL share the machine's ${cpus().length} cores, so a second node adds no CPU: the ratios say what it costs, not what a second machine would add. Load average when the run ended: ${loadavg()
      .map((l) => fmt(l, 1))
      .join(', ')} (other engineers' work shares the machine).`,
    '',
    `| workload | one node | ${nodes} nodes | ratio (several / one) |`,
    '| --- | --- | --- | --- |',
    `| contended booking, ${setup.sessions.length} clients × ${slots} slots | ${booking(oneBooking)} | ${booking(manyBooking)} | requests/s ${ratio(manyBooking.requests / manyBooking.seconds, oneBooking.requests / oneBooking.seconds)}, p99 ${ratio(manyBooking.p99, oneBooking.p99)} |`,
    `| invoice run, two half-month runs queued at once | ${billing(oneBilling)} | ${billing(manyBilling)} | visits/s ${ratio(manyBilling.visits / manyBilling.seconds, oneBilling.visits / oneBilling.seconds)} |`,
    `| due reminders, outbox dispatcher | ${reminder(oneReminders)} | ${reminder(manyReminders)} | reminders/s ${ratio(manyReminders.count / manyReminders.seconds, oneReminders.count / oneReminders.seconds)} |`,
    '',
    `Requests per node through the round-robin: ${served.map((n, i) => `${nodeNames[i]} ${fmt(n)}`).join(', ')}.`,
    '',
    ...checks.map(([label, ok]) => `- ${ok ? '✅' : '❌'} ${label}`),
  ];
  const markdown = `${lines.join('\n')}\n`;
  console.log(`\n${markdown}`);
  await writeFile(join(resultsDir, 'nodes.md'), markdown);
  await writeFile(
    join(resultsDir, 'nodes.json'),
    JSON.stringify(
      {
        nodes,
        spec,
        served,
        oneBooking,
        manyBooking,
        oneBilling,
        manyBilling,
        oneReminders,
        manyReminders,
        checks,
      },
      (_k, v) => (v instanceof Map ? Object.fromEntries(v) : v),
      2,
    ),
  );
  if (checks.some(([, ok]) => !ok)) process.exitCode = 1;
} finally {
  for (const child of children) await child.stop();
  for (const sink of sinks) await sink.stop();
  await server.stop();
}
