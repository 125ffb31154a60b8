import type { Page } from '@playwright/test';
import { generate } from 'otplib';
import { DEMO_PASSWORD } from '../playwright.config';
import { axe, expect, test } from './fixtures';

// Against the real server: the administrator (after enrolling a second factor) registers a tracker,
// sees its secret once with the Traccar Client address, the tracker reports over that address, and a
// wrong secret shows up among the refused messages.

async function signInAdmin(page: Page) {
  await page.goto('/staff');
  await page.getByRole('textbox', { name: 'Υπηρεσιακό e-mail' }).fill('admin@demo.dimos.gr');
  await page.getByRole('textbox', { name: 'Κωδικός πρόσβασης' }).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Σύνδεση', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Ενεργοποίηση δεύτερου παράγοντα' })).toBeVisible();
  await page.getByRole('button', { name: 'Έναρξη ενεργοποίησης' }).click();
  const secret = (await page.getByTestId('totp-secret').innerText()).trim();
  await expect(page.getByText(/Στείλαμε κωδικό/)).toBeVisible();
  const mail = (await (await page.request.get('/api/dev/outbox?to=admin@demo.dimos.gr')).json()) as { body: string }[];
  const emailCode = mail[0]?.body.match(/\b(\d{6})\b/)?.[1] ?? '';
  await page.getByRole('textbox', { name: 'Κωδικός από το e-mail' }).fill(emailCode);
  await page.getByRole('textbox', { name: 'Κωδικός επαλήθευσης' }).fill(await generate({ secret }));
  await page.getByRole('button', { name: 'Ενεργοποίηση', exact: true }).click();
  await expect(page.getByRole('navigation', { name: 'Ενότητες' }).getByRole('link', { name: 'Συσκευές τηλεμετρίας' })).toBeVisible();
}

test('telemetry devices: add a tracker, its secret once, a Traccar Client report, a refused one; axe-clean', async ({ page }) => {
  await signInAdmin(page);
  await page.getByRole('navigation', { name: 'Ενότητες' }).getByRole('link', { name: 'Συσκευές τηλεμετρίας' }).click();
  await expect(page.locator('main h1')).toHaveText('Συσκευές τηλεμετρίας');
  expect(await axe(page)).toEqual([]);

  const uniqueId = `e2e-${Date.now()}`;
  await page.getByRole('button', { name: 'Προσθήκη συσκευής' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('combobox', { name: 'Είδος' }).selectOption('vehicle_tracker');
  await dialog.getByRole('textbox', { name: 'Αναγνωριστικό συσκευής' }).fill('όχι έγκυρο');
  await dialog.getByRole('textbox', { name: 'Όνομα' }).fill('Απορριμματοφόρο ΚΗΥ 4521');
  await dialog.getByRole('button', { name: 'Αποθήκευση' }).click();
  await expect(dialog.getByText(/λατινικά γράμματα/)).toBeVisible();
  await dialog.getByRole('textbox', { name: 'Αναγνωριστικό συσκευής' }).fill(uniqueId);
  await dialog.getByRole('button', { name: 'Αποθήκευση' }).click();

  const shown = page.getByRole('dialog', { name: 'Το μυστικό κλειδί της συσκευής' });
  await expect(shown.getByText('δεν θα εμφανιστεί ξανά', { exact: false })).toBeVisible();
  const secret = await shown.getByRole('textbox', { name: 'Μυστικό κλειδί' }).inputValue();
  expect(secret.length).toBeGreaterThan(20);
  const url = await shown.getByRole('textbox', { name: /Traccar Client/ }).inputValue();
  expect(url).toMatch(new RegExp(`/t/[a-z0-9-]+/api/telemetry/osmand/${secret}$`));
  expect(await axe(page)).toEqual([]);
  await shown.getByRole('button', { name: 'Έγινε' }).click();

  // the Traccar Client's request to that address, and one with a wrong key
  const query = `?id=${uniqueId}&timestamp=${Math.floor(Date.now() / 1000)}&lat=38.0155&lon=23.7362&speed=12.0&bearing=90.0&altitude=80.0&accuracy=6.0&batt=88.0`;
  expect((await page.request.post(`${url}${query}`)).status()).toBe(200);
  expect((await page.request.post(`${url.replace(secret, 'wrong-key')}${query}`)).status()).toBe(401);

  await page.reload();
  const row = page.getByRole('row', { name: /Απορριμματοφόρο ΚΗΥ 4521/ });
  await expect(row.getByRole('cell').nth(3)).toHaveText('1'); // accepted
  await expect(row.getByText('Ενεργή')).toBeVisible();
  await expect(page.getByRole('cell', { name: 'Λάθος μυστικό κλειδί' })).toBeVisible();

  // a new key: the old one stops working
  page.once('dialog', (d) => void d.accept());
  await page.getByRole('button', { name: 'Νέο μυστικό κλειδί για Απορριμματοφόρο ΚΗΥ 4521' }).click();
  const fresh = await page
    .getByRole('dialog', { name: 'Το μυστικό κλειδί της συσκευής' })
    .getByRole('textbox', { name: 'Μυστικό κλειδί' })
    .inputValue();
  expect(fresh).not.toBe(secret);
  expect((await page.request.post(`${url}${query}`)).status()).toBe(401);
  await page.getByRole('button', { name: 'Έγινε' }).click();

  // English
  await page.evaluate(() => localStorage.setItem('dimos.lang', 'en'));
  await page.reload();
  await expect(page.locator('main h1')).toHaveText('Telemetry devices');
  await expect(page.getByRole('cell', { name: 'Wrong secret key' })).toBeVisible();
  expect(await axe(page)).toEqual([]);
});
