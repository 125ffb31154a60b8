import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from '@playwright/test';
import { generate } from 'otplib';
import { DEMO_PASSWORD } from '../playwright.config';
import { axe, expect as baseExpect, test } from './fixtures';

const expect = baseExpect.configure({ timeout: 30_000 });

/**
 * The telemetry devices page (/staff/telemetry/devices), with a real administrator: register a
 * device, see its secret once, use it, rotate it, and see the old secret's attempts refused and
 * counted; axe in each state. Only an administrator (with a second factor) manages devices, and
 * enrolling the demo admin changes the account for good, so, like admin.spec.ts, this file starts its
 * own server (the same build, its own fresh demo municipality) and enrols admin@ there once.
 */

test.describe.configure({ mode: 'serial', timeout: 120_000 });

let server: ChildProcess | undefined;
let base = '';
let state: Awaited<ReturnType<BrowserContext['storageState']>> | undefined;

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const address = s.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      s.close(() => resolve(port));
    });
  });

function stopServer() {
  // the server runs as npm → tsx → node in its own process group: end the group we started
  if (server?.pid) {
    try {
      process.kill(-server.pid, 'SIGTERM');
    } catch {
      // already gone
    }
  }
  server = undefined;
}

const WEB_INDEX = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'web', 'dist', 'index.html');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Starts the server; true once it answers both the API and the web app (it mounts the app only if built). */
async function startServer(): Promise<boolean> {
  // the shared build may be mid-rebuild by another run: wait for its index.html first
  for (let i = 0; i < 120 && !existsSync(WEB_INDEX); i++) await sleep(500);
  const port = await freePort();
  base = `http://localhost:${port}`;
  server = spawn('npm', ['run', 'start', '--prefix', '../server'], {
    detached: true,
    stdio: 'ignore',
    env: {
      ...process.env,
      PORT: String(port),
      DATA_DIR: mkdtempSync(join(tmpdir(), 'dimos-e2e-telemetry-')),
      NODE_ENV: 'development',
      SEED_DEMO: 'true',
      DEMO_PASSWORD,
      LOG_LEVEL: 'warn',
      // the shared server has the embedded MQTT broker; this one needs none
      MQTT_PORT: '0',
    },
  });
  const until = Date.now() + 400_000;
  while (Date.now() < until) {
    const ok = await fetch(`${base}/api/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) {
      const web = await fetch(`${base}/staff`).then(
        (r) => r.ok && (r.headers.get('content-type') ?? '').includes('html'),
        () => false,
      );
      return web;
    }
    await sleep(500);
  }
  return false;
}

test.beforeAll(async () => {
  test.setTimeout(900_000);
  for (let attempt = 0; attempt < 2; attempt++) {
    if (await startServer()) return;
    stopServer();
  }
  throw new Error('the telemetry test server did not start');
});

test.afterAll(stopServer);

async function adminPage(browser: Browser, lang: 'el' | 'en' = 'el'): Promise<Page> {
  const context = await browser.newContext({ baseURL: base, storageState: state, locale: 'el-GR', serviceWorkers: 'block' });
  await context.addInitScript((l) => localStorage.setItem('dimos.lang', l), lang);
  return context.newPage();
}

const nav = (page: Page) => page.getByRole('navigation', { name: 'Ενότητες' });

test('the administrator signs in with a second factor', async ({ browser }) => {
  const context = await browser.newContext({ baseURL: base, locale: 'el-GR', serviceWorkers: 'block' });
  const page = await context.newPage();
  await page.goto('/staff');
  await page.getByRole('textbox', { name: 'Υπηρεσιακό e-mail' }).fill('admin@demo.dimos.gr');
  await page.getByRole('textbox', { name: 'Κωδικός πρόσβασης' }).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Σύνδεση', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Ενεργοποίηση δεύτερου παράγοντα' })).toBeVisible();
  // no admin powers before the second factor: no Administration link, and the page refuses
  await expect(nav(page).getByRole('link', { name: 'Διαχείριση' })).toHaveCount(0);
  await page.goto('/staff/admin/units');
  await expect(page.getByRole('alert')).toContainText('δεύτερο παράγοντα');
  await page.goto('/staff');
  await page.getByRole('button', { name: 'Έναρξη ενεργοποίησης' }).click();
  const secret = (await page.getByTestId('totp-secret').innerText()).trim();
  // the password alone does not enrol: the code e-mailed to the account (the development outbox holds it)
  await expect(page.getByText('Στείλαμε κωδικό στο a•••@demo.dimos.gr')).toBeVisible();
  const mail = (await (await page.request.get('/api/dev/outbox?to=admin@demo.dimos.gr')).json()) as { body: string }[];
  const emailCode = mail[0]?.body.match(/\b(\d{6})\b/)?.[1] ?? '';
  await page.getByRole('textbox', { name: 'Κωδικός από το e-mail' }).fill(emailCode);
  await expect(page.getByRole('img', { name: 'Κωδικός QR του κλειδιού για την εφαρμογή επαλήθευσης' })).toBeVisible();
  await page.getByRole('textbox', { name: 'Κωδικός επαλήθευσης' }).fill(await generate({ secret }));
  await page.getByRole('button', { name: 'Ενεργοποίηση', exact: true }).click();
  await expect(nav(page).getByRole('link', { name: 'Συσκευές τηλεμετρίας' })).toBeVisible();
  state = await context.storageState();
  await context.close();
});

test('registers a device, shows its secret once, rotates it and counts the old secret’s attempts as refusals', async ({ browser }) => {
  const page = await adminPage(browser);
  const uniqueId = `e2e-${Date.now()}`;
  const name = 'Εντοπιστής δοκιμής';
  await page.goto('/staff/telemetry/devices');
  await expect(page.getByRole('heading', { level: 1, name: 'Συσκευές τηλεμετρίας' })).toBeVisible();
  // the demo fleet's trackers are listed
  await expect(page.getByRole('table').first().getByRole('rowheader').first()).toBeVisible();
  expect(await axe(page)).toEqual([]);

  // the form: a refused identifier is named, in Greek
  await page.getByRole('button', { name: 'Προσθήκη συσκευής' }).click();
  const form = page.getByRole('dialog', { name: 'Προσθήκη συσκευής' });
  await form.getByRole('textbox', { name: 'Αναγνωριστικό συσκευής' }).fill('με κενά!');
  await form.getByRole('textbox', { name: 'Όνομα' }).fill(name);
  await form.getByRole('button', { name: 'Αποθήκευση' }).click();
  await expect(form.getByRole('textbox', { name: 'Αναγνωριστικό συσκευής' })).toHaveAttribute('aria-invalid', 'true');
  expect(await axe(page)).toEqual([]);
  await form.getByRole('textbox', { name: 'Αναγνωριστικό συσκευής' }).fill(uniqueId);
  await form.getByRole('button', { name: 'Αποθήκευση' }).click();

  // the secret, once
  const shown = page.getByRole('dialog', { name: 'Το μυστικό κλειδί της συσκευής' });
  await expect(shown.getByText('δεν θα εμφανιστεί ξανά')).toBeVisible();
  const secret = await shown.getByRole('textbox', { name: 'Μυστικό κλειδί' }).inputValue();
  expect(secret.length).toBeGreaterThanOrEqual(24);
  await expect(shown.getByRole('textbox', { name: 'MQTT: όνομα χρήστη' })).toHaveValue(`demo/${uniqueId}`);
  await expect(shown.getByRole('textbox', { name: /Traccar Client/ })).toHaveValue(new RegExp(`/t/demo/api/telemetry/osmand/${secret}$`));
  expect(await axe(page)).toEqual([]);
  await shown.getByRole('button', { name: 'Έγινε' }).click();
  await expect(shown).toBeHidden();
  const devices = page.getByRole('table').filter({ has: page.getByRole('columnheader', { name: 'Αναγνωριστικό συσκευής' }) });
  const row = devices.getByRole('row', { name: new RegExp(name) });
  await expect(row).toContainText(uniqueId);
  await expect(row).toContainText('Ποτέ');
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'Συσκευές τηλεμετρίας' })).toBeVisible();
  expect(await page.content()).not.toContain(secret);

  // the device uses it, as the Traccar Client does
  const fix = (s: string) =>
    page.request.get(`/api/telemetry/osmand/${s}?id=${uniqueId}&lat=38.02&lon=23.74&timestamp=${Math.floor(Date.now() / 1000)}&speed=10`);
  expect((await fix(secret)).status()).toBe(200);

  // a new secret: the old one stops working at once
  page.once('dialog', (d) => void d.accept());
  await row.getByRole('button', { name: `Νέο μυστικό κλειδί για ${name}` }).click();
  await expect(shown.getByText('δεν θα εμφανιστεί ξανά')).toBeVisible();
  const rotated = await shown.getByRole('textbox', { name: 'Μυστικό κλειδί' }).inputValue();
  expect(rotated).not.toBe(secret);
  await shown.getByRole('button', { name: 'Έγινε' }).click();
  expect((await fix(secret)).status()).toBe(401);
  expect((await fix(secret)).status()).toBe(401);

  // refused and counted for staff to see, by device and reason
  await page.reload();
  await expect(row).not.toContainText('Ποτέ');
  const refusals = page.getByRole('table').filter({ has: page.getByRole('columnheader', { name: 'Αιτία' }) });
  const refused = refusals.getByRole('row', { name: new RegExp(name) });
  await expect(refused).toContainText('Λάθος μυστικό κλειδί');
  await expect(refused.getByRole('cell').nth(2)).toHaveText('2');
  expect(await axe(page)).toEqual([]);
  await page.context().close();
});
