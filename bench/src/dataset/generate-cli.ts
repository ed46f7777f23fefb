import { argNumber, hasFlag } from '../support/args.js';
import { startBenchServer } from '../support/database.js';
import { ensureDataSet, QUICK } from './data-set.js';

// npm run data -w bench -- --clients N --weeks W [--seed S] [--fresh] [--via-actions]
const args = process.argv.slice(2);
const spec = {
  clients: argNumber(args, 'clients', QUICK.clients),
  weeks: argNumber(args, 'weeks', QUICK.weeks),
  seed: argNumber(args, 'seed', QUICK.seed),
};
if (spec.weeks > 104) throw new Error('--weeks must be at most 104 (the scheduling horizon limit)');
const server = await startBenchServer();
try {
  const { db, data } = await ensureDataSet(
    server,
    spec,
    hasFlag(args, 'fresh'),
    hasFlag(args, 'via-actions'),
  );
  console.log(
    `Organisation ${data.organisationId}: ${data.bookings} bookings, ${data.staffIds.length} staff`,
  );
  await db.destroy();
} finally {
  await server.stop();
}
