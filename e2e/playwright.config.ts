import { chmodSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig } from '@playwright/test';

// A port per run (kept for the worker processes through the environment), so parallel runs on one machine
// do not collide; CAREBOOK_E2E_PORT pins it.
const PORT = Number(process.env.CAREBOOK_E2E_PORT ?? 3100 + (process.pid % 800));
process.env.CAREBOOK_E2E_PORT = String(PORT);
// A fresh, throwaway data directory per run: tests never see data from an earlier run. Worker processes
// load this file again; the env var makes them reuse the runner's directory instead of making another.
const dataDir = process.env.CAREBOOK_E2E_DATA_DIR ?? mkdtempSync(join(tmpdir(), 'carebook-e2e-'));
process.env.CAREBOOK_E2E_DATA_DIR = dataDir;
// mkdtemp makes the directory 0700; the embedded PostgreSQL runs as its own user and must reach it.
chmodSync(dataDir, 0o755);

// The embedded database is used unless DATABASE_URL is set, so drop it for e2e.
const serverEnv: Record<string, string> = {};
for (const [key, value] of Object.entries(process.env)) {
  if (value !== undefined && key !== 'DATABASE_URL') serverEnv[key] = value;
}
Object.assign(serverEnv, { PORT: String(PORT), CAREBOOK_DATA_DIR: dataDir, CAREBOOK_DEMO: '1' });

export default defineConfig({
  testDir: './tests',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  forbidOnly: !!process.env.CI,
  reporter: [
    ['list'],
    ['json', { outputFile: process.env.PLAYWRIGHT_JSON_OUTPUT_NAME || 'test-results/results.json' }],
  ],
  outputDir: 'test-results/output',
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    locale: 'en-AU',
    timezoneId: 'Australia/Sydney',
    viewport: { width: 1366, height: 900 },
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  projects: [{ name: 'chromium', use: { browserName: 'chromium' } }],
  webServer: {
    // From the TypeScript sources (the same main as `npm start`'s compiled one): a browser test must run the
    // code as it is in the tree, never a server/dist left over from an earlier build.
    command: 'npm run start:source -w server',
    cwd: '..',
    env: serverEnv,
    url: `http://127.0.0.1:${PORT}/api/health`,
    timeout: 240_000, // the server starts while the Vitest lane of `npm test` loads both cores
    reuseExistingServer: false,
    stdout: 'pipe',
    stderr: 'pipe',
  },
});
