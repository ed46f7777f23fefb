import { Temporal } from 'temporal-polyfill';
import { buildApp } from '../../../server/src/app/build-app.js';
import { loadConfig } from '../../../server/src/platform/config/config.js';
import { createDb } from '../../../server/src/platform/db/database.js';

/**
 * One app node as production runs it, background jobs included (graphile-worker: invoice runs, the
 * notifications dispatcher), in its own process: `serve-node.ts <database url> <node name> <smtp url>`.
 * The node name becomes the connections' application_name, so pg_stat_activity tells the nodes apart.
 * Prints "PORT <n>" once listening; stops on SIGTERM.
 */
const [url, name, smtpUrl] = process.argv.slice(2);
if (!url || !name || !smtpUrl) throw new Error('usage: serve-node.ts <database url> <node name> <smtp url>');
const named = new URL(url);
named.searchParams.set('application_name', name);
const databaseUrl = named.toString();
const db = createDb(databaseUrl, 20);
const config = {
  ...loadConfig({ CAREBOOK_WEB_DIST: '/nonexistent', SMTP_URL: smtpUrl }),
  databaseUrl,
};
const app = await buildApp({ db, config, clock: () => Temporal.Now.instant(), databaseUrl });
await app.listen({ port: 0, host: '127.0.0.1' });
const address = app.server.address();
console.log(`PORT ${typeof address === 'object' && address ? address.port : 0}`);
process.on('SIGTERM', () => {
  void app.close().then(() => db.destroy().then(() => process.exit(0)));
});
