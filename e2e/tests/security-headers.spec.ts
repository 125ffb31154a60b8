import type { Page } from '@playwright/test';
import { DEMO_PASSWORD } from '../playwright.config';
import { expect, open, signIn, test } from './fixtures';

// Against the real server (issue 16 items 3 and 4): every face loads and works under the
// Content-Security-Policy, and the browser's own writes pass the cross-site check.

/** Collects every CSP violation the page reports, from the DOM event and from the console. */
async function watchCsp(page: Page) {
  const violations: string[] = [];
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      console.error(`CSP violation: ${e.violatedDirective} blocked ${e.blockedURI}`);
    });
  });
  page.on('console', (m) => {
    const text = m.text();
    if (/CSP violation|Content Security Policy|Refused to (load|execute|apply|connect|frame)/i.test(text)) violations.push(text);
  });
  return violations;
}

async function expectHeaders(page: Page, path: string) {
  const res = await page.request.get(path);
  const csp = res.headers()['content-security-policy'] ?? '';
  expect(csp).toContain("script-src 'self'");
  expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
  expect(csp).toContain("frame-ancestors 'none'");
  expect(res.headers()['x-frame-options']).toBe('DENY');
  expect(res.headers()['x-content-type-options']).toBe('nosniff');
  expect(res.headers()['permissions-policy']).toContain('geolocation=(self)');
}

test('the citizen app works under the CSP: the reports map with its tiles and clusters', async ({ page }) => {
  const violations = await watchCsp(page);
  await expectHeaders(page, '/');
  await page.goto('/reports');
  await expect(page.getByRole('heading', { level: 1, name: 'Αναφορές προβλημάτων στον χάρτη' })).toBeVisible();
  await expect(page.locator('.reports-cluster, .reports-point').first()).toBeAttached();
  // one real action: open a report from the list
  const first = page.getByRole('region', { name: 'Λίστα αναφορών' }).getByRole('link').first();
  const title = (await first.textContent()) ?? '';
  await first.click();
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
  expect(violations).toEqual([]);
});

test('the back office works under the CSP: signing in is a same-origin write the cross-site check lets through', async ({ page }) => {
  const violations = await watchCsp(page);
  await expectHeaders(page, '/staff');
  await page.goto('/staff');
  await page.getByRole('textbox', { name: 'Υπηρεσιακό e-mail' }).fill('techniki@demo.dimos.gr');
  await page.getByRole('textbox', { name: 'Κωδικός πρόσβασης' }).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Σύνδεση', exact: true }).click();
  await expect(page.getByRole('heading', { name: /Γιώργος Νικολάου/ })).toBeVisible();
  await page.getByRole('navigation', { name: 'Ενότητες' }).getByRole('link', { name: 'Εισερχόμενα' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  expect(violations).toEqual([]);
});

test('a page on another origin cannot write with the staff session', async ({ page }) => {
  // the saved session of techniki@ (auth.setup.ts): if the check let the forged sign-out through,
  // every test sharing that session would fail too
  await signIn(page, 'techniki@demo.dimos.gr');
  await expect(page.getByRole('heading', { name: /Γιώργος Νικολάου/ })).toBeVisible();
  // what a page on the same host but another port would send: the browser's cookies, its own Origin
  const other = new URL(page.url());
  other.port = String(Number(other.port || 80) + 1);
  const forged = await page.request.post('/api/auth/logout', { headers: { origin: other.origin } });
  expect(forged.status()).toBe(403);
  expect((await forged.json()).code).toBe('http.cross_site');
  expect((await page.request.get('/api/me/sessions')).status()).toBe(200);
});

test('the kiosk works under the CSP: starting a request', async ({ page }) => {
  const violations = await watchCsp(page);
  await expectHeaders(page, '/kiosk');
  await open(page, '/kiosk/request');
  const field = page.getByTestId('kiosk-description');
  await field.click();
  await page.getByRole('region', { name: 'Πληκτρολόγιο οθόνης' }).getByRole('button', { name: 'α', exact: true }).click();
  await expect(field).toHaveValue(/α/);
  expect(violations).toEqual([]);
});
