import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import AxeBuilder from '@axe-core/playwright';
import { test as base, type Cookie, expect, type Page } from '@playwright/test';
import { baseURL } from '../playwright.config';

export type Lang = 'el' | 'en';
export const LANGS: Lang[] = ['el', 'en'];

export const CITIZEN_ROUTES = ['/', '/map', '/new', '/requests', '/track', '/notifications', '/account', '/accessibility'];
export const KIOSK_ROUTES = ['/kiosk', '/kiosk/request', '/kiosk/info', '/kiosk/accessibility'];

/** Opens a page with the language already chosen (as a returning visitor would have it). */
export async function open(page: Page, path: string, lang: Lang = 'el') {
  await page.addInitScript((l) => {
    if (!sessionStorage.getItem('e2e.lang-set')) {
      localStorage.setItem('dimos.lang', l);
      sessionStorage.setItem('e2e.lang-set', '1');
    }
  }, lang);
  await page.goto(path);
  await expect(page.locator('main h1').first()).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', lang);
}

export async function axe(page: Page) {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return result.violations.map((v) => ({
    id: v.id,
    impact: v.impact,
    help: v.help,
    nodes: v.nodes.map((n) => `${n.target.join(' ')} — ${n.failureSummary ?? ''}`.slice(0, 300)),
  }));
}

/**
 * Makes the page see what a static host (or a server without that route yet) answers for
 * /api/*: the SPA's index.html with 200 — the case the web app must survive.
 */
export async function withoutApi(page: Page) {
  await page.route('**/api/**', (route) =>
    route.fulfill({ status: 200, contentType: 'text/html', body: '<!doctype html><title>Dimos</title>' }),
  );
}

/**
 * Saved sessions (issue 17 item 6): auth.setup.ts signs each of these demo accounts in ONCE through
 * the real login form and keeps its session cookie in e2e/.auth/; tests then start signed in, by
 * `test.use(signedInAs(email))` for a whole file or describe, or `signIn(page, email)` mid-test.
 * Only the session cookie is kept (not the device cookie), so every test still is its own device.
 * The forms themselves stay tested where that is the point (staff-real, security-headers, schools).
 * Never sign a saved account out in a test: that would end the session every other test shares.
 */
export const STAFF_ACCOUNTS = [
  'techniki@demo.dimos.gr',
  'dimarxos@demo.dimos.gr',
  'dimotologio@demo.dimos.gr',
  'syntirisi@demo.dimos.gr',
  'tilefoniko@demo.dimos.gr',
  'typou@demo.dimos.gr',
  'paidikoi@demo.dimos.gr',
  'lixiarxeio@demo.dimos.gr',
] as const;
/** The demo school's principal: a partner user, signed in on /school. */
export const PRINCIPAL = 'dieuthyntis@1dim.demo.dimos.gr';
export type Account = (typeof STAFF_ACCOUNTS)[number] | typeof PRINCIPAL;

// one folder per server: runs against different servers (ports) from the same checkout keep apart
const AUTH_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '.auth', new URL(baseURL).host.replace(/[^\w.-]/g, '_'));
/** Where the saved session of an account is kept. */
export const authFile = (email: Account) => join(AUTH_DIR, `${email}.json`);

/** For `test.use(...)`: the tests start with the account's saved session. */
export const signedInAs = (email: Account) => ({ storageState: authFile(email) });

/** Gives the page's browser context the account's saved session (no login form), then opens `path`. */
export async function signIn(page: Page, email: Account, path = email === PRINCIPAL ? '/school' : '/staff') {
  const { cookies } = JSON.parse(readFileSync(authFile(email), 'utf8')) as { cookies: Cookie[] };
  await page.context().addCookies(cookies);
  await page.goto(path);
  // the app's first paint and /api/me: as long as the login form's fields were once given to appear
  const signedIn =
    email === PRINCIPAL
      ? page.getByRole('button', { name: /^(Αποσύνδεση|Sign out)$/ })
      : page.getByRole('navigation', { name: /^(Ενότητες|Modules)$/ });
  await expect(signedIn).toBeVisible({ timeout: 30_000 });
}

export const test = base;
export { expect };
