import { z } from 'zod';
import type { Platform } from '../../platform/context.js';
import type { App } from '../../platform/http/types.js';
import { requestContext } from '../../platform/service-context.js';
import { searchAddresses } from './addresses.js';
import { importAddresses } from './addresses-import.js';

const ZError = z.object({ code: z.string(), message: z.string(), fields: z.array(z.any()).optional() });
const flag = z
  .enum(['true', 'false', '1', '0'])
  .optional()
  .transform((v) => v === 'true' || v === '1');
const ZAddressHit = z.object({
  id: z.uuid(),
  street: z.string(),
  number: z.string().nullable().describe('null: the street itself (placed at its middle)'),
  postcode: z.string().nullable(),
  lat: z.number(),
  lon: z.number(),
});
const TEXT_TYPES = ['text/csv', 'text/plain', 'text/xml', 'application/xml', 'application/osm+xml'];

/** The address register: search for every channel's place picker; import for the heads who keep the places. */
export async function addressRoutes(app: App, platform: Platform) {
  const { db } = platform;

  app.get(
    '/api/addresses/search',
    {
      config: { access: 'public' },
      schema: {
        tags: ['places'],
        summary: 'Street and number in the municipality’s own address register (accents, case and final sigma ignored)',
        querystring: z.object({
          q: z.string().trim().min(1).max(100).describe('e.g. «ερμου 22», «Βενιζέλου»'),
          limit: z.coerce.number().int().min(1).max(50).default(10),
        }),
        response: { 200: z.object({ items: z.array(ZAddressHit) }) },
      },
    },
    async (req) => ({ items: await searchAddresses(db, req.tenant.id, req.query.q, req.query.limit) }),
  );

  await app.register(async (scope) => {
    const s = scope as unknown as App;
    s.addContentTypeParser(TEXT_TYPES, { parseAs: 'string', bodyLimit: 50 * 1024 * 1024 }, (_req, body, done) => done(null, body));
    s.post(
      '/api/staff/addresses/import',
      {
        config: { access: 'perm:places.manage' },
        bodyLimit: 50 * 1024 * 1024,
        schema: {
          tags: ['places'],
          summary:
            'Import the address register from an OpenStreetMap XML extract (addr:street + addr:housenumber; named highways as streets) or a CSV (street,number,lat,lon[,postcode]); errors by element or line',
          querystring: z.object({ format: z.enum(['osm', 'csv']), skipInvalid: flag, dryRun: flag }),
          response: {
            200: z.object({
              imported: z.number().int(),
              streets: z.number().int(),
              dryRun: z.boolean(),
              skipped: z.array(z.object({ field: z.string(), code: z.string(), message: z.string() })),
            }),
            400: ZError,
          },
        },
      },
      async (req) =>
        importAddresses(db, requestContext(req), req.query.format, typeof req.body === 'string' ? req.body : '', {
          skipInvalid: req.query.skipInvalid,
          dryRun: req.query.dryRun,
        }),
    );
  });
}
