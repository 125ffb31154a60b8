import type { Actor } from '../../platform/access/access.js';
import type { Platform } from '../../platform/context.js';
import type { DbOrTx } from '../../platform/db/database.js';
import { registerFileAccess } from '../../platform/files/index.js';
import type { ApiPart } from '../../platform/http/app.js';
import { findCases, registerSubmitCheck } from '../cases/index.js';
import { refuseOutside } from './areas.js';
import { isReportType } from './categories.js';
import { registerReportEvents } from './events.js';
import { moderationOf } from './moderation.read.js';
import './messages.js';
import { connectMapFanout } from './map.service.js';
import { publicPhotos } from './public.service.js';
import { reportsRoutes } from './routes.js';
import { seedReportsDemo } from './seed.js';
import { loadReportSettings } from './status.js';

/**
 * Street problems on top of the case engine: categories routed to units or outside bodies, the
 * municipality's boundary and districts, a public map with server-side clustering, duplicates,
 * honest public statuses, area alerts with RSS, and moderation. See README.md.
 */

export { hiddenReportIds } from './moderation.read.js';
export { reportModeration } from './schema.js';
export { PUBLIC_STATUSES, publicStatus, type TPublicStatus } from './status.js';

/** Anyone may download a report's photo once it is public (moderated, or by the tenant's setting). */
async function reportPhotoAccess(_actor: Actor, fileId: string, tenantId: string, db: DbOrTx): Promise<boolean> {
  const found = await findCases(db, tenantId, { fileId }, { limit: 5 });
  const mods = await moderationOf(
    db,
    found.map((c) => c.id),
  );
  const rows = found.map((c) => ({ c, m: mods.get(c.id) ?? null }));
  if (!rows.length) return false;
  const settings = await loadReportSettings(db, tenantId);
  for (const r of rows) {
    if (r.m?.hidden || !(await isReportType(db, tenantId, r.c.caseTypeId))) continue;
    if (publicPhotos(r.c, r.m, settings).includes(fileId)) return true;
  }
  return false;
}

export const reportsApi: ApiPart = {
  name: 'reports',
  plugin: async (app, { platform }) => {
    await reportsRoutes(app, platform);
  },
  async setup(platform: Platform) {
    await connectMapFanout(platform.database);
    registerSubmitCheck(refuseOutside);
    registerReportEvents(platform);
    registerFileAccess(reportPhotoAccess, { name: 'reports' });
  },
  async seedDemo(platform: Platform, tenantId: string) {
    await seedReportsDemo(platform.db, tenantId);
  },
};
