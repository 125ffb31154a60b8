import type { ApiPart } from '../../platform/http/app.js';

/** The schools module's HTTP API, jobs and demo data (being built; see README.md once it exists). */
export const schoolsApi: ApiPart = {
  name: 'schools',
  plugin: async () => {},
};
