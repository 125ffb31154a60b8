import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { createFleetOutbox } from './outbox';

/**
 * A server imitation that keeps what it stored by Idempotency-Key, as the fleet routes do: a replay
 * answers the first entry and stores nothing. `mode` decides the next answers: 'offline' throws as
 * fetch does without network, 'lost' stores but the answer never arrives, a number is that status.
 */
function fleetServer() {
  const stored = new Map<string, { url: string; payload: unknown; files: { field: string; name: string; size: number }[] }>();
  const keys: string[] = [];
  const next: ('offline' | 'lost' | number)[] = [];
  const fetch = (async (url: string, init: RequestInit) => {
    const key = (init.headers as Record<string, string>)['idempotency-key'] as string;
    keys.push(key);
    const mode = next.shift() ?? 201;
    if (mode === 'offline') throw new TypeError('Failed to fetch');
    const json = (status: number, body: unknown) =>
      new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
    if (typeof mode === 'number' && mode >= 400)
      return json(mode, {
        code: 'validation.failed',
        message: 'Ελέγξτε τα πεδία.',
        fields: [{ field: 'litres', message: 'Τα λίτρα ξεπερνούν τη χωρητικότητα του ρεζερβουάρ (140 λίτρα).' }],
      });
    if (!stored.has(key)) {
      const form = init.body as FormData;
      const files = [...form.entries()]
        .filter(([, v]) => typeof v !== 'string')
        .map(([field, v]) => ({ field, name: (v as File).name, size: (v as File).size }));
      stored.set(key, { url, payload: JSON.parse(String(form.get('payload'))), files });
    }
    if (mode === 'lost') throw new TypeError('Failed to fetch');
    return json(201, { id: `row-${[...stored.keys()].indexOf(key)}` });
  }) as unknown as typeof globalThis.fetch;
  return { stored, keys, next, fetch };
}

let n = 0;
const photo = (name: string) => new File([new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3])], name, { type: 'image/jpeg' });
const entry = { vehicleId: 'v-1', litres: 55, cost: 89.1, station: 'ΕΚΟ', at: '2026-03-03T08:00:00.000Z' };

describe('the driver’s outbox', () => {
  it('keeps a refuelling with its receipt taken offline on the phone and sends it once, as one request, when back online', async () => {
    const s = fleetServer();
    const box = createFleetOutbox({ db: `fleet-${++n}`, fetch: s.fetch });
    s.next.push('offline');
    expect(await box.refuel(entry, photo('receipt.jpg'))).toEqual({ state: 'waiting' });
    expect(await box.outbox.pendingCount()).toBe(1);
    expect(s.stored.size).toBe(0);

    // back online: the answer is lost once (the server has it), then the replay is answered
    s.next.push('lost');
    await box.outbox.flush();
    expect(await box.outbox.pendingCount()).toBe(1);
    await box.outbox.flush();
    expect(await box.outbox.pendingCount()).toBe(0);

    expect(s.stored.size).toBe(1);
    const [sent] = [...s.stored.values()];
    expect(sent?.url).toBe('/api/fleet/refuels');
    expect(sent?.payload).toEqual(entry);
    expect(sent?.files).toEqual([{ field: 'receipt', name: 'receipt.jpg', size: 7 }]);
    // every attempt carried the item's one key
    expect(new Set(s.keys).size).toBe(1);
    expect(s.keys).toHaveLength(3);
  });

  it('sends a fault with its photos under `photos`', async () => {
    const s = fleetServer();
    const box = createFleetOutbox({ db: `fleet-${++n}`, fetch: s.fetch });
    const out = await box.fault({ vehicleId: 'v-1', description: 'Σπασμένος καθρέπτης', canDrive: true }, [photo('a.jpg'), photo('b.jpg')]);
    expect(out).toEqual({ state: 'sent' });
    const [sent] = [...s.stored.values()];
    expect(sent?.url).toBe('/api/fleet/faults');
    expect(sent?.files.map((f) => f.field)).toEqual(['photos', 'photos']);
    expect(await box.outbox.pendingCount()).toBe(0);
  });

  it('gives back the API’s words when the server refuses an entry the driver just saved, and keeps nothing queued', async () => {
    const s = fleetServer();
    const box = createFleetOutbox({ db: `fleet-${++n}`, fetch: s.fetch });
    s.next.push(400);
    const out = await box.refuel({ ...entry, litres: 900 }, null);
    expect(out).toEqual({
      state: 'refused',
      code: 'validation.failed',
      message: 'Τα λίτρα ξεπερνούν τη χωρητικότητα του ρεζερβουάρ (140 λίτρα).',
    });
    expect(await box.outbox.list()).toEqual([]);
    expect(s.stored.size).toBe(0);
  });

  it('keeps an entry the server refused after it waited offline, marked failed with the code, for the driver to see', async () => {
    const s = fleetServer();
    const box = createFleetOutbox({ db: `fleet-${++n}`, fetch: s.fetch });
    s.next.push('offline');
    await box.refuel(entry, null);
    s.next.push(400);
    await box.outbox.flush();
    const [kept] = await box.outbox.list();
    expect(kept).toMatchObject({ status: 'failed', lastError: 'validation.failed', kind: 'fleet.refuel' });
  });
});
