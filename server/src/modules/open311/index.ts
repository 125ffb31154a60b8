import type { ApiPart } from '../../platform/http/app.js';

/** The open311 module's HTTP API, jobs and demo data (being built; see README.md once it exists). */
export const open311Api: ApiPart = {
  name: 'open311',
  plugin: async () => {},
};
