import { clear, createStore, del, entries, set } from 'idb-keyval';

/**
 * Drafts and not-yet-sent submissions, kept in IndexedDB so they survive a closed tab,
 * a dead battery or a flaky mobile network. Each item knows where it goes.
 */
export type OutboxStatus = 'draft' | 'queued' | 'failed';

export interface OutboxItem<T = unknown> {
  id: string;
  /** what the item is, for lists: 'case', 'kiosk-case', ... */
  kind: string;
  /** POST target once queued */
  endpoint: string;
  /** what the person filled in (kept for display and editing) */
  body: T;
  /** what is POSTed, when it differs from body (the API's shape) */
  payload?: unknown;
  status: OutboxStatus;
  createdAt: number;
  updatedAt: number;
  /** error code of the last failed attempt */
  lastError?: string;
}

export const OUTBOX_DB = 'dimos-outbox';
const store = createStore(OUTBOX_DB, 'items');

type Listener = () => void;
const listeners = new Set<Listener>();
const notify = () => {
  for (const l of listeners) l();
};
export function subscribe(l: Listener) {
  listeners.add(l);
  return () => {
    listeners.delete(l);
  };
}

export async function listItems(): Promise<OutboxItem[]> {
  const all = await entries<string, OutboxItem>(store);
  return all.map(([, v]) => v).sort((a, b) => b.updatedAt - a.updatedAt);
}

export async function putItem(item: OutboxItem) {
  await set(item.id, item, store);
  notify();
}

export async function removeItem(id: string) {
  await del(id, store);
  notify();
}

export async function clearOutbox() {
  await clear(store);
  notify();
}

export const newId = () =>
  typeof crypto.randomUUID === 'function' ? crypto.randomUUID() : `${Date.now()}-${Math.random().toString(16).slice(2)}`;

/** Result of one send attempt: sent, kept for retry (offline, 5xx), or failed for good (4xx). */
export type SendResult = 'sent' | 'retry' | 'failed';

async function send(item: OutboxItem): Promise<{ result: SendResult; error?: string }> {
  let response: Response;
  try {
    response = await fetch(item.endpoint, {
      method: 'POST',
      credentials: 'same-origin',
      // the id doubles as an idempotency key: a retry after a lost response creates nothing twice
      headers: { 'content-type': 'application/json', 'idempotency-key': item.id },
      body: JSON.stringify(item.payload ?? item.body),
    });
  } catch {
    return { result: 'retry', error: 'api.unavailable' };
  }
  const isJson = (response.headers.get('content-type') ?? '').includes('json');
  if (response.ok && isJson) return { result: 'sent' };
  const body: unknown = isJson ? await response.json().catch(() => undefined) : undefined;
  const code = body && typeof body === 'object' && 'code' in body && typeof body.code === 'string' ? body.code : 'api.unavailable';
  // No JSON at all means no API behind this URL yet (static host): keep it for later.
  if (!isJson || response.status >= 500 || response.status === 429) return { result: 'retry', error: code };
  return { result: 'failed', error: code };
}

let flushing: Promise<void> | undefined;

/** Sends every queued item; safe to call repeatedly (one flush at a time). */
export function flushOutbox(): Promise<void> {
  flushing ??= (async () => {
    try {
      for (const item of await listItems()) {
        if (item.status !== 'queued') continue;
        const { result, error } = await send(item);
        if (result === 'sent') await removeItem(item.id);
        else await putItem({ ...item, status: result === 'failed' ? 'failed' : 'queued', lastError: error });
      }
    } finally {
      flushing = undefined;
    }
  })();
  return flushing;
}
