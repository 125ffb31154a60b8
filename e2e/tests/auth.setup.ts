import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Page } from '@playwright/test';
import { DEMO_PASSWORD } from '../playwright.config';
import { type Account, authFile, expect as baseExpect, PRINCIPAL, STAFF_ACCOUNTS, test as setup } from './fixtures';

// signing in hashes a password on the server: on a busy machine give it longer than a page's default
const expect = baseExpect.configure({ timeout: 30_000 });

// Signs each demo account in once, through the real login form, and keeps its session for the
// tests (fixtures.ts: signedInAs, signIn). Only the session cookie is kept: the device cookie stays
// each test's own, as it would be on a fresh browser.

async function keep(page: Page, email: Account) {
  const { cookies } = await page.context().storageState();
  const session = cookies.filter((c) => c.name === 'dimos_session');
  expect(session, `no session cookie for ${email}`).toHaveLength(1);
  mkdirSync(dirname(authFile(email)), { recursive: true });
  writeFileSync(authFile(email), JSON.stringify({ cookies: session, origins: [] }, null, 2));
}

for (const email of STAFF_ACCOUNTS) {
  setup(`sign in ${email}`, async ({ page }) => {
    await page.goto('/staff');
    await page.getByRole('textbox', { name: 'Υπηρεσιακό e-mail' }).fill(email);
    await page.getByRole('textbox', { name: 'Κωδικός πρόσβασης' }).fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Σύνδεση', exact: true }).click();
    await expect(page.getByRole('navigation', { name: 'Ενότητες' })).toBeVisible();
    await keep(page, email);
  });
}

setup(`sign in ${PRINCIPAL}`, async ({ page }) => {
  await page.goto('/school');
  await page.getByRole('textbox', { name: 'E-mail' }).fill(PRINCIPAL);
  await page.getByRole('textbox', { name: 'Κωδικός πρόσβασης' }).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Σύνδεση', exact: true }).click();
  await expect(page.getByRole('button', { name: 'Αποσύνδεση' })).toBeVisible();
  await keep(page, PRINCIPAL);
});
