import type { ApiPart } from '../../platform/http/app.js';

/** The content module's HTTP API, jobs and demo data (being built; see README.md once it exists). */
export const contentApi: ApiPart = {
  name: 'content',
  plugin: async () => {},
};
