import { clear, createStore, del, entries, get, set, type UseStore } from 'idb-keyval';

/**
 * A local store on the device (IndexedDB through idb-keyval): records by id that survive a closed
 * tab, a dead battery or a day without network. One database per store name, so stores of
 * different apps never clash and one can be cleared alone (a kiosk clears its own after each person).
 */
export interface LocalStore<T> {
  readonly name: string;
  get(id: string): Promise<T | undefined>;
  put(id: string, value: T): Promise<void>;
  delete(id: string): Promise<void>;
  all(): Promise<T[]>;
  clear(): Promise<void>;
  /** Called after every change made through this store. */
  subscribe(listener: () => void): () => void;
}

export function createLocalStore<T>(dbName: string, storeName = 'items'): LocalStore<T> {
  let idb: UseStore | null = null;
  // opened on first use, so importing a module that declares a store costs nothing
  const db = () => {
    idb ??= createStore(dbName, storeName);
    return idb;
  };
  const listeners = new Set<() => void>();
  const changed = () => {
    for (const l of listeners) l();
  };
  return {
    name: dbName,
    get: (id) => get<T>(id, db()),
    async put(id, value) {
      await set(id, value, db());
      changed();
    },
    async delete(id) {
      await del(id, db());
      changed();
    },
    async all() {
      return (await entries<string, T>(db())).map(([, v]) => v);
    },
    async clear() {
      await clear(db());
      changed();
    },
    subscribe(l) {
      listeners.add(l);
      return () => {
        listeners.delete(l);
      };
    },
  };
}

export const newId = () =>
  typeof crypto !== 'undefined' && typeof crypto.randomUUID === 'function'
    ? crypto.randomUUID()
    : `${Date.now()}-${Math.random().toString(16).slice(2)}`;
