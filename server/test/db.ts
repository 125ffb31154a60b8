import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import pg from 'pg';
import { inject } from 'vitest';
import { type Database, openDatabase } from '../src/platform/db/database.js';
import { withDatabase } from './global-setup.js';

/** A migrated database of this test file's own, cloned from the run's template in well under a second. */
export async function createTestDatabase(): Promise<Database> {
  const info = inject('testDb');
  if (info.kind === 'postgres') {
    const name = `${info.template.replace('tmpl', 't')}_${randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: info.url });
    await admin.connect();
    try {
      await admin.query(`create database ${name} template ${info.template}`);
    } finally {
      await admin.end();
    }
    const db = await openDatabase({ url: withDatabase(info.url, name), poolSize: 5 });
    const close = db.close;
    return {
      ...db,
      close: async () => {
        await close();
        const a = new pg.Client({ connectionString: info.url });
        await a.connect();
        await a.query(`drop database if exists ${name} with (force)`).finally(() => a.end());
      },
    };
  }
  const bytes = readFileSync(info.snapshot);
  return openDatabase({ loadDataDir: new Blob([bytes]) });
}
