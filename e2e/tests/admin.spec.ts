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

// the machine running these may be busy: give each page a little longer than the default
const expect = baseExpect.configure({ timeout: 30_000 });

/**
 * Administration, with a real administrator. Enrolling the demo admin's second factor changes the
 * account for good, and the shared server's admin@ belongs to staff-real.spec.ts; so this file
 * starts its own server (the same build, its own fresh demo municipality in a temp directory) and
 * enrols admin@ there, once, through the staff home like a person would.
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
      DATA_DIR: mkdtempSync(join(tmpdir(), 'dimos-e2e-admin-')),
      NODE_ENV: 'development',
      SEED_DEMO: 'true',
      DEMO_PASSWORD,
      LOG_LEVEL: 'warn',
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
  throw new Error('the admin test server did not start');
});

test.afterAll(stopServer);

async function adminPage(browser: Browser, lang: 'el' | 'en' = 'el'): Promise<Page> {
  const context = await browser.newContext({ baseURL: base, storageState: state, locale: 'el-GR', serviceWorkers: 'block' });
  await context.addInitScript((l) => localStorage.setItem('dimos.lang', l), lang);
  return context.newPage();
}

const nav = (page: Page) => page.getByRole('navigation', { name: 'Ενότητες' });
const sections = (page: Page) => page.getByRole('navigation', { name: 'Ενότητες διαχείρισης' });

test('the administrator signs in, enrols a second factor and reaches Administration', async ({ browser }) => {
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
  await nav(page).getByRole('link', { name: 'Διαχείριση' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Διαχείριση' })).toBeVisible();
  await expect(sections(page).getByRole('link', { name: 'Οργανόγραμμα' })).toBeVisible();
  state = await context.storageState();
  await context.close();
});

test('create a unit under a directorate, then rename it', async ({ browser }) => {
  const page = await adminPage(browser);
  await page.goto('/staff/admin/units');
  await expect(page.getByRole('heading', { level: 1, name: 'Οργανόγραμμα' })).toBeVisible();
  await page.getByRole('button', { name: 'Νέα υπομονάδα στη μονάδα Διεύθυνση Τεχνικών Υπηρεσιών' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('textbox', { name: 'Όνομα (ελληνικά)' }).fill('Τμήμα Πρασίνου');
  await dialog.getByRole('textbox', { name: 'Όνομα (αγγλικά)' }).fill('Parks Department');
  await dialog.getByRole('textbox', { name: 'Κωδικός' }).fill('PRAS');
  await expect(dialog.getByRole('combobox', { name: 'Ανήκει στη μονάδα' })).toHaveValue(/Διεύθυνση Τεχνικών Υπηρεσιών/);
  await dialog.getByRole('button', { name: 'Αποθήκευση' }).click();
  await expect(dialog).toHaveCount(0);
  const tree = page.getByRole('list', { name: 'Μονάδες του δήμου' });
  await expect(tree.getByText('Τμήμα Πρασίνου')).toBeVisible();

  // a taken code is refused at the field, and nothing is written
  await page.getByRole('button', { name: 'Νέα μονάδα' }).click();
  await dialog.getByRole('textbox', { name: 'Όνομα (ελληνικά)' }).fill('Διπλό');
  await dialog.getByRole('textbox', { name: 'Όνομα (αγγλικά)' }).fill('Twin');
  await dialog.getByRole('textbox', { name: 'Κωδικός' }).fill('PRAS');
  await dialog.getByRole('button', { name: 'Αποθήκευση' }).click();
  await expect(dialog.getByRole('alert')).toContainText('PRAS');
  await dialog.getByRole('button', { name: 'Ακύρωση' }).click();

  await page.getByRole('button', { name: 'Επεξεργασία: Τμήμα Πρασίνου' }).click();
  await dialog.getByRole('textbox', { name: 'Όνομα (ελληνικά)' }).fill('Τμήμα Πρασίνου και Πάρκων');
  await dialog.getByRole('button', { name: 'Αποθήκευση' }).click();
  await expect(tree.getByText('Τμήμα Πρασίνου και Πάρκων')).toBeVisible();

  const units = (await (await page.request.get('/api/units')).json()) as {
    items: { code: string; children: { code: string; nameEl: string }[] }[];
  };
  const texn = units.items.find((u) => u.code === 'TEXN');
  expect(texn?.children.find((c) => c.code === 'PRAS')?.nameEl).toBe('Τμήμα Πρασίνου και Πάρκων');
  await page.context().close();
});

test('create a case type with a choice field, seen in the live preview', async ({ browser }) => {
  const page = await adminPage(browser);
  await page.goto('/staff/admin/case-types');
  await page.getByRole('link', { name: 'Νέο είδος αιτήματος' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Νέο είδος αιτήματος' })).toBeVisible();
  await page.getByRole('textbox', { name: 'Όνομα (ελληνικά)' }).fill('Κλάδεμα δέντρου');
  await page.getByRole('textbox', { name: 'Όνομα (αγγλικά)' }).fill('Tree pruning');
  await page.getByRole('textbox', { name: 'Κλειδί' }).fill('tree-pruning');
  await page.getByRole('textbox', { name: 'Ομάδα' }).fill('Πράσινο');
  await page.getByRole('textbox', { name: 'Προθεσμία (εργάσιμες ημέρες)' }).fill('10');

  await page.getByRole('tab', { name: /Φόρμα/ }).click();
  await page.getByRole('combobox', { name: 'Είδος νέου πεδίου' }).click();
  await page.getByRole('option', { name: 'Μία επιλογή' }).click();
  await page.getByRole('button', { name: 'Προσθήκη πεδίου' }).click();
  const field = page.getByRole('group', { name: 'Πεδίο 1' });
  await field.getByRole('textbox', { name: 'Ετικέτα (ελληνικά)' }).first().fill('Μέγεθος δέντρου');
  const sized = page.getByRole('group', { name: 'Μέγεθος δέντρου' });
  await sized.getByRole('textbox', { name: 'Ετικέτα (αγγλικά)' }).first().fill('Tree size');
  await sized.getByRole('checkbox', { name: 'Υποχρεωτικό' }).check();
  await sized.getByRole('textbox', { name: 'Τιμή' }).fill('small');
  await sized.getByRole('textbox', { name: 'Ετικέτα (ελληνικά)' }).nth(1).fill('Μικρό');
  await sized.getByRole('textbox', { name: 'Ετικέτα (αγγλικά)' }).nth(1).fill('Small');
  const preview = page.getByRole('region', { name: 'Προεπισκόπηση' });
  await expect(preview.getByText('Μέγεθος δέντρου')).toBeVisible();
  await expect(preview.getByRole('radio', { name: 'Μικρό' })).toBeVisible();

  await page.getByRole('button', { name: 'Δημιουργία' }).click();
  await expect(page.getByRole('status')).toContainText('έκδοση 1');
  const types = (await (await page.request.get('/api/admin/case-types')).json()) as {
    key: string;
    snapshot: { slaDays: number; form: { fields: { id: string; kind: string; required?: boolean; options: { value: string }[] }[] } };
  }[];
  const created = types.find((c) => c.key === 'tree-pruning');
  expect(created?.snapshot.slaDays).toBe(10);
  expect(created?.snapshot.form.fields).toMatchObject([{ kind: 'choice', required: true, options: [{ value: 'small' }] }]);
  await page.context().close();
});

test('edit a workflow transition: require a comment and limit it to heads', async ({ browser }) => {
  const page = await adminPage(browser);
  await page.goto('/staff/admin/workflows');
  await expect(page.getByRole('heading', { level: 1, name: 'Ροές εργασίας' })).toBeVisible();
  const diagram = page.getByRole('region', { name: 'Διάγραμμα της ροής' });
  await expect(diagram).toBeVisible();
  const edges = diagram.getByRole('button', { name: /^Επεξεργασία μετάβασης: / });
  expect(await edges.count()).toBeGreaterThan(0);
  // open the first transition from the diagram, by keyboard
  const firstName = ((await edges.first().getAttribute('aria-label')) ?? '').replace('Επεξεργασία μετάβασης: ', '');
  await edges.first().focus();
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog');
  await expect(dialog.getByRole('textbox', { name: 'Όνομα (ελληνικά)' })).toHaveValue(firstName);
  await dialog.getByRole('checkbox', { name: 'Απαιτείται σχόλιο' }).check();
  await dialog.getByRole('combobox', { name: 'Ρόλοι που τη χρησιμοποιούν' }).focus();
  await page.keyboard.type('Προϊστ');
  await page.getByRole('option', { name: 'Προϊστάμενος μονάδας' }).click();
  await dialog.getByRole('button', { name: 'Εφαρμογή' }).click();
  await expect(dialog).toHaveCount(0);
  await page.getByRole('button', { name: 'Αποθήκευση ροής' }).click();
  await expect(page.getByRole('status')).toHaveText('Η ροή αποθηκεύτηκε.');

  const workflows = (await (await page.request.get('/api/workflows')).json()) as {
    revision: number;
    edges: { nameEl: string; commentRequired: boolean; roles: string[] }[];
  }[];
  const edited = workflows.flatMap((w) => w.edges).find((e) => e.nameEl === firstName && e.commentRequired);
  expect(edited?.roles).toEqual(['head']);

  // the server's checks come back at the state they concern: a state nothing leads to is refused
  await page.getByRole('button', { name: 'Νέα κατάσταση' }).click();
  const stateDialog = page.getByRole('dialog');
  await stateDialog.getByRole('textbox', { name: 'Όνομα (ελληνικά)' }).fill('Ορφανή');
  await stateDialog.getByRole('textbox', { name: 'Όνομα (αγγλικά)' }).fill('Orphan');
  await stateDialog.getByRole('textbox', { name: 'Κλειδί' }).fill('orphan');
  await stateDialog.getByRole('button', { name: 'Εφαρμογή' }).click();
  await page.getByRole('button', { name: 'Αποθήκευση ροής' }).click();
  await expect(page.getByRole('row', { name: /Ορφανή/ })).toContainText('Η κατάσταση «orphan» δεν είναι προσβάσιμη από την αρχική.');
  const after = (await (await page.request.get('/api/workflows')).json()) as { nodes: { key: string }[] }[];
  expect(after.flatMap((w) => w.nodes).some((n) => n.key === 'orphan')).toBe(false);
  await page.context().close();
});

test('route a case type by an area drawn on the map', async ({ browser }) => {
  const page = await adminPage(browser);
  await page.goto('/staff/admin/case-types');
  await page.getByRole('link', { name: 'Κλάδεμα δέντρου' }).click();
  await expect(page.getByRole('heading', { level: 1, name: /Κλάδεμα δέντρου/ })).toBeVisible();
  await page.getByRole('tab', { name: /Δρομολόγηση/ }).click();
  await page.getByRole('button', { name: 'Κανόνας περιοχής' }).click();
  const rule = page.getByRole('region', { name: 'Κανόνας 1' });
  await rule.getByRole('combobox', { name: 'Μονάδα που αναλαμβάνει' }).click();
  await page.getByRole('option', { name: /Τμήμα Συντήρησης Υποδομών/ }).click();
  await rule.getByRole('textbox', { name: 'Όνομα περιοχής' }).fill('Βόρεια συνοικία');
  const map = rule.getByTestId('polygon-map');
  await expect(map).toBeVisible();
  await map.scrollIntoViewIfNeeded();
  const box = await map.boundingBox();
  if (!box) throw new Error('no map');
  for (const [fx, fy] of [
    [0.3, 0.3],
    [0.7, 0.3],
    [0.6, 0.7],
  ]) {
    await page.mouse.click(box.x + box.width * (fx as number), box.y + box.height * (fy as number));
  }
  await expect(rule.getByRole('status')).toHaveText('Περιοχή με 3 κορυφές.');
  await page.getByRole('button', { name: 'Αποθήκευση νέας έκδοσης' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Αποθηκεύτηκε' })).toContainText('έκδοση 2');

  const types = (await (await page.request.get('/api/admin/case-types')).json()) as {
    key: string;
    snapshot: { routing: { kind: string; label?: string; area: { type: string; coordinates: number[][][] } }[] };
  }[];
  const rules = types.find((c) => c.key === 'tree-pruning')?.snapshot.routing ?? [];
  expect(rules).toHaveLength(1);
  expect(rules[0]).toMatchObject({ kind: 'area', label: 'Βόρεια συνοικία', area: { type: 'Polygon' } });
  const ring = rules[0]?.area.coordinates[0] ?? [];
  expect(ring).toHaveLength(4);
  expect(ring[0]).toEqual(ring[3]);
  await page.context().close();
});

test('add a municipal holiday next to the national ones, then remove it', async ({ browser }) => {
  const page = await adminPage(browser);
  await page.goto('/staff/admin/holidays');
  await expect(page.getByRole('heading', { level: 1, name: 'Αργίες και ημερολόγιο εργασίας' })).toBeVisible();
  const year = await page.getByRole('textbox', { name: 'Έτος' }).inputValue();
  const national = page.getByRole('table', { name: `Εθνικές αργίες, ${year}` });
  await expect(national.getByText('Πρωτομαγιά')).toBeVisible();
  await page.getByLabel('Ημερομηνία').fill(`${year}-11-11`);
  await page.getByRole('textbox', { name: 'Όνομα (ελληνικά)' }).fill('Εορτή πολιούχου');
  await page.getByRole('textbox', { name: 'Όνομα (αγγλικά)' }).fill("Patron saint's day");
  await page.getByRole('button', { name: 'Προσθήκη ημέρας' }).click();
  const own = page.getByRole('table', { name: `Ημέρες του δήμου, ${year}` });
  await expect(own.getByText('Εορτή πολιούχου')).toBeVisible();

  // the same day twice is refused at the date field
  await page.getByLabel('Ημερομηνία').fill(`${year}-11-11`);
  await page.getByRole('textbox', { name: 'Όνομα (ελληνικά)' }).fill('Ξανά');
  await page.getByRole('textbox', { name: 'Όνομα (αγγλικά)' }).fill('Again');
  await page.getByRole('button', { name: 'Προσθήκη ημέρας' }).click();
  await expect(page.getByText(`Υπάρχει ήδη αργία του δήμου στις ${year}-11-11.`)).toBeVisible();

  const calendar = (await (await page.request.get(`/api/holidays?year=${year}`)).json()) as { tenant: { date: string }[] };
  expect(calendar.tenant.map((h) => h.date)).toEqual([`${year}-11-11`]);
  await own.getByRole('button', { name: /^Αφαίρεση: Εορτή πολιούχου/ }).click();
  await expect(own.getByText('Καμία για αυτό το έτος.')).toBeVisible();
  await page.context().close();
});

test('message templates preview with sample values; settings show the protocol number format', async ({ browser }) => {
  const page = await adminPage(browser);
  await page.goto('/staff/admin/templates');
  await expect(page.getByRole('heading', { level: 1, name: 'Πρότυπα μηνυμάτων' })).toBeVisible();
  await page.getByRole('button', { name: /Παραλαβή αιτήματος/ }).click();
  await expect(page.getByTestId('template-preview-subject')).toContainText('1234/2026');
  await page.getByRole('textbox', { name: 'Θέμα' }).fill('Παραλάβαμε το αίτημα {{protocolNumber}}');
  await expect(page.getByTestId('template-preview-subject')).toHaveText('Παραλάβαμε το αίτημα 1234/2026');
  await page.getByRole('button', { name: 'Αποθήκευση' }).click();
  await expect(page.getByRole('status')).toHaveText('Το πρότυπο αποθηκεύτηκε.');

  await page.goto('/staff/admin/settings');
  await page.getByRole('textbox', { name: 'Μορφή αριθμού πρωτοκόλλου' }).fill('Δ-{n:5}/{yy}');
  await expect(page.getByText(/Παράδειγμα: Δ-01234\/\d\d/)).toBeVisible();
  await page.getByRole('button', { name: 'Αποθήκευση' }).click();
  await expect(page.getByRole('status')).toHaveText('Οι ρυθμίσεις αποθηκεύτηκαν.');
  const tenant = (await (await page.request.get('/api/tenant')).json()) as { settings: { protocol: { format: string } } };
  expect(tenant.settings.protocol.format).toBe('Δ-{n:5}/{yy}');
  await page.context().close();
});

for (const lang of ['el', 'en'] as const) {
  test(`every administration page passes axe (${lang})`, async ({ browser }) => {
    const page = await adminPage(browser, lang);
    for (const section of ['', 'units', 'staff', 'case-types', 'case-types/new', 'workflows', 'holidays', 'templates', 'settings']) {
      await page.goto(`/staff/admin/${section}`);
      await expect(page.locator('main h1').first()).toBeVisible();
      await expect(page.locator('html')).toHaveAttribute('lang', lang);
      // let the page's data arrive before checking
      await page.waitForLoadState('networkidle');
      expect(await axe(page), `/staff/admin/${section}`).toEqual([]);
    }
    await page.context().close();
  });
}
