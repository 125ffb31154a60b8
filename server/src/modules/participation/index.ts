import './events.js';
import type { Platform } from '../../platform/context.js';
import type { ApiPart } from '../../platform/http/app.js';
import './participation.messages.js';
import { participationRoutes } from './routes.js';
import { seedParticipationDemo } from './seed.js';
import { participationStaffRoutes } from './staff-routes.js';

export { importDraft } from './draft-import.js';
/**
 * Participation: consultations article by article with a published report, proposals with
 * thresholds, surveys, participatory budgets with accountability, ratings of services, ideas on
 * the map, and moderation. See README.md.
 */
export { type ResidencyPort, registryResidency, setResidencyPort } from './verification.js';

export const participationApi: ApiPart = {
  name: 'participation',
  plugin: async (app, { platform }) => {
    await participationRoutes(app, platform);
    await participationStaffRoutes(app, platform);
  },
  async seedDemo(platform: Platform, tenantId: string) {
    await seedParticipationDemo(platform.db, tenantId);
  },
};
