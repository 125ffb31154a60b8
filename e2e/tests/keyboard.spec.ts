import { expect, open, test } from './fixtures';

for (const route of ['/', '/map', '/accessibility', '/kiosk', '/kiosk/request', '/staff']) {
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
