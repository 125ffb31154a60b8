import { eq } from 'drizzle-orm';
import type { Platform } from '../../platform/context.js';
import type { ApiPart } from '../../platform/http/app.js';
import { cases } from '../cases/index.js';
import { CASE_EVENT_TYPES, LiveHub } from './live.js';
import './messages.js';
import { helpdeskRoutes } from './routes.js';
import { seedHelpdeskDemo } from './seed.js';

/**
 * The help desk: staff inboxes with live updates, saved views, bulk actions, reply templates,
 * the call centre's caller search and the dashboard with exports. Builds on the case engine. See README.md.
 */

/** One hub per process: case events from the outbox go to this process's live connections. */
export const liveHub = new LiveHub();

export const helpdeskApi: ApiPart = {
  name: 'helpdesk',
  plugin: async (app, { platform }) => {
    await helpdeskRoutes(app, platform, liveHub);
  },
  async setup(platform: Platform) {
    for (const type of CASE_EVENT_TYPES) {
      platform.jobs.on(type, `helpdesk.live.${type}`, async (e) => {
        if (!liveHub.size) return;
        const caseId = typeof e.payload.caseId === 'string' ? e.payload.caseId : null;
        if (!caseId) return;
        const [c] = await platform.db.select({ unitId: cases.unitId }).from(cases).where(eq(cases.id, caseId));
        const m = liveHub.fromEvent(e, c?.unitId ?? null);
        if (m) liveHub.publish(e.tenantId, m);
      });
    }
  },
  async seedDemo(platform: Platform, tenantId: string) {
    await seedHelpdeskDemo(platform.db, tenantId);
  },
};
