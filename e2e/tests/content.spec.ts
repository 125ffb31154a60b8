import { authFile, axe, expect, LANGS, open, signIn, test } from './fixtures';

// Against the real server and its seeded demo municipality (content seedDemo: news, events, an expired
// alert, council meetings with decisions). The press office is typou@ (employee of Γραφείο Τύπου).

const PRESS = 'typou@demo.dimos.gr';
const NEWS_EL = 'Νέο πρόγραμμα ανακύκλωσης στις γειτονιές';
const NEWS_EN = 'New recycling programme in the neighbourhoods';
const EVENT_EL = 'Συναυλία της Δημοτικής Φιλαρμονικής';
const EVENT_EN = 'Concert of the Municipal Philharmonic';
const MEETING_EL = '12η Τακτική Συνεδρίαση Δημοτικού Συμβουλίου';
const MEETING_EN = '12th Regular Meeting of the Municipal Council';

test.describe('home with an urgent alert', () => {
  test.beforeAll(async ({ playwright, baseURL }) => {
    // the press office's saved session (auth.setup.ts)
    const request = await playwright.request.newContext({ baseURL, storageState: authFile(PRESS) });
    const active = await (await request.get('/api/alerts/active')).json();
    if (active.some((a: { titleEl: string }) => a.titleEl === 'Διακοπή υδροδότησης')) return request.dispose();
    const res = await request.post('/api/alerts', {
      data: {
        category: 'civil_protection',
        severity: 'severe',
        titleEl: 'Διακοπή υδροδότησης',
        titleEn: 'Water supply cut',
        textEl: 'Λόγω βλάβης δεν θα υπάρχει νερό έως το απόγευμα.',
        textEn: 'Because of a fault there will be no water until the afternoon.',
        areaEl: 'Κέντρο',
        areaEn: 'Town centre',
        startsAt: new Date(Date.now() - 60_000).toISOString(),
        endsAt: new Date(Date.now() + 6 * 3600_000).toISOString(),
      },
    });
    expect(res.status()).toBe(201);
    await request.dispose();
  });

  for (const lang of LANGS) {
    test(`the home shows the banner, latest news, coming events and quick actions (${lang})`, async ({ page }) => {
      await open(page, '/', lang);
      const banner = page.getByTestId('alert-banner').filter({ hasText: lang === 'el' ? 'Διακοπή υδροδότησης' : 'Water supply cut' });
      await expect(banner).toBeVisible();
      await expect(banner).toContainText(lang === 'el' ? 'Κέντρο' : 'Town centre');
      // the newest item (other tests may publish more) and the soonest event
      const newest = (await (await page.request.get('/api/content/news?limit=1')).json()).items[0];
      const newestTitle = lang === 'en' && newest.titleEn ? newest.titleEn : newest.titleEl;
      await expect(page.getByRole('link', { name: newestTitle, exact: true })).toBeVisible();
      await expect(page.getByRole('link', { name: lang === 'el' ? EVENT_EL : EVENT_EN })).toBeVisible();
      // the expired demo alert is not shown
      await expect(page.getByText(lang === 'el' ? 'Έκτακτο δελτίο καιρού' : 'Severe weather bulletin')).toHaveCount(0);
      await expect(page.getByRole('link', { name: lang === 'el' ? /Τα αιτήματά μου/ : /My requests/ }).first()).toBeVisible();
      expect(await axe(page)).toEqual([]);
    });

    test(`the kiosk shows the banner too (${lang})`, async ({ page }) => {
      await open(page, '/kiosk', lang);
      await expect(
        page.getByTestId('alert-banner').filter({ hasText: lang === 'el' ? 'Διακοπή υδροδότησης' : 'Water supply cut' }),
      ).toBeVisible();
      expect(await axe(page)).toEqual([]);
    });
  }
});

for (const lang of LANGS) {
  test(`news list and detail (${lang})`, async ({ page }) => {
    await open(page, '/news', lang);
    await expect(page.locator('main h1')).toHaveText(lang === 'el' ? 'Νέα και ανακοινώσεις' : 'News and announcements');
    // the draft is not public
    await expect(page.getByText(/Νέο γήπεδο μπάσκετ/)).toHaveCount(0);
    expect(await axe(page)).toEqual([]);
    await page.getByRole('link', { name: lang === 'el' ? NEWS_EL : NEWS_EN }).click();
    await expect(page.locator('main h1')).toHaveText(lang === 'el' ? NEWS_EL : NEWS_EN);
    await expect(page.getByText(lang === 'el' ? /πόρτα-πόρτα/ : /door-to-door/).first()).toBeVisible();
    expect(await axe(page)).toEqual([]);
    // an item without English shows its Greek text, marked as Greek
    await open(page, '/news', lang);
    const greekOnly = page.getByRole('link', { name: 'Ολοκληρώθηκε η ανακατασκευή της κεντρικής πλατείας' });
    await expect(greekOnly).toHaveAttribute('lang', 'el');
  });

  test(`events list and detail, with the calendar feed (${lang})`, async ({ page, request }) => {
    await open(page, '/events', lang);
    await expect(page.locator('main h1')).toHaveText(lang === 'el' ? 'Εκδηλώσεις' : 'Events');
    expect(await axe(page)).toEqual([]);
    const ics = page.getByRole('link', { name: lang === 'el' ? /iCalendar/ : /iCalendar/ });
    const href = await ics.getAttribute('href');
    // unfold RFC 5545 continuation lines before looking for a property
    const body = (await (await request.get(href as string)).text()).replace(/\r\n[ \t]/g, '');
    expect(body).toContain('BEGIN:VCALENDAR');
    expect(body).toContain(lang === 'el' ? 'SUMMARY:Συναυλία της Δημοτικής Φιλαρμονικής' : 'SUMMARY:Concert of the Municipal Philharmonic');
    await page.getByRole('link', { name: lang === 'el' ? EVENT_EL : EVENT_EN }).click();
    await expect(page.locator('main h1')).toHaveText(lang === 'el' ? EVENT_EL : EVENT_EN);
    await expect(page.getByText(lang === 'el' ? 'Δημοτικό Θέατρο Νέας Αρκαδίας' : 'Nea Arkadia Municipal Theatre')).toBeVisible();
    expect(await axe(page)).toEqual([]);
  });

  test(`council meetings with decisions and their ΑΔΑ (${lang})`, async ({ page }) => {
    await open(page, '/council', lang);
    expect(await axe(page)).toEqual([]);
    await page.getByRole('tab', { name: lang === 'el' ? 'Προηγούμενες συνεδριάσεις' : 'Past meetings' }).click();
    await page.getByRole('link', { name: lang === 'el' ? MEETING_EL : MEETING_EN }).click();
    await expect(page.locator('main h1')).toHaveText(lang === 'el' ? MEETING_EL : MEETING_EN);
    await expect(page.getByRole('link', { name: /ΨΘ82ΩΡΦ-7ΑΙ/ })).toHaveAttribute('href', /diavgeia\.gov\.gr/);
    expect(await axe(page)).toEqual([]);
  });
}

test('the press office signs in, writes news in Greek and English, publishes it, and citizens see it', async ({ page }) => {
  test.slow(); // a whole editorial round trip with three axe runs
  const title = `Ανοιχτή βιβλιοθήκη ${Date.now()}`;
  const titleEn = `Open library ${Date.now()}`;
  await signIn(page, PRESS);
  await expect(page.getByRole('heading', { name: /Άννα Σταματίου/ })).toBeVisible();
  await page.getByRole('navigation', { name: 'Ενότητες' }).getByRole('link', { name: 'Περιεχόμενο' }).click();
  await expect(page.locator('main h1')).toHaveText('Περιεχόμενο');
  // the seeded draft is listed for the editor
  await expect(page.getByRole('link', { name: /Νέο γήπεδο μπάσκετ/ })).toBeVisible();
  expect(await axe(page)).toEqual([]);

  await page.getByRole('link', { name: 'Νέο περιεχόμενο' }).click();
  await expect(page.locator('main h1')).toHaveText('Νέο περιεχόμενο');
  await page.getByRole('textbox', { name: 'Τίτλος' }).fill(title);
  await page.getByRole('textbox', { name: 'Περίληψη' }).fill('Η δημοτική βιβλιοθήκη ανοίγει και τα Σάββατα.');
  await page.getByRole('tab', { name: 'Αγγλικά' }).click();
  await page.getByRole('textbox', { name: 'Τίτλος' }).fill(titleEn);
  await page.getByRole('textbox', { name: 'Περίληψη' }).fill('The municipal library now opens on Saturdays too.');
  expect(await axe(page)).toEqual([]);
  await page.getByRole('button', { name: 'Αποθήκευση ως πρόχειρο' }).click();
  await expect(page.getByRole('status')).toHaveText('Αποθηκεύτηκε.');
  // a draft is not public yet
  expect((await (await page.request.get('/api/content/news')).json()).items.map((i: { titleEl: string }) => i.titleEl)).not.toContain(
    title,
  );
  await page.getByRole('button', { name: 'Δημοσίευση τώρα' }).click();
  await expect(page.getByRole('status')).toHaveText('Δημοσιεύτηκε.');

  await open(page, '/news', 'el');
  await expect(page.getByRole('link', { name: title })).toBeVisible();
  await page.getByRole('link', { name: title }).click();
  await expect(page.locator('main h1')).toHaveText(title);

  const rss = await (await page.request.get('/api/content/feeds/news.rss?lang=en')).text();
  expect(rss).toContain(titleEn);
});

test('the alerts and council editors are axe-clean for the press office, and internal announcements are for staff', async ({ page }) => {
  test.slow();
  await signIn(page, PRESS);
  await expect(page.getByRole('heading', { name: /Άννα Σταματίου/ })).toBeVisible();
  const nav = page.getByRole('navigation', { name: 'Ενότητες' });
  await nav.getByRole('link', { name: 'Επείγουσες ειδοποιήσεις' }).click();
  await expect(page.getByRole('heading', { name: 'Νέα ειδοποίηση' })).toBeVisible();
  expect(await axe(page)).toEqual([]);
  await nav.getByRole('link', { name: 'Εσωτερικές ανακοινώσεις' }).click();
  await expect(page.getByText('Εκπαίδευση προσωπικού στη νέα πλατφόρμα')).toBeVisible();
  expect(await axe(page)).toEqual([]);
  // not for the public
  const anonymous = await page.context().browser()?.newContext();
  const res = await anonymous?.request.get(new URL('/api/content/internal', page.url()).toString());
  expect(res?.status()).toBe(401);
  await anonymous?.close();
});
