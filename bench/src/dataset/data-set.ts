import { createDb, type Db } from '../../../server/src/platform/db/database.js';
import type { BenchServer } from '../support/database.js';
import { type DataSet, type DataSpec, findDataSet, generateData } from './generate-data.js';

export const QUICK: DataSpec = { clients: 1_000, weeks: 8, seed: 1 };
export const FULL: DataSpec = { clients: 10_000, weeks: 40, seed: 1 };

export const databaseNameOf = (spec: DataSpec) =>
  `carebook_bench_c${spec.clients}_w${spec.weeks}_s${spec.seed}`;

/** The data set for `spec` on `server`: reused when already generated (unless `fresh`), else generated. */
export async function ensureDataSet(
  server: BenchServer,
  spec: DataSpec,
  fresh: boolean,
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
    `Generating ${spec.clients} clients × ${spec.weeks} weeks (seed ${spec.seed}) on ${server.engine}…`,
  );
  const data = await generateData(db, spec);
  return { url, db, data, generated: true };
}
