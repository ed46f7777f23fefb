import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { createDb } from '../../server/src/platform/db/database.js';
import { billingBench } from './billing.bench.js';
import { bookingBench } from './booking.bench.js';
import { calendarBench, calendarLoad } from './calendar.bench.js';
import { ensureBulkSessionsData } from './dataset/bulk-sessions-data.js';
import { ensureDataSet, FULL, QUICK } from './dataset/data-set.js';
import { ratingBench } from './rating.bench.js';
import { recurrenceBench } from './recurrence.bench.js';
import { sessionsBench } from './sessions.bench.js';
import { slotsBench } from './slots.bench.js';
import { startupBench } from './startup.bench.js';
import { argNumber, argValue, hasFlag } from './support/args.js';
import { startChildServer } from './support/child.js';
import { startBenchServer } from './support/database.js';
import { memoryResult, sampleRss } from './support/memory.js';
import { type ProfileSummary, profiled, summariseFile } from './support/profile.js';
import { type BenchResult, fmt, printResult, ratioText } from './support/report.js';
import { nowMs } from './support/timing.js';

/**
 * `npm run bench [-- --full] [--only recurrence,rating,slots,startup,booking,sessions,calendar,billing] [--fresh] [--seed S]
 * [--clients N] [--weeks W] [--via-actions] [--no-results]` (or `-- --nodes 2`: nodes-run.ts): every benchmark on
 * the quick data set (1,000 clients) or the full one (10,000 clients),
 * printed as it goes and written to bench/RESULTS.md.
 */

const args = process.argv.slice(2);
// `--nodes N`: the multi-node run (its own entry, nodes-run.ts), instead of the single-node benchmarks.
if (args.includes('--nodes')) {
  await import('./nodes-run.js');
  process.exit(process.exitCode ?? 0);
}
const full = hasFlag(args, 'full');
const only = argValue(args, 'only')?.split(',');
const wanted = (id: string) => !only || only.includes(id);
const seed = argNumber(args, 'seed', 1);
const size = full ? FULL : QUICK;
// --clients / --weeks: a stated fraction of a size (e.g. the full size's weeks with a fifth of its clients).
const spec = {
  clients: argNumber(args, 'clients', size.clients),
  weeks: argNumber(args, 'weeks', size.weeks),
  seed,
};
const benchDir = join(import.meta.dirname, '..');
const resultsDir = join(benchDir, 'results');
await mkdir(resultsDir, { recursive: true });

const started = nowMs();
const startedAt = new Date().toISOString();
const results: BenchResult[] = [];
const keep = (r: BenchResult) => {
  printResult(r);
  results.push(r);
};

if (wanted('recurrence')) keep(await recurrenceBench({ full }));
if (wanted('rating')) keep(await ratingBench({ full, seed }));
if (wanted('slots')) keep(await slotsBench({ full, seed }));
if (wanted('startup')) {
  const server = await startBenchServer();
  try {
    const url = await server.prepare('carebook_bench_startup', false);
    keep(await startupBench({ databaseUrl: url, rounds: full ? 5 : 2 }));
  } finally {
    await server.stop();
  }
}

let profile: ProfileSummary | undefined;
let calendarProfile: ProfileSummary | undefined;
let dataLine = '';
// `--only sessions`: its own data set, written in bulk in seconds (the shared one takes the product's actions).
const sessionsAlone = only?.every((id) => id === 'sessions') ?? false;
if (sessionsAlone) {
  const server = await startBenchServer();
  try {
    const url = await server.prepare(`carebook_bench_sessions_c${spec.clients}`, hasFlag(args, 'fresh'));
    const db = createDb(url, 10);
    const data = await ensureBulkSessionsData(db, spec.clients);
    const label = `bulk sessions data set (${fmt(spec.clients)} clients, ${fmt(data.staffIds.length)} staff, ${fmt(data.bookings)} visits over 5 weeks)`;
    dataLine = `${label}, on ${server.engine}; ${data.seconds ? `written in bulk in this run in ${fmt(data.seconds, 1)} s (${fmt(spec.clients / data.seconds)} clients/s)` : 'written by an earlier run and reused'}`;
    console.log(`Data: ${dataLine}`);
    const app = await startChildServer(join(import.meta.dirname, 'http/serve-app.ts'), [url]);
    const floor = await startChildServer(join(import.meta.dirname, 'http/serve-floor.ts'), [url]);
    try {
      keep(
        await sessionsBench({
          db,
          data,
          dataSet: label,
          appUrl: app.baseUrl,
          floorUrl: floor.baseUrl,
          groups: full ? 20 : 6,
          reads: full ? 400 : 96,
          individualP99: null,
        }),
      );
    } finally {
      await app.stop();
      await floor.stop();
      await db.destroy();
    }
  } finally {
    await server.stop();
  }
}
if (!sessionsAlone && (wanted('booking') || wanted('sessions') || wanted('calendar') || wanted('billing'))) {
  const server = await startBenchServer();
  try {
    const { url, db, data, generated } = await ensureDataSet(
      server,
      spec,
      hasFlag(args, 'fresh'),
      hasFlag(args, 'via-actions'),
    );
    const sizeName =
      spec.clients === size.clients && spec.weeks === size.weeks ? (full ? 'full' : 'quick') : 'partial';
    const label = `${sizeName} data set (${fmt(spec.clients)} clients, ${spec.weeks} weeks, ${fmt(data.bookings)} bookings)`;
    dataLine = `${label}, on ${server.engine}; ${generated ? `generated in this run in ${fmt(data.seconds)} s (${fmt(data.bookings / data.seconds)} bookings/s ${hasFlag(args, 'via-actions') ? "through the product's actions" : `in bulk, ${fmt(data.cpuSeconds ?? 0)} CPU s`})` : 'generated by an earlier run and reused'}`;
    if (wanted('booking') || wanted('sessions') || wanted('calendar')) {
      const app = await startChildServer(join(import.meta.dirname, 'http/serve-app.ts'), [url]);
      const floor = await startChildServer(join(import.meta.dirname, 'http/serve-floor.ts'), [url]);
      try {
        if (wanted('booking'))
          keep(
            await bookingBench({
              db,
              data,
              dataSet: label,
              appUrl: app.baseUrl,
              floorUrl: floor.baseUrl,
              slots: full ? 50 : 12,
            }),
          );
        if (wanted('sessions')) {
          const booking = results.find((r) => r.id === 'booking');
          const goal = booking?.ratios.find((r) => r.label === 'p99 against the 200 ms goal');
          keep(
            await sessionsBench({
              db,
              data,
              dataSet: label,
              appUrl: app.baseUrl,
              floorUrl: floor.baseUrl,
              groups: full ? 20 : 6,
              reads: full ? 400 : 96,
              individualP99: goal ? goal.value * 200 : null,
            }),
          );
        }
        if (wanted('calendar')) {
          // Benchmark 8 (memory): the product server's RSS while it answers the calendar load.
          const rss = sampleRss(app.pid);
          const calendar = await calendarBench({
            data,
            dataSet: label,
            appUrl: app.baseUrl,
            floorUrl: floor.baseUrl,
            seconds: full ? 20 : 10,
            rounds: full ? 3 : 2,
          });
          const memory = await rss.stop();
          keep(calendar);
          keep(memoryResult(memory, { dataSet: label, full }));
        }
      } finally {
        await app.stop();
        await floor.stop();
      }
      if (wanted('calendar')) {
        // A separate, profiled server under the same calendar load: the profile never slows the measured one.
        const profileDir = join(resultsDir, 'calendar-server');
        await rm(profileDir, { recursive: true, force: true });
        const profiledApp = await startChildServer(
          join(import.meta.dirname, 'http/serve-app.ts'),
          [url],
          ['--cpu-prof', `--cpu-prof-dir=${profileDir}`],
        );
        try {
          await calendarLoad(data, profiledApp.baseUrl, 5);
        } finally {
          await profiledApp.stop();
        }
        // tsx's loader thread writes a profile too: the server's is the busier one.
        const files = await readdir(profileDir).catch(() => [] as string[]);
        const summaries = await Promise.all(
          files.map((f) => summariseFile(join(profileDir, f)).then((p) => ({ f, p }))),
        );
        const busiest = summaries.sort((a, b) => b.p.busyMs - a.p.busyMs)[0];
        if (busiest) {
          await rename(join(profileDir, busiest.f), join(resultsDir, 'calendar-server.cpuprofile'));
          calendarProfile = busiest.p;
        } else console.log('The profiled server wrote no profile (it did not exit in time)');
      }
    }
    if (wanted('billing'))
      keep(
        await billingBench({
          db,
          data,
          dataSet: label,
          around: async (fn) => {
            const { value, summary } = await profiled(join(resultsDir, 'billing.cpuprofile'), fn);
            profile = summary;
            return value;
          },
        }),
      );
    await db.destroy();
  } finally {
    await server.stop();
  }
}

const totalSeconds = (nowMs() - started) / 1000;
console.log(`\nAll benchmarks: ${fmt(totalSeconds, 0)} s`);
await writeFile(
  join(resultsDir, 'latest.json'),
  JSON.stringify({ startedAt, totalSeconds, results, profile, calendarProfile }, null, 2),
);
if (!hasFlag(args, 'no-results') && !only) {
  const previous = await readFile(join(benchDir, 'RESULTS.md'), 'utf8').catch(() => '');
  await writeFile(join(benchDir, 'RESULTS.md'), keepOtherSections(await resultsMarkdown(), previous));
  console.log('Wrote bench/RESULTS.md');
}

async function resultsMarkdown(): Promise<string> {
  const cpu = cpus();
  const lines = [
    '# Benchmark results',
    '',
    `Generated by \`npm run bench${full ? ' -- --full' : ''}\` on ${startedAt.slice(0, 16).replace('T', ' ')} UTC; the whole run took ${fmt(totalSeconds)} s.`,
    '',
    `- Machine: ${cpu.length} × ${cpu[0]?.model.trim() ?? 'CPU'}, ${fmt(totalmem() / 2 ** 30, 1)} GiB memory, Node ${process.version}. A **shared** cloud machine (other workloads may run at the same time), so absolute figures are noisy; every figure comes with a ratio against a peer or floor measured in the same run.`,
    `- Data: ${dataLine || 'not used in this run'}.`,
    '',
    '## Summary',
    '',
    '| benchmark | ratio | goal | met |',
    '| --- | --- | --- | --- |',
  ];
  for (const r of results)
    for (const ratio of r.ratios)
      lines.push(
        `| ${r.title} | ${ratio.label}: **${ratioText(ratio.value)}** | ${ratio.goal ?? '—'} | ${ratio.goal ? (ratio.met ? 'yes' : '**no**') : ''} |`,
      );
  for (const r of results) {
    lines.push('', `## ${r.title}`, '');
    if (r.dataSet) lines.push(`On: ${r.dataSet}.`, '');
    for (const f of r.figures) lines.push(`- ${f.label}: **${f.value}**`);
    for (const ratio of r.ratios)
      lines.push(
        `- Ratio ${ratio.label}: **${ratioText(ratio.value)}**${ratio.goal ? ` (goal ${ratio.goal}: ${ratio.met ? 'met' : '**missed**'})` : ''}`,
      );
    for (const c of r.checks)
      lines.push(`- ${c.ok ? '✅' : '❌'} ${c.label}${c.detail ? ` (${c.detail})` : ''}`);
    for (const n of r.notes) lines.push(`- Note: ${n}`);
    if (r.details) lines.push('', r.details);
  }
  const profileTables = (p: ProfileSummary) => [
    '| where | self ms |',
    '| --- | ---: |',
    ...p.byPlace.map(([place, ms]) => `| ${place} | ${fmt(ms)} |`),
    '',
    '| function | self ms |',
    '| --- | ---: |',
    ...p.byFunction.map(([name, ms]) => `| ${name.replaceAll('|', '\\|')} | ${fmt(ms)} |`),
  ];
  if (calendarProfile)
    lines.push(
      '',
      '## Where the time goes: CPU profile of the server under the calendar load',
      '',
      `node --cpu-prof of a separate product server answering the calendar request under autocannon for 5 s (whole process lifetime, ${fmt(calendarProfile.totalMs)} ms, start-up included; bench/results/calendar-server.cpuprofile, open it in Chrome DevTools). Self time.`,
      '',
      ...profileTables(calendarProfile),
    );
  if (profile)
    lines.push(
      '',
      '## Where the time goes: CPU profile of the billing run',
      '',
      `V8 sampling profile of the Node process during the timed invoice run (${fmt(profile.totalMs)} ms; bench/results/billing.cpuprofile). Self time; time the process spends waiting for PostgreSQL shows as "(idle)".`,
      '',
      ...profileTables(profile),
    );
  const analysis = await readFile(join(benchDir, 'analysis.md'), 'utf8').catch(() => '');
  if (analysis) lines.push('', analysis.trim());
  return `${lines.join('\n')}\n`;
}

/**
 * The sections of the previous RESULTS.md that this run does not write (the multi-node run, the failover drill,
 * a sessions-only run: they come from other commands) are kept, marked as from an earlier run, so a full run
 * never silently drops figures it did not measure.
 */
function keepOtherSections(next: string, previous: string): string {
  const sections = (text: string) =>
    text
      .split(/^(?=## )/m)
      .slice(1)
      .map((body) => ({ heading: body.slice(0, body.indexOf('\n')).trim(), body: body.trimEnd() }));
  const written = new Set(sections(next).map((s) => s.heading));
  const marker = '_Kept from an earlier run: this run did not measure it._';
  const kept = sections(previous)
    .filter((s) => !written.has(s.heading))
    .map((s) => (s.body.includes(marker) ? s.body : s.body.replace(/^(## [^\n]*\n)/, `$1\n${marker}\n`)));
  return kept.length === 0 ? next : `${next.trimEnd()}\n\n${kept.join('\n\n')}\n`;
}
