import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';
import { sql } from 'drizzle-orm';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import pg from 'pg';
import * as schema from './schema.js';

export type Schema = typeof schema;
/** The Drizzle database, whichever driver is underneath. Transactions have the same shape. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
export type DbOrTx = Db | Tx;

export const MIGRATIONS_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../../migrations');

export interface Database {
  db: Db;
  kind: 'pglite' | 'postgres';
  migrate(): Promise<void>;
  /** True when every migration in the history has been applied. */
  migrationsApplied(): Promise<boolean>;
  ping(): Promise<void>;
  /**
   * Hears `NOTIFY` on a channel from every process that shares the database (PostgreSQL: one
   * dedicated connection per process, reconnecting after a drop; PGlite: in-process). Returns the
   * way to stop listening. Send with `notify` (or `pg_notify` inside a transaction, delivered at commit).
   */
  listen(channel: string, onPayload: (payload: string) => void): Promise<() => Promise<void>>;
  notify(channel: string, payload: string): Promise<void>;
  close(): Promise<void>;
}

/**
 * PGlite's shared buffers live in the process's own memory (its WebAssembly heap): the default
 * 128 MB is a quarter of the 512 MB a small municipality's server is given. A municipality's working
 * set fits in 32 MB, and the operating system's page cache still holds the files underneath.
 */
export const PGLITE_SHARED_BUFFERS = '32MB';
const PGLITE_START_PARAMS = [...PGlite.defaultStartParams, '-c', `shared_buffers=${PGLITE_SHARED_BUFFERS}`];

const CHANNEL = /^[a-z_][a-z0-9_]{0,62}$/;
type Listen = Database['listen'];

export type DatabaseOptions = { url: string; poolSize?: number } | { dataDir?: string; loadDataDir?: Blob | File } | { pglite: PGlite };

export async function openDatabase(opts: DatabaseOptions): Promise<Database> {
  if ('url' in opts) {
    const pool = new pg.Pool({ connectionString: opts.url, max: opts.poolSize ?? 10 });
    pool.on('error', () => {
      /* an idle client died (e.g. server restart); the pool replaces it */
    });
    const db = drizzlePg(pool, { schema }) as unknown as Db;
    const listeners = new Set<() => Promise<void>>();
    const listen: Listen = async (channel, onPayload) => {
      const stop = await pgListener(opts.url, channel, onPayload);
      const remove = async () => {
        listeners.delete(remove);
        await stop();
      };
      listeners.add(remove);
      return remove;
    };
    return wrap(
      db,
      'postgres',
      () => migratePg(drizzlePg(pool), { migrationsFolder: MIGRATIONS_DIR }),
      async () => {
        await Promise.all([...listeners].map((stop) => stop()));
        await pool.end();
      },
      listen,
    );
  }
  let client: PGlite;
  if ('pglite' in opts) client = opts.pglite;
  else {
    if (opts.dataDir) mkdirSync(opts.dataDir, { recursive: true });
    client = await PGlite.create({
      dataDir: opts.dataDir ? join(opts.dataDir, 'pg') : undefined,
      loadDataDir: opts.loadDataDir,
      extensions: { pg_trgm, unaccent },
      startParams: PGLITE_START_PARAMS,
    });
  }
  const db = drizzlePglite(client, { schema }) as unknown as Db;
  return wrap(
    db,
    'pglite',
    () => migratePglite(drizzlePglite(client), { migrationsFolder: MIGRATIONS_DIR }),
    () => client.close(),
    async (channel, onPayload) => {
      if (!CHANNEL.test(channel)) throw new Error(`bad channel name ${channel}`);
      const stop = await client.listen(channel, onPayload);
      return async () => {
        if (!client.closed) await stop();
      };
    },
  );
}

/** A dedicated connection that LISTENs, and comes back after the server drops it until stopped. */
async function pgListener(url: string, channel: string, onPayload: (payload: string) => void): Promise<() => Promise<void>> {
  if (!CHANNEL.test(channel)) throw new Error(`bad channel name ${channel}`);
  let stopped = false;
  let client: pg.Client | undefined;
  let retry: NodeJS.Timeout | undefined;
  const connect = async () => {
    const c = new pg.Client({ connectionString: url });
    c.on('notification', (n) => {
      if (n.channel === channel) onPayload(n.payload ?? '');
    });
    const again = () => {
      if (stopped || client !== c) return;
      client = undefined;
      retry = setTimeout(() => void connect().catch(again), 1000);
    };
    c.on('error', again);
    c.on('end', again);
    client = c;
    await c.connect();
    await c.query(`listen ${channel}`);
  };
  await connect();
  return async () => {
    stopped = true;
    clearTimeout(retry);
    const c = client;
    client = undefined;
    await c?.end().catch(() => undefined);
  };
}

function wrap(db: Db, kind: Database['kind'], runMigrations: () => Promise<void>, close: () => Promise<void>, listen: Listen): Database {
  return {
    db,
    kind,
    listen,
    async notify(channel, payload) {
      await db.execute(sql`select pg_notify(${channel}, ${payload})`);
    },
    migrate: runMigrations,
    async migrationsApplied() {
      const { readMigrationFiles } = await import('drizzle-orm/migrator');
      const expected = readMigrationFiles({ migrationsFolder: MIGRATIONS_DIR }).length;
      try {
        const res = await db.execute(sql`select count(*)::int as n from drizzle.__drizzle_migrations`);
        const n = (res as unknown as { rows: { n: number }[] }).rows[0]?.n ?? 0;
        return n >= expected;
      } catch {
        return false;
      }
    },
    async ping() {
      await db.execute(sql`select 1`);
    },
    close,
  };
}

/** Rows of a raw `db.execute` on either driver. */
export function rows<T>(result: unknown): T[] {
  return (result as { rows: T[] }).rows;
}
