import { attach, paidParavolo, REGISTRY_AFM, staffSignIn, tabTo, taxisnetThrough, transition } from './eservices-helpers';
import { axe, expect, LANGS, open, test } from './fixtures';
import { randomAfm } from './greek-ids';

// E-services against the real server and its seeded demo municipality: the catalogue (eservices
// module's case types), TaxisNet and the Μητρώο Πολιτών through their development imitations, the
// e-παράβολο through the payments imitation's demo codes, and the documents module's signed PDF.

// long flows (TaxisNet round trips, staff, a document signed by a job) on a loaded machine
test.describe.configure({ timeout: 180_000 });

const text = {
  el: {
    title: 'Πιστοποιητικά και αιτήσεις',
    birth: /Γέννηση/,
    birthCopy: 'Απόσπασμα ληξιαρχικής πράξης γέννησης',
    search: 'Αναζήτηση υπηρεσίας',
    query: 'μονιμης κατοικιας',
    residence: 'Βεβαίωση μόνιμης κατοικίας',
    found: /Βρέθηκ(ε|αν) \d+ υπηρεσ/,
    taxisnet: 'Σύνδεση με TaxisNet',
    needed: 'Τι χρειάζεται',
    apply: 'Υποβολή αίτησης',
    step: 'Στοιχεία και δικαιολογητικά',
  },
  en: {
    title: 'Certificates and applications',
    birth: /Birth/,
    birthCopy: 'Copy of a birth act',
    search: 'Search for a service',
    query: 'permanent residence',
    residence: 'Certificate of permanent residence',
    found: /\d+ services? found/,
    taxisnet: 'Sign in with TaxisNet',
    needed: 'What you need',
    apply: 'Apply',
    step: 'Details and documents',
  },
};

for (const lang of LANGS) {
  test(`catalogue by life event and search, service page and apply page (${lang}), with no WCAG 2.1 AA violations`, async ({ page }) => {
    const l = text[lang];
    await open(page, '/services', lang);
    await expect(page.getByRole('heading', { level: 1, name: l.title })).toBeVisible();
    const events = page.getByTestId('life-events');
    await expect(events.getByRole('button')).toHaveCount(7);
    expect(await axe(page)).toEqual([]);

    // a life event narrows the list; the button says it is pressed
    const birth = events.getByRole('button', { name: l.birth });
    await birth.click();
    await expect(birth).toHaveAttribute('aria-pressed', 'true');
    await expect(page).toHaveURL(/event=birth/);
    await expect(page.getByRole('link', { name: l.birthCopy })).toBeVisible();
    await expect(page.getByRole('link', { name: l.residence })).toHaveCount(0);
    await birth.click();
    await expect(birth).toHaveAttribute('aria-pressed', 'false');

    // the search: labelled, results follow the typing (accents ignored), the count is a live region
    const search = page.getByRole('searchbox', { name: l.search });
    await search.fill(l.query);
    await expect(page.getByTestId('service-card')).toHaveCount(1);
    await expect(page.getByTestId('eservices-count')).toHaveAttribute('aria-live', 'polite');
    await expect(page.getByTestId('eservices-count')).toHaveText(l.found);
    const card = page.getByTestId('service-card');
    await expect(card).toContainText(lang === 'el' ? 'Χρειάζεται TaxisNet' : 'TaxisNet needed');
    await expect(card).toContainText(lang === 'el' ? 'Δωρεάν' : 'Free');
    expect(await axe(page)).toEqual([]);

    // the service page: what is needed, how long, cost, issuer; TaxisNet explained for a visitor
    await page.getByRole('link', { name: l.residence }).click();
    await expect(page.getByRole('heading', { level: 1, name: l.residence })).toBeVisible();
    await expect(page.getByRole('heading', { level: 2, name: l.needed })).toBeVisible();
    await expect(page.getByTestId('required-documents')).toBeVisible();
    await expect(page.getByTestId('taxisnet-needed')).toBeVisible();
    expect(await axe(page)).toEqual([]);

    // after TaxisNet the citizen lands on the application form
    await taxisnetThrough(page, page.getByRole('link', { name: l.taxisnet }), randomAfm());
    await expect(page).toHaveURL(/\/services\/residence-certificate\/apply$/);
    await expect(page.getByRole('heading', { level: 2, name: l.step })).toBeVisible();
    expect(await axe(page)).toEqual([]);

    await open(page, '/services/my-documents', lang);
    expect(await axe(page)).toEqual([]);
  });
}

test('a TaxisNet citizen applies for a birth act copy, staff approve, and the signed document arrives', async ({ page, browser }) => {
  await open(page, '/services', 'el');
  await page.getByRole('searchbox', { name: 'Αναζήτηση υπηρεσίας' }).fill('ληξιαρχικης πραξης γεννησης');
  await expect(page.getByTestId('service-card')).toHaveCount(1);
  await page.getByRole('link', { name: 'Απόσπασμα ληξιαρχικής πράξης γέννησης' }).click();
  await expect(page.getByTestId('taxisnet-needed')).toBeVisible();
  await taxisnetThrough(page, page.getByRole('link', { name: 'Σύνδεση με TaxisNet' }), REGISTRY_AFM);
  await expect(page).toHaveURL(/\/services\/birth-act-copy\/apply$/);

  // once-only: the applicant comes from the Μητρώο Πολιτών
  await expect(page.getByTestId('prefilled')).toContainText('Μητρώο Πολιτών');
  await expect(page.getByRole('textbox', { name: 'Επώνυμο' }).first()).toHaveValue('ΠΑΠΑΔΟΠΟΥΛΟΥ');

  // applying for someone else asks for the authorisation; the server refuses it missing, at the field
  await page
    .getByRole('radiogroup', { name: /για άλλο πρόσωπο/ })
    .getByRole('radio', { name: 'Ναι' })
    .check();
  const subject = page.getByRole('group', { name: /Πρόσωπο που αφορά/ });
  await expect(subject).toBeVisible();
  const authorisation = page.getByRole('button', { name: /Εξουσιοδότηση/ });
  await expect(authorisation).toBeVisible();
  await page
    .getByRole('radiogroup', { name: /για άλλο πρόσωπο/ })
    .getByRole('radio', { name: 'Όχι' })
    .check();
  await expect(authorisation).toHaveCount(0);

  await page.getByRole('radio', { name: 'Απόσπασμα' }).check();
  await page.getByRole('textbox', { name: /Για ποια χρήση/ }).fill('Για κάθε νόμιμη χρήση');
  await page.getByRole('button', { name: 'Συνέχεια' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Έλεγχος και υποβολή' })).toBeFocused();
  await expect(page.getByTestId('review')).toContainText('ΠΑΠΑΔΟΠΟΥΛΟΥ');
  expect(await axe(page)).toEqual([]);
  await page.getByTestId('submit').click();

  const protocol = page.getByTestId('protocol-number');
  await expect(protocol).toContainText(/Αριθμός πρωτοκόλλου: \S+/);
  const protocolNumber = (await protocol.innerText()).replace('Αριθμός πρωτοκόλλου: ', '').trim();
  await expect(page.getByTestId('tracking-code')).toBeVisible();
  await expect(page.getByRole('link', { name: 'Οι αιτήσεις μου' })).toBeVisible();
  expect(await axe(page)).toEqual([]);

  const mine = (await (await page.request.get('/api/my/cases')).json()) as { id: string; protocolNumber: string | null }[];
  const filed = mine.find((c) => c.protocolNumber === protocolNumber);
  expect(filed, protocolNumber).toBeTruthy();

  // the Ληξιαρχείο reviews and approves
  const staffContext = await browser.newContext({ locale: 'el-GR' });
  const staff = await staffContext.newPage();
  await staffSignIn(staff, 'lixiarxeio@demo.dimos.gr');
  await staff.goto(`/staff/cases/${filed?.id}`);
  await expect(staff.getByRole('heading', { level: 1 })).toContainText(protocolNumber);
  await transition(staff, 'Έναρξη εξέτασης');
  await transition(staff, 'Έγκριση');
  await staffContext.close();

  // the signed document reaches the citizen's documents, and verifies
  await expect(async () => {
    await page.goto('/services/my-documents');
    await expect(page.getByTestId('my-documents')).toContainText(protocolNumber, { timeout: 2_000 });
  }).toPass({ timeout: 60_000 });
  expect(await axe(page)).toEqual([]);
  await page.getByRole('listitem').filter({ hasText: protocolNumber }).getByRole('link', { name: 'Επαλήθευση' }).click();
  await expect(page).toHaveURL(/\/verify\//);
  await expect(page.getByRole('status').filter({ hasText: /έγκυρο|ισχύει/i })).toBeVisible();
});

test('a late divorce registration: the fine is quoted from the date, paid by e-παράβολο, checked and filed', async ({ page }) => {
  await open(page, '/services/divorce-court-registration', 'el');
  await expect(page.getByTestId('cost')).toContainText('3828');
  await taxisnetThrough(page, page.getByRole('link', { name: 'Σύνδεση με TaxisNet' }), REGISTRY_AFM);
  await expect(page).toHaveURL(/\/services\/divorce-court-registration\/apply$/);
  await expect(page.getByText('Βήμα 1 από 3')).toBeVisible();

  const finalDate = new Date(Date.now() - 45 * 86_400_000).toISOString().slice(0, 10);
  await page.getByRole('textbox', { name: /Ονοματεπώνυμο πρώην συζύγου/ }).fill('Νικόλαος Παπαδόπουλος');
  await page.getByRole('textbox', { name: /Δικαστήριο/ }).fill('Μονομελές Πρωτοδικείο Αθηνών');
  await page.getByRole('textbox', { name: /Αριθμός απόφασης/ }).fill('1234/2026');
  await page.getByLabel(/έγινε αμετάκλητη/).fill(finalDate);
  await attach(page, page.getByRole('button', { name: /αντίγραφο της δικαστικής απόφασης/ }), 'apofasi.png');
  await attach(page, page.getByRole('button', { name: /τελεσιδικίας/ }), 'telesidikia.png');
  await page.getByRole('button', { name: 'Συνέχεια' }).click();

  // the fee step: 30 € late fine of type 3828, how to pay, and the code checked before submitting
  await expect(page.getByRole('heading', { level: 2, name: 'Παράβολο' })).toBeFocused();
  await expect(page.getByTestId('quote')).toContainText('30,00');
  await expect(page.getByTestId('quote')).toContainText('3828');
  await expect(page.getByRole('heading', { name: 'Πώς πληρώνετε το e-παράβολο' })).toBeVisible();
  expect(await axe(page)).toEqual([]);
  await page.getByTestId('paravolo-code').fill(paidParavolo('3828', 3000));
  await page.getByRole('button', { name: 'Έλεγχος κωδικού' }).click();
  await expect(page.getByTestId('paravolo-status')).toContainText('έχει πληρωθεί');
  await page.getByRole('button', { name: 'Συνέχεια' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Έλεγχος και υποβολή' })).toBeVisible();
  await page.getByTestId('submit').click();
  await expect(page.getByTestId('protocol-number')).toContainText(/Αριθμός πρωτοκόλλου: \S+/);
});

test('keyboard only: home → catalogue → service page → the application starts', async ({ page }) => {
  // signed in with TaxisNet first (the setup), then only keys
  await open(page, '/services/residence-certificate', 'el');
  await taxisnetThrough(page, page.getByRole('link', { name: 'Σύνδεση με TaxisNet' }), randomAfm());
  await open(page, '/', 'el');

  // the home page's quick action leads to the catalogue
  const quick = page.getByRole('main').getByRole('link', { name: /Πιστοποιητικά και αιτήσεις/ });
  await tabTo(page, quick);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Πιστοποιητικά και αιτήσεις' })).toBeVisible();

  const residence = page.getByTestId('life-events').getByRole('button', { name: /Κατοικία/ });
  await tabTo(page, residence);
  await page.keyboard.press('Enter');
  await expect(residence).toHaveAttribute('aria-pressed', 'true');
  const link = page.getByRole('link', { name: 'Βεβαίωση μόνιμης κατοικίας' });
  await tabTo(page, link);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Βεβαίωση μόνιμης κατοικίας' })).toBeVisible();

  const apply = page.getByRole('link', { name: 'Υποβολή αίτησης' });
  await tabTo(page, apply);
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/services\/residence-certificate\/apply$/);
  await expect(page.getByRole('heading', { level: 2, name: 'Στοιχεία και δικαιολογητικά' })).toBeVisible();
  const surname = page.getByRole('textbox', { name: 'Επώνυμο' }).first();
  await tabTo(page, surname);
  await page.keyboard.type('Κωνσταντίνου');
  await expect(surname).toHaveValue('Κωνσταντίνου');
});

test('applying for someone else: the server refuses a missing authorisation at its field, and the upload puts it right', async ({
  page,
}) => {
  await open(page, '/services/birth-act-copy', 'en');
  await taxisnetThrough(page, page.getByRole('link', { name: 'Sign in with TaxisNet' }), randomAfm());
  await expect(page).toHaveURL(/\/services\/birth-act-copy\/apply$/);

  await page
    .getByRole('radiogroup', { name: /another person/ })
    .getByRole('radio', { name: 'Yes' })
    .check();
  const subject = page.getByRole('group', { name: /Person the application concerns/ });
  await subject.getByRole('textbox', { name: 'Surname' }).fill('Ioannou');
  await subject.getByRole('textbox', { name: 'First name' }).fill('Petros');
  await subject.getByRole('textbox', { name: "Father's name" }).fill('Georgios');
  await subject.getByRole('textbox', { name: "Mother's name" }).fill('Eleni');
  await subject.getByLabel('Date of birth').fill('1950-03-02');
  const applicant = page.getByRole('group', { name: /Applicant/ });
  await applicant.getByRole('textbox', { name: 'Surname' }).fill('Ioannou');
  await applicant.getByRole('textbox', { name: 'First name' }).fill('Anna');
  await applicant.getByRole('textbox', { name: "Father's name" }).fill('Petros');
  await applicant.getByRole('textbox', { name: "Mother's name" }).fill('Maria');
  await applicant.getByLabel('Date of birth').fill('1980-05-06');
  await page.getByRole('textbox', { name: /Place of birth/ }).fill('Athens');
  await page.getByRole('radio', { name: 'Extract' }).check();
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByTestId('submit').click();

  // back on the form, the refusal is at the authorisation field (400, data.authorisation)
  await expect(page.getByRole('heading', { level: 2, name: 'Details and documents' })).toBeVisible();
  const authorisation = page.getByRole('button', { name: /Authorisation/ });
  await expect(authorisation).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByText(/attach the authorisation/i).first()).toBeVisible();
  expect(await axe(page)).toEqual([]);

  await attach(page, authorisation, 'authorisation.png');
  await expect(authorisation).not.toHaveAttribute('aria-invalid', 'true');
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByTestId('submit').click();
  await expect(page.getByTestId('protocol-number')).toContainText(/Protocol number: \S+/);
});
