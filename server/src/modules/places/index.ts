import type { ApiPart } from '../../platform/http/app.js';

/** The places module's HTTP API, jobs and demo data (being built; see README.md once it exists). */
export const placesApi: ApiPart = {
  name: 'places',
  plugin: async () => {},
};
