import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parts, setupParts } from '../src/api.js';
import { loadConfig } from '../src/platform/config/config.js';
import type { Database } from '../src/platform/db/database.js';
import { buildApp } from '../src/platform/http/app.js';
import { createPlatform } from '../src/platform/platform.js';
import { createTestDatabase } from './db.js';
import { makeTenant } from './factories.js';

/**
 * The whole server on this test file's own database, with one tenant made for it.
 * Requests go through `app.inject` with the tenant's `x-tenant` header.
 */
export async function createTestApp(env: Record<string, string> = {}, database?: Database) {
  const db = database ?? (await createTestDatabase());
  const dataDir = mkdtempSync(join(tmpdir(), 'dimos-app-'));
  const cfg = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', DATA_DIR: dataDir, ...env });
  const platform = await createPlatform(cfg, db);
  await setupParts(platform);
  const app = await buildApp(platform, parts, { logger: false });
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
