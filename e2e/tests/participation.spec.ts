import { axe, expect, LANGS, open, test } from './fixtures';
import { randomAfm } from './greek-ids';

// Against the real server with the seeded demo municipality (participation seedDemo: an open
// consultation with five articles, a survey, a participatory budget and a call for ideas).

const CONSULTATION = 'Κανονισμός Καθαριότητας Δήμου';
const SURVEY = 'Πόσο ικανοποιημένοι είστε από την καθαριότητα;';
const BUDGET = 'Συμμετοχικός προϋπολογισμός 2026';
const CALL = 'Τι λείπει από τη γειτονιά σας;';

const PAGES: { name: string; link?: string; path?: string }[] = [
  { name: 'hub', path: '/participation' },
  { name: 'consultation', link: CONSULTATION },
  { name: 'survey', link: SURVEY },
  { name: 'budget', link: BUDGET },
  { name: 'ideas', link: CALL },
  { name: 'proposals', path: '/participation/proposals' },
  { name: 'evaluate', path: '/participation/evaluate' },
];

for (const lang of LANGS) {
  for (const p of PAGES) {
    test(`participation ${p.name} page passes axe (${lang})`, async ({ page }) => {
      await open(page, p.path ?? '/participation', lang);
      if (p.link) {
        await page.getByRole('link', { name: p.link }).click();
        await expect(page.locator('main h1')).toHaveText(p.link);
        await expect(page.getByTestId('deadline').first()).toBeVisible();
      } else {
        await expect(page.getByRole('heading', { level: 2 }).first()).toBeVisible();
      }
      expect(await axe(page)).toEqual([]);
    });
  }
}

test('comment on an article and on a selected passage, after verifying with TaxisNet', async ({ page }) => {
  await open(page, '/participation', 'el');
  await page.getByRole('link', { name: CONSULTATION }).click();
  const article = page.getByRole('article', { name: /Άρθρο 2/ });
  await article.getByRole('button', { name: 'Σχόλιο στο άρθρο' }).click();
  await article.getByRole('textbox', { name: 'Το σχόλιό σας' }).fill('Οι ώρες απόθεσης να ξεκινούν από τις 18:00.');
  await article.getByRole('button', { name: 'Δημοσίευση σχολίου' }).click();

  // the consultation needs a verified phone or TaxisNet: the prompt appears in place
  const prompt = article.getByRole('alert');
  await expect(prompt).toContainText('επιβεβαιώστε πρώτα ποιος είστε');
  expect(await axe(page)).toEqual([]);
  await prompt.getByRole('link', { name: 'Σύνδεση με TaxisNet' }).click();
  await page.getByRole('textbox', { name: 'ΑΦΜ' }).fill(randomAfm());
  await page.getByRole('button', { name: 'Συνέχεια' }).click();
  await expect(page.locator('main h1')).toHaveText(CONSULTATION);

  const again = page.getByRole('article', { name: /Άρθρο 2/ });
  await again.getByRole('button', { name: 'Σχόλιο στο άρθρο' }).click();
  await again.getByRole('textbox', { name: 'Το σχόλιό σας' }).fill('Οι ώρες απόθεσης να ξεκινούν από τις 18:00.');
  await again.getByRole('button', { name: 'Δημοσίευση σχολίου' }).click();
  await expect(again.getByTestId('comment').filter({ hasText: 'Οι ώρες απόθεσης να ξεκινούν από τις 18:00.' })).toBeVisible();

  // a passage: select words inside the article's text, then comment on them
  const body = again.getByTestId('article-body');
  await body.evaluate((el) => {
    const text = el.firstChild as Text;
    const start = (text.textContent ?? '').indexOf('σε καλά δεμένες σακούλες');
    const range = document.createRange();
    range.setStart(text, start);
    range.setEnd(text, start + 'σε καλά δεμένες σακούλες'.length);
    const sel = window.getSelection();
    sel?.removeAllRanges();
    sel?.addRange(range);
  });
  await again.getByRole('button', { name: 'Σχόλιο στο επιλεγμένο χωρίο' }).click();
  await again.getByRole('textbox', { name: 'Το σχόλιό σας' }).fill('Να επιτρέπονται και κομποστοποιήσιμες σακούλες.');
  await again.getByRole('button', { name: 'Δημοσίευση σχολίου' }).click();
  const passage = again.getByTestId('comment').filter({ hasText: 'κομποστοποιήσιμες' });
  await expect(passage).toBeVisible();
  await expect(passage).toContainText('σε καλά δεμένες σακούλες');
  expect(await axe(page)).toEqual([]);
});

test('answer the survey and see the results as labelled bars', async ({ page }) => {
  await open(page, '/participation', 'en');
  await page.getByRole('link', { name: SURVEY }).click();
  await page
    .getByRole('radiogroup', { name: /Πόσο καθαρή/ })
    .getByRole('radio', { name: '4' })
    .check();
  await page.getByRole('checkbox', { name: 'Γεμάτοι κάδοι' }).check();
  await page.getByRole('checkbox', { name: 'Γκράφιτι' }).check();
  await page.getByRole('textbox', { name: /Τι θα προτείνατε/ }).fill('Περισσότερους κάδους.');
  await page.getByRole('button', { name: 'Submit answers' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Thank you for taking part.' })).toBeVisible();
  const results = page.getByRole('region', { name: 'Results' });
  await expect(results).toBeVisible();
  const bins = results.getByRole('listitem').filter({ hasText: 'Γεμάτοι κάδοι' });
  await expect(bins).toContainText(/\d+ \(\d+(\.\d)?%\)/);
  expect(await axe(page)).toEqual([]);
  // once per device for a survey without verification
  await page.reload();
  await page
    .getByRole('radiogroup', { name: /Πόσο καθαρή/ })
    .getByRole('radio', { name: '2' })
    .check();
  await page.getByRole('checkbox', { name: 'Γκράφιτι' }).check();
  await page.getByRole('button', { name: 'Submit answers' }).click();
  await expect(page.getByRole('alert')).toContainText('You have already taken part here.');
});
