import { createLocalStore, type LocalStore, newId } from './store';

/**
 * The outbox: changes made on the device wait here until the server has them. Each item knows
 * where it goes; its id is its `Idempotency-Key`, so a replay after a lost answer creates nothing
 * twice. Photos and signatures travel with the item as files (kept as bytes: every browser can
 * store those in IndexedDB) and are sent as multipart/form-data with the JSON under `payload`.
 * See README.md for the retry and conflict rules.
 */

export type OutboxStatus = 'draft' | 'queued' | 'failed' | 'conflict';

/** A file carried by an item: a photo, a signature drawn on the screen, a scanned document. */
export interface OutboxFile {
  /** the multipart field name it is sent under */
  field: string;
  name: string;
  type: string;
  data: ArrayBuffer;
}

export interface OutboxItem<T = unknown> {
  id: string;
  /** what the item is, for lists: 'case', 'kiosk-case', 'inspection', ... */
  kind: string;
  /** where it is sent once queued */
  endpoint: string;
  method?: 'POST' | 'PUT' | 'PATCH';
  /** what the person filled in (kept for display and editing) */
  body: T;
  /** what is sent, when it differs from body (the API's shape) */
  payload?: unknown;
  files?: OutboxFile[];
  /**
   * The server version the change was made against (sent as `If-Match`). With it, a 409 or 412
   * answer makes the item a `conflict` for the person to resolve; without it, a plain failure.
   */
  baseVersion?: string;
  status: OutboxStatus;
  createdAt: number;
  updatedAt: number;
  /** failed attempts since it was last queued */
  attempts?: number;
  /** epoch ms before which an automatic retry waits (backoff) */
  nextAttemptAt?: number;
  /** error code of the last failed attempt */
  lastError?: string;
}

/** Result of one send attempt: sent, kept for retry (offline, 5xx, 429), failed for good (4xx), or a conflict. */
export type SendResult = 'sent' | 'retry' | 'failed' | 'conflict';

/** Delay before the n-th automatic retry: 5 s, 10 s, 20 s, ... at most 10 minutes. */
export function backoffMs(attempts: number): number {
  return Math.min(5000 * 2 ** Math.max(0, attempts - 1), 10 * 60_000);
}

/** Turns a Blob (a photo from the camera, a signature canvas) into a file an item can carry. */
export async function outboxFile(field: string, blob: Blob, name = 'file'): Promise<OutboxFile> {
  return { field, name: (blob as File).name || name, type: blob.type || 'application/octet-stream', data: await blob.arrayBuffer() };
}

/** Builds the request of an item: JSON, or multipart with `payload` plus its files. */
export function requestOf(item: OutboxItem): RequestInit {
  const headers: Record<string, string> = { 'idempotency-key': item.id };
  if (item.baseVersion) headers['if-match'] = item.baseVersion;
  const json = JSON.stringify(item.payload ?? item.body);
  if (!item.files?.length) {
    headers['content-type'] = 'application/json';
    return { method: item.method ?? 'POST', credentials: 'same-origin', headers, body: json };
  }
  const form = new FormData();
  form.append('payload', json);
  for (const f of item.files) form.append(f.field, new Blob([f.data], { type: f.type }), f.name);
  return { method: item.method ?? 'POST', credentials: 'same-origin', headers, body: form };
}

/** Reads the answer: which outcome, and the error code the API gave. */
export async function classify(item: OutboxItem, response: Response): Promise<{ result: SendResult; error?: string }> {
  const isJson = (response.headers.get('content-type') ?? '').includes('json');
  if (response.ok && (isJson || response.status === 204)) return { result: 'sent' };
  const body: unknown = isJson ? await response.json().catch(() => undefined) : undefined;
  const code = body && typeof body === 'object' && 'code' in body && typeof body.code === 'string' ? body.code : 'api.unavailable';
  // No JSON at all means no API behind this URL yet (static host): keep it for later.
  if (!isJson || response.status >= 500 || response.status === 429) return { result: 'retry', error: code };
  if (item.baseVersion && (response.status === 409 || response.status === 412)) return { result: 'conflict', error: code };
  return { result: 'failed', error: code };
}

export interface Outbox {
  readonly store: LocalStore<OutboxItem>;
  list(): Promise<OutboxItem[]>;
  put(item: OutboxItem): Promise<void>;
  remove(id: string): Promise<void>;
  clear(): Promise<void>;
  subscribe(listener: () => void): () => void;
  /**
   * Sends every queued item, oldest first; one flush at a time (a second call joins the first).
   * `respectBackoff` skips items whose retry time has not come (for timers); the `online` event
   * and a person's "send now" do not wait.
   */
  flush(opts?: { respectBackoff?: boolean }): Promise<void>;
  /** Queued or failed items that are not drafts: the "n changes waiting". */
  pendingCount(): Promise<number>;
}

export function createOutbox(opts: { db: string; fetch?: typeof fetch; now?: () => number }): Outbox {
  const store = createLocalStore<OutboxItem>(opts.db);
  const doFetch = (url: string, init: RequestInit) => (opts.fetch ?? fetch)(url, init);
  const now = opts.now ?? Date.now;
  let flushing: Promise<void> | undefined;

  const list = async () => (await store.all()).sort((a, b) => b.updatedAt - a.updatedAt);

  async function send(item: OutboxItem) {
    let response: Response;
    try {
      response = await doFetch(item.endpoint, requestOf(item));
    } catch {
      return { result: 'retry' as const, error: 'api.unavailable' };
    }
    return classify(item, response);
  }

  return {
    store,
    list,
    put: (item) => store.put(item.id, item),
    remove: (id) => store.delete(id),
    clear: () => store.clear(),
    subscribe: (l) => store.subscribe(l),
    flush(flushOpts = {}) {
      flushing ??= (async () => {
        try {
          const queued = (await list()).filter((i) => i.status === 'queued').sort((a, b) => a.createdAt - b.createdAt);
          for (const item of queued) {
            if (flushOpts.respectBackoff && item.nextAttemptAt && item.nextAttemptAt > now()) continue;
            const { result, error } = await send(item);
            if (result === 'sent') {
              await store.delete(item.id);
              continue;
            }
            const attempts = (item.attempts ?? 0) + 1;
            await store.put(item.id, {
              ...item,
              status: result === 'retry' ? 'queued' : result,
              attempts,
              nextAttemptAt: result === 'retry' ? now() + backoffMs(attempts) : undefined,
              lastError: error,
            });
          }
        } finally {
          flushing = undefined;
        }
      })();
      return flushing;
    },
    async pendingCount() {
      return (await store.all()).filter((i) => i.status !== 'draft').length;
    },
  };
}

export { newId };
