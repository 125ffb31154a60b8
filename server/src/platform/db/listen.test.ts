import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/db.js';
import { type Database, rows } from './database.js';

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.close());

describe('listen / notify', () => {
  it('delivers what is notified on the channel, and nothing once stopped', async () => {
    const heard: string[] = [];
    const stop = await database.listen('dimos_test_a', (p) => heard.push(p));
    await database.notify('dimos_test_a', 'one');
    await database.notify('dimos_test_other', 'not mine');
    await expect.poll(() => heard).toEqual(['one']);
    await stop();
    await database.notify('dimos_test_a', 'two');
    await new Promise((r) => setTimeout(r, 200));
    expect(heard).toEqual(['one']);
  });

  it('delivers a notify sent inside a transaction at commit, and never after a rollback', async () => {
    const heard: string[] = [];
    const stop = await database.listen('dimos_test_b', (p) => heard.push(p));
    await database.db
      .transaction(async (tx) => {
        await tx.execute(sql`select pg_notify('dimos_test_b', 'rolled back')`);
        throw new Error('roll back');
      })
      .catch(() => undefined);
    await database.db.transaction(async (tx) => {
      await tx.execute(sql`select pg_notify('dimos_test_b', 'committed')`);
    });
    await expect.poll(() => heard).toEqual(['committed']);
    await stop();
  });

  it('keeps hearing after the server drops the listening connection (PostgreSQL; PGlite has none to drop)', async () => {
    const heard: string[] = [];
    const stop = await database.listen('dimos_test_c', (p) => heard.push(p));
    if (database.kind === 'postgres') {
      const dropped = await database.db.execute(
        sql`select pg_terminate_backend(pid) from pg_stat_activity where datname = current_database() and query = 'listen dimos_test_c'`,
      );
      expect(rows(dropped)).toHaveLength(1);
    }
    // the listener comes back within about a second; keep notifying until it hears
    await expect
      .poll(
        async () => {
          await database.notify('dimos_test_c', 'after');
          return heard.length;
        },
        { timeout: 10_000, interval: 300 },
      )
      .toBeGreaterThan(0);
    await stop();
  });

  it('refuses a channel name that is not a plain identifier', async () => {
    await expect(database.listen('bad; drop table x', () => undefined)).rejects.toThrow(/channel/);
  });
});
