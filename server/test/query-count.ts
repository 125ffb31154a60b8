import type { Db } from '../src/platform/db/database.js';

/**
 * Counts the SQL that reaches the driver underneath Drizzle (pg's Pool or the PGlite instance), so a
 * test can pin how many queries a request costs: a new per-request query anywhere shows up.
 * `queriesOf(run)` returns the statements `run` sent; `restore()` puts the driver back.
 */
export function countQueries(db: Db) {
  const client = (db as unknown as { $client: Record<string, unknown> }).$client;
  const seen: string[] = [];
  let counting = false;
  const originals = new Map<string, unknown>();
  for (const method of ['query', 'exec']) {
    const original = client[method];
    if (typeof original !== 'function') continue;
    originals.set(method, original);
    client[method] = function (this: unknown, ...args: unknown[]) {
      if (counting) {
        const q = args[0] as string | { text?: string };
        seen.push(typeof q === 'string' ? q : (q?.text ?? String(q)));
      }
      return (original as (...a: unknown[]) => unknown).apply(this, args);
    };
  }
  return {
    async queriesOf(run: () => Promise<unknown>) {
      seen.length = 0;
      counting = true;
      try {
        await run();
      } finally {
        counting = false;
      }
      return [...seen];
    },
    restore() {
      for (const [m, f] of originals) client[m] = f;
    },
  };
}
