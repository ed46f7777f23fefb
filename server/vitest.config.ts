import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['src/**/*.test.ts', 'test/**/*.unit.test.ts'],
          // The time kernel's property tests compare thousands of instants with Temporal, whose Intl calls
          // are about ten times slower on Debian 13's Node.js (built on the system's ICU): 1 s here, 11 s there.
          testTimeout: 30_000,
          exclude: ['**/*.int.test.ts'],
        },
      },
      {
        test: {
          name: 'integration',
          include: ['test/**/*.int.test.ts'],
          globalSetup: ['test/global-setup.ts'],
          // Limits, not measurements: `npm test` runs these beside the browser tests on two cores, where the
          // demo seeding test takes several times its time on an idle machine.
          testTimeout: 90_000,
          hookTimeout: 120_000,
          pool: 'forks',
        },
      },
    ],
  },
});
