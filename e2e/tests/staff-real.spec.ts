import { expect, test } from '@playwright/test';
import { generate } from 'otplib';
import { DEMO_PASSWORD } from '../playwright.config';

// Against the real server and its seeded demo municipality (no mocks): run with the default 'server' target.

test('a head of unit signs in with the demo password and sees the staff home', async ({ page }) => {
  await page.goto('/staff');
  await page.getByRole('textbox', { name: 'Υπηρεσιακό e-mail' }).fill('techniki@demo.dimos.gr');
  await page.getByRole('textbox', { name: 'Κωδικός πρόσβασης' }).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Σύνδεση', exact: true }).click();
  await expect(page.getByRole('heading', { name: /Γιώργος Νικολάου/ })).toBeVisible();
  const nav = page.getByRole('navigation', { name: 'Ενότητες' });
  await expect(nav.getByRole('link', { name: 'Εισερχόμενα' })).toBeVisible();
  // not an administrator
  await expect(nav.getByRole('link', { name: 'Διαχείριση' })).toHaveCount(0);
});

test('a wrong password is refused with the server’s Greek message', async ({ page }) => {
  await page.goto('/staff');
  await page.getByRole('textbox', { name: 'Υπηρεσιακό e-mail' }).fill('techniki@demo.dimos.gr');
  await page.getByRole('textbox', { name: 'Κωδικός πρόσβασης' }).fill('not-the-password');
  await page.getByRole('button', { name: 'Σύνδεση', exact: true }).click();
  await expect(page.getByRole('alert')).toBeVisible();
  await expect(page.getByRole('heading', { name: /Γιώργος Νικολάου/ })).toHaveCount(0);
});

// One test for the one demo administrator: enrolment changes the account for good.
test('the administrator holds no admin powers until a second factor is enrolled from the staff home', async ({ page }) => {
  await page.goto('/staff');
  await page.getByRole('textbox', { name: 'Υπηρεσιακό e-mail' }).fill('admin@demo.dimos.gr');
  await page.getByRole('textbox', { name: 'Κωδικός πρόσβασης' }).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Σύνδεση', exact: true }).click();
  const nav = page.getByRole('navigation', { name: 'Ενότητες' });
  await expect(page.getByRole('heading', { name: 'Ενεργοποίηση δεύτερου παράγοντα' })).toBeVisible();
  await expect(nav.getByRole('link', { name: 'Διαχείριση' })).toHaveCount(0);
  const me = await (await page.request.get('/api/me')).json();
  expect(me.mustEnrollTotp).toBe(true);
  expect((await page.request.get('/api/audit')).status()).toBe(403);
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
  await expect(page.getByRole('heading', { name: 'Ενεργοποίηση δεύτερου παράγοντα' })).toHaveCount(0);
  await expect(nav.getByRole('link', { name: 'Διαχείριση' })).toBeVisible();
  expect((await page.request.get('/api/audit')).status()).toBe(200);
});
