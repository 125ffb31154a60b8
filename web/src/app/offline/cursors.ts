import { createLocalStore, type LocalStore } from './store';

/**
 * Sync cursors: how far this device has read a server feed ("changes after X"). The cursor moves
 * only after a page has been applied locally, so a crash between the two re-reads a page rather
 * than skipping one: `apply` must be idempotent (put by id).
 */
export type CursorStore = LocalStore<{ name: string; cursor: string; at: number }>;

export function createCursorStore(db: string): CursorStore {
  return createLocalStore(db);
}

export async function getCursor(store: CursorStore, name: string): Promise<string | null> {
  return (await store.get(name))?.cursor ?? null;
}

export async function setCursor(store: CursorStore, name: string, cursor: string) {
  await store.put(name, { name, cursor, at: Date.now() });
}

/**
 * Reads a feed page by page from the saved cursor until the server says there is no more
 * (`next` null), applying each page before saving the cursor after it. Stops after `maxPages`
 * (default 100) so a feed that never ends cannot hold the device. Returns the items applied.
 */
export async function pull<T>(
  store: CursorStore,
  name: string,
  fetchPage: (cursor: string | null) => Promise<{ items: T[]; next: string | null }>,
  apply: (items: T[]) => Promise<void>,
  opts: { maxPages?: number } = {},
): Promise<number> {
  let cursor = await getCursor(store, name);
  let applied = 0;
  for (let page = 0; page < (opts.maxPages ?? 100); page++) {
    const res = await fetchPage(cursor);
    if (res.items.length) await apply(res.items);
    applied += res.items.length;
    if (res.next === null || res.next === cursor) break;
    cursor = res.next;
    await setCursor(store, name, cursor);
  }
  return applied;
}
