import { createDb, type Db } from '../../../server/src/platform/db/database.js';
import type { BenchServer } from '../support/database.js';
import { generateBulkData } from './bulk-data.js';
import { type DataSet, type DataSpec, findDataSet, generateData } from './generate-data.js';

export const QUICK: DataSpec = { clients: 1_000, weeks: 8, seed: 1 };
export const FULL: DataSpec = { clients: 10_000, weeks: 40, seed: 1 };

export const databaseNameOf = (spec: DataSpec) =>
  `carebook_bench_c${spec.clients}_w${spec.weeks}_s${spec.seed}`;

/**
 * The data set for `spec` on `server`: reused when already generated (unless `fresh`), else generated — in
 * bulk (COPY, bulk-data.ts) or, with `viaActions`, through the product's actions (generate-data.ts).
 */
export async function ensureDataSet(
  server: BenchServer,
  spec: DataSpec,
  fresh: boolean,
  viaActions = false,
): Promise<{ url: string; db: Db; data: DataSet; generated: boolean }> {
  const url = await server.prepare(databaseNameOf(spec), fresh);
  const db = createDb(url, 10);
  const existing = fresh ? null : await findDataSet(db, spec);
  if (existing) {
    console.log(
      `Data set ${databaseNameOf(spec)}: reusing ${existing.bookings} bookings (pass --fresh to regenerate)`,
    );
    return { url, db, data: existing, generated: false };
  }
  console.log(
    `Generating ${spec.clients} clients × ${spec.weeks} weeks (seed ${spec.seed}) on ${server.engine}, ${viaActions ? "through the product's actions" : 'in bulk'}…`,
  );
  const data = viaActions ? await generateData(db, spec) : await generateBulkData(db, url, spec);
  return { url, db, data, generated: true };
}
