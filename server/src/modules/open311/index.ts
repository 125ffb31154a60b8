import type { ApiPart } from '../../platform/http/app.js';
import './messages.js';
import { open311Routes } from './routes.js';

/**
 * Open311 GeoReport v2 at /open311/v2: the tenant's public case types as services, their forms as
 * service definitions, cases as requests, in XML and JSON; API keys per client application. See README.md.
 */
export const open311Api: ApiPart = {
  name: 'open311',
  plugin: async (app, { platform }) => {
    await open311Routes(app, platform);
  },
};
