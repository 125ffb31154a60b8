import type { Page } from '@playwright/test';
import { axe, expect, KIOSK_ROUTES, open, test } from './fixtures';

// The outbox (idb-keyval) keeps drafts in IndexedDB 'dimos-outbox', object store 'items'.
// Both helpers run inside the page, so each is self-contained.
async function putOutboxItem() {
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const req = indexedDB.open('dimos-outbox');
    req.onupgradeneeded = () => req.result.createObjectStore('items');
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
  await new Promise((resolve) => {
    const tx = db.transaction('items', 'readwrite');
    tx.objectStore('items').put({ id: 'x', kind: 'case', status: 'draft', body: { description: 'ιδιωτικό' } }, 'x');
    tx.oncomplete = resolve;
  });
  db.close();
}
async function countOutboxItems(): Promise<number> {
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const req = indexedDB.open('dimos-outbox');
    req.onupgradeneeded = () => req.result.createObjectStore('items');
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
  const n = await new Promise<number>((resolve) => {
    const req = db.transaction('items').objectStore('items').count();
    req.onsuccess = () => resolve(req.result);
  });
  db.close();
  return n;
}

test('the on-screen keyboard types Greek with accents, capitals and English', async ({ page }) => {
  await open(page, '/kiosk/request');
  const field = page.getByTestId('kiosk-description');
  await field.click();
  const osk = page.getByRole('region', { name: 'Πληκτρολόγιο οθόνης' });
  const key = (k: string) => osk.getByRole('button', { name: k, exact: true });

  await osk.getByRole('button', { name: /Κεφαλαία/ }).click();
  await key('Κ').click(); // shifted: the keycap now reads Κ
  for (const k of ['α', 'λ']) await key(k).click();
  await osk.getByRole('button', { name: 'Τόνος' }).click();
  await key('ή').click(); // with the accent pending, the η key shows and types ή
  await osk.getByRole('button', { name: 'Διάστημα' }).click();
  await osk.getByRole('button', { name: 'Κεφαλαία' }).click();
  await osk.getByRole('button', { name: 'Τόνος' }).click();
  await key('Ά').click();
  await key('ρ').click();
  await key('α').click();
  await key('ς').click();
  await expect(field).toHaveValue('Καλή Άρας');

  await osk.getByRole('button', { name: 'Διαγραφή χαρακτήρα' }).click();
  await osk.getByRole('button', { name: /Αλλαγή γλώσσας/ }).click();
  for (const k of ['o', 'k']) await key(k).click();
  await expect(field).toHaveValue('Καλή Άραok');
  await expect(field).toBeFocused();
});

test('a kiosk request of a seeded type gets a protocol number (real API)', async ({ page }) => {
  await open(page, '/kiosk/request');
  await page.getByRole('combobox', { name: 'Κατηγορία' }).click();
  await page.getByRole('option', { name: 'Λακκούβα στο οδόστρωμα' }).click();
  await page.getByRole('radio', { name: 'Μικρή' }).check();
  // the address is typed on the on-screen keyboard (letters without accents, the number from its digits row)
  await page.getByRole('searchbox', { name: /Αναζήτηση οδού και αριθμού/ }).click();
  const osk = page.getByRole('region', { name: 'Πληκτρολόγιο οθόνης' });
  for (const k of ['ε', 'ρ', 'μ', 'ο', 'υ', ' ', '2', '2']) {
    await (k === ' ' ? osk.getByRole('button', { name: 'Διάστημα' }) : osk.getByRole('button', { name: k, exact: true })).click();
  }
  await expect(page.getByRole('searchbox', { name: /Αναζήτηση οδού και αριθμού/ })).toHaveValue('ερμου 22');
  const hit = page.getByRole('list', { name: 'Αποτελέσματα αναζήτησης' }).getByRole('button', { name: 'Ερμού 22', exact: true });
  await expect(hit).toBeVisible();
  expect(await axe(page)).toEqual([]);
  await hit.click();
  await expect(page.getByTestId('place-coords')).toContainText('Σημείο: 38.0');
  // the type's form and the picker are on screen: every field is a touch target of at least 48px too
  expect(await smallTouchTargets(page)).toEqual([]);
  expect(await axe(page)).toEqual([]);
  await page.getByRole('button', { name: 'Υποβολή' }).click();
  await expect(page.getByRole('status')).toContainText(/Αριθμός πρωτοκόλλου: \d+\/2026/);
  expect(await axe(page)).toEqual([]);
});

test('idle reset wipes a typed draft and returns to the kiosk home', async ({ page }) => {
  await open(page, '/kiosk/request?idle=4');
  const field = page.getByTestId('kiosk-description');
  await field.click();
  const osk = page.getByRole('region', { name: 'Πληκτρολόγιο οθόνης' });
  for (const k of ['λ', 'α', 'κ', 'κ', 'ο', 'ύ', 'β', 'α']) {
    if (k === 'ύ') {
      await osk.getByRole('button', { name: 'Τόνος' }).click();
      await osk.getByRole('button', { name: 'ύ', exact: true }).click();
    } else await osk.getByRole('button', { name: k, exact: true }).click();
  }
  await expect(field).toHaveValue('λακκούβα');
  await page.evaluate(async () => {
    localStorage.setItem('someone-else', 'private');
    // biome-ignore lint/suspicious/noDocumentCookie: a cookie the page can see, for the reset to clear
    document.cookie = 'kiosk_test=1; path=/';
  });
  await page.evaluate(putOutboxItem);
  expect(await page.evaluate(countOutboxItems)).toBe(1);
  expect(await page.evaluate(() => sessionStorage.getItem('dimos.kiosk.draft'))).toContain('λακκούβα');

  // the warning counts down visibly before anything is wiped
  await expect(page.getByTestId('idle-countdown')).toBeVisible({ timeout: 6_000 });
  await page.waitForURL((url) => url.pathname === '/kiosk', { timeout: 10_000 });
  await expect(page.getByRole('heading', { level: 1, name: 'Καλώς ήρθατε στον Δήμο' })).toBeVisible();

  const left = await page.evaluate(async () => ({
    local: localStorage.getItem('someone-else'),
    draft: sessionStorage.getItem('dimos.kiosk.draft'),
    cookie: document.cookie.includes('kiosk_test'),
  }));
  expect(left).toEqual({ local: null, draft: null, cookie: false });
  expect(await page.evaluate(countOutboxItems)).toBe(0);

  await page.getByRole('link', { name: /Νέο αίτημα/ }).click();
  await expect(page.getByTestId('kiosk-description')).toHaveValue('');
});

test('the idle warning can be dismissed', async ({ page }) => {
  await open(page, '/kiosk/request?idle=4');
  await page.getByTestId('kiosk-description').click();
  await expect(page.getByTestId('idle-countdown')).toBeVisible({ timeout: 6_000 });
  await page.getByRole('button', { name: 'Συνέχεια' }).click();
  await expect(page.getByTestId('idle-countdown')).toBeHidden();
  expect(new URL(page.url()).pathname).toBe('/kiosk/request');
});

for (const route of KIOSK_ROUTES) {
  test(`${route}: no external links and every touch target at least 48px`, async ({ page }) => {
    await open(page, route);
    const hrefs = await page.locator('a[href]').evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).href));
    const origin = new URL(page.url()).origin;
    for (const href of hrefs) expect(new URL(href).origin, href).toBe(origin);

    const small = await smallTouchTargets(page);
    expect(small).toEqual([]);
  });
}

/** Visible touch targets smaller than 48 x 48 CSS px; a radio or checkbox counts with its label. */
async function smallTouchTargets(page: Page) {
  return page
    .locator('main button, main a, main input, main textarea, main select, main [role="button"], header button, header a')
    .evaluateAll((els) =>
      els
        .filter(
          (el) =>
            (el as HTMLElement).offsetParent !== null ||
            (el as HTMLInputElement).type === 'radio' ||
            (el as HTMLInputElement).type === 'checkbox',
        )
        .map((el) => {
          const input = el as HTMLInputElement;
          let r = el.getBoundingClientRect();
          if (input.type === 'radio' || input.type === 'checkbox') {
            const label = input.id ? document.querySelector(`label[for="${input.id}"]`) : null;
            if (label) {
              const l = label.getBoundingClientRect();
              const left = Math.min(r.left, l.left);
              const top = Math.min(r.top, l.top);
              r = new DOMRect(left, top, Math.max(r.right, l.right) - left, Math.max(r.bottom, l.bottom) - top);
            }
          }
          return { el: el.outerHTML.slice(0, 80), width: r.width, height: r.height };
        })
        .filter((r) => r.width < 48 || r.height < 48),
    );
}
