import { Temporal } from 'temporal-polyfill';
import { buildApp } from '../../../server/src/app/build-app.js';
import { loadConfig } from '../../../server/src/platform/config/config.js';
import { createDb } from '../../../server/src/platform/db/database.js';

// The product's HTTP app over the bench database, in its own process: `serve-app.ts <database url>`.
// Prints "PORT <n>" once listening; stops on SIGTERM.
const url = process.argv[2];
if (!url) throw new Error('usage: serve-app.ts <database url>');
const db = createDb(url, 20);
const config = { ...loadConfig({ CAREBOOK_WEB_DIST: '/nonexistent' }), databaseUrl: url };
const app = await buildApp({ db, config, clock: () => Temporal.Now.instant() });
await app.listen({ port: 0, host: '127.0.0.1' });
const address = app.server.address();
console.log(`PORT ${typeof address === 'object' && address ? address.port : 0}`);
process.on('SIGTERM', () => {
  void app.close().then(() => db.destroy().then(() => process.exit(0)));
});
