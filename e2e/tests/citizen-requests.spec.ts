import type { APIRequestContext, Page } from '@playwright/test';
import { authFile, axe, expect, LANGS, type Lang, open, test } from './fixtures';

// Against the real server and its demo municipality: new request in steps, My requests (answer,
// "not fixed", rating), and tracking without an account — in Greek and in English.

const L = {
  el: {
    search: 'Αναζήτηση είδους αιτήματος',
    query: 'λακκουβα',
    pothole: /Λακκούβα στο οδόστρωμα/,
    large: 'Μεγάλη / επικίνδυνη',
    description: 'Περιγραφή',
    next: 'Συνέχεια',
    submit: 'Υποβολή',
    stepDetails: 'Περιγραφή και συνημμένα',
    stepPlace: 'Πού βρίσκεται;',
    stepContact: 'Στοιχεία επικοινωνίας (προαιρετικά)',
    stepReview: 'Έλεγχος και υποβολή',
    attached: 'Συνημμένα αρχεία',
    refused: /δεν γίνεται δεκτό/,
    placeRequired: 'Σημειώστε το σημείο στον χάρτη ή χρησιμοποιήστε την τοποθεσία σας.',
    myLocation: 'Η τοποθεσία μου',
    address: 'Διεύθυνση ή σημείο αναφοράς',
    name: 'Ονοματεπώνυμο',
    protocol: /Αριθμός πρωτοκόλλου: (\d+\/\d{4})/,
    code: /Κωδικός παρακολούθησης: ([A-Z2-9]{8})/,
    follow: 'Παρακολούθηση του αιτήματος',
    trackTitle: 'Παρακολούθηση αιτήματος',
    submitted: 'Υποβλήθηκε',
    requests: 'Τα αιτήματά μου',
    protocolShort: 'Αρ. πρωτ.',
    details: 'Λεπτομέρειες',
    infoNeeded: 'Ο Δήμος χρειάζεται περισσότερες πληροφορίες',
    answer: 'Η απάντησή σας',
    sendAnswer: 'Αποστολή απάντησης',
    assigned: 'Ανατέθηκε',
    notFixed: 'Δεν διορθώθηκε',
    whatsWrong: 'Τι δεν διορθώθηκε;',
    reopen: 'Να ανοίξει ξανά το αίτημα',
    reopenRequired: 'Γράψτε τι δεν διορθώθηκε.',
    reopened: 'Άνοιξε ξανά',
    stars4: '4 αστέρια',
    rateComment: 'Σχόλιο (προαιρετικό)',
    sendRating: 'Αποστολή αξιολόγησης',
    rated: 'Ευχαριστούμε για την αξιολόγηση (4/5).',
    trackProtocol: 'Αριθμός πρωτοκόλλου',
    trackCode: 'Κωδικός παρακολούθησης',
    find: 'Αναζήτηση',
    notFound: 'Δεν βρέθηκε αίτημα',
    followCase: 'Ειδοποιήστε με για αυτό το αίτημα',
    following: 'Λαμβάνετε ειδοποιήσεις — διακοπή',
    queued: 'Σε αναμονή αποστολής',
    streetlight: /Καμένη λάμπα δημοτικού φωτισμού/,
    pole: 'Αριθμός κολώνας',
  },
  en: {
    search: 'Search for a kind of request',
    query: 'pothole',
    pothole: /Pothole in the road/,
    large: 'Large / dangerous',
    description: 'Description',
    next: 'Continue',
    submit: 'Submit',
    stepDetails: 'Description and attachments',
    stepPlace: 'Where is it?',
    stepContact: 'Contact details (optional)',
    stepReview: 'Review and submit',
    attached: 'Attached files',
    refused: /is not accepted/,
    placeRequired: 'Mark the spot on the map or use your location.',
    myLocation: 'My location',
    address: 'Address or landmark',
    name: 'Full name',
    protocol: /Protocol number: (\d+\/\d{4})/,
    code: /Tracking code: ([A-Z2-9]{8})/,
    follow: 'Follow the request',
    trackTitle: 'Track a request',
    submitted: 'Submitted',
    requests: 'My requests',
    protocolShort: 'Protocol no.',
    details: 'Details',
    infoNeeded: 'The municipality needs more information',
    answer: 'Your answer',
    sendAnswer: 'Send answer',
    assigned: 'Assigned',
    notFixed: 'Not fixed',
    whatsWrong: 'What was not fixed?',
    reopen: 'Reopen the request',
    reopenRequired: 'Write what was not fixed.',
    reopened: 'Reopened',
    stars4: '4 stars',
    rateComment: 'Comment (optional)',
    sendRating: 'Send rating',
    rated: 'Thank you for your rating (4/5).',
    trackProtocol: 'Protocol number',
    trackCode: 'Tracking code',
    find: 'Find',
    notFound: 'No case matches',
    followCase: 'Notify me about this request',
    following: 'You get notifications — stop',
    queued: 'Waiting to be sent',
    streetlight: /Broken street light/,
    pole: 'Pole number',
  },
} as const;

// a 1×1 PNG
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

/** Files a pothole through the API as the page's own device (same cookies). */
async function fileCase(page: Page, description = 'Λακκούβα στη γωνία') {
  const res = await page.request.post('/api/cases', {
    data: { caseType: 'pothole', channel: 'app', description, data: { size: 'large' }, location: { lat: 38.02, lon: 23.74 } },
  });
  expect(res.status()).toBe(201);
  return (await res.json()) as { id: string; protocolNumber: string; trackingCode: string };
}

/** The head of the technical directorate, with the saved session (auth.setup.ts). */
async function staff(
  playwright: { request: { newContext: (o: { baseURL?: string; storageState?: string }) => Promise<APIRequestContext> } },
  baseURL?: string,
) {
  const ctx = await playwright.request.newContext({ baseURL, storageState: authFile('techniki@demo.dimos.gr') });
  const act = async (id: string, verb: string, data: Record<string, unknown>) => {
    const res = await ctx.post(`/api/cases/${id}/${verb}`, { data });
    expect(res.status(), await res.text()).toBe(200);
  };
  /** Walks the case's workflow (whatever the type uses) to the nearest state of a category. */
  const toCategory = async (id: string, category: string) => {
    const wf = await (await ctx.get(`/api/cases/${id}/workflow`)).json();
    const cat = new Map<string, string>(wf.nodes.map((n: { key: string; category: string }) => [n.key, n.category]));
    const queue: { at: string; path: string[] }[] = [{ at: wf.current, path: [] }];
    const seen = new Set([wf.current]);
    while (queue.length) {
      const { at, path } = queue.shift() as { at: string; path: string[] };
      if (cat.get(at) === category) {
        for (const key of path) await act(id, 'transition', { transition: key, comment: 'e2e' });
        return;
      }
      for (const e of wf.edges.filter((x: { from: string }) => x.from === at)) {
        if (!seen.has(e.to)) {
          seen.add(e.to);
          queue.push({ at: e.to, path: [...path, e.key] });
        }
      }
    }
    throw new Error(`no way to ${category}`);
  };
  return {
    toCategory,
    askInfo: (id: string, message: string) => act(id, 'request-info', { message }),
    dispose: () => ctx.dispose(),
  };
}

for (const lang of LANGS) {
  const t = L[lang as Lang];
  test.describe(`new request (${lang})`, () => {
    // inside the demo municipality's boundary (the server refuses points outside it)
    test.use({ geolocation: { latitude: 38.02, longitude: 23.74 }, permissions: ['geolocation'] });
    test('in steps: type, description and a photo, a pin, contact, review; gets protocol number + code and follows it', async ({
      page,
    }) => {
      await open(page, '/new', lang);
      await page.getByRole('searchbox', { name: t.search }).fill(t.query);
      await page.getByRole('button', { name: t.pothole }).click();
      await expect(page.getByRole('heading', { level: 2, name: t.stepDetails })).toBeFocused();
      await page.getByRole('radio', { name: t.large }).check();
      await page.getByRole('textbox', { name: t.description }).fill('Βαθιά λακκούβα μπροστά στο σχολείο');
      const files = page.getByTestId('attachments-files');
      await files.setInputFiles({ name: 'photo.png', mimeType: 'image/png', buffer: PNG });
      const attached = page.getByRole('list', { name: t.attached });
      await expect(attached).toContainText('photo.png');
      // a script is refused by the server (by its bytes, whatever its name), with a clear message
      await files.setInputFiles({ name: 'run.jpg', mimeType: 'image/jpeg', buffer: Buffer.from('#!/bin/sh\necho hi\n') });
      await expect(page.getByRole('alert').filter({ hasText: t.refused })).toContainText('run.jpg');
      await expect(attached.getByRole('listitem')).toHaveCount(1);
      await page.getByRole('button', { name: t.next }).click();

      await expect(page.getByRole('heading', { level: 2, name: t.stepPlace })).toBeVisible();
      await page.getByRole('button', { name: t.next }).click();
      await expect(page.getByText(t.placeRequired)).toBeVisible();
      await page.getByRole('button', { name: t.myLocation }).click();
      await expect(page.getByTestId('place-coords')).toContainText('38.02000, 23.74000');
      await expect(page.locator('.leaflet-marker-icon')).toBeVisible();
      await page.getByRole('textbox', { name: t.address }).fill('Αγίου Γεωργίου 12');
      await page.getByRole('button', { name: t.next }).click();

      await expect(page.getByRole('heading', { level: 2, name: t.stepContact })).toBeVisible();
      await page.getByRole('textbox', { name: t.name }).fill('Μαρία Παπά');
      await page.getByRole('button', { name: t.next }).click();

      await expect(page.getByRole('heading', { level: 2, name: t.stepReview })).toBeVisible();
      const review = page.getByTestId('review');
      for (const s of ['Βαθιά λακκούβα μπροστά στο σχολείο', 'photo.png', 'Αγίου Γεωργίου 12', 'Μαρία Παπά'])
        await expect(review).toContainText(s);
      expect(await axe(page)).toEqual([]);
      await page.getByRole('button', { name: t.submit }).click();

      const status = page.getByRole('status').filter({ hasText: t.protocol });
      await expect(status).toContainText(t.code);
      const text = (await status.textContent()) ?? '';
      const protocol = text.match(t.protocol)?.[1] ?? '';
      const code = text.match(t.code)?.[1] ?? '';
      await status.getByRole('button', { name: t.follow }).click();
      await expect(page.getByRole('heading', { level: 1, name: t.trackTitle })).toBeVisible();
      await expect(page.getByText(`${t.protocolShort} ${protocol}`)).toBeVisible();
      await expect(page.getByText(code).first()).toBeVisible();
      await expect(page.getByText(t.submitted, { exact: true })).toBeVisible();
      expect(await axe(page)).toEqual([]);
    });

    test('with no network the request waits on the device and is sent when the network returns', async ({ page, context }) => {
      await open(page, '/new', lang);
      await page.getByRole('button', { name: t.streetlight }).click();
      await page.getByRole('textbox', { name: t.pole }).fill('Κ-12');
      await page.getByRole('textbox', { name: t.description }).fill(`Σβηστή λάμπα ${lang}`);
      await page.getByRole('button', { name: t.next }).click();
      await page.getByRole('button', { name: t.myLocation }).click();
      await expect(page.getByTestId('place-coords')).toContainText('38.02000, 23.74000');
      await page.getByRole('button', { name: t.next }).click();
      await page.getByRole('button', { name: t.next }).click();
      await context.setOffline(true);
      await page.getByRole('button', { name: t.submit }).click();
      await expect(page.getByText(t.queued)).toBeVisible();
      await context.setOffline(false);
      await expect(page.getByText(t.queued)).toBeHidden();
      await page
        .getByRole('navigation')
        .getByRole('link', { name: lang === 'en' ? 'Requests' : 'Αιτήματα', exact: true })
        .click();
      const card = page.getByRole('listitem').filter({ hasText: t.streetlight });
      await expect(card).toContainText(new RegExp(`${t.protocolShort} \\d+/\\d{4}`));
    });
  });

  test.describe(`my requests (${lang})`, () => {
    test('answer a request for information with a file, say "not fixed", then rate the service once', async ({
      page,
      playwright,
      baseURL,
    }) => {
      test.slow(); // staff and citizen take turns through the whole life of a case
      await open(page, '/', lang);
      const c = await fileCase(page);
      const s = await staff(playwright, baseURL);
      await s.toCategory(c.id, 'in_progress');
      await s.askInfo(c.id, 'Στείλτε μια φωτογραφία από κοντά.');

      await page.goto('/requests');
      const card = page.getByRole('listitem').filter({ hasText: `${t.protocolShort} ${c.protocolNumber}` });
      await card.getByRole('button', { name: t.details }).click();
      await expect(card.getByText(t.infoNeeded)).toBeVisible();
      await expect(card.getByText('Στείλτε μια φωτογραφία από κοντά.').first()).toBeVisible();
      expect(await axe(page)).toEqual([]);
      await card.getByTestId('attachments-files').setInputFiles({ name: 'closer.png', mimeType: 'image/png', buffer: PNG });
      await expect(card.getByText('closer.png')).toBeVisible();
      await card.getByRole('textbox', { name: t.answer }).fill('Η φωτογραφία επισυνάπτεται.');
      await card.getByRole('button', { name: t.sendAnswer }).click();
      await expect(card.getByText(t.infoNeeded)).toBeHidden();
      await expect(card.getByText('Η φωτογραφία επισυνάπτεται.')).toBeVisible();

      await s.toCategory(c.id, 'resolved');
      await page.reload();
      await card.getByRole('button', { name: t.details }).click();
      await card.getByRole('button', { name: t.notFixed }).click();
      await card.getByRole('button', { name: t.reopen }).click();
      await expect(card.getByText(t.reopenRequired)).toBeVisible();
      await card.getByRole('textbox', { name: t.whatsWrong }).fill('Η λακκούβα είναι ακόμη εκεί.');
      expect(await axe(page)).toEqual([]);
      await card.getByRole('button', { name: t.reopen }).click();
      await expect(card.getByText(t.reopened, { exact: true })).toBeVisible();
      await expect(card.getByRole('button', { name: t.notFixed })).toHaveCount(0);

      await s.toCategory(c.id, 'resolved');
      await s.dispose();
      await page.reload();
      await card.getByRole('button', { name: t.details }).click();
      await card.getByRole('radio', { name: t.stars4 }).check();
      await card.getByRole('textbox', { name: t.rateComment }).fill('Καλή δουλειά τελικά');
      expect(await axe(page)).toEqual([]);
      await card.getByRole('button', { name: t.sendRating }).click();
      await expect(card.getByText(t.rated)).toBeVisible();
      await expect(card.getByRole('button', { name: t.sendRating })).toHaveCount(0);
      // once per case: the server refuses a second rating
      const again = await page.request.post(`/api/my/cases/${c.id}/rating`, { data: { stars: 1 } });
      expect(again.status()).toBe(409);
    });

    test('tracking without an account: by protocol number and code, a wrong code finds nothing, follow the case', async ({
      page,
      browser,
    }) => {
      // filed from another device
      const other = await browser.newContext();
      const otherPage = await other.newPage();
      await open(otherPage, '/', lang);
      const c = await fileCase(otherPage, 'Από άλλη συσκευή');
      await other.close();

      await open(page, '/track', lang);
      await page.getByRole('textbox', { name: t.trackProtocol }).fill(c.protocolNumber);
      await page.getByRole('textbox', { name: t.trackCode }).fill('ZZZZZZZZ');
      await page.getByRole('button', { name: t.find }).click();
      await expect(page.getByRole('alert')).toContainText(t.notFound);
      await page.getByRole('textbox', { name: t.trackCode }).fill(c.trackingCode.toLowerCase());
      await page.getByRole('button', { name: t.find }).click();
      await expect(page.getByRole('heading', { level: 2, name: t.pothole })).toBeVisible();
      await expect(page.getByText('Από άλλη συσκευή')).toHaveCount(0); // the description is not public
      await expect(page.getByText(t.submitted, { exact: true })).toBeVisible();
      await page.getByRole('button', { name: t.followCase }).click();
      await expect(page.getByRole('button', { name: t.following })).toHaveAttribute('aria-pressed', 'true');
      expect(await axe(page)).toEqual([]);
      const subs = await (await page.request.get('/api/notify/subscriptions')).json();
      expect(subs.items).toEqual([expect.objectContaining({ kind: 'case', refId: c.id })]);
    });
  });
}
