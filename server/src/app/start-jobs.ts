import { expireDueHolds } from '../accommodation/hold-expiry.action.js';
import { processNextRun, type RunOptions } from '../billing/invoice-run.action.js';
import { dispatchDue, type Transports } from '../notifications/dispatch.action.js';
import { noticeOverdueTasks } from '../notifications/overdue-task-notices.action.js';
import type { Clock } from '../platform/clock.js';
import type { Db } from '../platform/db/database.js';
import { type JobQueue, startJobQueue } from '../platform/db/job-queue.js';
import { runGeneration } from '../scheduling/generate.action.js';

export type JobsOptions = {
  db: Db;
  databaseUrl: string;
  clock: Clock;
  log: (line: string) => void;
  transports: Transports;
  /** Process invoice runs in this process (tests that drive runs by hand turn it off). */
  invoiceRuns: boolean;
  /** Extend series every 15 minutes (the server does; tests call generation themselves). */
  scheduling: boolean;
  invoiceRun?: Partial<RunOptions>;
};

/**
 * Every background job, on graphile-worker (a maintained PostgreSQL job queue): each job is idempotent and
 * safe in several processes at once, and its state is in Carebook's own tables, so the queue only says "run
 * this now". Series generation every 15 minutes; invoice runs when one is queued (the `invoice_runs` row is
 * the run's state and lease) and every minute for runs whose worker died; client notifications right after
 * the booking that wrote them commits (a trigger queues the job in that transaction) and every minute for
 * reminders falling due. "Now" for each job is the app's clock.
 */
export async function startJobs(o: JobsOptions): Promise<JobQueue> {
  const tasks: Record<string, () => Promise<void>> = {
    'notifications:dispatch': async () => {
      const r = await dispatchDue(o.db, o.clock(), o.transports);
      if (r.failed > 0) o.log(`Notifications: ${r.sent} sent, ${r.failed} failed (retried later)`);
    },
  };
  const crontab = ['* * * * * notifications:dispatch'];
  if (o.scheduling) {
    tasks['scheduling:generate'] = async () => {
      const r = await runGeneration(o.db, o.clock());
      if (r.created > 0 || r.conflicts > 0)
        o.log(
          `Scheduling: extended ${r.series} series, ${r.created} bookings created, ${r.conflicts} conflicts reported`,
        );
    };
    crontab.push('*/15 * * * * scheduling:generate');
    // The bell: tasks fallen overdue tell their assignee once (due dates are days, so 15 minutes is on time).
    tasks['notifications:overdue-tasks'] = async () => {
      const n = await noticeOverdueTasks(o.db, o.clock());
      if (n > 0) o.log(`Notices: ${n} overdue tasks told to their assignees`);
    };
    crontab.push('*/15 * * * * notifications:overdue-tasks');
  }
  if (o.invoiceRuns) {
    // Drains every claimable run; a run cut short resumes from its last batch once its lease expires.
    tasks['billing:invoice-runs'] = async () => {
      while ((await processNextRun(o.db, o.invoiceRun)) !== undefined);
    };
    crontab.push('* * * * * billing:invoice-runs');
  }
  // Bed holds: queued at each hold's expiry by the stays trigger (0025), and every minute as a backstop.
  tasks['accommodation:expire-holds'] = async () => {
    const n = await expireDueHolds(o.db, o.clock());
    if (n > 0) o.log(`Accommodation: ${n} expired holds carried out`);
  };
  crontab.push('* * * * * accommodation:expire-holds');
  const queue = await startJobQueue({
    databaseUrl: o.databaseUrl,
    tasks,
    crontab: `${crontab.join('\n')}\n`,
    log: o.log,
  });
  // What was due while no server ran is done at start, not at the next tick.
  for (const task of Object.keys(tasks)) await queue.wake(task);
  return queue;
}
