import './events.js';
import type { Platform } from '../../platform/context.js';
import type { ApiPart } from '../../platform/http/app.js';
import './messages.js';
import { PUBLISH_QUEUE, runScheduledPublish } from './content.service.js';
import { normaliseAda } from './council.service.js';
import { contentRoutes } from './routes.js';
import { seedContentDemo } from './seed.js';

/**
 * Content from the press office (news, announcements, events, internal announcements), urgent
 * alerts, feeds (RSS, Atom, iCalendar) and the council's meetings with their decisions. See README.md.
 */

export { normaliseAda };

export const contentApi: ApiPart = {
  name: 'content',
  plugin: async (app, { platform }) => {
    await contentRoutes(app, platform);
  },
  setup(platform: Platform) {
    platform.jobs.register(PUBLISH_QUEUE, async (job) => runScheduledPublish(platform, job.tenantId as string, String(job.payload.id)));
  },
  async seedDemo(platform: Platform, tenantId: string) {
    await platform.db.transaction((tx) => seedContentDemo(tx, tenantId));
  },
};
