import type { Page } from '@playwright/test';
import { DEMO_PASSWORD } from '../playwright.config';
import { axe, expect, LANGS, open, PRINCIPAL, signIn, test } from './fixtures';

// Against the real server and its seeded demo municipality: the demo school's principal is a partner user.

const SCHOOL = '1ο Δημοτικό Σχολείο Νέας Αρκαδίας';

/** Through the form, in the page's language (the form's own tests: keyboard and accessibility below). */
async function principalSignIn(page: Page, lang: 'el' | 'en' = 'el') {
  await open(page, '/school', lang);
  await page.getByRole('textbox', { name: lang === 'el' ? 'E-mail' : 'E-mail' }).fill(PRINCIPAL);
  await page.getByRole('textbox', { name: lang === 'el' ? 'Κωδικός πρόσβασης' : 'Password' }).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: lang === 'el' ? 'Σύνδεση' : 'Sign in', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: SCHOOL })).toBeVisible();
}

/** The principal's page with the saved session (auth.setup.ts). */
async function principalSession(page: Page) {
  await signIn(page, PRINCIPAL);
  await expect(page.getByRole('heading', { level: 1, name: SCHOOL })).toBeVisible();
}

test('the principal files a request, answers a question and confirms finished work', async ({ page }) => {
  await principalSession(page);
  const list = page.getByRole('region', { name: 'Τα αιτήματα του σχολείου' }).getByRole('listitem');
  await expect(list.first()).toBeVisible();
  const before = await list.count();

  // a new request: the school fields come from the case type's form
  await page.getByLabel('Τι χρειάζεται το σχολείο').selectOption({ label: 'Σχολείο: Υδραυλικά' });
  await page.getByRole('textbox', { name: 'Κτίριο ή πτέρυγα' }).fill('Κεντρικό');
  await page.getByRole('textbox', { name: 'Αίθουσα ή χώρος' }).fill('Τουαλέτες 1ου ορόφου');
  await page.getByRole('radio', { name: 'Υψηλή' }).check();
  await page
    .getByRole('radiogroup', { name: /κίνδυνος/ })
    .getByRole('radio', { name: 'Ναι' })
    .check();
  await page.getByRole('textbox', { name: 'Περιγραφή' }).fill('Σπασμένος σωλήνας, τρέχει νερό στον διάδρομο.');
  await page.getByRole('button', { name: 'Υποβολή αιτήματος' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'αριθμό πρωτοκόλλου' })).toBeVisible();
  await expect(list).toHaveCount(before + 1);
  // a safety risk makes it urgent
  await expect(list.first()).toContainText('Επείγον');

  // the heating request waits for the school's answer
  const heating = list.filter({ hasText: 'Σχολείο: Θέρμανση' });
  await heating.getByRole('button', { name: 'Λεπτομέρειες' }).click();
  await expect(heating.getByText('Ο δήμος ζητά περισσότερες πληροφορίες')).toBeVisible();
  await heating.getByRole('textbox', { name: 'Η απάντησή σας' }).fill('Δεν ζεσταίνονται 4 σώματα στον 1ο όροφο.');
  await heating.getByRole('button', { name: 'Αποστολή απάντησης' }).click();
  await expect(heating.getByText('Απάντηση του σχολείου')).toBeVisible();
  await expect(heating.getByText('Ανατέθηκε', { exact: true })).toBeVisible();

  // the electrical request was marked done: the principal confirms it
  const lights = list.filter({ hasText: 'Σχολείο: Ηλεκτρολογικά' });
  await lights.getByRole('button', { name: 'Λεπτομέρειες' }).click();
  await lights.getByRole('button', { name: 'Ναι, ολοκληρώθηκε' }).click();
  await expect(lights.getByText('Επιβεβαιώθηκε', { exact: true })).toBeVisible();
});

test('the principal signs in by keyboard alone', async ({ page }) => {
  await open(page, '/school');
  const email = page.getByRole('textbox', { name: 'E-mail' });
  await email.focus();
  await page.keyboard.type(PRINCIPAL);
  await page.keyboard.press('Tab');
  await expect(page.getByRole('textbox', { name: 'Κωδικός πρόσβασης' })).toBeFocused();
  await page.keyboard.type(DEMO_PASSWORD);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: SCHOOL })).toBeVisible();
});

test('a school sees only its own requests (API, as the principal)', async ({ page }) => {
  await principalSession(page);
  const mine = await (await page.request.get('/api/school/requests')).json();
  expect(mine.items.length).toBeGreaterThan(0);
  expect(mine.items.every((i: { channel: string }) => i.channel === 'partner')).toBe(true);
  // staff-only figures are refused to a partner
  expect((await page.request.get('/api/schools/stats')).status()).toBe(403);
});

for (const lang of LANGS) {
  test(`the principal's pages have no accessibility violations (${lang})`, async ({ page }) => {
    test.setTimeout(120_000);
    await open(page, '/school', lang);
    expect(await axe(page)).toEqual([]);
    await principalSignIn(page, lang);
    await page
      .getByRole('button', { name: lang === 'el' ? 'Λεπτομέρειες' : 'Details' })
      .first()
      .click();
    expect(await axe(page)).toEqual([]);
  });
}

test('staff see the registry, the overview with its map, and download a yearly PDF', async ({ page }) => {
  test.setTimeout(180_000); // four axe runs over long staff pages on a shared machine
  await signIn(page, 'techniki@demo.dimos.gr');
  await page.getByRole('navigation', { name: 'Ενότητες' }).getByRole('link', { name: 'Σχολεία' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Σχολικές μονάδες' })).toBeVisible();
  const table = page.getByRole('table', { name: 'Λίστα σχολείων' });
  await expect(table.getByRole('rowheader')).toHaveCount(8);
  expect(await axe(page)).toEqual([]);

  await table.getByRole('link', { name: SCHOOL }).click();
  await expect(page.getByRole('heading', { level: 1, name: SCHOOL })).toBeVisible();
  await expect(page.getByText('Παναγιώτης Οικονόμου — Διευθυντής/ντρια')).toBeVisible();
  const href = await page.getByRole('link', { name: 'Λήψη PDF' }).getAttribute('href');
  const pdf = await page.request.get(href as string);
  expect(pdf.headers()['content-type']).toBe('application/pdf');
  expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');
  expect(await axe(page)).toEqual([]);

  await page.getByRole('navigation', { name: 'Ενότητες' }).getByRole('link', { name: 'Αιτήματα σχολείων' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Αιτήματα σχολείων: εικόνα' })).toBeVisible();
  await expect(page.locator('.leaflet-interactive').first()).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Ανά υπηρεσία' })).toBeVisible();
  expect(await axe(page)).toEqual([]);

  // the same in English
  await page.getByRole('button', { name: 'Switch to English' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'School requests: overview' })).toBeVisible();
  expect(await axe(page)).toEqual([]);
});
