import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { backoffMs, createCursorStore, createOutbox, getCursor, type OutboxItem, outboxFile, pull } from './index';

type Call = { url: string; init: RequestInit };

/** A server imitation: answers in order from `answers` (a status, or 'offline' to throw like fetch does). */
function server(answers: (number | 'offline')[], body: Record<string, unknown> = { code: 'x.err' }) {
  const calls: Call[] = [];
  const fetch = (async (url: string, init: RequestInit) => {
    calls.push({ url, init });
    const a = answers.shift() ?? 201;
    if (a === 'offline') throw new TypeError('Failed to fetch');
    return new Response(JSON.stringify(a < 300 ? { id: 'c1' } : body), { status: a, headers: { 'content-type': 'application/json' } });
  }) as unknown as typeof globalThis.fetch;
  return { calls, fetch };
}

let dbN = 0;
const item = (over: Partial<OutboxItem> = {}): OutboxItem => ({
  id: `item-${++dbN}`,
  kind: 'inspection',
  endpoint: '/api/things',
  body: { note: 'Λακκούβα' },
  status: 'queued',
  createdAt: dbN,
  updatedAt: dbN,
  ...over,
});

describe('the outbox', () => {
  it('replays with the same Idempotency-Key until the server has it, then forgets it', async () => {
    const s = server(['offline', 503, 201]);
    const box = createOutbox({ db: `t-${++dbN}`, fetch: s.fetch });
    const it1 = item();
    await box.put(it1);
    expect(await box.pendingCount()).toBe(1);
    await box.flush();
    let [kept] = await box.list();
    expect(kept).toMatchObject({ status: 'queued', attempts: 1, lastError: 'api.unavailable' });
    await box.flush();
    [kept] = await box.list();
    expect(kept).toMatchObject({ status: 'queued', attempts: 2, lastError: 'x.err' });
    await box.flush();
    expect(await box.list()).toEqual([]);
    expect(s.calls).toHaveLength(3);
    for (const c of s.calls) expect((c.init.headers as Record<string, string>)['idempotency-key']).toBe(it1.id);
    expect(JSON.parse(s.calls[0]!.init.body as string)).toEqual({ note: 'Λακκούβα' });
  });

  it('keeps a refused item as failed with its error, and leaves drafts alone', async () => {
    const s = server([400]);
    const box = createOutbox({ db: `t-${++dbN}`, fetch: s.fetch });
    await box.put(item({ id: 'refused' }));
    await box.put(item({ id: 'draft', status: 'draft' }));
    await box.flush();
    const byId = Object.fromEntries((await box.list()).map((i) => [i.id, i]));
    expect(byId.refused).toMatchObject({ status: 'failed', lastError: 'x.err' });
    expect(byId.draft?.status).toBe('draft');
    expect(s.calls).toHaveLength(1);
    expect(await box.pendingCount()).toBe(1);
  });

  it('sends photos and signatures as multipart with the JSON under payload', async () => {
    const s = server([201]);
    const box = createOutbox({ db: `t-${++dbN}`, fetch: s.fetch });
    const photo = await outboxFile('photo', new Blob([new Uint8Array([0xff, 0xd8, 0xff, 1, 2])], { type: 'image/jpeg' }), 'photo.jpg');
    const signature = await outboxFile('signature', new Blob(['<svg/>'], { type: 'image/svg+xml' }), 'signature.svg');
    await box.put(item({ id: 'with-files', payload: { ok: true }, files: [photo, signature] }));
    // the files survive the trip through IndexedDB as bytes
    const [stored] = await box.list();
    expect(new Uint8Array(stored!.files![0]!.data)).toEqual(new Uint8Array([0xff, 0xd8, 0xff, 1, 2]));
    await box.flush();
    const form = s.calls[0]!.init.body as FormData;
    expect(form).toBeInstanceOf(FormData);
    expect(JSON.parse(form.get('payload') as string)).toEqual({ ok: true });
    const sent = form.get('photo') as File;
    expect(sent.name).toBe('photo.jpg');
    expect(sent.type).toBe('image/jpeg');
    expect(new Uint8Array(await sent.arrayBuffer())).toEqual(new Uint8Array([0xff, 0xd8, 0xff, 1, 2]));
    expect((form.get('signature') as File).type).toBe('image/svg+xml');
    expect((s.calls[0]!.init.headers as Record<string, string>)['content-type']).toBeUndefined();
  });

  it('marks a change made against an old version as a conflict, sending If-Match', async () => {
    const s = server([409, 409]);
    const box = createOutbox({ db: `t-${++dbN}`, fetch: s.fetch });
    await box.put(item({ id: 'edit', method: 'PATCH', baseVersion: '"v3"' }));
    await box.put(item({ id: 'plain' }));
    await box.flush();
    const byId = Object.fromEntries((await box.list()).map((i) => [i.id, i]));
    expect(byId.edit?.status).toBe('conflict');
    expect(byId.plain?.status).toBe('failed');
    const edit = s.calls.find((c) => (c.init.headers as Record<string, string>)['idempotency-key'] === 'edit')!;
    expect(edit.init.method).toBe('PATCH');
    expect((edit.init.headers as Record<string, string>)['if-match']).toBe('"v3"');
  });

  it('waits its backoff on timer flushes but not when asked directly', async () => {
    let now = 1_000_000;
    const s = server([503, 201, 201]);
    const box = createOutbox({ db: `t-${++dbN}`, fetch: s.fetch, now: () => now });
    await box.put(item({ id: 'later' }));
    await box.flush();
    expect((await box.list())[0]?.nextAttemptAt).toBe(now + backoffMs(1));
    await box.flush({ respectBackoff: true });
    expect(s.calls).toHaveLength(1);
    now += backoffMs(1);
    await box.flush({ respectBackoff: true });
    expect(s.calls).toHaveLength(2);
    expect(await box.list()).toEqual([]);
    expect([1, 2, 3, 20].map(backoffMs)).toEqual([5000, 10000, 20000, 600000]);
  });

  it('runs one flush at a time: a second call joins the first and nothing is sent twice', async () => {
    const s = server([201]);
    const box = createOutbox({ db: `t-${++dbN}`, fetch: s.fetch });
    await box.put(item({ id: 'once' }));
    await Promise.all([box.flush(), box.flush(), box.flush()]);
    expect(s.calls).toHaveLength(1);
  });

  it('tells subscribers about every change', async () => {
    const box = createOutbox({ db: `t-${++dbN}`, fetch: server([]).fetch });
    let seen = 0;
    const stop = box.subscribe(() => seen++);
    await box.put(item({ id: 'a' }));
    await box.remove('a');
    stop();
    await box.put(item({ id: 'b' }));
    expect(seen).toBe(2);
  });
});

describe('sync cursors', () => {
  it('pulls page by page, saving the cursor after each applied page, and resumes from it', async () => {
    const store = createCursorStore(`c-${++dbN}`);
    const feed = [
      { items: [1, 2], next: 'p2' },
      { items: [3], next: 'p3' },
      { items: [], next: null },
    ];
    const asked: (string | null)[] = [];
    const got: number[] = [];
    const fetchPage = async (cursor: string | null) => {
      asked.push(cursor);
      return feed[cursor === null ? 0 : cursor === 'p2' ? 1 : 2]!;
    };
    expect(await pull(store, 'places', fetchPage, async (xs) => void got.push(...xs))).toBe(3);
    expect(got).toEqual([1, 2, 3]);
    expect(asked).toEqual([null, 'p2', 'p3']);
    expect(await getCursor(store, 'places')).toBe('p3');
    // a page that fails to apply leaves the cursor where it was: the page is read again next time
    const failing = async () => {
      throw new Error('disk full');
    };
    feed[2] = { items: [4], next: 'p4' };
    await expect(pull(store, 'places', fetchPage, failing)).rejects.toThrow('disk full');
    expect(await getCursor(store, 'places')).toBe('p3');
    expect(await getCursor(store, 'other')).toBeNull();
  });
});
