import { mkdtempSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig, devices } from '@playwright/test';

/**
 * What the tests run against:
 *  - E2E_BASE_URL set: an app that is already running there; nothing is started.
 *  - otherwise E2E_TARGET picks what Playwright starts on :8080:
 *      'server'  the real thing: `npm start` of the server (API + built web app), data in a temp dir
 *      'preview' the built web app alone (`vite preview`), no API behind it
 * The default is the real server; 'preview' helps when working on the web app alone.
 */
const DEFAULT_TARGET: 'server' | 'preview' = 'server';
const target = (process.env.E2E_TARGET as 'server' | 'preview' | undefined) ?? DEFAULT_TARGET;

const port = Number(process.env.E2E_PORT ?? 8080);
/** The demo staff password of the seeded municipality the server target starts with. */
export const DEMO_PASSWORD = process.env.DEMO_PASSWORD ?? 'e2e-Δοκιμή-2026';
export const baseURL = process.env.E2E_BASE_URL ?? `http://localhost:${port}`;

/**
 * The web app is built once: when web/dist was built after the last change to anything it is built
 * from (CI's `npm ci` builds it in postinstall, minutes before the browser tests), it is used as it
 * is; otherwise it is built first. E2E_REBUILD=1 builds it whatever the dates say.
 */
function webBuildIsCurrent() {
  const web = join(dirname(fileURLToPath(import.meta.url)), '..', 'web');
  const built = statSync(join(web, 'dist', 'index.html'), { throwIfNoEntry: false })?.mtimeMs ?? 0;
  const newest = (path: string): number => {
    const s = statSync(path, { throwIfNoEntry: false });
    if (!s) return 0;
    if (!s.isDirectory()) return s.mtimeMs;
    return Math.max(s.mtimeMs, ...readdirSync(path).map((name) => newest(join(path, name))));
  };
  const inputs = ['src', 'public', 'index.html', 'vite.config.ts', 'package.json', 'tsconfig.json', '../package-lock.json'];
  return built > 0 && inputs.every((input) => newest(join(web, input)) < built);
}
const buildWeb =
  !process.env.E2E_BASE_URL && (process.env.E2E_REBUILD === '1' || !webBuildIsCurrent())
    ? 'NODE_ENV=production npm run build --prefix ../web && '
    : '';

const servers = {
  server: {
    // The web app is built for production when it is not current (buildWeb above; the server below runs
    // with NODE_ENV=development, which would otherwise reach Vite and give a development bundle); the
    // server is compiled from the current source first (`npm start` runs server/dist, a second's build).
    command: `${buildWeb}npm run build --prefix ../server && npm run start --prefix ../server`,
    url: `${baseURL}/api/health`,
    // a fresh, empty data directory per run (only made when this target is used)
    env:
      target === 'server'
        ? {
            PORT: String(port),
            DATA_DIR: mkdtempSync(join(tmpdir(), 'dimos-e2e-')),
            NODE_ENV: 'development',
            SEED_DEMO: 'true',
            DEMO_PASSWORD: DEMO_PASSWORD,
            LOG_LEVEL: 'warn',
          }
        : {},
  },
  preview: {
    command: `${buildWeb}npm run preview --prefix ../web`,
    url: baseURL,
    env: {},
  },
};

export default defineConfig({
  testDir: './tests',
  outputDir: './test-results',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: true,
  workers: process.env.CI ? 2 : undefined,
  retries: process.env.CI ? 1 : 0,
  forbidOnly: !!process.env.CI,
  reporter: process.env.CI ? [['list'], ['html', { open: 'never', outputFolder: '.artifacts/report' }]] : 'list',
  use: {
    baseURL,
    locale: 'el-GR',
    timezoneId: 'Europe/Athens',
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    // Service workers would answer requests before page.route() mocks see them; the PWA test allows them.
    serviceWorkers: 'block',
    launchOptions: {
      // Debian's chromium: never `playwright install` (no downloads here or in CI).
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
  },
  projects: [
    // signs each demo account in once through the login form and saves its session in .auth/ (tests/fixtures.ts)
    { name: 'setup', testMatch: /.*\.setup\.ts/, use: { ...devices['Desktop Chrome'], channel: undefined } },
    { name: 'chromium', dependencies: ['setup'], use: { ...devices['Desktop Chrome'], channel: undefined } },
  ],
  webServer: process.env.E2E_BASE_URL
    ? undefined
    : {
        ...servers[target],
        reuseExistingServer: !process.env.CI,
        timeout: 420_000,
        stdout: 'ignore',
        stderr: 'pipe',
      },
});
