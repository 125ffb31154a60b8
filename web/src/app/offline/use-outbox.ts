import { useEffect, useState } from 'react';
import type { Outbox } from './outbox';

/**
 * How many changes wait to be sent in an outbox, kept up to date; sends them when the browser
 * comes back online, and every `retryMs` (respecting each item's backoff) while items wait.
 */
export function usePendingChanges(outbox: Outbox, opts: { retryMs?: number } = {}) {
  const [count, setCount] = useState(0);
  const retryMs = opts.retryMs ?? 30_000;

  useEffect(() => {
    let alive = true;
    const refresh = () =>
      void outbox
        .pendingCount()
        .then((n) => alive && setCount(n))
        .catch(() => undefined);
    refresh();
    const unsubscribe = outbox.subscribe(refresh);
    const onOnline = () => void outbox.flush();
    window.addEventListener('online', onOnline);
    const timer = window.setInterval(() => {
      if (navigator.onLine) void outbox.flush({ respectBackoff: true });
    }, retryMs);
    return () => {
      alive = false;
      unsubscribe();
      window.removeEventListener('online', onOnline);
      window.clearInterval(timer);
    };
  }, [outbox, retryMs]);

  return count;
}
