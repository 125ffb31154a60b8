import AxeBuilder from '@axe-core/playwright';
import { test as base, expect, type Page } from '@playwright/test';

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

export const test = base;
export { expect };
