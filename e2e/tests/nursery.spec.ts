import type { Browser, Page } from '@playwright/test';
import { axe, expect, LANGS, open, signIn as savedSession, test } from './fixtures';
import { randomAfm } from './greek-ids';

// Against the real server and its seeded demo: an OPEN call (dates around the seed time), three nurseries,
// and the head of the nurseries department (paidikoi@demo.dimos.gr, the demo staff password).

test.describe.configure({ mode: 'serial' });

const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
const CHILD = { given: 'Αριάδνη', family: 'Κωνσταντινίδου' };

/** A birth date that makes the child a toddler (about 3 years old) on the call's 1 September. */
function toddlerBirthDate() {
  const now = new Date();
  const start = now.getUTCMonth() >= 8 ? now.getUTCFullYear() + 1 : now.getUTCFullYear();
  return `${start - 3}-02-10`;
}

for (const lang of LANGS) {
  test(`the nurseries page explains the call and its points, and passes axe (${lang})`, async ({ page }) => {
    await open(page, '/nursery', lang);
    await expect(page.getByRole('heading', { level: 2, name: lang === 'el' ? 'Κριτήρια μοριοδότησης' : 'Points criteria' })).toBeVisible();
    await expect(page.getByRole('row', { name: lang === 'el' ? /Μονογονεϊκή οικογένεια/ : /Single-parent family/ })).toContainText('20');
    // without TaxisNet the page says so, and the sign-in is reachable by keyboard
    const signIn = page.getByRole('link', { name: lang === 'el' ? 'Σύνδεση με TaxisNet' : 'Sign in with TaxisNet' });
    await expect(signIn).toHaveAttribute('href', /\/api\/auth\/taxisnet\/start\?returnTo=%2Fnursery/);
    for (let i = 0; i < 40; i++) {
      await page.keyboard.press('Tab');
      if (await signIn.evaluate((el) => el === document.activeElement)) break;
    }
    await expect(signIn).toBeFocused();
    expect(await axe(page)).toEqual([]);
  });
}

async function staffSignIn(browser: Browser) {
  const ctx = await browser.newContext({ locale: 'el-GR' });
  const page = await ctx.newPage();
  await savedSession(page, 'paidikoi@demo.dimos.gr');
  return page;
}

async function applyAsTaxisnetParent(page: Page) {
  await open(page, '/nursery', 'el');
  await page.getByRole('link', { name: 'Σύνδεση με TaxisNet' }).click();
  await page.getByRole('textbox', { name: 'ΑΦΜ' }).fill(randomAfm());
  await page.getByRole('button', { name: 'Συνέχεια' }).click();
  await expect(page).toHaveURL(/\/nursery$/);
  await expect(page.getByRole('heading', { level: 2, name: 'Νέα αίτηση' })).toBeVisible();

  // step 1: the child
  await page.getByRole('textbox', { name: 'Όνομα παιδιού' }).fill(CHILD.given);
  await page.getByRole('textbox', { name: 'Επώνυμο παιδιού' }).fill(CHILD.family);
  await page.getByLabel('Ημερομηνία γέννησης παιδιού').fill(toddlerBirthDate());
  // step 2: nurseries in order
  await page.getByLabel('Προτίμηση 1').selectOption({ label: '1ος Παιδικός Σταθμός Νέας Αρκαδίας' });
  await page.getByLabel('Προτίμηση 2').selectOption({ label: 'Παιδικός Σταθμός «Η Χαρά»' });
  // step 3: criteria, by keyboard where it matters
  const both = page.getByRole('radio', { name: /Εργάζονται και οι δύο γονείς/ });
  await both.focus();
  await page.keyboard.press('Space');
  await expect(both).toBeChecked();
  await page.getByRole('checkbox', { name: /Μονογονεϊκή οικογένεια/ }).check();
  await page.getByRole('textbox', { name: 'Ετήσιο οικογενειακό εισόδημα (€)' }).fill('9000');
  await expect(page.getByText('Εκτίμηση μορίων: 80')).toBeVisible();

  // submit without documents: each missing one is named
  await page.getByRole('button', { name: 'Υποβολή αίτησης' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Η αίτηση δεν υποβλήθηκε' })).toBeVisible();
  await expect(page.getByText(/Λείπει το δικαιολογητικό «Ληξιαρχική πράξη γέννησης/).first()).toBeVisible();
  expect(await axe(page)).toEqual([]);

  // step 4: documents (birth, income, health card, employment, single parent)
  const inputs = page.locator('input[type=file]');
  for (const i of [0, 1, 2, 3, 4]) {
    await inputs.nth(i).setInputFiles({ name: `doc-${i}.png`, mimeType: 'image/png', buffer: PNG });
  }
  await expect(page.getByText('Μεταφόρτωση…')).toHaveCount(0);
  await page.getByRole('button', { name: 'Υποβολή αίτησης' }).click();
  const done = page.getByRole('status').filter({ hasText: 'Η αίτηση υποβλήθηκε με κωδικό' });
  await expect(done).toBeVisible();
  const code = ((await done.innerText()).match(/Ν-[2-9A-Z]{6}/) ?? [''])[0];
  expect(code).toMatch(/^Ν-/);
  const mine = page.getByTestId('my-application');
  await expect(mine.getByTestId('application-status')).toHaveText('Υποβλήθηκε');
  await expect(mine.getByTestId('points')).toHaveText('80');
  expect(await axe(page)).toEqual([]);
  return code;
}

test('a TaxisNet parent applies, staff rank and publish, the public ranking shows codes only, the parent accepts', async ({
  page,
  browser,
}) => {
  test.setTimeout(180_000);
  const code = await applyAsTaxisnetParent(page);

  // the same page in English, signed in, with the application
  await page.evaluate(() => localStorage.setItem('dimos.lang', 'en'));
  await page.reload();
  await expect(page.getByRole('heading', { level: 2, name: 'My applications' })).toBeVisible();
  expect(await axe(page)).toEqual([]);

  // staff: close, rank, publish
  const staff = await staffSignIn(browser);
  await staff.goto('/staff/nursery');
  await expect(staff.getByTestId('staff-applications')).toContainText(CHILD.given);
  for (const action of ['Κλείσιμο', 'Κατάταξη', 'Δημοσίευση κατάταξης']) {
    await staff.getByRole('button', { name: action, exact: true }).click();
    await expect(staff.getByRole('status').filter({ hasText: 'Έγινε.' })).toBeVisible();
  }
  await expect(staff.getByTestId('staff-applications')).toContainText('Επιλέχθηκε');
  const rankingHref = await staff.getByRole('link', { name: 'Δημόσια κατάταξη' }).getAttribute('href');
  expect(rankingHref).toMatch(/^\/nursery\/ranking\//);
  await staff.context().close();

  // the public ranking: the code and points, never the child's name or birth date
  const anon = await browser.newContext({ locale: 'el-GR' });
  for (const lang of LANGS) {
    const pub = await anon.newPage();
    await open(pub, rankingHref as string, lang);
    const table = pub.getByTestId('ranking-toddler');
    await expect(table).toContainText(code);
    await expect(table.getByRole('row', { name: new RegExp(code) })).toContainText('80');
    const text = await pub.locator('main').innerText();
    expect(text).not.toContain(CHILD.given);
    expect(text).not.toContain(CHILD.family);
    expect(text).not.toContain(toddlerBirthDate());
    expect(await axe(pub)).toEqual([]);
  }
  const csv = await anon.request.get(`/api/nursery/calls/${(rankingHref as string).split('/').pop()}/ranking.csv`);
  expect(await csv.text()).toContain(code);
  expect(await csv.text()).not.toContain(CHILD.family);
  await anon.close();

  // the parent sees the place and accepts it by keyboard
  await page.evaluate(() => localStorage.setItem('dimos.lang', 'el'));
  await page.reload();
  const mine = page.getByTestId('my-application');
  await expect(mine.getByTestId('application-status')).toHaveText('Επιλέχθηκε');
  expect(await axe(page)).toEqual([]);
  await mine.getByRole('button', { name: 'Αποδοχή θέσης' }).focus();
  await page.keyboard.press('Enter');
  await expect(mine.getByTestId('application-status')).toHaveText('Αποδεχθήκατε τη θέση');
});
