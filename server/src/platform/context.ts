import type { FastifyBaseLogger } from 'fastify';
import type { TConfig } from './config/config.js';
import type { Database, Db } from './db/database.js';
import type { FileStore } from './files/store.js';
import type { Jobs } from './jobs/jobs.js';
import type { Messaging } from './messaging/messaging.js';
import type { TenantResolver } from './tenancy/tenancy.js';

/** What every module is handed: the platform's shared services. Modules keep no other globals. */
export interface Platform {
  cfg: TConfig;
  database: Database;
  db: Db;
  log: FastifyBaseLogger;
  tenants: TenantResolver;
  jobs: Jobs;
  files: FileStore;
  messaging: Messaging;
}
