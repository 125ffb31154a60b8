import type { Browser, Page } from '@playwright/test';
import { type Account, axe, expect, LANGS, type Lang, open, signIn as signInAs, test } from './fixtures';
import { randomAfm } from './greek-ids';

// Staff screens of participation (surveys, budgets with accountability, idea calls, residents,
// ratings) against the real server and its demo accounts; a citizen takes part in between.

const STAFF = 'dimarxos@demo.dimos.gr';

/** The staff home with the account's saved session (auth.setup.ts). */
const signIn = (page: Page, email: Account = STAFF) => signInAs(page, email);

const tab = (page: Page, name: string) => page.getByRole('navigation', { name: 'Ενότητες συμμετοχής' }).getByRole('link', { name });

async function citizenPage(browser: Browser) {
  const ctx = await browser.newContext();
  return ctx.newPage();
}

test('a survey and a budget: created, opened, answered by a citizen, closed, results, progress with a milestone', async ({
  page,
  browser,
}) => {
  test.setTimeout(240_000);
  const n = Date.now() % 100000;
  await signIn(page);
  await page.getByRole('navigation', { name: 'Ενότητες' }).getByRole('link', { name: 'Συμμετοχή' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Διαβουλεύσεις' })).toBeVisible();

  // ---- survey ----
  await tab(page, 'Έρευνες').click();
  await expect(page.getByRole('heading', { level: 1, name: 'Έρευνες' })).toBeVisible();
  const survey = `Έρευνα για το πάρκο ${n}`;
  await page.getByRole('textbox', { name: 'Τίτλος' }).fill(survey);
  await page.getByRole('combobox', { name: 'Ποιος συμμετέχει' }).selectOption('none');
  const q1 = page.getByRole('listitem', { name: 'Ερώτηση 1' });
  await q1.getByRole('textbox', { name: 'Κείμενο ερώτησης' }).fill('Πόσο συχνά πηγαίνετε στο πάρκο;');
  await q1.getByRole('textbox', { name: 'Επιλογές' }).fill('Κάθε μέρα\nΚάθε εβδομάδα\nΣπάνια');
  await page.getByRole('button', { name: 'Προσθήκη ερώτησης' }).click();
  const q2 = page.getByRole('listitem', { name: 'Ερώτηση 2' });
  await q2.getByRole('combobox', { name: 'Είδος ερώτησης' }).selectOption('scale');
  await q2.getByRole('textbox', { name: 'Κείμενο ερώτησης' }).fill('Πόσο καθαρό είναι;');
  await page.getByRole('button', { name: 'Προσθήκη ερώτησης' }).click();
  const q3 = page.getByRole('listitem', { name: 'Ερώτηση 3' });
  await q3.getByRole('combobox', { name: 'Είδος ερώτησης' }).selectOption('text');
  await q3.getByRole('checkbox', { name: 'Υποχρεωτική' }).uncheck();
  // the third question has no text yet: the server's field error appears on that field
  await page.getByRole('button', { name: 'Δημιουργία έρευνας' }).click();
  await expect(q3.getByRole('textbox', { name: 'Κείμενο ερώτησης' })).toHaveAttribute('aria-invalid', 'true');
  await expect(q1.getByRole('textbox', { name: 'Κείμενο ερώτησης' })).not.toHaveAttribute('aria-invalid', 'true');
  expect(await axe(page)).toEqual([]);
  await q3.getByRole('textbox', { name: 'Κείμενο ερώτησης' }).fill('Τι θα αλλάζατε;');
  await page.getByRole('button', { name: 'Δημιουργία έρευνας' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Η έρευνα δημιουργήθηκε.' })).toBeVisible();
  await page.getByRole('button', { name: `Άνοιγμα: ${survey}` }).click();
  await expect(page.getByRole('button', { name: `Κλείσιμο: ${survey}` })).toBeVisible();
  const surveyHref = (await page.getByRole('link', { name: `Αποτελέσματα: ${survey}` }).getAttribute('href')) as string;
  const surveyId = surveyHref.split('/').pop() as string;

  // ---- budget ----
  await tab(page, 'Συμμετοχικός προϋπολογισμός').click();
  await expect(page.getByRole('heading', { level: 1, name: 'Συμμετοχικός προϋπολογισμός' })).toBeVisible();
  const budget = `ΣΠ γειτονιάς ${n}`;
  await page.getByRole('textbox', { name: 'Τίτλος' }).fill(budget);
  await page.getByRole('textbox', { name: 'Διαθέσιμο ποσό (€)' }).fill('100000');
  await page.getByRole('textbox', { name: 'Ελάχιστο ποσοστό ψήφου (%)' }).fill('50');
  await page.getByRole('button', { name: 'Προσθήκη έργου' }).click();
  await page.getByRole('textbox', { name: 'Τίτλος έργου 1' }).fill('Νέα παιδική χαρά');
  await page.getByRole('textbox', { name: 'Κόστος έργου 1 (€)' }).fill('60000');
  await page.getByRole('button', { name: 'Προσθήκη έργου' }).click();
  await page.getByRole('textbox', { name: 'Τίτλος έργου 2' }).fill('Φωτισμός πεζοδρόμου');
  await page.getByRole('textbox', { name: 'Κόστος έργου 2 (€)' }).fill('30000');
  await page.getByRole('button', { name: 'Δημιουργία προϋπολογισμού' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Ο προϋπολογισμός δημιουργήθηκε.' })).toBeVisible();
  await page.getByRole('link', { name: budget }).click();
  await expect(page.getByRole('heading', { level: 1, name: `Προϋπολογισμός: ${budget}` })).toBeVisible();
  // a third project, added on the budget's page; a zero cost is refused on its field
  const add = page.getByRole('region', { name: 'Προσθήκη έργου' });
  await add.getByRole('textbox', { name: 'Τίτλος έργου' }).fill('Ποδηλατόδρομος');
  await add.getByRole('textbox', { name: 'Κόστος (€)' }).fill('0');
  await add.getByRole('button', { name: 'Προσθήκη έργου' }).click();
  await expect(add.getByRole('textbox', { name: 'Κόστος (€)' })).toHaveAttribute('aria-invalid', 'true');
  await add.getByRole('textbox', { name: 'Κόστος (€)' }).fill('50000');
  await add.getByRole('button', { name: 'Προσθήκη έργου' }).click();
  const projects = page.getByRole('region', { name: 'Έργα' });
  await expect(projects.getByText('Ποδηλατόδρομος')).toBeVisible();
  expect(await axe(page)).toEqual([]);
  await page.getByRole('button', { name: 'Άνοιγμα ψηφοφορίας' }).click();
  await expect(page.getByRole('button', { name: 'Κλείσιμο ψηφοφορίας' })).toBeVisible();
  const budgetId = new URL(page.url()).pathname.split('/').pop() as string;

  // ---- a citizen answers the survey and votes (TaxisNet for the budget) ----
  const citizen = await citizenPage(browser);
  await open(citizen, `/participation/surveys/${surveyId}`, 'el');
  await citizen.getByRole('radio', { name: 'Κάθε εβδομάδα' }).check();
  await citizen
    .getByRole('radiogroup', { name: /2\. Πόσο καθαρό είναι;/ })
    .getByRole('radio', { name: '4' })
    .check();
  await citizen.getByRole('textbox', { name: /3\. Τι θα αλλάζατε;/ }).fill('Περισσότερα παγκάκια.');
  await citizen.getByRole('button', { name: 'Υποβολή απαντήσεων' }).click();
  await expect(citizen.getByText('Ευχαριστούμε για τη συμμετοχή σας.')).toBeVisible();

  await citizen.goto(`/participation/budgets/${budgetId}`);
  await expect(citizen.getByText('Η ψήφος πρέπει να διαθέτει τουλάχιστον το 50% του ποσού', { exact: false })).toBeVisible();
  await citizen.getByRole('checkbox', { name: 'Νέα παιδική χαρά' }).check();
  await citizen.getByRole('checkbox', { name: 'Φωτισμός πεζοδρόμου' }).check();
  await citizen.getByRole('button', { name: 'Υποβολή ψήφου' }).click();
  await citizen.getByRole('alert').getByRole('link', { name: 'Σύνδεση με TaxisNet' }).click();
  await citizen.getByRole('textbox', { name: 'ΑΦΜ' }).fill(randomAfm());
  await citizen.getByRole('button', { name: 'Συνέχεια' }).click();
  await expect(citizen.locator('main h1')).toHaveText(budget);
  await citizen.getByRole('checkbox', { name: 'Νέα παιδική χαρά' }).check();
  await citizen.getByRole('checkbox', { name: 'Φωτισμός πεζοδρόμου' }).check();
  await citizen.getByRole('button', { name: 'Υποβολή ψήφου' }).click();
  await expect(citizen.getByText('Η ψήφος σας καταγράφηκε.')).toBeVisible();

  // ---- staff closes both, sees results ----
  await page.reload();
  await expect(page.getByText('Έχουν δοθεί ψήφοι ή η ψηφοφορία έκλεισε', { exact: false })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Επεξεργασία: Ποδηλατόδρομος' })).toHaveCount(0);
  await page.getByRole('button', { name: 'Κλείσιμο ψηφοφορίας' }).click();
  await expect(page.getByRole('button', { name: 'Άνοιγμα ψηφοφορίας' })).toBeVisible();
  const results = page.getByRole('region', { name: 'Αποτελέσματα' });
  await expect(results.getByText('1 ψηφοδέλτιο', { exact: false })).toBeVisible();
  await expect(results.getByRole('row').filter({ hasText: 'Νέα παιδική χαρά' })).toContainText('Ναι');
  await expect(results.getByRole('row').filter({ hasText: 'Ποδηλατόδρομος' })).toContainText('Όχι');

  // accountability for a winner: progress, a milestone, a dated update
  const account = page.getByRole('listitem', { name: 'Νέα παιδική χαρά' });
  await account.getByRole('combobox', { name: 'Κατάσταση έργου' }).selectOption('in_progress');
  await account.getByRole('textbox', { name: 'Πρόοδος %' }).fill('40');
  await account.getByRole('button', { name: 'Προσθήκη ορόσημου: Νέα παιδική χαρά' }).click();
  await account.getByRole('textbox', { name: 'Ορόσημο 1' }).fill('Μελέτη και άδειες');
  await account.getByRole('combobox', { name: 'Κατάσταση ορόσημου 1' }).selectOption('done');
  await account.getByRole('textbox', { name: '% ορόσημου 1' }).fill('100');
  await account.getByLabel('Προθεσμία ορόσημου 1').fill('2026-12-15');
  await account.getByRole('textbox', { name: 'Ενημέρωση (προαιρετικά)' }).fill('Εγκρίθηκε η μελέτη.');
  await account.getByRole('button', { name: 'Αποθήκευση προόδου: Νέα παιδική χαρά' }).click();
  await expect(account.getByRole('status')).toHaveText('Αποθηκεύτηκε.');
  await expect(account.getByText('Εγκρίθηκε η μελέτη.', { exact: false })).toBeVisible();
  expect(await axe(page)).toEqual([]);

  await page.goto(`/staff/participation/surveys/${surveyId}`);
  await page.getByRole('button', { name: 'Κλείσιμο' }).click();
  await expect(page.getByRole('button', { name: 'Άνοιγμα' })).toBeVisible();
  await expect(page.getByText('1 απάντηση', { exact: false }).first()).toBeVisible();
  const chart = page.getByRole('figure', { name: 'Πόσο συχνά πηγαίνετε στο πάρκο;' });
  await expect(chart.getByRole('listitem').filter({ hasText: 'Κάθε εβδομάδα' })).toContainText('1 (100%)');
  await expect(page.getByText('Μέσος όρος: 4')).toBeVisible();
  expect(await axe(page)).toEqual([]);

  // ---- the citizen's budget page shows the progress ----
  await citizen.goto(`/participation/budgets/${budgetId}`);
  const card = citizen.getByRole('listitem').filter({ hasText: 'Νέα παιδική χαρά' });
  await expect(card).toContainText('Σε εξέλιξη');
  await expect(card).toContainText('40%');
  await card.getByRole('button', { name: 'Πρόοδος του έργου' }).click();
  await expect(card).toContainText('Μελέτη και άδειες');
  await expect(card).toContainText('Εγκρίθηκε η μελέτη.');
  expect(await axe(citizen)).toEqual([]);
  await citizen.context().close();
});

test('idea calls: created, opened, an idea appears on the staff map and list, closed', async ({ page, browser }) => {
  test.setTimeout(120_000);
  const n = Date.now() % 100000;
  await signIn(page);
  await page.goto('/staff/participation/ideas');
  const title = `Ιδέες για την πλατεία ${n}`;
  await page.getByRole('textbox', { name: 'Τίτλος' }).fill(title);
  await page.getByRole('combobox', { name: 'Ποιος συμμετέχει' }).selectOption('none');
  await page.getByRole('checkbox', { name: 'Άνοιγμα αμέσως (αλλιώς μένει πρόχειρο)' }).check();
  await page.getByRole('button', { name: 'Δημιουργία πρόσκλησης' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Η πρόσκληση δημιουργήθηκε.' })).toBeVisible();
  const href = (await page.getByRole('link', { name: `Ιδέες: ${title}` }).getAttribute('href')) as string;
  const callId = href.split('/').pop() as string;

  const citizen = await citizenPage(browser);
  await open(citizen, `/participation/ideas/${callId}`, 'el');
  await citizen.getByRole('button', { name: 'Χρήση του κέντρου του χάρτη' }).click();
  await citizen.getByRole('textbox', { name: 'Τίτλος' }).fill('Σκίαστρα στην πλατεία');
  await citizen.getByRole('textbox', { name: /Περιγραφή/ }).fill('Το καλοκαίρι δεν κάθεται κανείς.');
  await citizen.getByRole('button', { name: 'Καταχώριση ιδέας' }).click();
  await expect(citizen.getByText('Η ιδέα σας καταχωρίστηκε.')).toBeVisible();
  await expect(citizen.getByText('Σκίαστρα στην πλατεία').first()).toBeVisible();
  await citizen.context().close();

  await page.goto(href);
  await expect(page.getByRole('heading', { level: 1, name: `Ιδέες: ${title}` })).toBeVisible();
  await expect(page.getByRole('row').filter({ hasText: 'Σκίαστρα στην πλατεία' })).toBeVisible();
  await expect(page.locator('.leaflet-interactive')).toHaveCount(1);
  expect(await axe(page)).toEqual([]);
  await tab(page, 'Ανάγκες και ιδέες').click();
  await page.getByRole('button', { name: `Κλείσιμο: ${title}` }).click();
  await expect(page.getByRole('row').filter({ hasText: title })).toContainText('Έκλεισε');
});

test('residents: an ΑΦΜ with a wrong check digit is refused on its field; a roll is imported, listed and removed', async ({ page }) => {
  await signIn(page);
  await page.goto('/staff/participation/residents');
  const good = randomAfm();
  const bad = `${good.slice(0, 8)}${(Number(good[8]) + 1) % 10}`;
  const afm = page.getByRole('textbox', { name: 'ΑΦΜ' });
  await afm.fill(bad);
  await page.getByRole('button', { name: 'Επιβεβαίωση δημότη' }).click();
  await expect(afm).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByText('Μη έγκυρος ΑΦΜ', { exact: false }).first()).toBeVisible();
  await afm.fill(good);
  await page.getByRole('button', { name: 'Επιβεβαίωση δημότη' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Ο ΑΦΜ καταχωρίστηκε.' })).toBeVisible();

  const roll = [randomAfm(), randomAfm()];
  await page.locator('input[type=file]').setInputFiles({
    name: 'katalogos.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(`ΑΦΜ;Επώνυμο\n${roll[0]};Α\n${bad};Β\n`),
  });
  await expect(page.getByRole('alert').filter({ hasText: `Γραμμή 3: «${bad}»` })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Εισαγωγή 1 ΑΦΜ' })).toBeDisabled();
  await page.locator('input[type=file]').setInputFiles({
    name: 'katalogos.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(`ΑΦΜ;Επώνυμο\n${roll[0]};Α\n${roll[1]};Β\n`),
  });
  await page.getByRole('button', { name: 'Εισαγωγή 2 ΑΦΜ' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Προστέθηκαν 2' })).toBeVisible();
  await page.getByRole('searchbox', { name: 'Αναζήτηση (ΑΦΜ ή όνομα)' }).fill(roll[1] as string);
  await expect(page.getByRole('row').filter({ hasText: roll[1] as string })).toContainText('Δημοτικός κατάλογος');
  expect(await axe(page)).toEqual([]);
  await page.getByRole('button', { name: `Αφαίρεση: ${roll[1]}` }).click();
  await expect(page.getByText('Κανείς ακόμη.')).toBeVisible();
});

const STAFF_PAGES = ['', '/surveys', '/budgets', '/ideas', '/manage', '/ratings', '/residents', '/moderation'];

for (const lang of LANGS) {
  test(`every staff participation page passes axe and has its heading (${lang})`, async ({ page }) => {
    test.setTimeout(420_000);
    await signIn(page);
    await setLang(page, lang);
    const survey = ((await (await page.request.get('/api/participation/surveys')).json()) as { id: string }[])[0];
    const budget = ((await (await page.request.get('/api/participation/budgets')).json()) as { id: string }[])[0];
    const call = ((await (await page.request.get('/api/participation/idea-calls')).json()) as { id: string }[])[0];
    const paths = [
      ...STAFF_PAGES.map((p) => `/staff/participation${p}`),
      `/staff/participation/surveys/${survey?.id}`,
      `/staff/participation/budgets/${budget?.id}`,
      `/staff/participation/ideas/${call?.id}`,
    ];
    for (const path of paths) {
      await page.goto(path);
      await expect(page.locator('main h1')).toBeVisible();
      await expect(page.locator('html')).toHaveAttribute('lang', lang);
      await expect(page.getByRole('navigation', { name: lang === 'el' ? 'Ενότητες συμμετοχής' : 'Participation sections' })).toBeVisible();
      await expect(page.getByRole('progressbar').or(page.locator('.mantine-Loader-root'))).toHaveCount(0);
      expect(await axe(page), path).toEqual([]);
    }
  });
}

test('the section links work by keyboard', async ({ page }) => {
  await signIn(page);
  await page.goto('/staff/participation/surveys');
  const nav = page.getByRole('navigation', { name: 'Ενότητες συμμετοχής' });
  await nav.getByRole('link', { name: 'Έρευνες' }).focus();
  await expect(nav.getByRole('link', { name: 'Έρευνες' })).toHaveAttribute('aria-current', 'page');
  await page.keyboard.press('Tab');
  await expect(nav.getByRole('link', { name: 'Συμμετοχικός προϋπολογισμός' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Συμμετοχικός προϋπολογισμός' })).toBeVisible();
  await page.getByRole('textbox', { name: 'Τίτλος' }).focus();
  await page.keyboard.press('Tab');
  await expect(page.getByRole('textbox', { name: 'Σύντομη περιγραφή' })).toBeFocused();
});

async function setLang(page: Page, lang: Lang) {
  await page.evaluate((l) => localStorage.setItem('dimos.lang', l), lang);
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('lang', lang);
}
