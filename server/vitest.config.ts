import { defineConfig } from 'vitest/config';

/**
 * Three tiers (issue 17, CODE_STYLE.md):
 * - unit:   `*.unit.test.ts`, pure logic: no database, no app, no network. Seconds.
 * - medium: `*.test.ts` beside the code, each file with its own database and an app of the parts it
 *           tests (`createTestApp({ parts })`). Run on PostgreSQL and on PGlite (SQL may differ).
 * - system: several processes, kill and restart, the route-table walks (`test/security`, `src/main.test.ts`,
 *           `*.system.test.ts`). Run once, on PostgreSQL.
 * `npm test` runs all three; `vitest run --project <tier>` one.
 */
const SYSTEM = ['test/security/**/*.test.ts', 'src/main.test.ts', 'src/**/*.system.test.ts'];
const UNIT = ['src/**/*.unit.test.ts', 'test/**/*.unit.test.ts'];

const shared = {
  testTimeout: 30_000,
  hookTimeout: 60_000,
  pool: 'forks' as const,
  maxWorkers: 2,
  env: { NODE_ENV: 'test', LOG_LEVEL: 'silent' },
};

export default defineConfig({
  test: {
    projects: [
      { test: { ...shared, name: 'unit', include: UNIT } },
      {
        test: {
          ...shared,
          name: 'medium',
          include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
          exclude: [...UNIT, ...SYSTEM, '**/node_modules/**'],
          globalSetup: ['./test/global-setup.ts'],
          // Test files share their worker's loaded modules (each still has its own database and app):
          // importing the whole server once per worker instead of once per file saves minutes in CI.
          // Module-level state must therefore be keyed by tenant or platform, never global to a test.
          isolate: false,
        },
      },
      { test: { ...shared, name: 'system', include: SYSTEM, globalSetup: ['./test/global-setup.ts'], isolate: false } },
    ],
  },
});
