import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { type BenchResult, fmt } from './support/report.js';
import { median, nowMs } from './support/timing.js';

/**
 * Benchmark 7: time to first answer. The production start (`npm start` ends in `node server/dist/main.js`,
 * compiled JavaScript) is spawned against an already migrated, empty database, and /api/health is polled until
 * it answers 200. Peers in the same rounds: the same server run from TypeScript through tsx (what `npm start`
 * did before, and what `npm run dev` still does), and the floor, `node -e` starting a bare Fastify with the same
 * route. Each round spawns each once, interleaved; figures are medians.
 */

const SERVER_DIR = join(import.meta.dirname, '../../server');
const POLL_MS = 5;

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/** Spawns `args` with node and polls /api/health on `port`: ms from spawn to the first 200. */
async function timeToFirstAnswer(args: string[], env: NodeJS.ProcessEnv, port: number): Promise<number> {
  const start = nowMs();
  const child = spawn(process.execPath, args, { cwd: SERVER_DIR, env, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (chunk) => {
    stderr += chunk;
  });
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`${args.join(' ')} exited (${child.exitCode}): ${stderr}`);
      const ok = await fetch(`http://127.0.0.1:${port}/api/health`)
        .then((r) => r.status === 200)
        .catch(() => false);
      if (ok) return nowMs() - start;
      if (nowMs() - start > 600_000) throw new Error(`${args.join(' ')} did not answer in 600 s: ${stderr}`);
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
  } finally {
    await stop(child);
  }
}

// The floor: Fastify with one route, nothing else (no database, no plugins).
const FLOOR = `
import('fastify').then(async ({ default: fastify }) => {
  const app = fastify();
  app.get('/api/health', async () => ({ status: 'ok' }));
  await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });
  process.on('SIGTERM', () => app.close().then(() => process.exit(0)));
});`;

/** Whether server/dist/main.js is missing or older than a file under server/src. */
function buildIsStale(main: string): boolean {
  if (!existsSync(main)) return true;
  const built = statSync(main).mtimeMs;
  const src = join(SERVER_DIR, 'src');
  return readdirSync(src, { recursive: true, withFileTypes: true }).some(
    (entry) => entry.isFile() && statSync(join(entry.parentPath, entry.name)).mtimeMs > built,
  );
}

export async function startupBench(options: { databaseUrl: string; rounds: number }): Promise<BenchResult> {
  const main = join(SERVER_DIR, 'dist/main.js');
  let buildSeconds: number | null = null;
  if (buildIsStale(main)) {
    const buildStart = nowMs();
    const build = spawnSync('npm', ['run', 'build'], { cwd: SERVER_DIR, encoding: 'utf8' });
    if (build.status !== 0) throw new Error(`server build failed: ${build.stdout}${build.stderr}`);
    buildSeconds = (nowMs() - buildStart) / 1000;
  }
  if (!existsSync(main)) throw new Error(`the server build wrote no ${main}`);

  const compiled: number[] = [];
  const tsx: number[] = [];
  const floor: number[] = [];
  for (let round = 0; round < options.rounds; round++) {
    const env = async () => ({
      ...process.env,
      DATABASE_URL: options.databaseUrl,
      PORT: String(await freePort()),
      HOST: '127.0.0.1',
      CAREBOOK_DEMO: '0',
      CAREBOOK_WEB_DIST: '/nonexistent',
    });
    const e1 = await env();
    compiled.push(await timeToFirstAnswer(['dist/main.js'], e1, Number(e1.PORT)));
    const e2 = await env();
    tsx.push(await timeToFirstAnswer(['--import', 'tsx', 'src/main.ts'], e2, Number(e2.PORT)));
    const e3 = await env();
    floor.push(await timeToFirstAnswer(['--input-type=module', '-e', FLOOR], e3, Number(e3.PORT)));
    console.log(
      `  start-up round ${round + 1}: compiled ${fmt(compiled.at(-1)!)} ms, tsx ${fmt(tsx.at(-1)!)} ms, floor ${fmt(floor.at(-1)!)} ms`,
    );
  }
  const ratios = compiled.map((ms, i) => ms / floor[i]!);
  const tsxRatios = tsx.map((ms, i) => ms / compiled[i]!);
  return {
    id: 'startup',
    title: '7. Start-up',
    dataSet: 'an empty, already migrated database (demo data off)',
    figures: [
      {
        label: 'production start (node server/dist/main.js, compiled), spawn → first 200 from /api/health',
        value: `${fmt(median(compiled))} ms`,
      },
      {
        label: 'the same server from TypeScript through tsx (npm run dev, and npm start before)',
        value: `${fmt(median(tsx))} ms`,
      },
      {
        label: 'floor: node -e starting a bare Fastify with the same route',
        value: `${fmt(median(floor))} ms`,
      },
      {
        label: 'server build (npm run build -w server: tsc to server/dist; not part of the start)',
        value:
          buildSeconds === null
            ? 'not needed (server/dist newer than every source)'
            : `${fmt(buildSeconds, 1)} s`,
      },
    ],
    ratios: [
      { label: 'production start / bare Fastify floor', value: median(ratios) },
      { label: 'tsx start / production start', value: median(tsxRatios) },
    ],
    checks: [
      {
        label: 'the production start runs compiled JavaScript (server/dist/main.js exists and answers)',
        ok: true,
      },
    ],
    notes: [
      `${options.rounds} interleaved rounds, each spawning every variant once; medians; the ratios are medians of per-round ratios`,
      'the production start connects to PostgreSQL, checks migrations (none to apply), starts the job runner and the mail catcher, then listens; the floor does none of that',
    ],
  };
}
