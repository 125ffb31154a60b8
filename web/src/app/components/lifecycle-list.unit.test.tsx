import { MantineProvider } from '@mantine/core';
import { createMemoryHistory, createRootRoute, createRouter, RouterProvider } from '@tanstack/react-router';
import i18next from 'i18next';
import { act, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider, initReactI18next } from 'react-i18next';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ApiError } from '../api/client';
import el from '../i18n/el.json';
import { LifecycleList, type LifecycleTransition } from './lifecycle-list';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const i18n = i18next.createInstance();
beforeAll(async () => {
  await i18n.use(initReactI18next).init({ lng: 'el', resources: { el: { translation: el } }, interpolation: { escapeValue: false } });
  window.matchMedia ??= ((q: string) => ({
    matches: false,
    media: q,
    addEventListener() {},
    removeEventListener() {},
    addListener() {},
    removeListener() {},
  })) as never;
});

type Row = { id: string; title: string; status: 'draft' | 'open' | 'closed'; count: number };
const rows: Row[] = [
  { id: 'a', title: 'Πλατεία', status: 'draft', count: 0 },
  { id: 'b', title: 'Πάρκο', status: 'open', count: 3 },
  { id: 'c', title: 'Δρόμος', status: 'closed', count: 9 },
];
const moves: LifecycleTransition<Row['status']>[] = [
  { action: 'publish', label: 'Δημοσίευση', when: (s) => s === 'draft' },
  { action: 'close', label: 'Κλείσιμο', when: (s) => s === 'open', variant: 'outline' },
];

let host: HTMLElement;
let root: ReturnType<typeof createRoot>;
afterEach(async () => {
  await act(async () => root.unmount());
  host.remove();
});

async function render(node: () => ReactNode) {
  host = document.createElement('div');
  document.body.append(host);
  root = createRoot(host);
  const router = createRouter({
    routeTree: createRootRoute({ component: node }),
    history: createMemoryHistory({ initialEntries: ['/'] }),
  });
  await act(async () =>
    root.render(
      <MantineProvider>
        <I18nextProvider i18n={i18n}>
          <RouterProvider router={router} />
        </I18nextProvider>
      </MantineProvider>,
    ),
  );
  for (let i = 0; i < 50 && !host.textContent; i++) await act(() => new Promise((r) => setTimeout(r, 10)));
}

const list = (query: { isPending: boolean; error: unknown; data?: Row[] }, empty?: string, done: string[] = []) => (
  <LifecycleList
    label="Διαβουλεύσεις"
    query={query}
    empty={empty}
    name={(r) => r.title}
    columns={{ before: [{ header: 'Τίτλος', cell: (r) => r.title }], after: [{ header: 'Σχόλια', cell: (r) => r.count }] }}
    state={{ header: 'Κατάσταση', of: (r) => r.status, badge: (s) => <span data-badge>{s}</span> }}
    transitions={moves}
    onTransition={(r, action) => done.push(`${action}:${r.id}`)}
    link={(r) => (r.status !== 'draft' ? { to: `/x/${r.id}`, label: `Απαντήσεις ${r.title}` } : null)}
    actionsHeader="Ενέργειες"
  />
);

describe('<LifecycleList>', () => {
  it('offers on each row only the moves its state allows, named with the row, and runs them', async () => {
    const done: string[] = [];
    await render(() => list({ isPending: false, error: null, data: rows }, 'Καμία ακόμη', done));
    const headers = [...host.querySelectorAll('th')].map((th) => th.textContent);
    expect(headers).toEqual(['Τίτλος', 'Κατάσταση', 'Σχόλια', 'Ενέργειες']);
    const trs = [...host.querySelectorAll('tbody tr')];
    expect(trs.map((tr) => tr.querySelector('[data-badge]')?.textContent)).toEqual(['draft', 'open', 'closed']);
    const buttons = (tr: Element) => [...tr.querySelectorAll('button')].map((b) => b.getAttribute('aria-label'));
    expect(trs.map(buttons)).toEqual([['Δημοσίευση: Πλατεία'], ['Κλείσιμο: Πάρκο'], []]);
    // the visible words are inside the accessible name (WCAG 2.5.3)
    expect(trs[1]!.querySelector('button')!.textContent).toBe('Κλείσιμο');
    const links = trs.map((tr) => tr.querySelector('a')?.getAttribute('href') ?? null);
    expect(links).toEqual([null, '/x/b', '/x/c']);
    await act(async () => (trs[0]!.querySelector('button') as HTMLButtonElement).click());
    await act(async () => (trs[1]!.querySelector('button') as HTMLButtonElement).click());
    expect(done).toEqual(['publish:a', 'close:b']);
    expect(host.querySelector('section')?.getAttribute('aria-label')).toBe('Διαβουλεύσεις');
  });

  it('says when there are none, or shows an empty table when the page gives no words for it', async () => {
    await render(() => list({ isPending: false, error: null, data: [] }, 'Καμία ακόμη'));
    expect(host.querySelector('p')?.textContent).toBe('Καμία ακόμη');
    expect(host.querySelector('table')).toBeNull();
    await act(async () => root.unmount());
    await render(() => list({ isPending: false, error: null, data: [] }));
    expect(host.querySelectorAll('tbody tr')).toHaveLength(0);
    expect(host.querySelectorAll('th')).toHaveLength(4);
  });

  it('shows loading, then the error with its translated message', async () => {
    await render(() => list({ isPending: true, error: null }));
    expect(host.querySelector('[aria-label="Φόρτωση…"]')).not.toBeNull();
    await act(async () => root.unmount());
    await render(() => list({ isPending: false, error: new ApiError(503, { code: 'api.unavailable' }) }));
    expect(host.querySelector('[role="alert"]')).not.toBeNull();
    expect(host.querySelector('table')).toBeNull();
  });
});
