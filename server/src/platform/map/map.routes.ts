import type { ApiPart } from '../http/app.js';
import { mapConfigOf, ZMapConfig } from './map-config.js';

/** `GET /api/config/map`: the base map of the municipality (public: every map page reads it). */
export const mapApi: ApiPart = {
  name: 'map',
  plugin: async (app, { platform }) => {
    app.get(
      '/api/config/map',
      {
        config: { access: 'public' },
        schema: {
          tags: ['tenant'],
          summary: "The municipality's base map: tile URL template, attribution, centre and zoom",
          response: { 200: ZMapConfig },
        },
      },
      async (req, reply) => {
        reply.header('cache-control', 'public, max-age=300');
        return mapConfigOf(req.tenant, platform.cfg);
      },
    );
  },
};
