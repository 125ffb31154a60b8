import { join } from 'node:path';
import pino from 'pino';
import type { TConfig } from './config/config.js';
import type { Platform } from './context.js';
import { type Database, openDatabase } from './db/database.js';
import { createFileStore } from './files/store-factory.js';
import { Jobs } from './jobs/jobs.js';
import { Messaging } from './messaging/messaging.js';
import { TenantResolver } from './tenancy/tenancy.js';

/** Opens the database and builds the shared services every module receives. */
export async function createPlatform(cfg: TConfig, database?: Database): Promise<Platform> {
  const log = pino({ level: cfg.LOG_LEVEL });
  const db =
    database ??
    (await openDatabase(cfg.DATABASE_URL ? { url: cfg.DATABASE_URL, poolSize: cfg.DATABASE_POOL_SIZE } : { dataDir: cfg.DATA_DIR }));
  return {
    cfg,
    database: db,
    db: db.db,
    log,
    tenants: new TenantResolver(db.db, cfg.DEFAULT_TENANT),
    jobs: new Jobs(db.db, log),
    files: createFileStore(cfg, cfg.FILES_DIR ?? join(cfg.DATA_DIR, 'files')),
    messaging: new Messaging(db.db, cfg, log),
  };
}
