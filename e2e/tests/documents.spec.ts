import { axe, expect, LANGS, open, test } from './fixtures';

const text = {
  el: { heading: 'Έλεγχος εγγράφου', code: 'Κωδικός επαλήθευσης', check: 'Έλεγχος', notFound: /Δεν βρέθηκε έγγραφο/ },
  en: { heading: 'Verify a document', code: 'Verification code', check: 'Verify', notFound: /No document has this code/ },
};

for (const lang of LANGS) {
  test(`/verify (${lang}) takes a code by keyboard, says when nothing matches, and has no WCAG 2.1 AA violations`, async ({ page }) => {
    await open(page, '/verify', lang);
    const l = text[lang];
    await expect(page.getByRole('heading', { level: 1, name: l.heading })).toBeVisible();
    expect(await axe(page)).toEqual([]);
    await page.getByRole('textbox', { name: l.code }).fill('zzzz-zzzz-zz');
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(/\/verify\/ZZZZ-ZZZZ-ZZ$/);
    await expect(page.getByText(l.notFound)).toBeVisible();
    expect(await axe(page)).toEqual([]);
  });
}
