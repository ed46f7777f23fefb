import type { Temporal } from 'temporal-polyfill';
import { type Db, withSystem, withTenant } from '../platform/db/database.js';
import { later } from '../shared/instant.js';
import { findSeries, seriesNeedingGeneration } from './schedule.store.js';
import { horizonEnd } from './series.js';
import { syncSeries } from './sync-series.action.js';

export type GenerationRun = { series: number; created: number; conflicts: number };

/**
 * The background job: extends every active series' bookings to the rolling horizon. Idempotent — each series
 * is locked while it is extended and bookings are unique per (series, occurrence) — so running it twice, or in
 * two processes at once, never duplicates a booking.
 */
export async function runGeneration(db: Db, now: Temporal.Instant): Promise<GenerationRun> {
  const work = await withSystem(db, (tx) => seriesNeedingGeneration(tx, (weeks) => horizonEnd(now, weeks)));
  const run: GenerationRun = { series: 0, created: 0, conflicts: 0 };
  for (const item of work) {
    await withTenant(db, item.organisationId, async (tx) => {
      const series = await findSeries(tx, item.organisationId, item.id, true);
      if (series?.status !== 'active') return;
      const to = horizonEnd(now, item.weeks);
      const from = series.generatedUntil ? later(now, series.generatedUntil) : now;
      if (later(from, to) === from) return;
      const outcomes = await syncSeries(tx, item.organisationId, series, from, to, series.createdById);
      run.series++;
      run.created += outcomes.filter((o) => o.action === 'create' && o.result === 'done').length;
      run.conflicts += outcomes.filter((o) => o.result === 'conflict').length;
    });
  }
  return run;
}
