import { sql } from 'drizzle-orm';
import type { Platform } from '../../platform/context.js';
import type { ApiPart } from '../../platform/http/app.js';
import './messages.js';
import { syncSubscriptions } from './requests.service.js';
import { schoolsRoutes } from './routes.js';
import { schools } from './schema.js';
import { seedSchoolsDemo } from './seed.js';

/**
 * Schools: the registry of the municipality's school units, their requests (cases of the school
 * request types, filed by principals and deputies, who are partner users), the principal's view,
 * and the municipality's figures, map and yearly reports. See README.md.
 */

export const SYNC_QUEUE = 'schools.sync-subscriptions';

/** Every school's people follow its unfinished requests, for every tenant that has schools. */
export async function syncAllSubscriptions(platform: Platform) {
  const tenants = await platform.db.selectDistinct({ tenantId: schools.tenantId }).from(schools).where(sql`true`);
  for (const t of tenants) await platform.db.transaction(async (tx) => syncSubscriptions(tx, t.tenantId));
}

export const schoolsApi: ApiPart = {
  name: 'schools',
  plugin: async (app, { platform }) => {
    await schoolsRoutes(app, platform);
  },
  async setup(platform: Platform) {
    platform.jobs.register(SYNC_QUEUE, async () => syncAllSubscriptions(platform));
    await platform.jobs.schedule(SYNC_QUEUE, '*/30 * * * *', SYNC_QUEUE);
  },
  async seedDemo(platform: Platform, tenantId: string) {
    await seedSchoolsDemo(platform, tenantId);
  },
};
