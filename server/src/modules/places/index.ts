import type { Platform } from '../../platform/context.js';
import type { ApiPart } from '../../platform/http/app.js';
import { addressRoutes } from './addresses.routes.js';
import './messages.js';
import { placesRoutes } from './routes.js';
import { seedAddressesDemo, seedPlacesDemo } from './seed.js';

export { normaliseAddress, searchAddresses } from './addresses.js';

/**
 * Places of interest: categories with icons, places with hours, accessibility and photos; public
 * search for the map and list (box, category, words, nearest first); staff editing, CSV and
 * GeoJSON import/export; the address register (street and number) every channel's place picker
 * searches, imported from OpenStreetMap or CSV. See README.md.
 */
export const placesApi: ApiPart = {
  name: 'places',
  plugin: async (app, { platform }) => {
    await placesRoutes(app, platform);
    await addressRoutes(app, platform);
  },
  async seedDemo(platform: Platform, tenantId: string) {
    await seedPlacesDemo(platform.db, tenantId);
    await seedAddressesDemo(platform.db, tenantId);
  },
};
