import { axe, CITIZEN_ROUTES, expect, KIOSK_ROUTES, LANGS, open, test } from './fixtures';

// Every citizen and kiosk page, in both languages, has no WCAG 2.1 A/AA violation axe can find.
for (const lang of LANGS) {
  test.describe(`axe (${lang})`, () => {
    for (const route of [...CITIZEN_ROUTES, ...KIOSK_ROUTES, '/staff']) {
      test(`${route} has no WCAG 2.1 AA violations`, async ({ page }) => {
        await open(page, route, lang);
        if (route === '/map') await expect(page.locator('.leaflet-container')).toBeVisible();
        // the case types come from the API: check the list once it is there
        if (route === '/new') await expect(page.getByRole('button', { name: lang === 'en' ? /Pothole/ : /Λακκούβα/ })).toBeVisible();
        // the notification settings come from the API: check the page with the form there
        if (route === '/notifications')
          await expect(page.getByRole('button', { name: lang === 'en' ? 'Save preferences' : 'Αποθήκευση προτιμήσεων' })).toBeVisible();
        expect(await axe(page)).toEqual([]);
      });
    }
    test("/new with a case type's form open has no WCAG 2.1 AA violations", async ({ page }) => {
      await open(page, '/new', lang);
      await page.getByRole('button', { name: lang === 'en' ? /Pothole/ : /Λακκούβα/ }).click();
      await expect(page.getByRole('radio').first()).toBeVisible();
      // the autosaved draft shows in the outbox list: check the page with it
      await expect(page.getByText(lang === 'en' ? 'Draft' : 'Πρόχειρο', { exact: true })).toBeVisible();
      expect(await axe(page)).toEqual([]);
    });
  });
}

for (const lang of LANGS) {
  test(`/new: every step of a request has no WCAG 2.1 AA violations (${lang})`, async ({ page }) => {
    const next = lang === 'en' ? 'Continue' : 'Συνέχεια';
    await open(page, '/new', lang);
    await page.getByRole('button', { name: lang === 'en' ? /Broken street light/ : /Καμένη λάμπα/ }).click();
    await page.getByRole('textbox', { name: lang === 'en' ? 'Description' : 'Περιγραφή' }).fill('—');
    for (let step = 2; step <= 5; step++) {
      await expect(page.getByText(lang === 'en' ? `Step ${step} of 5` : `Βήμα ${step} από 5`)).toBeVisible();
      if (step === 3) {
        await expect(page.locator('.leaflet-container')).toBeVisible();
        await page.getByRole('button', { name: lang === 'en' ? 'Pin at the map centre' : 'Πινέζα στο κέντρο του χάρτη' }).click();
      }
      expect(await axe(page)).toEqual([]);
      if (step < 5) await page.getByRole('button', { name: next }).click();
    }
  });
}

test('reduced motion is honoured', async ({ page }) => {
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await open(page, '/');
  const duration = await page.evaluate(() => {
    const probe = document.createElement('div');
    probe.style.transition = 'opacity 2s';
    document.body.append(probe);
    return getComputedStyle(probe).transitionDuration;
  });
  expect(Number.parseFloat(duration)).toBeLessThan(0.01);
});
