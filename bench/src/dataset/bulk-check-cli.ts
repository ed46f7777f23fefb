import { startBenchServer } from '../support/database.js';
import { CHECK_SPEC, checkBulkData } from './bulk-check.js';

// npm run data:check -w bench: the bulk writer against the product's actions on a small data set (bulk-check.ts).
// With DATABASE_URL, its server holds the two scratch databases `<its database>_check_actions` / `_check_bulk`.
const server = await startBenchServer();
try {
  const external = process.env.DATABASE_URL;
  const prefix = external
    ? `${decodeURIComponent(new URL(external).pathname.slice(1))}_check`
    : 'carebook_bench_check';
  const result = await checkBulkData(external ?? server.urlOf('postgres'), prefix);
  console.log(
    `Bulk data check (${CHECK_SPEC.clients} clients × ${CHECK_SPEC.weeks} weeks, ${result.bookings} bookings): ${result.compared} API answers compared, ${result.differences.length} differ`,
  );
  for (const d of result.differences.slice(0, 10)) console.log(d);
  process.exitCode = result.ok ? 0 : 1;
} finally {
  await server.stop();
}
