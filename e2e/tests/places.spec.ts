import { axe, expect, LANGS, open, signIn, test } from './fixtures';

// Against the real server and its seeded demo municipality (about 40 places around Νέα Αρκαδία).

const LIBRARY = { el: 'Δημοτική Βιβλιοθήκη', en: 'Municipal Library' };

for (const lang of LANGS) {
  test(`places: map, list, search and a place page, axe-clean (${lang})`, async ({ page }) => {
    await open(page, '/places', lang);
    await expect(page.getByTestId('place-link').first()).toBeVisible();
    await expect(page.locator('.leaflet-marker-icon').first()).toBeVisible();
    expect(await axe(page)).toEqual([]);
    // accents and case do not matter
    await page.getByTestId('places-search').fill(lang === 'el' ? 'βιβλιοθηκη' : 'LIBRARY');
    await expect(page.getByTestId('place-link')).toHaveCount(1);
    await expect(page.getByTestId('place-link')).toHaveText(LIBRARY[lang]);
    await page.getByTestId('place-link').click();
    await expect(page.locator('main h1')).toHaveText(LIBRARY[lang]);
    await expect(page.getByRole('rowheader', { name: lang === 'el' ? 'Δευτέρα' : 'Monday' })).toBeVisible();
    expect(await axe(page)).toEqual([]);
  });
}

test('places: category filter, pharmacies on duty, and keyboard on the map', async ({ page }) => {
  await open(page, '/places', 'el');
  await page.getByLabel('Κατηγορία').selectOption('pharmacies');
  await expect(page.getByTestId('places-count')).toHaveText('6 σημεία');
  await page.getByLabel('Μόνο εφημερεύοντα φαρμακεία σήμερα').check();
  // count once the list has been filtered (not the six of a moment before)
  await expect(page.getByTestId('places-count')).not.toHaveText('6 σημεία');
  await expect(page.getByText('Εφημερεύει σήμερα').first()).toBeVisible();
  const duty = await page.getByTestId('place-link').count();
  expect(duty).toBeGreaterThan(0);
  expect(duty).toBeLessThan(6);
  // a marker is reachable by keyboard and opens its place (or zooms into its cluster)
  const marker = page.locator('.leaflet-marker-icon').first();
  await marker.focus();
  await expect(marker).toBeFocused();
  await expect(marker).toHaveAttribute('title', /./);
});

test('places: near me orders by distance from the device', async ({ browser }) => {
  const context = await browser.newContext({
    geolocation: { latitude: 38.0155, longitude: 23.7362 },
    permissions: ['geolocation'],
    locale: 'en-GB',
  });
  const page = await context.newPage();
  await open(page, '/places', 'en');
  await page.getByTestId('near-me').click();
  await expect(page.getByText('Sorted by distance from your location')).toBeVisible();
  await expect(page.getByTestId('place-link').first()).toHaveText('Central Square');
  await expect(page.getByText(/ m away$/).first()).toBeVisible();
  await context.close();
});

test('places: without location permission, near me falls back to the map centre', async ({ browser }) => {
  const context = await browser.newContext({ permissions: [] });
  const page = await context.newPage();
  await open(page, '/places', 'el');
  await page.getByTestId('near-me').click();
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('Δεν βρέθηκε η θέση σας');
  await alert.getByRole('button', { name: 'Απόσταση από το κέντρο του χάρτη' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Απόσταση από το κέντρο του χάρτη' })).toBeVisible();
  await expect(page.getByText(/μακριά$/).first()).toBeVisible();
  expect(await axe(page)).toEqual([]);
  await context.close();
});

test('places: staff import refuses a bad file by row and column, then imports a good one', async ({ page }) => {
  // two imports, a download and axe twice: slow on a busy machine
  test.slow();
  await signIn(page, 'techniki@demo.dimos.gr', '/staff/places');
  await expect(page.locator('main h1')).toHaveText('Σημεία ενδιαφέροντος');
  await expect(page.getByRole('row')).not.toHaveCount(1);
  expect(await axe(page)).toEqual([]);
  const header = 'category,name_el,name_en,address,lat,lon,hours';
  const name = `Πάρκο Δοκιμής ${Date.now()}`;
  const good = `parks,${name},E2E Test Park,"Οδός Δοκιμής 1, Νέα Αρκαδία",38.02,23.73,mon-sun 06:00-22:00`;
  const chooser = page.waitForEvent('filechooser');
  await page.getByTestId('import-file').click();
  await (await chooser).setFiles({
    name: 'bad.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from([header, good, 'nowhere,Κάτι,Something,Οδός 2,38.02,23.73,'].join('\n')),
  });
  await page.getByRole('button', { name: 'Εισαγωγή', exact: true }).click();
  const errors = page.getByTestId('import-errors');
  await expect(errors).toContainText('Γραμμή 2, στήλη «category»');
  expect(await axe(page)).toEqual([]);
  const chooser2 = page.waitForEvent('filechooser');
  await page.getByTestId('import-file').click();
  await (await chooser2).setFiles({ name: 'good.csv', mimeType: 'text/csv', buffer: Buffer.from([header, good].join('\n')) });
  await page.getByRole('button', { name: 'Έλεγχος' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'θα προστεθούν 1' })).toBeVisible();
  await page.getByRole('button', { name: 'Εισαγωγή', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Νέα σημεία: 1' })).toBeVisible();
  await expect(page.getByRole('cell', { name, exact: true })).toBeVisible();
  // the export is a CSV download
  const download = page.waitForEvent('download');
  await page.getByTestId('export-csv').click();
  expect((await download).suggestedFilename()).toBe('places.csv');
});
