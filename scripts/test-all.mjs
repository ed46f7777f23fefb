#!/usr/bin/env node
// The whole test suite, in order: lint, types, unit + integration (Vitest, real PostgreSQL), browser (Playwright).
// Ends with one line "N passed, M failed" over every test run, and a non-zero exit if anything failed.
//   node scripts/test-all.mjs                       everything (what `npm test` runs)
//   node scripts/test-all.mjs --stage integration --append
//                                                   only the integration tests, added to the previous totals
import { spawn } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { stripVTControlCharacters } from 'node:util';

const root = join(import.meta.dirname, '..');
const results = join(root, '.tmp/test-results');
const args = process.argv.slice(2);
const only = args.includes('--stage') ? args[args.indexOf('--stage') + 1] : undefined;
const label = args.includes('--label') ? args[args.indexOf('--label') + 1] : (only ?? 'suite');
if (!args.includes('--append')) rmSync(results, { recursive: true, force: true });
mkdirSync(results, { recursive: true });

const server = join(root, 'server'); // Vitest reads its config there
const started = process.hrtime.bigint();
const failures = [];
/**
 * Runs one command. It inherits the terminal, unless `log` is given: a stage that runs beside another writes to
 * its lane's log file (printed whole when the lane ends), so two stages' lines never interleave.
 */
function run(name, command, commandArgs, env = {}, cwd = root, log) {
  const stageStart = process.hrtime.bigint();
  const say = (line) => (log ? log.stream.write(`${line}\n`) : console.log(line));
  say(`\n▶ ${name}: ${command} ${commandArgs.join(' ')}`);
  if (log) console.log(`▶ ${name} (its output: ${log.path.replace(`${root}/`, '')})`);
  return new Promise((resolve) => {
    const child = spawn(command, commandArgs, {
      cwd,
      stdio: log ? ['ignore', 'pipe', 'pipe'] : 'inherit',
      env: { ...process.env, ...env },
    });
    child.stdout?.pipe(log.stream, { end: false });
    child.stderr?.pipe(log.stream, { end: false });
    child.on('close', (code) => {
      const seconds = Number((process.hrtime.bigint() - stageStart) / 1_000_000n) / 1000;
      const done = `◀ ${name}: ${code === 0 ? 'ok' : `FAILED (exit ${code})`} in ${seconds.toFixed(1)} s`;
      say(done);
      if (log) console.log(done);
      if (code !== 0) failures.push(name);
      resolve(code);
    });
  });
}

/** A lane: stages that run in order, beside another lane; its output goes to one file. */
function lane(name) {
  const path = join(root, `.tmp/lane-${name}.log`);
  return { path, stream: createWriteStream(path) };
}
async function printLane(log) {
  await new Promise((done) => log.stream.end(done));
  console.log(readFileSync(log.path, 'utf8').trimEnd());
}

const stages = {
  lint: async (log) => {
    await run('lint', 'npx', ['biome', 'check', '.'], {}, root, log);
    // The import rules of ARCHITECTURE.md (module map, layers, audit writes): server/.dependency-cruiser.cjs.
    await run(
      'architecture rules',
      'npx',
      ['depcruise', 'src', '--config', '.dependency-cruiser.cjs'],
      {},
      server,
      log,
    );
  },
  types: async (log) => {
    for (const p of ['server', 'web', 'e2e', 'bench'])
      await run(`types (${p})`, 'npx', ['tsc', '-p', p], {}, root, log);
  },
  unit: (log) =>
    run(
      'unit tests',
      'npx',
      [
        'vitest',
        'run',
        '--project',
        'unit',
        '--reporter=default',
        '--reporter=json',
        `--outputFile.json=${join(results, `vitest-unit-${label}.json`)}`,
      ],
      {},
      server,
      log,
    ),
  integration: (log) =>
    run(
      `integration tests (${process.env.DATABASE_URL ? 'DATABASE_URL' : 'embedded PostgreSQL'})`,
      'npx',
      [
        'vitest',
        'run',
        '--project',
        'integration',
        '--reporter=default',
        '--reporter=json',
        `--outputFile.json=${join(results, `vitest-integration-${label}.json`)}`,
      ],
      {},
      server,
      log,
    ),
  e2e: async (log) => {
    await run('web build', 'npm', ['run', 'build', '-w', 'web'], {}, root, log);
    await run(
      'browser tests',
      'npm',
      ['test', '-w', 'e2e'],
      { PLAYWRIGHT_JSON_OUTPUT_NAME: join(results, `playwright-${label}.json`), DATABASE_URL: '' },
      root,
      log,
    );
  },
};

if (only) {
  await stages[only]?.();
} else {
  // Two lanes side by side, each printed whole when it ends. The browser lane mostly waits on the browser and
  // the server, so the other lane (lint, types, unit and integration tests: CPU-bound) uses the cores it leaves
  // idle: on a 2-core machine, 942 s one stage after another became 454 s (ARCHITECTURE.md, "Tests").
  const checksLane = lane('checks');
  const browserLane = lane('browser');
  await Promise.all([
    (async () => {
      await stages.lint(checksLane);
      await stages.types(checksLane);
      await stages.unit(checksLane);
      await stages.integration(checksLane);
    })(),
    stages.e2e(browserLane),
  ]);
  await printLane(checksLane);
  await printLane(browserLane);
}

let passed = 0;
let failed = 0;
let skipped = 0;
const lines = [];
// Each failed test's name and the first lines of its error, so a CI log that keeps only its tail still says which.
const failedTests = [];
const firstLines = (text) =>
  stripVTControlCharacters(String(text ?? ''))
    .split('\n')
    .filter((l) => l.trim())
    .slice(0, 3)
    .map((l) => `      ${l.trim().slice(0, 200)}`)
    .join('\n');
function playwrightFailures(suite, file) {
  for (const spec of suite.specs ?? []) {
    for (const test of spec.tests ?? []) {
      if (test.status !== 'unexpected') continue;
      const last = test.results?.at(-1);
      failedTests.push(
        `  ✗ ${spec.file ?? file}:${spec.line} ${spec.title}\n${firstLines(last?.error?.message)}`,
      );
    }
  }
  for (const child of suite.suites ?? []) playwrightFailures(child, suite.file ?? file);
}
for (const file of existsSync(results) ? readdirSync(results).sort() : []) {
  const report = JSON.parse(readFileSync(join(results, file), 'utf8'));
  let p;
  let f;
  let s;
  if (file.startsWith('playwright')) {
    p = report.stats.expected + (report.stats.flaky ?? 0);
    f = report.stats.unexpected;
    s = report.stats.skipped;
    for (const suite of report.suites ?? []) playwrightFailures(suite, suite.file);
  } else {
    p = report.numPassedTests;
    f = report.numFailedTests;
    s = report.numPendingTests + (report.numTodoTests ?? 0);
    for (const result of report.testResults ?? []) {
      for (const a of result.assertionResults ?? []) {
        if (a.status !== 'failed') continue;
        const where = result.name.replace(`${root}/`, '');
        failedTests.push(`  ✗ ${where} › ${a.fullName}\n${firstLines(a.failureMessages?.[0])}`);
      }
      if (result.status === 'failed' && !(result.assertionResults ?? []).length)
        failedTests.push(
          `  ✗ ${result.name.replace(`${root}/`, '')} (the file failed to run)\n${firstLines(result.message)}`,
        );
    }
  }
  lines.push(
    `  ${file.replace(/\.json$/, '').padEnd(40)} ${p} passed, ${f} failed${s ? `, ${s} skipped` : ''}`,
  );
  passed += p;
  failed += f;
  skipped += s;
}
const seconds = Number((process.hrtime.bigint() - started) / 1_000_000n) / 1000;
if (failedTests.length) console.log(`\nFailed tests:\n${failedTests.join('\n')}`);
console.log(`\nTest runs:\n${lines.join('\n')}`);
if (failures.length) console.log(`Failed stages: ${failures.join(', ')}`);
console.log(`Suite time: ${seconds.toFixed(1)} s`);
console.log(
  `${passed} passed, ${failed + (failures.length && !failed ? 1 : 0)} failed${skipped ? `, ${skipped} skipped` : ''}`,
);
process.exit(failures.length || failed ? 1 : 0);
