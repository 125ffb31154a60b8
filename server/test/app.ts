import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { inject } from 'vitest';
import { parts, partsNamed, setupParts } from '../src/api.js';
import { loadConfig } from '../src/platform/config/config.js';
import type { Database } from '../src/platform/db/database.js';
import { openDatabase, rows } from '../src/platform/db/database.js';
import { buildApp } from '../src/platform/http/app.js';
import { createPlatform } from '../src/platform/platform.js';
import { createTestDatabase } from './db.js';
import { makeTenant } from './factories.js';
import { withDatabase } from './global-setup.js';

export type TestAppOptions = {
  /**
   * Boot only these modules (by part name, e.g. `['cases', 'notify']`) besides the platform's parts:
   * a medium test starts what it tests. Without it, every part (what the route-table walks need).
   */
  parts?: string[];
};

/**
 * The server on this test file's own database, with one tenant made for it: every part, or the
 * platform and `opts.parts`. Requests go through `app.inject` with the tenant's `x-tenant` header.
 */
export async function createTestApp(env: Record<string, string> = {}, database?: Database, opts: TestAppOptions = {}) {
  const db = database ?? (await createTestDatabase());
  const dataDir = mkdtempSync(join(tmpdir(), 'dimos-app-'));
  const cfg = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', DATA_DIR: dataDir, ...env });
  const platform = await createPlatform(cfg, db);
  const chosen = opts.parts ? partsNamed(opts.parts) : parts;
  await setupParts(platform, chosen);
  const app = await buildApp(platform, chosen, { logger: false });
  await app.ready();
  const tenant = await makeTenant(platform.db);
  return {
    app,
    platform,
    db: platform.db,
    tenant,
    headers: (extra: Record<string, string> = {}) => ({ 'x-tenant': tenant.slug, ...extra }),
    async close() {
      await platform.jobs.stop();
      await app.close();
      await db.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export type TestApp = Awaited<ReturnType<typeof createTestApp>>;

/**
 * A second server process on the same database as `sut`: its own platform, jobs and (on
 * PostgreSQL) its own pool and connections. PGlite is embedded, so there it shares the database object.
 * Requests need `sut.headers()` (the tenant is sut's).
 */
export async function createSecondServer(sut: TestApp) {
  const info = inject('testDb');
  const shared = info.kind === 'postgres';
  let database = sut.platform.database;
  if (info.kind === 'postgres') {
    const name = rows<{ name: string }>(await sut.db.execute(sql`select current_database() as name`))[0]?.name ?? '';
    database = await openDatabase({ url: withDatabase(info.url, name), poolSize: 2 });
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'dimos-app-b-'));
  const platform = await createPlatform(loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', DATA_DIR: dataDir }), database);
  await setupParts(platform);
  const app = await buildApp(platform, parts, { logger: false });
  await app.ready();
  return {
    app,
    platform,
    async close() {
      await platform.jobs.stop();
      await app.close();
      if (shared) await database.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
