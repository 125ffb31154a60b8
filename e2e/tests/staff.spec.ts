import type { Page } from '@playwright/test';
import { expect, open, test, withoutApi } from './fixtures';

async function mockMe(page: Page, roles: string[]) {
  await page.route('**/api/me', (route) =>
    route.fulfill({
      contentType: 'application/json',
      body: JSON.stringify({
        id: 'u1',
        kind: 'staff',
        displayName: 'Μαρία Παπαδοπούλου',
        email: 'maria@dimos.example',
        roles: roles.map((role) => ({ role, unitId: null })),
      }),
    }),
  );
}

test('with no API the login form still shows, with a notice', async ({ page }) => {
  await withoutApi(page);
  await open(page, '/staff');
  await expect(page.getByRole('heading', { level: 1, name: 'Σύνδεση υπαλλήλων' })).toBeVisible();
  await expect(page.getByText('Η υπηρεσία δεν είναι διαθέσιμη')).toBeVisible();
});

test('password, then the TOTP step when the server asks for it', async ({ page }) => {
  const bodies: unknown[] = [];
  // the server answers /api/me for anyone; a visitor is 'anonymous'
  await page.route('**/api/me', (route) =>
    route.fulfill({ contentType: 'application/json', body: '{"kind":"anonymous","id":null,"roles":[]}' }),
  );
  await page.route('**/api/staff/login', async (route) => {
    const body = route.request().postDataJSON() as { totp?: string };
    bodies.push(body);
    if (!body.totp) {
      await route.fulfill({ status: 401, contentType: 'application/json', body: '{"code":"auth.totp_required"}' });
      return;
    }
    await page.unroute('**/api/me');
    await mockMe(page, ['clerk']);
    await route.fulfill({ status: 200, contentType: 'application/json', body: '{"ok":true}' });
  });
  await open(page, '/staff');
  await page.getByRole('textbox', { name: 'Υπηρεσιακό e-mail' }).fill('maria@dimos.example');
  await page.getByRole('textbox', { name: 'Κωδικός πρόσβασης' }).fill('correct horse');
  await page.getByRole('button', { name: 'Σύνδεση', exact: true }).click();
  await page.getByRole('textbox', { name: 'Κωδικός επαλήθευσης' }).fill('123456');
  await page.getByRole('button', { name: 'Επαλήθευση' }).click();
  await expect(page.getByRole('heading', { name: 'Καλώς ήρθατε, Μαρία Παπαδοπούλου' })).toBeVisible();
  expect(bodies).toEqual([
    { email: 'maria@dimos.example', password: 'correct horse' },
    { email: 'maria@dimos.example', password: 'correct horse', totp: '123456' },
  ]);
});

test('Administration is shown only to admins', async ({ page }) => {
  await mockMe(page, ['clerk']);
  await page.goto('/staff');
  const nav = page.getByRole('navigation', { name: 'Ενότητες' });
  await expect(nav.getByRole('link', { name: 'Εισερχόμενα' })).toBeVisible();
  await expect(nav.getByRole('link', { name: 'Διαχείριση' })).toHaveCount(0);

  await page.unroute('**/api/me');
  await mockMe(page, ['clerk', 'admin']);
  await page.reload();
  await expect(nav.getByRole('link', { name: 'Διαχείριση' })).toBeVisible();
  await nav.getByRole('link', { name: 'Υποθέσεις' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Υποθέσεις' })).toBeVisible();
});
