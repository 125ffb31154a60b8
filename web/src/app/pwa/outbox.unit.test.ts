import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { clearOutbox, flushOutbox, listItems, OUTBOX_DB, type OutboxItem, putItem } from './outbox';

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

const draft = (id: string, status: OutboxItem['status'] = 'queued'): OutboxItem => ({
  id,
  kind: 'case',
  endpoint: '/api/cases',
  body: { description: 'Σπασμένη λάμπα' },
  payload: { caseType: 'lighting' },
  status,
  createdAt: 1,
  updatedAt: 1,
});

afterEach(async () => {
  vi.unstubAllGlobals();
  await clearOutbox();
});

describe("the citizen's outbox (on the offline kit)", () => {
  it('keeps its database name, so drafts saved before the kit are still there', async () => {
    expect(OUTBOX_DB).toBe('dimos-outbox');
    await putItem(draft('d1', 'draft'));
    expect((await indexedDB.databases()).map((d) => d.name)).toContain('dimos-outbox');
    expect((await listItems()).map((i) => i.id)).toEqual(['d1']);
  });

  it('retries offline and on 5xx, gives up on a 4xx with its code, posts the payload with the draft id as key', async () => {
    const answers = [() => Promise.reject(new TypeError('offline')), () => json(503, { code: 'x' }), () => json(201, { id: 'c' })];
    const fetch = vi.fn((..._args: unknown[]) => Promise.resolve((answers.shift() ?? (() => json(201, {})))()));
    vi.stubGlobal('fetch', fetch);
    await putItem(draft('q1'));
    await flushOutbox();
    expect((await listItems())[0]).toMatchObject({ id: 'q1', status: 'queued', lastError: 'api.unavailable' });
    await flushOutbox();
    expect((await listItems())[0]).toMatchObject({ status: 'queued', lastError: 'x' });
    await flushOutbox();
    expect(await listItems()).toEqual([]);
    const [url, init] = fetch.mock.calls[2] as [string, RequestInit];
    expect(url).toBe('/api/cases');
    expect((init.headers as Record<string, string>)['idempotency-key']).toBe('q1');
    expect(JSON.parse(init.body as string)).toEqual({ caseType: 'lighting' });

    vi.stubGlobal(
      'fetch',
      vi.fn(async () => json(400, { code: 'validation.failed' })),
    );
    await putItem(draft('q2'));
    await flushOutbox();
    expect((await listItems())[0]).toMatchObject({ id: 'q2', status: 'failed', lastError: 'validation.failed' });
  });

  it('keeps an item when the answer is not JSON (no API behind the URL yet)', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => new Response('<html>', { status: 200, headers: { 'content-type': 'text/html' } })),
    );
    await putItem(draft('static'));
    await flushOutbox();
    expect((await listItems())[0]).toMatchObject({ status: 'queued', lastError: 'api.unavailable' });
  });
});
