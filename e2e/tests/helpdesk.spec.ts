import type { APIRequestContext } from '@playwright/test';
import { authFile, expect, signIn, test } from './fixtures';

// The help desk against the real server and its seeded demo municipality (no mocks).

const uniq = () => Math.random().toString(36).slice(2, 8);

/** A citizen files a pothole report (routed to Τμήμα Συντήρησης Υποδομών, under the technical directorate). */
async function fileCase(request: APIRequestContext, title: string, contact?: { name: string; phone: string }) {
  const res = await request.post('/api/cases', {
    data: {
      caseType: 'pothole',
      title,
      data: { size: 'large' },
      location: { lat: 38.02, lon: 23.735, address: 'Πλατεία Δημαρχείου 1' },
      channel: 'web',
      ...(contact ? { contact } : {}),
    },
  });
  expect(res.status(), await res.text()).toBe(201);
  return (await res.json()) as { id: string; protocolNumber: string };
}

test('a head of unit opens a case from the inbox, takes a transition and replies with a template', async ({ page, request }) => {
  const title = `Λακκούβα ${uniq()}`;
  const filed = await fileCase(request, title, { name: 'Ελένη Ρήγα', phone: '6900000000' });
  await signIn(page, 'techniki@demo.dimos.gr');
  await page.getByRole('navigation', { name: 'Ενότητες' }).getByRole('link', { name: 'Εισερχόμενα' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Εισερχόμενα' })).toBeVisible();
  await page.getByRole('textbox', { name: 'Αναζήτηση' }).fill(title);
  await page.getByRole('link', { name: filed.protocolNumber, exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: new RegExp(title) })).toBeVisible();
  await expect(page.getByText('Πλατεία Δημαρχείου 1')).toBeVisible();

  // a workflow button: the first transition the head may take from the initial state
  const before = await (await page.request.get(`/api/cases/${filed.id}`)).json();
  const move = before.transitions.find((x: { allowed: boolean }) => x.allowed) as { key: string; to: string; name: { el: string } };
  await page.getByRole('button', { name: move.name.el, exact: true }).click();
  await page.getByRole('dialog').getByRole('textbox', { name: 'Σχόλιο' }).fill('Προγραμματίστηκε αυτοψία.');
  await page.getByRole('dialog').getByRole('button', { name: 'Αποστολή' }).click();
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await expect(page.getByText('Προγραμματίστηκε αυτοψία.')).toBeVisible();

  // reply with a template (keyboard: r), its placeholders filled for this case
  await page.keyboard.press('r');
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('combobox', { name: 'Πρότυπο' }).click();
  await page.getByRole('option', { name: 'Παραλαβή αιτήματος' }).click();
  const message = dialog.getByRole('textbox', { name: 'Κείμενο' });
  await expect(message).toHaveValue(new RegExp(`Ελένη Ρήγα,[\\s\\S]*${filed.protocolNumber.replace('/', '\\/')}`));
  await dialog.getByRole('button', { name: 'Αποστολή' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(page.getByText(/Αγαπητέ\/ή Ελένη Ρήγα/)).toBeVisible();

  // the server has it: state and the public reply on the timeline
  const detail = await (await page.request.get(`/api/cases/${filed.id}`)).json();
  expect(detail.state).toBe(move.to);
  expect(detail.timeline.map((e: { kind: string }) => e.kind)).toEqual(expect.arrayContaining(['transition', 'reply']));

  // the shortcuts are documented in a help dialog
  await page.keyboard.press('?');
  await expect(page.getByRole('dialog', { name: 'Συντομεύσεις πληκτρολογίου' })).toBeVisible();
});

test('the inbox updates by itself when a new case arrives', async ({ page, request }) => {
  await signIn(page, 'techniki@demo.dimos.gr');
  await page.goto('/staff/inbox');
  await expect(page.getByText('Ζωντανή ενημέρωση')).toBeVisible();
  const title = `Νέα λακκούβα ${uniq()}`;
  await fileCase(request, title);
  await expect(page.getByText(title)).toBeVisible({ timeout: 15_000 });
});

test('the call-centre operator finds the caller, sees their history and files a case by phone', async ({ page, request }) => {
  const phone = `69${Math.floor(10_000_000 + Math.random() * 89_999_999)}`;
  const earlier = await fileCase(request, `Παλιά αναφορά ${uniq()}`, { name: 'Σταύρος Καλός', phone });
  await signIn(page, 'tilefoniko@demo.dimos.gr');
  await page.getByRole('navigation', { name: 'Ενότητες' }).getByRole('link', { name: 'Τηλεφωνικό κέντρο' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Τηλεφωνικό κέντρο και γκισέ' })).toBeVisible();
  await page.getByRole('textbox', { name: /Τηλέφωνο, ονοματεπώνυμο/ }).fill(phone);
  await page.getByRole('button', { name: 'Αναζήτηση', exact: true }).click();
  await page.getByRole('button', { name: 'Επιλογή Σταύρος Καλός' }).click();
  await expect(page.getByRole('table', { name: 'Ιστορικό αιτημάτων' }).getByText(earlier.protocolNumber)).toBeVisible();

  await page.getByRole('combobox', { name: 'Είδος αιτήματος' }).click();
  await page.getByRole('option', { name: 'Παράπονο' }).click();
  await page.getByRole('textbox', { name: 'Θέμα' }).fill('Καθυστέρηση εξυπηρέτησης');
  await page.getByRole('radio', { name: 'Εξυπηρέτηση' }).check();
  await page.getByRole('button', { name: 'Καταχώριση αιτήματος' }).click();
  const done = page.getByText(/Καταχωρίστηκε με αριθμό (\d+\/\d{4})/);
  await expect(done).toBeVisible();
  const protocol = (await done.innerText()).match(/(\d+\/\d{4})/)?.[1] as string;

  // the history now shows the new case, filed by phone
  const history = await (await page.request.get(`/api/helpdesk/people/cases?phone=${phone}`)).json();
  expect(history[0]).toMatchObject({ protocolNumber: protocol, channel: 'phone', title: 'Καθυστέρηση εξυπηρέτησης' });
});

test('the call-centre operator files a street problem at an address typed without accents', async ({ page, playwright, baseURL }) => {
  const phone = `69${Math.floor(10_000_000 + Math.random() * 89_999_999)}`;
  await signIn(page, 'tilefoniko@demo.dimos.gr');
  await page.getByRole('navigation', { name: 'Ενότητες' }).getByRole('link', { name: 'Τηλεφωνικό κέντρο' }).click();
  await page.getByRole('textbox', { name: /Τηλέφωνο, ονοματεπώνυμο/ }).fill(phone);
  await page.getByRole('button', { name: 'Αναζήτηση', exact: true }).click();
  await page.getByRole('button', { name: /Νέος καλών/ }).click();
  await page.getByRole('combobox', { name: 'Είδος αιτήματος' }).click();
  await page.getByRole('option', { name: 'Λακκούβα στο οδόστρωμα' }).click();
  await page.getByRole('radio', { name: 'Μεγάλη' }).check();
  // no coordinates to type: the caller says "Ermou 22", the operator types it as heard
  await expect(page.getByRole('spinbutton', { name: /Γεωγραφικό/ })).toHaveCount(0);
  await page.getByRole('searchbox', { name: /Αναζήτηση οδού και αριθμού/ }).fill('ΕΡΜΟΥ 22');
  await page.getByRole('list', { name: 'Αποτελέσματα αναζήτησης' }).getByRole('button', { name: 'Ερμού 22', exact: true }).click();
  await expect(page.getByTestId('place-coords')).toContainText('Σημείο: 38.0');
  await expect(page.getByRole('textbox', { name: 'Διεύθυνση ή σημείο αναφοράς' })).toHaveValue('Ερμού 22');
  // "near a place of interest" works the same way
  await page.getByRole('searchbox', { name: /Αναζήτηση οδού και αριθμού/ }).fill('δημαρχειο');
  await expect(page.getByRole('button', { name: /Κοντά σε: Δημαρχείο Νέας Αρκαδίας/ })).toBeVisible();
  await page.getByRole('searchbox', { name: /Αναζήτηση οδού και αριθμού/ }).fill('');
  await page.getByRole('button', { name: 'Καταχώριση αιτήματος' }).click();
  const done = page.getByText(/Καταχωρίστηκε με αριθμό (\d+\/\d{4})/);
  await expect(done).toBeVisible();
  const protocol = (await done.innerText()).match(/(\d+\/\d{4})/)?.[1] as string;
  // filed by phone, at the address the operator picked
  const history = await (await page.request.get(`/api/helpdesk/people/cases?phone=${phone}`)).json();
  expect(history[0]).toMatchObject({ protocolNumber: protocol, channel: 'phone' });
  // the technical directorate, where it is routed, sees it at the point picked
  const technical = await playwright.request.newContext({ baseURL, storageState: authFile('techniki@demo.dimos.gr') });
  const filed = await (await technical.get(`/api/cases/${history[0].id}`)).json();
  expect(filed.location).toMatchObject({ address: 'Ερμού 22', lat: expect.any(Number), lon: expect.any(Number) });
  await technical.dispose();
});

test('a head assigns several cases at once and sees the outcome per case', async ({ page, request }) => {
  const tag = uniq();
  const a = await fileCase(request, `Μαζική ${tag} α`);
  const b = await fileCase(request, `Μαζική ${tag} β`);
  await signIn(page, 'techniki@demo.dimos.gr');
  await page.goto('/staff/cases');
  await expect(page.getByRole('heading', { level: 1, name: 'Υποθέσεις' })).toBeVisible();
  await page.getByRole('textbox', { name: 'Αναζήτηση' }).fill(`Μαζική ${tag}`);
  // a text search is typo-tolerant, so earlier runs' cases may show too: pick ours by name
  await page.getByRole('checkbox', { name: `Επιλογή Μαζική ${tag} α` }).check();
  await page.getByRole('checkbox', { name: `Επιλογή Μαζική ${tag} β` }).check();
  await expect(page.getByText('2 επιλεγμένα')).toBeVisible();
  await page.getByRole('combobox', { name: 'Χειριστής' }).click();
  await page.getByRole('option', { name: 'Κώστας Αθανασίου' }).click();
  await page.getByRole('button', { name: 'Εφαρμογή σε 2' }).click();
  await expect(page.getByText('Έγιναν 2, απέτυχαν 0.')).toBeVisible();
  for (const c of [a, b]) {
    const d = await (await page.request.get(`/api/cases/${c.id}`)).json();
    expect(d.assigneeId).toBeTruthy();
    expect(d.timeline.some((e: { kind: string }) => e.kind === 'assigned')).toBe(true);
  }
});

test('the dashboard shows the figures and exports CSV, XLSX and the monthly PDF', async ({ page, request }) => {
  await fileCase(request, `Για τον πίνακα ${uniq()}`);
  await signIn(page, 'techniki@demo.dimos.gr');
  await page.getByRole('navigation', { name: 'Ενότητες' }).getByRole('link', { name: 'Πίνακας ελέγχου' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Πίνακας ελέγχου' })).toBeVisible();
  await expect(page.getByRole('table', { name: 'Ανά είδος' }).getByText('Λακκούβα στο οδόστρωμα')).toBeVisible();

  const [csv] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'CSV' }).click()]);
  const text = await (await csv.createReadStream()).toArray().then((chunks) => Buffer.concat(chunks).toString('utf8'));
  expect(text.replace(/^\uFEFF/, '').split('\r\n')[0]).toBe(
    'Αρ. πρωτοκόλλου,Υποβολή,Είδος,Υπηρεσία,Κανάλι,Κατάσταση,Κατηγορία,Προτεραιότητα,Προθεσμία,Επίλυση,Εκπρόθεσμο,Τίτλος',
  );
  expect(text).toContain('Λακκούβα στο οδόστρωμα');

  const [xlsx] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Excel (XLSX)' }).click()]);
  const bytes = Buffer.concat(await (await xlsx.createReadStream()).toArray());
  expect(bytes.subarray(0, 2).toString('latin1')).toBe('PK');

  const href = await page.getByRole('link', { name: 'Μηνιαία αναφορά (PDF)' }).getAttribute('href');
  const pdf = await page.request.get(href as string);
  expect(pdf.headers()['content-type']).toBe('application/pdf');
  expect((await pdf.body()).subarray(0, 5).toString('latin1')).toBe('%PDF-');
});
