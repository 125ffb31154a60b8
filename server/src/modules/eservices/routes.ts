import { z } from 'zod';
import type { Platform } from '../../platform/context.js';
import type { App } from '../../platform/http/types.js';
import { LIFE_EVENTS } from '../cases/index.js';
import { ZFormDefinition } from '../forms/index.js';
import { catalogue, servicePage } from './catalogue.js';
import { DEV_REGISTRY, devRegistryEnabled, devRegistryImitation } from './civil-registry.js';
import { prefill } from './once-only.js';

const ZLifeEvent = z.enum(LIFE_EVENTS);
const ZFee = z
  .object({
    cents: z.number().int(),
    eParavoloCode: z.string().optional(),
    /** The form's date field from which lateness is counted. */
    lateFrom: z.string().optional(),
    lateFines: z.array(z.object({ afterDays: z.number().int(), cents: z.number().int(), eParavoloCode: z.string() })).optional(),
  })
  .nullable();
const ZIdentity = z.enum(['any', 'verified', 'taxisnet']);

const ZServiceSummary = z.object({
  key: z.string(),
  name: z.string(),
  summary: z.string(),
  group: z.string(),
  icon: z.string().nullable(),
  lifeEvents: z.array(ZLifeEvent),
  identity: ZIdentity,
  slaDays: z.number().int().nullable(),
  fee: ZFee,
  issuesDocument: z.boolean(),
  applyPath: z.string().nullable(),
});

const ZCatalogue = z.object({
  lifeEvents: z.array(z.object({ key: ZLifeEvent, name: z.string(), count: z.number().int() })),
  services: z.array(ZServiceSummary),
});

const ZServicePage = z.object({
  key: z.string(),
  name: z.string(),
  description: z.string(),
  group: z.string(),
  icon: z.string().nullable(),
  lifeEvents: z.array(ZLifeEvent),
  identity: ZIdentity,
  onBehalf: z.boolean(),
  issuingUnit: z.object({ name: z.string() }).nullable(),
  slaDays: z.number().int().nullable(),
  fee: ZFee,
  issuesDocument: z.boolean(),
  applyPath: z.string().nullable(),
  requiredDocuments: z.array(
    z.object({ key: z.string().optional(), label: z.string(), optional: z.boolean(), registry: z.string().optional() }),
  ),
  form: ZFormDefinition,
});

const ZPrefill = z.object({
  source: z.literal('civil-registry'),
  answered: z.boolean(),
  values: z.record(z.string(), z.unknown()),
  waived: z.array(z.string()),
});

const ZError = z.object({ code: z.string(), message: z.string(), fields: z.array(z.any()).optional() });
const ZKeyParam = z.object({ key: z.string().min(1).max(100) });

export async function eservicesRoutes(app: App, platform: Platform) {
  const { db } = platform;

  app.get(
    '/api/eservices/catalogue',
    {
      config: { access: 'public' },
      schema: {
        tags: ['eservices'],
        summary: 'The e-services catalogue: life events with counts and the services, searched ignoring accents and case',
        querystring: z.object({
          q: z.string().trim().max(100).optional().describe('words in the name, description or documents (accents and case ignored)'),
          lifeEvent: ZLifeEvent.optional(),
        }),
        response: { 200: ZCatalogue },
      },
    },
    async (req) => catalogue(db, req.tenant.id, req.lang, { q: req.query.q || undefined, lifeEvent: req.query.lifeEvent }),
  );

  app.get(
    '/api/eservices/services/:key',
    {
      config: { access: 'public' },
      schema: {
        tags: ['eservices'],
        summary: 'One service: what is needed, how long it takes, what it costs, its form',
        params: ZKeyParam,
        response: { 200: ZServicePage, 404: ZError },
      },
    },
    async (req) => servicePage(db, req.tenant.id, req.lang, req.params.key),
  );

  app.get(
    '/api/eservices/services/:key/prefill',
    {
      config: { access: 'citizen', rateLimit: { max: 30, timeWindow: '1 minute' } },
      schema: {
        tags: ['eservices'],
        summary: 'Once-only: the applicant prefilled from the Μητρώο Πολιτών (TaxisNet citizens) and the documents it replaces',
        params: ZKeyParam,
        response: { 200: ZPrefill, 404: ZError },
      },
    },
    async (req) => prefill(platform, req, req.params.key),
  );

  if (devRegistryEnabled(platform.cfg)) {
    // Development only: the Μητρώο Πολιτών imitation, the same handler the in-process port calls.
    const imitation = devRegistryImitation();
    app.route({
      method: ['POST'],
      url: `${DEV_REGISTRY.prefix}/*`,
      config: { access: 'public', tenant: false },
      schema: { hide: true },
      handler: async (req, reply) => {
        const res = await imitation.handle({
          method: req.method,
          url: req.url,
          headers: req.headers,
          body: req.body === undefined ? '' : JSON.stringify(req.body),
        });
        return reply.status(res.status).headers(res.headers).send(res.body);
      },
    });
  }
}
