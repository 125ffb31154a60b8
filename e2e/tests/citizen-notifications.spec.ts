import { axe, expect, LANGS, type Lang, open, test } from './fixtures';

// Against the real server: the in-app inbox (read state, history), preferences, subscriptions and
// Web Push subscribe/unsubscribe — in Greek and in English.

const L = {
  el: {
    inbox: 'Μηνύματα',
    markAll: 'Όλα ως αναγνωσμένα',
    read: 'Αναγνωσμένο',
    newOne: 'Νέο',
    weather: 'Καιρός',
    civil: 'Πολιτική προστασία',
    from: 'Από',
    until: 'Έως',
    lang: 'Γλώσσα μηνυμάτων',
    save: 'Αποθήκευση προτιμήσεων',
    saved: 'Οι προτιμήσεις αποθηκεύτηκαν.',
    sms: 'SMS',
    subs: 'Συνδρομές',
    stop: /^Διακοπή: /,
    noSubs: 'Δεν παρακολουθείτε κάτι ακόμη.',
    pushOn: 'Οι ειδοποιήσεις push είναι ενεργές σε αυτή τη συσκευή.',
    pushOff: 'Οι ειδοποιήσεις push δεν είναι ενεργές σε αυτή τη συσκευή.',
    enable: 'Ενεργοποίηση',
    disable: 'Απενεργοποίηση',
  },
  en: {
    inbox: 'Messages',
    markAll: 'Mark all as read',
    read: 'Read',
    newOne: 'New',
    weather: 'Weather',
    civil: 'Civil protection',
    from: 'From',
    until: 'Until',
    lang: 'Language of messages',
    save: 'Save preferences',
    saved: 'Preferences saved.',
    sms: 'SMS',
    subs: 'Subscriptions',
    stop: /^Stop: /,
    noSubs: 'You do not follow anything yet.',
    pushOn: 'Push notifications are on for this device.',
    pushOff: 'Push notifications are off for this device.',
    enable: 'Turn on',
    disable: 'Turn off',
  },
} as const;

for (const lang of LANGS) {
  const t = L[lang as Lang];
  test.describe(`notifications (${lang})`, () => {
    test('inbox: messages about my requests arrive unread, one is read by opening it, then all', async ({ page }) => {
      await open(page, '/', lang);
      for (const d of ['πρώτο', 'δεύτερο']) {
        const res = await page.request.post('/api/cases', {
          data: { caseType: 'pothole', channel: 'app', description: d, data: {}, location: { lat: 38.02, lon: 23.74 } },
        });
        expect(res.status()).toBe(201);
      }
      await page.goto('/notifications');
      const list = page.getByRole('list', { name: t.inbox });
      // the "received" messages are sent by the server's job runner: wait for both
      await expect(async () => {
        await page.reload();
        await expect(list.getByRole('listitem')).toHaveCount(2, { timeout: 5000 });
      }).toPass({ timeout: 30_000 });
      await expect(page.getByTestId('unread-count')).toContainText('2');
      expect(await axe(page)).toEqual([]);
      const first = list.getByRole('listitem').first();
      await first.getByRole('button').click();
      await expect(first.getByRole('button')).toHaveAttribute('aria-expanded', 'true');
      await expect(first).toContainText(t.read);
      await expect(page.getByTestId('unread-count')).toContainText('1');
      await page.getByRole('button', { name: t.markAll }).click();
      await expect(page.getByTestId('unread-count')).toHaveCount(0);
      await page.reload();
      await expect(list.getByRole('listitem')).toHaveCount(2);
      await expect(list.getByText(t.newOne, { exact: true })).toHaveCount(0);
    });

    test('preferences: channels, topics with civil protection locked on, quiet hours and language are kept', async ({ page }) => {
      await open(page, '/notifications', lang);
      const civil = page.getByRole('checkbox', { name: new RegExp(t.civil) });
      await expect(civil).toBeChecked();
      await expect(civil).toBeDisabled();
      await page.getByRole('checkbox', { name: t.weather }).uncheck();
      await page.getByRole('checkbox', { name: t.sms }).check();
      await page.getByLabel(t.from, { exact: true }).fill('22:30');
      await page.getByLabel(t.until, { exact: true }).fill('07:00');
      await page.getByRole('combobox', { name: t.lang }).selectOption(lang === 'en' ? 'el' : 'en');
      await page.getByRole('button', { name: t.save }).click();
      await expect(page.getByText(t.saved)).toBeVisible();
      expect(await axe(page)).toEqual([]);
      await page.reload();
      await expect(page.getByRole('checkbox', { name: t.weather })).not.toBeChecked();
      await expect(page.getByRole('checkbox', { name: t.sms })).toBeChecked();
      await expect(page.getByLabel(t.from, { exact: true })).toHaveValue('22:30');
      await expect(page.getByRole('combobox', { name: t.lang })).toHaveValue(lang === 'en' ? 'el' : 'en');
      const saved = await (await page.request.get('/api/notify/preferences')).json();
      expect(saved.topics).toContain('civil_protection');
      expect(saved.topics).not.toContain('weather');
      expect(saved).toMatchObject({ quietStart: '22:30', quietEnd: '07:00' });
      // quiet hours need both ends: the server's field error shows by the field
      await page.getByLabel(t.until, { exact: true }).fill('');
      await page.getByRole('button', { name: t.save }).click();
      await expect(page.getByLabel(t.until, { exact: true })).toHaveAttribute('aria-invalid', 'true');
      expect((await (await page.request.get('/api/notify/preferences')).json()).quietEnd).toBe('07:00');
    });

    test('subscriptions: what I follow is listed and can be stopped', async ({ page }) => {
      await open(page, '/', lang);
      const c = await page.request.post('/api/cases', {
        data: { caseType: 'pothole', channel: 'app', data: {}, location: { lat: 38.02, lon: 23.74 } },
      });
      const { id } = await c.json();
      expect((await page.request.post('/api/notify/subscriptions', { data: { kind: 'case', refId: id } })).ok()).toBe(true);
      await page.goto('/notifications');
      const list = page.getByRole('list', { name: t.subs });
      await expect(list.getByRole('listitem')).toHaveCount(1);
      await expect(list).toContainText(id.slice(0, 8));
      expect(await axe(page)).toEqual([]);
      await list.getByRole('button', { name: t.stop }).click();
      await expect(page.getByText(t.noSubs)).toBeVisible();
      expect((await (await page.request.get('/api/notify/subscriptions')).json()).items).toEqual([]);
    });
  });

  test.describe(`web push (${lang})`, () => {
    test.use({ serviceWorkers: 'allow', permissions: ['notifications'] });
    test('subscribe with the server’s VAPID key and unsubscribe', async ({ page }) => {
      // Headless Chromium has no push service to talk to: stand in for it, keeping the app's calls real.
      await page.addInitScript(() => {
        const KEY = 'e2e.push';
        const p256dh = 'BNcRdreALRFXTkOOUHK1EtK2wtaz5Ry4YfYCA_0QTpQtUbVlUls0VJXg7A8u-Ts1XbjhazAkj7I99e8QcYP7DkM';
        const auth = 'tBHItJI5svbpez7KI4CCXg';
        const fake = (endpoint: string) => ({
          endpoint,
          toJSON: () => ({ endpoint, keys: { p256dh, auth } }),
          unsubscribe: async () => {
            localStorage.removeItem(KEY);
            return true;
          },
        });
        const proto = PushManager.prototype as unknown as Record<string, unknown>;
        proto.subscribe = async (opts: { applicationServerKey: ArrayBuffer | Uint8Array }) => {
          localStorage.setItem('e2e.push.keyLength', String(new Uint8Array(opts.applicationServerKey as ArrayBuffer).length));
          const endpoint = `https://push.example.test/send/${crypto.randomUUID()}`;
          localStorage.setItem(KEY, endpoint);
          return fake(endpoint);
        };
        proto.getSubscription = async () => {
          const e = localStorage.getItem(KEY);
          return e ? fake(e) : null;
        };
      });
      await open(page, '/notifications', lang);
      await expect(page.getByTestId('push-state')).toHaveText(t.pushOff);
      await page.getByRole('button', { name: t.enable }).click();
      await expect(page.getByTestId('push-state')).toHaveText(t.pushOn);
      // the app subscribed with the server's P-256 public key (65 bytes)
      expect(await page.evaluate(() => localStorage.getItem('e2e.push.keyLength'))).toBe('65');
      const endpoint = await page.evaluate(() => localStorage.getItem('e2e.push'));
      expect(endpoint).toMatch(/^https:\/\/push\.example\.test\//);
      await page.reload();
      await expect(page.getByTestId('push-state')).toHaveText(t.pushOn);
      expect(await axe(page)).toEqual([]);
      await page.getByRole('button', { name: t.disable }).click();
      await expect(page.getByTestId('push-state')).toHaveText(t.pushOff);
      // unsubscribing removed it on the server too: deleting it again finds nothing
      expect((await page.request.delete('/api/notify/push/subscriptions', { data: { endpoint } })).status()).toBe(404);
      // and subscribing stored it there for this device
      await page.getByRole('button', { name: t.enable }).click();
      await expect(page.getByTestId('push-state')).toHaveText(t.pushOn);
      const second = await page.evaluate(() => localStorage.getItem('e2e.push'));
      expect((await page.request.delete('/api/notify/push/subscriptions', { data: { endpoint: second } })).status()).toBe(200);
    });
  });
}
