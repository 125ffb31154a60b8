import type { Platform } from '../../platform/context.js';
import type { ApiPart } from '../../platform/http/app.js';
import './messages.js';
import { nurseryRoutes } from './routes.js';
import { seedNurseryDemo } from './seed.js';

/**
 * Nursery enrolment (Εγγραφή σε Παιδικούς / Βρεφονηπιακούς Σταθμούς): the municipality's nurseries,
 * the annual call with published points criteria, applications as cases of the case engine, a
 * reproducible ranking with waiting lists that move when places free up, and the public anonymised
 * ranking. See README.md.
 */

export { CASE_TYPE_KEY, ensureNurseryType } from './case-type.js';

export const nurseryApi: ApiPart = {
  name: 'nursery',
  plugin: async (app, { platform }) => {
    await nurseryRoutes(app, platform);
  },
  async seedDemo(platform: Platform, tenantId: string) {
    await seedNurseryDemo(platform, tenantId);
  },
};
