#!/usr/bin/env node
// The whole test suite, in order: lint, types, unit + integration (Vitest, real PostgreSQL), browser (Playwright).
// Ends with one line "N passed, M failed" over every test run, and a non-zero exit if anything failed.
//   node scripts/test-all.mjs                       everything (what `npm test` runs)
//   node scripts/test-all.mjs --stage integration --append
//                                                   only the integration tests, added to the previous totals
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

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
function run(name, command, commandArgs, env = {}, cwd = root) {
  console.log(`\n▶ ${name}: ${command} ${commandArgs.join(' ')}`);
  const stageStart = process.hrtime.bigint();
  const r = spawnSync(command, commandArgs, { cwd, stdio: 'inherit', env: { ...process.env, ...env } });
  const seconds = Number((process.hrtime.bigint() - stageStart) / 1_000_000n) / 1000;
  console.log(`◀ ${name}: ${r.status === 0 ? 'ok' : `FAILED (exit ${r.status})`} in ${seconds.toFixed(1)} s`);
  if (r.status !== 0) failures.push(name);
}

const stages = {
  lint: () => {
    run('lint', 'npx', ['biome', 'check', '.']);
    // The import rules of ARCHITECTURE.md (module map, layers, audit writes): server/.dependency-cruiser.cjs.
    run('architecture rules', 'npx', ['depcruise', 'src', '--config', '.dependency-cruiser.cjs'], {}, server);
  },
  types: () => {
    for (const p of ['server', 'web', 'e2e', 'bench']) run(`types (${p})`, 'npx', ['tsc', '-p', p]);
  },
  unit: () =>
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
    ),
  integration: () =>
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
    ),
  e2e: () => {
    run('web build', 'npm', ['run', 'build', '-w', 'web']);
    run('browser tests', 'npm', ['test', '-w', 'e2e'], {
      PLAYWRIGHT_JSON_OUTPUT_NAME: join(results, `playwright-${label}.json`),
      DATABASE_URL: '',
    });
  },
};

for (const [name, stage] of Object.entries(stages)) if (!only || only === name) stage();

let passed = 0;
let failed = 0;
let skipped = 0;
const lines = [];
for (const file of existsSync(results) ? readdirSync(results).sort() : []) {
  const report = JSON.parse(readFileSync(join(results, file), 'utf8'));
  let p;
  let f;
  let s;
  if (file.startsWith('playwright')) {
    p = report.stats.expected + (report.stats.flaky ?? 0);
    f = report.stats.unexpected;
    s = report.stats.skipped;
  } else {
    p = report.numPassedTests;
    f = report.numFailedTests;
    s = report.numPendingTests + (report.numTodoTests ?? 0);
  }
  lines.push(
    `  ${file.replace(/\.json$/, '').padEnd(40)} ${p} passed, ${f} failed${s ? `, ${s} skipped` : ''}`,
  );
  passed += p;
  failed += f;
  skipped += s;
}
const seconds = Number((process.hrtime.bigint() - started) / 1_000_000n) / 1000;
console.log(`\nTest runs:\n${lines.join('\n')}`);
if (failures.length) console.log(`Failed stages: ${failures.join(', ')}`);
console.log(`Suite time: ${seconds.toFixed(1)} s`);
console.log(
  `${passed} passed, ${failed + (failures.length && !failed ? 1 : 0)} failed${skipped ? `, ${skipped} skipped` : ''}`,
);
process.exit(failures.length || failed ? 1 : 0);
