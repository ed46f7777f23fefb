import type { Clock } from '../platform/clock.js';
import type { Db } from '../platform/db/database.js';
import { runGeneration } from '../scheduling/generate.action.js';

export type Stoppable = { stop: () => Promise<void> };

/**
 * In-process periodic jobs. Each job is idempotent and safe to run in several processes at once (the database
 * serialises them), so no leader election is needed: every server instance may run them.
 */
export function startJobs(db: Db, clock: Clock, log: (line: string) => void, everyMinutes = 15): Stoppable {
  let running: Promise<unknown> = Promise.resolve();
  const tick = () => {
    running = runGeneration(db, clock())
      .then((r) => {
        if (r.created > 0 || r.conflicts > 0)
          log(
            `Scheduling: extended ${r.series} series, ${r.created} bookings created, ${r.conflicts} conflicts reported`,
          );
      })
      .catch((error: unknown) => log(`Scheduling job failed: ${(error as Error).message}`));
  };
  tick();
  const timer = setInterval(tick, everyMinutes * 60_000);
  timer.unref();
  return {
    stop: async () => {
      clearInterval(timer);
      await running;
    },
  };
}
