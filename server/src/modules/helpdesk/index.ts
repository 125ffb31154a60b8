import type { Platform } from '../../platform/context.js';
import type { ApiPart } from '../../platform/http/app.js';
import { findCase } from '../cases/index.js';
import { CASE_EVENT_TYPES, LiveHub, type LiveMessage } from './live.js';
import './messages.js';
import { helpdeskRoutes } from './routes.js';
import { seedHelpdeskDemo } from './seed.js';

/**
 * The help desk: staff inboxes with live updates, saved views, bulk actions, reply templates,
 * the call centre's caller search and the dashboard with exports. Builds on the case engine. See README.md.
 */

/**
 * One hub per server (process): its live connections. The process whose job runs a case event
 * NOTIFYs it on the database; every process LISTENs and passes it to its own connections, so a
 * help desk spread over several processes sees every update.
 */
const hubs = new WeakMap<Platform, LiveHub>();
const hubOf = (platform: Platform) => {
  let hub = hubs.get(platform);
  if (!hub) {
    hub = new LiveHub();
    hubs.set(platform, hub);
  }
  return hub;
};
const LIVE_CHANNEL = 'helpdesk_live';

export const helpdeskApi: ApiPart = {
  name: 'helpdesk',
  plugin: async (app, { platform }) => {
    await helpdeskRoutes(app, platform, hubOf(platform));
  },
  async setup(platform: Platform) {
    const hub = hubOf(platform);
    await platform.database.listen(LIVE_CHANNEL, (payload) => {
      const { tenantId, message } = JSON.parse(payload) as { tenantId: string; message: LiveMessage };
      hub.publish(tenantId, message);
    });
    for (const type of CASE_EVENT_TYPES) {
      platform.jobs.on(type, `helpdesk.live.${type}`, async (e) => {
        const caseId = typeof e.payload.caseId === 'string' ? e.payload.caseId : null;
        if (!caseId) return;
        const c = await findCase(platform.db, e.tenantId, caseId);
        const message = hub.fromEvent(e, c?.unitId ?? null);
        if (message) await platform.database.notify(LIVE_CHANNEL, JSON.stringify({ tenantId: e.tenantId, message }));
      });
    }
  },
  async seedDemo(platform: Platform, tenantId: string) {
    await seedHelpdeskDemo(platform.db, tenantId);
  },
};
