import { processNextRun, type RunOptions } from '../billing/invoice-run.action.js';
import type { Db } from '../platform/db/database.js';

export type InvoiceRunWorker = {
  /** Look for work now (after a run was queued in this process) instead of at the next poll. */
  wake: () => void;
  stop: () => Promise<void>;
};

/**
 * The background worker of invoice runs: the queue is the `invoice_runs` table itself. It drains every
 * claimable run, then sleeps until woken or until the next poll, which also picks up runs queued by other
 * processes and runs whose worker died (their lease expired). Several processes may run it at once.
 */
export function startInvoiceRunWorker(
  db: Db,
  log: (line: string) => void,
  o: { pollSeconds?: number; run?: Partial<RunOptions> } = {},
): InvoiceRunWorker {
  let stopped = false;
  let again = false;
  let draining: Promise<void> | null = null;

  const drain = async () => {
    do {
      again = false;
      try {
        while (!stopped && (await processNextRun(db, o.run)) !== undefined);
      } catch (error) {
        log(`Invoice run worker: ${(error as Error).message}`);
      }
    } while (again && !stopped);
    draining = null;
  };
  const wake = () => {
    if (stopped) return;
    if (draining) again = true;
    else draining = drain();
  };
  wake();
  const timer = setInterval(wake, (o.pollSeconds ?? 5) * 1000);
  timer.unref();
  return {
    wake,
    stop: async () => {
      stopped = true;
      clearInterval(timer);
      await draining;
    },
  };
}
