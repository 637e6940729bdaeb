import { defineConfig } from 'vitest/config';

/**
 * Three tiers, as in the README's Tests section:
 * - unit: pure specs beside the code (no database, no server): seconds;
 * - e2e: the real app on a real PostgreSQL, a fresh database per test file cloned from a
 *   migrated template (global-setup.ts);
 * - browser: the dashboard in headless Chromium against the real app.
 * `npm test` runs all three; `npm run test:unit|test:e2e|test:browser` one.
 */
const UNIT = ['src/**/*.spec.ts', 'scrapers/**/*.spec.ts', 'seed/**/*.spec.ts', 'test/dashboard/history.test.ts'];
const BROWSER = ['test/dashboard/dashboard.e2e.test.ts'];
const DATABASE = {
  globalSetup: ['test/support/global-setup.ts'],
  testTimeout: 60_000,
  hookTimeout: 180_000,
};

export default defineConfig({
  test: {
    setupFiles: ['test/support/setup-file.ts'],
    pool: 'forks',
    // Two cores: two test files at a time, each on its own database.
    maxWorkers: 2,
    testTimeout: 20_000,
    reporters: ['default'],
    projects: [
      // Pure specs share their workers' module cache (no isolation needed, imports paid once).
      { extends: true, test: { name: 'unit', include: UNIT, isolate: false } },
      { extends: true, test: { name: 'e2e', include: ['test/**/*.test.ts'], exclude: [...UNIT, ...BROWSER], ...DATABASE } },
      { extends: true, test: { name: 'browser', include: BROWSER, ...DATABASE } },
    ],
  },
});
