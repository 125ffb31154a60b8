import type { Database } from './database.js';

/**
 * The channel on which the database announces that a table changed: triggers on the tables that
 * caches are built from (migration 0020_change_notify) send the table's name at commit, from
 * whichever process, job or script made the change, so every server process hears it.
 */
export const CHANGES_CHANNEL = 'dimos_changed';

/** Bumped by `changedHere()`: every entry cached before it is stale in this process. */
let generation = 0;

/**
 * This process has just written (the app calls it before answering any write request): every cache
 * here forgets what it holds, so the writer's next read sees its own write even before the
 * database's NOTIFY arrives. Other processes rely on the NOTIFY.
 */
export function changedHere() {
  generation++;
}

type Hub = { tables: Map<string, Set<() => void>> };
const hubs = new WeakMap<Database, Promise<Hub | null>>();

/** One listener per database (per process); null when the database cannot notify. */
function hub(database: Database): Promise<Hub | null> {
  let h = hubs.get(database);
  if (!h) {
    h = (async () => {
      const tables = new Map<string, Set<() => void>>();
      try {
        await database.listen(CHANGES_CHANNEL, (table) => {
          for (const drop of tables.get(table) ?? []) drop();
        });
        return { tables };
      } catch {
        return null;
      }
    })();
    hubs.set(database, h);
  }
  return h;
}

type Entry<V> = { value: V; at: number; generation: number };

/**
 * Values computed from some tables, kept for at most `ttlMs` and dropped the moment any of those
 * tables changes in any process. Without a working listener it caches nothing (every get loads).
 * A value loaded while a change was announced is not kept (it may predate the change).
 */
export class ChangeCache<V> {
  private entries = new Map<string, Entry<V>>();
  private version = 0;
  private ready: Promise<boolean> | undefined;

  constructor(
    private database: Database,
    private tables: readonly string[],
    private opts: { ttlMs?: number; maxEntries?: number } = {},
  ) {}

  /** Drops everything (also called on every announced change of one of the tables). */
  clear() {
    this.version++;
    this.entries.clear();
  }

  private listening(): Promise<boolean> {
    this.ready ??= hub(this.database).then((h) => {
      if (!h) return false;
      for (const t of this.tables) {
        const set = h.tables.get(t) ?? new Set();
        h.tables.set(t, set);
        set.add(() => this.clear());
      }
      return true;
    });
    return this.ready;
  }

  /** The cached value of `key`, or `load()`'s (kept when `keep` says so, e.g. not for "not found"). */
  async get(key: string, load: () => Promise<V>, keep: (v: V) => boolean = () => true): Promise<V> {
    const live = await this.listening();
    const hit = this.entries.get(key);
    if (hit && live && hit.generation === generation && Date.now() - hit.at <= (this.opts.ttlMs ?? 10_000)) return hit.value;
    if (hit) this.entries.delete(key);
    const since = { version: this.version, generation };
    const value = await load();
    if (live && keep(value) && since.version === this.version && since.generation === generation) {
      if (this.entries.size >= (this.opts.maxEntries ?? 10_000)) this.entries.clear();
      this.entries.set(key, { value, at: Date.now(), generation });
    }
    return value;
  }
}
