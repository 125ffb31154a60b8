import { createOutbox, newId, type Outbox, type OutboxItem, outboxFile } from '../../app/offline';

/**
 * The driver's outbox (the offline kit's, on its own IndexedDB database): a refuelling with its
 * receipt photo or a fault with its photos, entered where there is no network (a depot's basement, a
 * mountain road), waits on the phone and is sent once the phone is back online, exactly once: the
 * item's id is its `Idempotency-Key`, and the server stores the photos only after it has looked the key
 * up. One request per entry: `multipart/form-data` with the JSON under `payload` and the photos.
 */
export const FLEET_OUTBOX_DB = 'dimos-fleet-outbox';

export type RefuelEntry = { vehicleId: string; litres: number; cost: number | null; station: string | null; at: string };
export type FaultEntry = { vehicleId: string; description: string; canDrive: boolean };

/** What became of an entry right after it was saved. */
export type Outcome = { state: 'sent' } | { state: 'waiting' } | { state: 'refused'; code?: string; message?: string };

export interface FleetOutbox {
  readonly outbox: Outbox;
  /** Keeps the entry on the phone and tries to send it at once. */
  refuel(entry: RefuelEntry, receipt: File | null): Promise<Outcome>;
  fault(entry: FaultEntry, photos: File[]): Promise<Outcome>;
}

type Refusal = { code?: string; message?: string; fields?: { field: string; message?: string }[] };

export function createFleetOutbox(opts: { db?: string; fetch?: typeof fetch } = {}): FleetOutbox {
  const doFetch = opts.fetch ?? ((url: string, init: RequestInit) => fetch(url, init));
  // the API's words for the last refusal of an item (the kit keeps only the code)
  const refusals = new Map<string, Refusal>();
  const outbox = createOutbox({
    db: opts.db ?? FLEET_OUTBOX_DB,
    fetch: (async (url: string, init: RequestInit) => {
      const response = await doFetch(url, init);
      const key = (init.headers as Record<string, string> | undefined)?.['idempotency-key'];
      if (key && !response.ok && response.status < 500 && (response.headers.get('content-type') ?? '').includes('json')) {
        refusals.set(
          key,
          (await response
            .clone()
            .json()
            .catch(() => ({}))) as Refusal,
        );
      }
      return response;
    }) as typeof fetch,
  });

  async function keep(kind: string, endpoint: string, body: unknown, files: Awaited<ReturnType<typeof outboxFile>>[]): Promise<Outcome> {
    const now = Date.now();
    const item: OutboxItem = { id: newId(), kind, endpoint, body, files, status: 'queued', createdAt: now, updatedAt: now };
    await outbox.put(item);
    if (typeof navigator !== 'undefined' && navigator.onLine === false) return { state: 'waiting' };
    await outbox.flush();
    const left = await outbox.store.get(item.id);
    if (!left) return { state: 'sent' };
    if (left.status === 'queued') return { state: 'waiting' };
    const r = refusals.get(item.id);
    refusals.delete(item.id);
    // refused while the driver watches: the form still holds the entry, to correct and save again
    await outbox.remove(item.id);
    return { state: 'refused', code: left.lastError, message: r?.fields?.[0]?.message ?? r?.message };
  }

  return {
    outbox,
    async refuel(entry, receipt) {
      const files = receipt ? [await outboxFile('receipt', receipt, 'receipt.jpg')] : [];
      return keep('fleet.refuel', '/api/fleet/refuels', entry, files);
    },
    async fault(entry, photos) {
      const files = await Promise.all(photos.slice(0, 10).map((p, i) => outboxFile('photos', p, `photo-${i + 1}.jpg`)));
      return keep('fleet.fault', '/api/fleet/faults', entry, files);
    },
  };
}

export const fleetOutbox = createFleetOutbox();
