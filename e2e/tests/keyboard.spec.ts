import { expect, open, test } from './fixtures';

for (const route of [
  '/',
  '/map',
  '/accessibility',
  '/new',
  '/requests',
  '/track',
  '/notifications',
  '/kiosk',
  '/kiosk/request',
  '/staff',
]) {
  test(`${route}: Tab reaches the skip link first and it moves focus to main`, async ({ page }) => {
    await open(page, route);
    await page.keyboard.press('Tab');
    const skip = page.locator('a.skip-link');
    await expect(skip).toBeFocused();
    await expect(skip).toBeVisible();
    await page.keyboard.press('Enter');
    await expect(page.locator('main#main')).toBeFocused();
  });
}

test('focus is visible on the bottom navigation', async ({ page }) => {
  await open(page, '/');
  const link = page.getByRole('navigation', { name: 'Κύρια πλοήγηση' }).getByRole('link', { name: 'Χάρτης' });
  await link.focus();
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('Tab');
  const outline = await link.evaluate((el) => getComputedStyle(el).outlineStyle);
  expect(outline).not.toBe('none');
});

test('a request can be made with the keyboard alone, and each step moves focus to its heading', async ({ page }) => {
  await open(page, '/new');
  const search = page.getByRole('searchbox', { name: 'Αναζήτηση είδους αιτήματος' });
  await search.focus();
  await page.keyboard.type('λαμπα');
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: /Καμένη λάμπα/ })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 2, name: 'Περιγραφή και συνημμένα' })).toBeFocused();
  await page.getByRole('textbox', { name: 'Περιγραφή' }).focus();
  await page.keyboard.type('Σβηστή λάμπα');
  // Enter in a one-line field moves on (the form submits to the next step)
  await page.getByRole('textbox', { name: 'Αριθμός κολώνας' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 2, name: 'Πού βρίσκεται;' })).toBeFocused();
  const pin = page.getByRole('button', { name: 'Πινέζα στο κέντρο του χάρτη' });
  for (let i = 0; i < 10 && !(await pin.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press('Tab');
  await expect(pin).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('place-coords')).toContainText('Σημείο:');
});

test('notification preferences work with the keyboard', async ({ page }) => {
  await open(page, '/notifications');
  const weather = page.getByRole('checkbox', { name: 'Καιρός' });
  await weather.focus();
  await page.keyboard.press('Space');
  await expect(weather).not.toBeChecked();
  const save = page.getByRole('button', { name: 'Αποθήκευση προτιμήσεων' });
  await save.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByText('Οι προτιμήσεις αποθηκεύτηκαν.')).toBeVisible();
});
