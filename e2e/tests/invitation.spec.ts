import { axe, expect, LANGS, open, test } from './fixtures';

// Against the real server (default 'server' target). The invitation token is only e-mailed (stored in the
// server's outbound messages, not exposed over HTTP), so these tests use a bogus token and the real
// accept endpoint answers `invitation.invalid`.

const TEXT = {
  el: {
    h1: 'Αποδοχή πρόσκλησης',
    given: 'Όνομα',
    family: 'Επώνυμο',
    password: 'Νέος κωδικός πρόσβασης',
    confirm: 'Επιβεβαίωση κωδικού',
    submit: 'Αποδοχή και σύνδεση',
    invalid: /Ο σύνδεσμος πρόσκλησης δεν ισχύει/,
    mismatch: 'Οι δύο κωδικοί δεν ταιριάζουν.',
    missing: /δεν περιέχει κωδικό πρόσκλησης/,
  },
  en: {
    h1: 'Accept your invitation',
    given: 'Given name',
    family: 'Family name',
    password: 'New password',
    confirm: 'Confirm password',
    submit: 'Accept and sign in',
    invalid: /This invitation link is not valid/,
    mismatch: 'The two passwords do not match.',
    missing: /has no invitation code/,
  },
};

for (const lang of LANGS) {
  const x = TEXT[lang];

  test(`a bogus invitation token is refused with a clear message, axe-clean (${lang})`, async ({ page }) => {
    await open(page, '/invitation?token=not-a-real-token', lang);
    await expect(page.getByRole('heading', { level: 1, name: x.h1 })).toBeVisible();
    expect(await axe(page)).toEqual([]);

    // keyboard only: focus the first field and tab through the form
    await page.getByRole('textbox', { name: x.given }).focus();
    await page.keyboard.type('Ελένη');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Δοκιμή');
    await page.keyboard.press('Tab');
    await page.keyboard.type('a-long-enough-password');
    await page.keyboard.press('Tab');
    await expect(page.getByLabel(x.confirm)).toBeFocused();
    await page.keyboard.type('a-different-password');
    await page.keyboard.press('Enter');
    // the mismatch is caught before anything is sent
    await expect(page.getByText(x.mismatch)).toBeVisible();
    await expect(page.getByLabel(x.confirm)).toBeFocused();
    expect(await axe(page)).toEqual([]);

    await page.getByLabel(x.confirm).fill('a-long-enough-password');
    const answer = page.waitForResponse((r) => r.url().endsWith('/api/auth/invitations/accept'));
    await page.getByRole('button', { name: x.submit }).click();
    expect((await answer).status()).toBe(400);
    await expect(page.getByRole('alert').filter({ hasText: x.invalid })).toBeVisible();
    expect(await axe(page)).toEqual([]);
  });

  test(`a link without a token says so, axe-clean (${lang})`, async ({ page }) => {
    await open(page, '/invitation', lang);
    await expect(page.getByRole('alert').filter({ hasText: x.missing })).toBeVisible();
    await expect(page.getByRole('button', { name: x.submit })).toHaveCount(0);
    expect(await axe(page)).toEqual([]);
  });
}
