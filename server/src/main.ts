import { buildApp } from './app/build-app.js';
import { DEMO_PASSWORD, DEMO_SIGN_INS, seedDemoIfEmpty } from './demo/seed-demo.js';
import { systemClock } from './platform/clock.js';
import { loadConfig } from './platform/config/config.js';
import { createDb } from './platform/db/database.js';
import { startEmbeddedPostgres } from './platform/db/embedded-postgres.js';
import { migrate } from './platform/db/migrate.js';

const config = loadConfig();
let stopEmbedded: (() => Promise<void>) | undefined;
let url = config.databaseUrl;
if (!url) {
  console.log(`Starting the embedded PostgreSQL (data in ${config.dataDir}) …`);
  const embedded = await startEmbeddedPostgres(config.dataDir, 'carebook');
  stopEmbedded = embedded.stop;
  url = embedded.adminUrl('carebook');
}
const migrated = await migrate(url);
if (migrated.applied.length > 0) console.log(`Applied migrations: ${migrated.applied.join(', ')}`);
const db = createDb(url);

const app = await buildApp({
  db,
  config,
  clock: systemClock,
  logger: process.env.CAREBOOK_LOG === '1',
  databaseUrl: url,
  scheduling: true,
});
// Seeded after the app is built: its bookings then write their notifications like any other booking.
if (config.demo && (await seedDemoIfEmpty(db, systemClock()))) console.log('Created the demo organisation.');
await app.listen({ port: config.port, host: config.host });

console.log(`\nCarebook is running at http://localhost:${config.port}  (API reference: /api/docs)`);
console.log(
  config.mail.smtpUrl
    ? 'Mail goes to the SMTP server in SMTP_URL.'
    : `Mail: no SMTP_URL set, so messages to clients are caught at ${app.mailUrl} (loopback only) and shown on the Outbox page.`,
);
if (config.demo) {
  console.log(`Demo sign-ins (password "${DEMO_PASSWORD}"):`);
  for (const s of DEMO_SIGN_INS) console.log(`  ${s.email.padEnd(26)} ${s.role}`);
}

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  console.log(`\n${signal}: stopping …`);
  await app.close();
  await db.destroy();
  await stopEmbedded?.();
  process.exit(0);
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));
