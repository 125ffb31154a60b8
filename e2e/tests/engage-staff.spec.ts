import { axe, expect, signIn, test } from './fixtures';

// Staff screens of appointments and participation against the real server and its demo accounts.

test('front desk: a walk-in ticket is issued, started and served; settings and statistics open', async ({ page }) => {
  test.setTimeout(120_000);
  await signIn(page, 'dimotologio@demo.dimos.gr');
  await page.getByRole('navigation', { name: 'Ενότητες' }).getByRole('link', { name: 'Ραντεβού: ημέρα' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Ραντεβού της ημέρας' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Γκισέ 1' })).toBeVisible();
  const name = `Επισκέπτης ${Date.now() % 100000}`;
  await page.getByRole('textbox', { name: 'Όνομα (προαιρετικά)' }).fill(name);
  await page.getByRole('button', { name: 'Έκδοση αριθμού' }).click();
  await expect(page.getByRole('status').filter({ hasText: /Εκδόθηκε ο αριθμός/ })).toBeVisible();
  await page.getByRole('button', { name: `Έναρξη: ${name}` }).click();
  await page.getByRole('button', { name: `Εξυπηρετήθηκε: ${name}` }).click();
  await expect(page.getByRole('row').filter({ hasText: name })).toContainText('Εξυπηρετήθηκε');
  expect(await axe(page)).toEqual([]);

  await page.getByRole('navigation', { name: 'Ενότητες' }).getByRole('link', { name: 'Ραντεβού: ρυθμίσεις' }).click();
  await expect(page.getByRole('textbox', { name: 'Δευτέρα' })).toHaveValue('08:00-10:30, 11:00-14:00');
  expect(await axe(page)).toEqual([]);
  await page.getByRole('navigation', { name: 'Ενότητες' }).getByRole('link', { name: 'Ραντεβού: στατιστικά' }).click();
  // a row per service (and per counter): other tests' bookings may add rows for the same service
  await expect(page.getByRole('cell', { name: 'Έκδοση πιστοποιητικού οικογενειακής κατάστασης' }).first()).toBeVisible();
  const csv = await page.request.get((await page.getByRole('link', { name: 'Εξαγωγή CSV' }).getAttribute('href')) as string);
  expect(csv.status()).toBe(200);
  expect(await axe(page)).toEqual([]);
});

test('a consultation from a Markdown draft: publish, close, report published with PDF and CSV', async ({ page }) => {
  await signIn(page, 'dimarxos@demo.dimos.gr');
  await page.getByRole('navigation', { name: 'Ενότητες' }).getByRole('link', { name: 'Συμμετοχή' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Διαβουλεύσεις' })).toBeVisible();
  const title = `Κανονισμός κοιμητηρίων ${Date.now() % 100000}`;
  await page.getByRole('textbox', { name: 'Τίτλος' }).fill(title);
  await page.getByLabel('Λήξη').fill('2030-01-31T12:00');
  await page
    .getByRole('textbox', { name: 'Κείμενο του σχεδίου' })
    .fill('Προοίμιο.\n\n## Άρθρο 1: Σκοπός\nΗ λειτουργία των κοιμητηρίων.\n\n## Άρθρο 2: Ωράριο\nΚαθημερινά 07:00–19:00.\n');
  await page.getByRole('button', { name: 'Δημιουργία πρόχειρου' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Δημιουργήθηκε πρόχειρο με 2 άρθρα.' })).toBeVisible();
  await page.getByRole('button', { name: `Δημοσίευση: ${title}` }).click();
  await page.getByRole('button', { name: `Κλείσιμο: ${title}` }).click();
  await page.getByRole('row').filter({ hasText: title }).getByRole('link', { name: 'Απαντήσεις και έκθεση' }).click();
  await expect(page.getByText('Αναπάντητα: 0 από 0 σχόλια.')).toBeVisible();
  await page.getByRole('textbox', { name: 'Σύνοψη' }).fill('Δεν υποβλήθηκαν σχόλια.');
  await page.getByRole('button', { name: 'Δημοσίευση έκθεσης' }).click();
  await expect(page.getByText('Η έκθεση έχει δημοσιευτεί.')).toBeVisible();
  const url = new URL(page.url());
  const id = url.pathname.split('/').pop() as string;

  await page.goto(`/participation/consultations/${id}/report`);
  await expect(page.locator('main h1')).toHaveText(`Έκθεση: ${title}`);
  await expect(page.getByText('Δεν υποβλήθηκαν σχόλια.')).toBeVisible();
  const pdf = await page.request.get((await page.getByRole('link', { name: 'Λήψη PDF' }).getAttribute('href')) as string);
  expect(pdf.status()).toBe(200);
  expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');
  const csv = await page.request.get((await page.getByRole('link', { name: 'Λήψη CSV' }).getAttribute('href')) as string);
  expect(csv.status()).toBe(200);
  expect(await axe(page)).toEqual([]);
});

test('the moderation queue opens for the mayor’s office and passes axe', async ({ page }) => {
  await signIn(page, 'dimarxos@demo.dimos.gr');
  await page.getByRole('navigation', { name: 'Ενότητες' }).getByRole('link', { name: 'Συμμετοχή' }).click();
  await page.getByRole('navigation', { name: 'Ενότητες συμμετοχής' }).getByRole('link', { name: 'Εποπτεία' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Εποπτεία περιεχομένου' })).toBeVisible();
  await expect(
    page
      .getByText('Δεν υπάρχει τίποτα για έλεγχο.')
      .or(page.getByRole('list', { name: 'Εποπτεία περιεχομένου' }).getByRole('listitem').first()),
  ).toBeVisible();
  expect(await axe(page)).toEqual([]);
});

test('proposals open from the participation sections and pass axe (budget progress: participation-staff.spec.ts)', async ({ page }) => {
  await signIn(page, 'dimarxos@demo.dimos.gr');
  await page.getByRole('navigation', { name: 'Ενότητες' }).getByRole('link', { name: 'Συμμετοχή' }).click();
  await page.getByRole('navigation', { name: 'Ενότητες συμμετοχής' }).getByRole('link', { name: 'Προτάσεις' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Προτάσεις: όρια και απαντήσεις' })).toBeVisible();
  await expect(page.getByRole('heading', { level: 2, name: 'Προτάσεις πολιτών' })).toBeVisible();
  expect(await axe(page)).toEqual([]);
});
