import 'fake-indexeddb/auto';
import { MantineProvider } from '@mantine/core';
import i18next from 'i18next';
import { act } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider, initReactI18next } from 'react-i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import el from '../i18n/el.json';
import en from '../i18n/en.json';
import { createOutbox, PendingChanges } from './index';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const i18n = i18next.createInstance();
beforeAll(async () => {
  await i18n
    .use(initReactI18next)
    .init({ lng: 'el', resources: { el: { translation: el }, en: { translation: en } }, interpolation: { escapeValue: false } });
  window.matchMedia ??= ((q: string) => ({
    matches: false,
    media: q,
    addEventListener() {},
    removeEventListener() {},
    addListener() {},
    removeListener() {},
  })) as never;
});

const waitFor = async (check: () => boolean) => {
  for (let i = 0; i < 100 && !check(); i++) await act(() => new Promise((r) => setTimeout(r, 10)));
  expect(check()).toBe(true);
};

describe('<PendingChanges>', () => {
  it('says how many changes wait, in Greek then English, and nothing when none do', async () => {
    const box = createOutbox({
      db: 'pending-ui',
      fetch: (async () => new Response('{}', { status: 503, headers: { 'content-type': 'application/json' } })) as never,
    });
    const host = document.createElement('div');
    document.body.append(host);
    const root = createRoot(host);
    await act(async () =>
      root.render(
        <MantineProvider>
          <I18nextProvider i18n={i18n}>
            <PendingChanges outbox={box} />
          </I18nextProvider>
        </MantineProvider>,
      ),
    );
    const status = () => host.querySelector('[data-testid="pending-changes"]') as HTMLElement;
    expect(status().getAttribute('role')).toBe('status');
    expect(status().textContent).toBe('');
    for (const id of ['a', 'b', 'c'])
      await box.put({ id, kind: 'x', endpoint: '/api/x', body: {}, status: 'queued', createdAt: 1, updatedAt: 1 });
    await box.put({ id: 'd', kind: 'x', endpoint: '/api/x', body: {}, status: 'draft', createdAt: 1, updatedAt: 1 });
    await waitFor(() => status().textContent === '3 αλλαγές σε αναμονή για αποστολή');
    await act(async () => void (await i18n.changeLanguage('en')));
    await box.remove('b');
    await box.remove('c');
    await waitFor(() => status().textContent === '1 change waiting to be sent');
    await box.remove('a');
    await waitFor(() => status().textContent === '');
    await act(async () => root.unmount());
  });
});
