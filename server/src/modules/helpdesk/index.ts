import type { ApiPart } from '../../platform/http/app.js';

/** The helpdesk module's HTTP API, jobs and demo data (being built; see README.md once it exists). */
export const helpdeskApi: ApiPart = {
  name: 'helpdesk',
  plugin: async () => {},
};
