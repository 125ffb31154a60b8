import { axe, expect, LANGS, open, test } from './fixtures';
import { randomAfm } from './greek-ids';

// Against the real server with the seeded demo municipality (appointments seedDemo: two services,
// Mon–Fri 08:00–14:00 with a break). Each test books on its own device (a fresh browser context).

// Each run signs in as a new citizen with a random valid ΑΦΜ (the per-citizen limit stays out of the way).
const SERVICE_EL = 'Έκδοση πιστοποιητικού οικογενειακής κατάστασης';
const SERVICE_EN = 'Family status certificate';

for (const lang of LANGS) {
  test(`appointment pages pass axe (${lang})`, async ({ page }) => {
    await open(page, '/appointments', lang);
    await expect(page.getByRole('link', { name: lang === 'el' ? SERVICE_EL : SERVICE_EN })).toBeVisible();
    expect(await axe(page)).toEqual([]);

    await page.getByRole('link', { name: lang === 'el' ? SERVICE_EL : SERVICE_EN }).click();
    await expect(page.locator('main h1')).toHaveText(lang === 'el' ? SERVICE_EL : SERVICE_EN);
    const day = page.locator('table.appt-calendar button').first();
    await expect(day).toBeVisible();
    await day.click();
    await expect(page.getByRole('heading', { level: 2, name: lang === 'el' ? /Ελεύθερες ώρες/ : /Free times/ })).toBeVisible();
    await expect(page.locator('#times-title ~ ul button').first()).toBeVisible();
    expect(await axe(page)).toEqual([]);

    await open(page, '/appointments/mine', lang);
    expect(await axe(page)).toEqual([]);
    await open(page, '/appointments/manage', lang);
    expect(await axe(page)).toEqual([]);
  });
}

test('book end to end: hold with a countdown, verify with TaxisNet, confirm, then cancel by the manage link', async ({ page }) => {
  await open(page, '/appointments', 'el');
  await page.getByRole('link', { name: SERVICE_EL }).click();
  // the calendar is keyboard-usable: Tab to the first free day and press Enter
  const day = page.locator('table.appt-calendar button').first();
  await day.focus();
  await page.keyboard.press('Enter');
  await expect(day).toHaveAttribute('aria-pressed', 'true');
  await page.locator('#times-title ~ ul button').first().click();

  await expect(page).toHaveURL(/\/appointments\/hold\//);
  await expect(page.getByTestId('hold-countdown')).toContainText(/[0-4]:[0-5]\d/);
  const when = await page.getByTestId('appointment-when').innerText();
  expect(await axe(page)).toEqual([]);

  // TaxisNet (the development imitation) and back to the same hold on the same device
  await page.getByRole('link', { name: 'Σύνδεση με TaxisNet' }).click();
  await page.getByRole('textbox', { name: 'ΑΦΜ' }).fill(randomAfm());
  await page.getByRole('button', { name: 'Συνέχεια' }).click();
  await expect(page).toHaveURL(/\/appointments\/hold\//);
  await expect(page.getByRole('heading', { name: 'Τα στοιχεία σας' })).toBeVisible();
  await page.getByRole('textbox', { name: 'Ονοματεπώνυμο' }).fill('Μαρία Παπαδοπούλου');
  await page.getByRole('button', { name: 'Επιβεβαίωση ραντεβού' }).click();

  await expect(page.getByRole('heading', { level: 1, name: 'Το ραντεβού σας κλείστηκε' })).toBeVisible();
  await expect(page.getByTestId('appointment-when')).toHaveText(when);
  const ics = page.getByRole('link', { name: 'Προσθήκη στο ημερολόγιο (.ics)' });
  const icsResponse = await page.request.get((await ics.getAttribute('href')) as string);
  expect(icsResponse.status()).toBe(200);
  expect(await icsResponse.text()).toContain('BEGIN:VEVENT');
  expect(await axe(page)).toEqual([]);

  // the manage link works without a session
  const manageUrl = new URL(await page.getByTestId('manage-url').innerText());
  await page.context().clearCookies();
  await open(page, `${manageUrl.pathname}${manageUrl.search}`, 'el');
  await expect(page.getByTestId('booking-status')).toHaveText('Κλεισμένο');
  await expect(page.getByTestId('appointment-when')).toHaveText(when);
  expect(await axe(page)).toEqual([]);
  await page.getByRole('button', { name: 'Ακύρωση ραντεβού' }).click();
  await page.getByRole('button', { name: 'Ναι, ακύρωση' }).click();
  await expect(page.getByTestId('booking-status')).toHaveText('Ακυρωμένο');
  await expect(page.getByRole('status').filter({ hasText: 'Το ραντεβού ακυρώθηκε.' })).toBeVisible();
});

test('a held time can be given back, and the waiting list asks for verification first', async ({ page }) => {
  await open(page, '/appointments', 'en');
  await page.getByRole('link', { name: 'Recycling bin pick-up' }).click();
  await expect(page.getByText('The waiting list needs a verified mobile, e-mail or TaxisNet.')).toBeVisible();
  await page.locator('table.appt-calendar button').first().click();
  await page.locator('#times-title ~ ul button').first().click();
  await expect(page.getByTestId('hold-countdown')).toBeVisible();
  await page.getByRole('button', { name: 'Release this time' }).click();
  await expect(page.locator('main h1')).toHaveText('Recycling bin pick-up');
});
