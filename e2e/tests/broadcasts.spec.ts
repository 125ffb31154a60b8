import { axe, expect, open, signedInAs, test } from './fixtures';

// Against the real server and its seeded demo municipality: the mayor's office composes a broadcast.

test.use(signedInAs('dimarxos@demo.dimos.gr'));

test('the mayor’s office creates a general broadcast for everyone, it waits for approval, and is cancelled', async ({ page }) => {
  await page.goto('/staff');
  const nav = page.getByRole('navigation', { name: 'Ενότητες' });
  await nav.getByRole('link', { name: 'Μαζικά μηνύματα' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Μαζικά μηνύματα' })).toBeVisible();
  expect(await axe(page)).toEqual([]);

  await page.getByRole('link', { name: 'Νέο μαζικό μήνυμα' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Νέο μαζικό μήνυμα' })).toBeVisible();
  expect(await axe(page)).toEqual([]);

  // Civil protection warns that it goes out at once.
  await page.getByRole('combobox', { name: 'Κατηγορία' }).click();
  await page.getByRole('option', { name: 'Πολιτική προστασία / έκτακτη ανάγκη' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'αποστέλλονται αμέσως σε όλους' })).toBeVisible();
  await page.getByRole('combobox', { name: 'Κατηγορία' }).click();
  await page.getByRole('option', { name: 'Γενικά' }).click();
  await expect(page.getByText('αποστέλλονται αμέσως σε όλους')).toHaveCount(0);

  // An empty form is refused by the server, with the errors on their fields.
  await page.getByRole('button', { name: 'Δημιουργία μηνύματος' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Ελέγξτε τα πεδία' })).toBeVisible();
  await expect(page.getByRole('textbox', { name: 'Τίτλος (ελληνικά)' })).toHaveAttribute('aria-invalid', 'true');

  const title = `Διακοπή νερού ${Date.now()}`;
  await page.getByRole('textbox', { name: 'Τίτλος (ελληνικά)' }).fill(title);
  await page.getByRole('textbox', { name: 'Κείμενο (ελληνικά)' }).fill('α'.repeat(71));
  // Greek is UCS-2: 71 characters make 2 segments of 67.
  await expect(page.getByText('SMS: 71 χαρακτήρες, 2 τμήματα (67 χαρακτήρες ανά τμήμα, UCS-2)')).toBeVisible();
  await page.getByRole('textbox', { name: 'Τίτλος (αγγλικά)' }).fill('Water cut');
  await page.getByRole('textbox', { name: 'Κείμενο (αγγλικά)' }).fill('No water on Main Street from 10:00 to 14:00.');
  await page.getByRole('button', { name: 'Δημιουργία μηνύματος' }).click();

  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
  await expect(page.getByText('Αναμένει έγκριση')).toBeVisible();
  // The author cannot approve their own broadcast.
  await expect(page.getByRole('button', { name: 'Έγκριση' })).toHaveCount(0);
  await page.getByRole('button', { name: 'Ακύρωση αποστολής' }).click();
  await expect(page.getByText('Το μήνυμα ακυρώθηκε.')).toBeVisible();
  await expect(page.getByText('Ακυρώθηκε', { exact: true })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Ακύρωση αποστολής' })).toHaveCount(0);
  expect(await axe(page)).toEqual([]);

  await page.getByRole('link', { name: 'Όλα τα μαζικά μηνύματα' }).click();
  const row = page.getByRole('row').filter({ hasText: title });
  await expect(row.getByText('Ακυρώθηκε')).toBeVisible();
});

test('an area audience is drawn by keyboard with “add corner at map centre”, and is cancelled before sending', async ({ page }) => {
  await page.goto('/staff');
  await expect(page.getByRole('navigation', { name: 'Ενότητες' })).toBeVisible();
  await page.goto('/staff/broadcasts/new');
  const title = `Εργασίες στην πλατεία ${Date.now()}`;
  await page.getByRole('textbox', { name: 'Τίτλος (ελληνικά)' }).fill(title);
  await page.getByRole('textbox', { name: 'Κείμενο (ελληνικά)' }).fill('Εργασίες αύριο.');
  await page.getByRole('textbox', { name: 'Τίτλος (αγγλικά)' }).fill('Works in the square');
  await page.getByRole('textbox', { name: 'Κείμενο (αγγλικά)' }).fill('Works tomorrow.');
  await page.getByRole('radio', { name: 'Περιοχή στον χάρτη' }).check();
  const addCentre = page.getByRole('button', { name: 'Προσθήκη γωνίας στο κέντρο του χάρτη' });
  await expect(addCentre).toBeVisible();
  // Fewer than three corners: refused before sending.
  await page.getByRole('button', { name: 'Δημιουργία μηνύματος' }).click();
  await expect(page.getByText('Σχεδιάστε περιοχή με τουλάχιστον 3 γωνίες.')).toBeVisible();
  const map = page.getByTestId('area-map');
  for (const key of [null, 'ArrowRight', 'ArrowDown']) {
    if (key) {
      await map.focus();
      await page.keyboard.press(key);
      await page.keyboard.press(key);
    }
    await addCentre.press('Enter');
  }
  await expect(page.getByText('Περιοχή με 3 γωνίες.')).toBeVisible();
  await page.getByRole('button', { name: 'Δημιουργία μηνύματος' }).click();
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
  await expect(page.getByText('Περιοχή στον χάρτη')).toBeVisible();
  await expect(page.getByText('Αναμένει έγκριση')).toBeVisible();
  await page.getByRole('button', { name: 'Ακύρωση αποστολής' }).click();
  await expect(page.getByText('Το μήνυμα ακυρώθηκε.')).toBeVisible();
});

test('the list and the composer pass axe in English too', async ({ page }) => {
  await open(page, '/staff', 'en');
  await page.getByRole('navigation', { name: 'Modules' }).getByRole('link', { name: 'Broadcasts' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Broadcasts' })).toBeVisible();
  expect(await axe(page)).toEqual([]);
  await page.getByRole('link', { name: 'New broadcast' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'New broadcast' })).toBeVisible();
  await page.getByRole('radio', { name: 'An area on the map' }).check();
  await expect(page.getByRole('button', { name: 'Add a corner at the map centre' })).toBeVisible();
  expect(await axe(page)).toEqual([]);
});
