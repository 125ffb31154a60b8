import { defineConfig } from 'vitest/config';

/**
 * Small tests of the web app's pure logic and kits (`*.unit.test.ts(x)`): no server, no browser
 * build. jsdom stands in for the page; fake-indexeddb for IndexedDB (imported by the tests that need it).
 * Browser journeys stay in e2e/.
 */
export default defineConfig({
  test: {
    include: ['src/**/*.unit.test.{ts,tsx}'],
    environment: 'jsdom',
    pool: 'threads',
    maxWorkers: 2,
  },
});
