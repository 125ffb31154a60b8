import { axe, expect, LANGS, open, signIn, test } from './fixtures';

// Against the real server with the seeded demo municipality (a few hundred demo street reports).

const T = {
  el: { mapTitle: 'Αναφορές προβλημάτων στον χάρτη', list: 'Λίστα αναφορών', follow: 'Παρακολούθηση', unfollow: 'Διακοπή παρακολούθησης' },
  en: { mapTitle: 'Problem reports on the map', list: 'List of reports', follow: 'Follow', unfollow: 'Stop following' },
};

for (const lang of LANGS) {
  test(`public map and list of reports (${lang}): server clusters, a list, no axe violations`, async ({ page }) => {
    await open(page, '/reports', lang);
    await expect(page.getByRole('heading', { level: 1, name: T[lang].mapTitle })).toBeVisible();
    const list = page.getByRole('region', { name: T[lang].list });
    await expect(list.getByRole('listitem').first()).toBeVisible();
    // clusters or single reports drawn from the server's answer
    await expect(page.locator('.reports-cluster, .reports-point').first()).toBeAttached();
    expect(await axe(page)).toEqual([]);
  });

  test(`a report's page (${lang}): status, updates, follow and unfollow, no axe violations`, async ({ page }) => {
    await open(page, '/reports', lang);
    const first = page.getByRole('region', { name: T[lang].list }).getByRole('link').first();
    const title = (await first.textContent()) ?? '';
    await first.click();
    await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
    await page.getByRole('button', { name: T[lang].follow, exact: true }).click();
    await expect(page.getByRole('button', { name: T[lang].unfollow })).toBeVisible();
    expect(await axe(page)).toEqual([]);
    await page.getByRole('button', { name: T[lang].unfollow }).click();
    await expect(page.getByRole('button', { name: T[lang].follow, exact: true })).toBeVisible();
  });

  test(`area alerts (${lang}): subscribe to a district, get its RSS link, remove it; no axe violations`, async ({ page }) => {
    await open(page, '/reports/alerts', lang);
    const district = page.getByRole('combobox', { name: lang === 'el' ? 'Περιοχή' : 'District' });
    await district.selectOption({ index: 1 });
    await page
      .getByRole('region', { name: lang === 'el' ? 'Ειδοποίηση για περιοχή' : 'Alert for a district' })
      .getByRole('button')
      .click();
    const mine = page.getByRole('region', { name: lang === 'el' ? 'Οι ειδοποιήσεις μου' : 'My alerts' });
    await expect(mine.getByRole('link', { name: /RSS/ })).toBeVisible();
    const rss = await mine.getByRole('link', { name: /RSS/ }).getAttribute('href');
    const feed = await page.request.get(rss ?? '', { headers: { 'accept-language': lang } });
    expect(feed.status()).toBe(200);
    expect(await feed.text()).toContain('<rss');
    expect(await axe(page)).toEqual([]);
    await mine.getByRole('button').first().click();
    await expect(mine.getByRole('listitem')).toHaveCount(0);
  });
}

test('the reports map is usable by keyboard: a filter, then a report from the list', async ({ page }) => {
  await open(page, '/reports', 'el');
  const status = page.getByRole('combobox', { name: 'Κατάσταση' });
  await status.focus();
  await page.keyboard.press('ArrowDown');
  await expect(status).toBeFocused();
  const link = page.getByRole('region', { name: T.el.list }).getByRole('link').first();
  await expect(link).toBeVisible();
  await link.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('button', { name: T.el.follow, exact: true })).toBeVisible();
  await page.keyboard.press('Tab');
  await expect(page.locator(':focus')).toBeVisible();
});

test('staff moderation queue: a head of unit hides a report with a reason; the public no longer sees it', async ({ page }) => {
  test.setTimeout(120_000);
  await signIn(page, 'techniki@demo.dimos.gr');
  await expect(page.getByRole('heading', { name: /Γιώργος Νικολάου/ })).toBeVisible();
  await page.getByRole('navigation', { name: 'Ενότητες' }).getByRole('link', { name: 'Εποπτεία αναφορών' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Εποπτεία αναφορών' })).toBeVisible();
  const item = page
    .getByRole('listitem')
    .filter({ has: page.getByRole('heading', { level: 2 }) })
    .first();
  await expect(item).toBeVisible();
  expect(await axe(page)).toEqual([]);
  const queue = await page.request.get('/api/reports/moderation?limit=1');
  const [first] = (await queue.json()) as { id: string }[];
  await item.getByRole('textbox', { name: 'Αιτιολογία' }).fill('Δοκιμαστική απόκρυψη');
  await item.getByRole('button', { name: 'Απόκρυψη', exact: true }).click();
  await expect(page.getByRole('status')).toBeVisible();
  const pub = await page.request.get(`/api/reports/${first?.id}`);
  expect(pub.status()).toBe(404);
});
