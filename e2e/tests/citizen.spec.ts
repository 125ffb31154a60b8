import { expect, open, test, withoutApi } from './fixtures';

test('Greek by default; English is remembered and sets <html lang>', async ({ page }) => {
  await page.goto('/');
  await expect(page.locator('html')).toHaveAttribute('lang', 'el');
  await expect(page.getByRole('heading', { level: 1, name: 'Καλώς ήρθατε' })).toBeVisible();
  await page.getByRole('button', { name: 'Switch to English' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByRole('heading', { level: 1, name: 'Welcome' })).toBeVisible();
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'Welcome' })).toBeVisible();
  expect(await page.evaluate(() => localStorage.getItem('dimos.lang'))).toBe('en');
});

test('dates are formatted for el-GR', async ({ page }) => {
  await open(page, '/accessibility');
  await expect(page.getByText(/22 Νοεμβρίου 2026/).first()).toBeVisible();
});

test('bottom navigation reaches every citizen page without an account', async ({ page }) => {
  await open(page, '/');
  const nav = page.getByRole('navigation', { name: 'Κύρια πλοήγηση' });
  for (const [name, heading] of [
    ['Χάρτης', 'Χάρτης'],
    ['Νέο αίτημα', 'Νέο αίτημα'],
    ['Αιτήματα', 'Τα αιτήματά μου'],
    ['Ειδοποιήσεις', 'Ειδοποιήσεις'],
    ['Αρχική', 'Καλώς ήρθατε'],
  ] as const) {
    await nav.getByRole('link', { name, exact: true }).click();
    await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible();
    await expect(nav.getByRole('link', { name, exact: true })).toHaveAttribute('aria-current', 'page');
  }
});

test('a draft request is kept on the device across reloads', async ({ page }) => {
  await open(page, '/new');
  await page.getByRole('button', { name: /Καμένη λάμπα δημοτικού φωτισμού/ }).click();
  await page.getByRole('textbox', { name: 'Περιγραφή' }).fill('Σβηστή λάμπα στην πλατεία');
  await page.getByRole('button', { name: 'Αποθήκευση πρόχειρου' }).click();
  await expect(page.getByText('Το πρόχειρο αποθηκεύτηκε στη συσκευή.')).toBeVisible();
  await page.reload();
  await expect(page.getByText('Σβηστή λάμπα στην πλατεία')).toBeVisible();
  await expect(page.getByText('Πρόχειρο', { exact: true })).toBeVisible();
  // opening it again continues where the citizen left off
  await page.getByRole('button', { name: 'Νέο αίτημα' }).first().click();
  await expect(page.getByRole('textbox', { name: 'Περιγραφή' })).toHaveValue('Σβηστή λάμπα στην πλατεία');
});

test('a submitted request waits in the outbox and is sent when the browser comes online', async ({ page, context }) => {
  const received: unknown[] = [];
  await page.route('**/api/cases', async (route) => {
    received.push(route.request().postDataJSON());
    await route.fulfill({ status: 201, contentType: 'application/json', body: '{"id":"c1"}' });
  });
  await open(page, '/new');
  await page.getByRole('button', { name: /Καμένη λάμπα δημοτικού φωτισμού/ }).click();
  await context.setOffline(true);
  await page.getByRole('textbox', { name: 'Αριθμός κολώνας' }).fill('Κ-12');
  await page.getByRole('textbox', { name: 'Περιγραφή' }).fill('Σβηστή λάμπα');
  await page.getByRole('button', { name: 'Συνέχεια' }).click();
  await page.getByRole('button', { name: 'Πινέζα στο κέντρο του χάρτη' }).click();
  await page.getByRole('textbox', { name: 'Διεύθυνση ή σημείο αναφοράς' }).fill('Πλατεία Ηρώων');
  await page.getByRole('button', { name: 'Συνέχεια' }).click();
  await page.getByRole('textbox', { name: 'E-mail' }).fill('maria@example.gr');
  await page.getByRole('button', { name: 'Συνέχεια' }).click();
  await page.getByRole('button', { name: 'Υποβολή' }).click();
  await expect(page.getByText('Σε αναμονή αποστολής')).toBeVisible();
  expect(received).toHaveLength(0);
  await context.setOffline(false);
  await expect(page.getByText('Σε αναμονή αποστολής')).toBeHidden();
  expect(received).toEqual([
    expect.objectContaining({
      caseType: 'streetlight',
      description: 'Σβηστή λάμπα',
      location: expect.objectContaining({ address: 'Πλατεία Ηρώων', lat: expect.any(Number), lon: expect.any(Number) }),
      channel: 'app',
      data: { poleNumber: 'Κ-12' },
      contact: { email: 'maria@example.gr' },
    }),
  ]);
});

test('account: phone verification with the API missing shows an error, not a crash', async ({ page }) => {
  await withoutApi(page);
  await open(page, '/account');
  await page.getByRole('textbox', { name: 'Αριθμός κινητού' }).fill('6900000000');
  await page.getByRole('button', { name: 'Αποστολή κωδικού' }).click();
  await expect(page.getByRole('alert')).toBeVisible();
  await expect(page.getByRole('link', { name: 'Σύνδεση με TaxisNet' })).toHaveAttribute('href', '/api/auth/taxisnet/start');
});

test('account: phone then code posts to the verification API', async ({ page }) => {
  const calls: { url: string; body: unknown }[] = [];
  await page.route('**/api/citizen/verify/*', async (route) => {
    calls.push({ url: new URL(route.request().url()).pathname, body: route.request().postDataJSON() });
    await route.fulfill({ status: 200, contentType: 'application/json', body: '{"ok":true}' });
  });
  await open(page, '/account');
  await page.locator('label', { hasText: 'E-mail' }).click();
  await expect(page.getByRole('radio', { name: 'E-mail' })).toBeChecked();
  await page.getByRole('textbox', { name: 'Διεύθυνση e-mail' }).fill('maria@example.gr');
  await page.getByRole('button', { name: 'Αποστολή κωδικού' }).click();
  await expect(page.getByText('Στείλαμε έναν κωδικό στο maria@example.gr.')).toBeVisible();
  await page.getByRole('textbox', { name: /Κωδικός επιβεβαίωσης 1/ }).click();
  await page.keyboard.type('123456');
  await page.getByRole('button', { name: 'Επιβεβαίωση' }).click();
  await expect(page.getByText('Τα στοιχεία σας επιβεβαιώθηκαν.')).toBeVisible();
  expect(calls).toEqual([
    { url: '/api/citizen/verify/start', body: { channel: 'email', address: 'maria@example.gr' } },
    { url: '/api/citizen/verify/confirm', body: { channel: 'email', address: 'maria@example.gr', code: '123456' } },
  ]);
});

test.describe('PWA', () => {
  test.use({ serviceWorkers: 'allow' });
  test('the app shell opens offline once the service worker is installed', async ({ page, context }) => {
    await page.goto('/');
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
    });
    await page.reload(); // let the worker control the page
    await context.setOffline(true);
    await page.goto('/notifications');
    await expect(page.getByRole('heading', { level: 1, name: 'Ειδοποιήσεις' })).toBeVisible();
    await expect(page.getByText('Είστε εκτός σύνδεσης.', { exact: false })).toBeVisible();
  });

  test('the manifest names the app and has its icons', async ({ request }) => {
    const manifest = await (await request.get('/manifest.webmanifest')).json();
    expect(manifest.short_name).toBe('Dimos');
    expect(manifest.name).toContain('Δήμος');
    const sizes = manifest.icons.map((i: { sizes: string; purpose?: string }) => `${i.sizes}${i.purpose ? ` ${i.purpose}` : ''}`);
    expect(sizes).toEqual(expect.arrayContaining(['192x192', '512x512', '512x512 maskable']));
  });
});
