import { useCallback, useEffect, useState } from 'react';
import { flushOutbox, listItems, newId, type OutboxItem, putItem, removeItem, subscribe } from './outbox';

/**
 * Drafts and queued submissions on this device. Queued items are sent at once when
 * online, and again whenever the browser fires `online`.
 */
export function useOutbox<T = unknown>(kind?: string) {
  const [items, setItems] = useState<OutboxItem<T>[]>([]);
  const [ready, setReady] = useState(false);

  const refresh = useCallback(async () => {
    try {
      const all = await listItems();
      setItems(all.filter((i) => !kind || i.kind === kind) as OutboxItem<T>[]);
    } catch {
      setItems([]);
    } finally {
      setReady(true);
    }
  }, [kind]);

  useEffect(() => {
    void refresh();
    const unsubscribe = subscribe(() => void refresh());
    const onOnline = () => void flushOutbox();
    window.addEventListener('online', onOnline);
    if (navigator.onLine) void flushOutbox();
    return () => {
      unsubscribe();
      window.removeEventListener('online', onOnline);
    };
  }, [refresh]);

  /** Creates or updates a draft; returns its id. */
  const saveDraft = useCallback(
    async (draft: { id?: string; kind: string; endpoint: string; body: T }) => {
      const now = Date.now();
      const existing = draft.id ? items.find((i) => i.id === draft.id) : undefined;
      const item: OutboxItem<T> = {
        id: draft.id ?? newId(),
        kind: draft.kind,
        endpoint: draft.endpoint,
        body: draft.body,
        status: 'draft',
        createdAt: existing?.createdAt ?? now,
        updatedAt: now,
      };
      await putItem(item);
      return item.id;
    },
    [items],
  );

  /** Marks an item for sending and tries to send now if online. */
  const queue = useCallback(async (item: OutboxItem<T>, payload?: unknown) => {
    await putItem({
      ...item,
      ...(payload === undefined ? {} : { payload }),
      status: 'queued',
      updatedAt: Date.now(),
      lastError: undefined,
    });
    if (navigator.onLine) await flushOutbox();
  }, []);

  const remove = useCallback((id: string) => removeItem(id), []);

  return { items, ready, saveDraft, queue, remove, flush: flushOutbox };
}
