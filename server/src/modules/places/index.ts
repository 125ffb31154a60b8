import type { Platform } from '../../platform/context.js';
import type { ApiPart } from '../../platform/http/app.js';
import './messages.js';
import { placesRoutes } from './routes.js';
import { seedPlacesDemo } from './seed.js';

/**
 * Places of interest: categories with icons, places with hours, accessibility and photos; public
 * search for the map and list (box, category, words, nearest first); staff editing, CSV and
 * GeoJSON import/export. See README.md.
 */
export const placesApi: ApiPart = {
  name: 'places',
  plugin: async (app, { platform }) => {
    await placesRoutes(app, platform);
  },
  async seedDemo(platform: Platform, tenantId: string) {
    await seedPlacesDemo(platform.db, tenantId);
  },
};
