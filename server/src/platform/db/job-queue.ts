import { type Task as GraphileTask, Logger, run, runMigrations } from 'graphile-worker';
import pg from 'pg';

/** A background task: its payload is JSON; it is retried by the queue when it throws. */
export type Task = (payload: unknown) => Promise<void>;

export type JobQueue = {
  /**
   * Asks for `task` to run as soon as a worker is free. With the same `key`, requests made while one is
   * waiting collapse into one, and a request made while it runs queues exactly one more run (graphile-worker's
   * job keys in 'replace' mode), so waking a draining task never loses work.
   */
  wake: (task: string, key?: string) => Promise<void>;
  stop: () => Promise<void>;
};

export type JobQueueOptions = {
  databaseUrl: string;
  tasks: Record<string, Task>;
  /** graphile-worker crontab lines ("*\/15 * * * * task"); they fire on the database server's wall clock. */
  crontab?: string;
  concurrency?: number;
  log: (line: string) => void;
};

/**
 * Creates (or upgrades) graphile-worker's own `graphile_worker` schema. The migrator calls it after the SQL
 * migrations, so every database Carebook migrates — embedded, DATABASE_URL, the tests' template — has it.
 */
export async function migrateJobQueue(connectionString: string): Promise<void> {
  const pgPool = quietPool(new pg.Pool({ connectionString, max: 1 }));
  try {
    await runMigrations({ pgPool, logger: quietLogger(() => {}) });
  } finally {
    await pgPool.end();
  }
}

/**
 * A connection dropped by the server (restart, admin termination) must not crash the process: the pool and
 * graphile-worker reconnect.
 */
function quietPool(pool: pg.Pool) {
  pool.on('error', () => {});
  pool.on('connect', (client) => client.on('error', () => {}));
  return pool;
}

/** Only warnings and errors reach the log: the worker's start-up chatter is not news. */
function quietLogger(log: (line: string) => void) {
  return new Logger(() => (level, message) => {
    if (level === 'error' || level === 'warning') log(`Job queue: ${message}`);
  });
}

/**
 * The job queue: graphile-worker over its own small pool (it keeps one connection LISTENing, so new jobs start
 * without polling). Several server processes may run it at once; each job runs in one of them.
 */
export async function startJobQueue(o: JobQueueOptions): Promise<JobQueue> {
  const pgPool = quietPool(new pg.Pool({ connectionString: o.databaseUrl, max: (o.concurrency ?? 2) + 2 }));
  const taskList: Record<string, GraphileTask> = {};
  for (const [name, task] of Object.entries(o.tasks)) taskList[name] = (payload) => task(payload);
  const runner = await run({
    pgPool,
    taskList,
    crontab: o.crontab ?? '',
    concurrency: o.concurrency ?? 2,
    noHandleSignals: true,
    pollInterval: 2000,
    logger: quietLogger(o.log),
  });
  return {
    wake: async (task, key = task) => {
      await runner.addJob(task, {}, { jobKey: key, jobKeyMode: 'replace', maxAttempts: 5 });
    },
    stop: async () => {
      await runner.stop();
      await pgPool.end();
    },
  };
}
