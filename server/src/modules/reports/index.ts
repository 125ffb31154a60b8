import type { ApiPart } from '../../platform/http/app.js';

/** The reports module's HTTP API, jobs and demo data (being built; see README.md once it exists). */
export const reportsApi: ApiPart = {
  name: 'reports',
  plugin: async () => {},
};
