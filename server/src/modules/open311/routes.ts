import multipart from '@fastify/multipart';
import { and, eq } from 'drizzle-orm';
import type { FastifyError, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { audit } from '../../platform/audit/audit.js';
import type { Platform } from '../../platform/context.js';
import { KIND_LIMIT_MB, prepareUpload, saveUploads, type TPreparedUpload } from '../../platform/files/index.js';
import { renderError, toAppError } from '../../platform/http/error-handler.js';
import { AppError } from '../../platform/http/errors.js';
import type { App } from '../../platform/http/types.js';
import { newToken } from '../../platform/identity/tokens.js';
import { requestContext } from '../../platform/service-context.js';
import { getCaseType, loadCase, submitCase } from '../cases/index.js';
import { clientByKey, createClient, listClients, revokeClient, toClientView } from './clients.js';
import { list, Open311Error, open311Error, send, sendErrors, type TFormat, type TOpen311Error } from './format.js';
import { baseUrlOf, findRequest, findRequests, toRequestViews } from './requests.js';
import { open311Submissions } from './schema.js';
import { attributesOf, attributesToData, isOpen311Type, open311Types, pick } from './services.js';

export const OPEN311_BASE = '/open311/v2';
/** When this implementation of the API last changed (discovery's `changeset`). */
export const API_CHANGESET = '2026-11-23T00:00:00Z';
export const MAX_MEDIA = 5;

/** Longest values of the free-text parameters, as the case API has them (phone 40, like ZContact). */
const OPEN311_TEXT_LIMITS: [string, number][] = [
  ['phone', 40],
  ['email', 200],
  ['first_name', 100],
  ['last_name', 100],
  ['address_string', 300],
  ['address_id', 200],
  ['device_id', 200],
  ['account_id', 200],
  ['jurisdiction_id', 200],
  ['service_code', 100],
  ['media_url', 2000],
];

const MEDIA_KINDS = ['image', 'video'] as const;

const FORMATS = { json: 'application/json', xml: 'text/xml' } as const;
/** An empty parameter behaves exactly like a missing one. */
const opt = z
  .string()
  .max(20_000)
  .optional()
  .transform((s) => (s === '' ? undefined : s));
const ZJurisdiction = z.object({ jurisdiction_id: opt });
const ZFormatParam = z.object({ format: z.string().describe('json or xml') });

function formatOf(req: FastifyRequest): TFormat {
  const path = req.url.split('?')[0] ?? '';
  return /\.json$/i.test(path) ? 'json' : 'xml';
}

function wantFormat(raw: string): TFormat {
  const f = raw.toLowerCase();
  if (f !== 'json' && f !== 'xml') throw open311Error(404, 'Unknown format: use .json or .xml');
  return f;
}

/** A single-jurisdiction endpoint: `jurisdiction_id` may be left out; when given it must be this municipality. */
function checkJurisdiction(req: FastifyRequest, id: string | undefined) {
  if (!id) return;
  const names = [req.tenant.slug, ...req.tenant.hosts.map((h) => h.replace(/^www\./, ''))];
  if (!names.includes(id.toLowerCase())) throw open311Error(404, 'jurisdiction_id not found');
}

/** Any failure under /open311/v2 answers in the spec's error format: 404 missing, 403 api_key, 400 anything else. */
function toOpen311(err: unknown, req: FastifyRequest): Open311Error {
  if (err instanceof Open311Error) return err;
  const app = toAppError(err as FastifyError);
  if (!app) {
    req.log.error({ err }, 'unhandled error in open311');
    return open311Error(400, 'The request could not be processed; please try again later', 500);
  }
  const body = renderError(req.lang ?? 'el', app);
  const status = app.status === 404 ? 404 : app.status === 403 && app.code !== 'case_type.not_public' ? 403 : 400;
  const errors: TOpen311Error[] = body.fields?.length
    ? body.fields.map((f) => ({ code: 400, description: `${f.field}: ${f.message}` }))
    : [{ code: app.status, description: body.message }];
  return new Open311Error(status, errors);
}

type TEntries = [string, string][];

/** Reads `attribute[CODE]` and `attribute[CODE][]` parameters. */
function attributeParams(entries: TEntries) {
  const out = new Map<string, string[]>();
  for (const [k, v] of entries) {
    const m = k.match(/^attribute\[([^\]]+)\](\[\])?$/);
    if (!m?.[1]) continue;
    const code = m[1];
    out.set(code, [...(out.get(code) ?? []), v]);
  }
  return out;
}

const LatLon = z.coerce.number().finite();

export async function open311Routes(app: App, platform: Platform) {
  const { db, cfg } = platform;

  await app.register(
    async (plain) => {
      const o = plain.withTypeProvider<ZodTypeProvider>();
      o.setErrorHandler((err, req, reply) => sendErrors(reply, formatOf(req), toOpen311(err, req)));
      o.setNotFoundHandler((req, reply) => sendErrors(reply, formatOf(req), open311Error(404, 'Not found')));
      o.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 64 * 1024 }, (_req, body, done) => {
        done(null, [...new URLSearchParams(body as string).entries()]);
      });
      const mediaLimit = Math.min(Math.max(...MEDIA_KINDS.map((k) => KIND_LIMIT_MB[k])), cfg.FILES_MAX_MB) * 1024 * 1024;
      await o.register(multipart, {
        limits: { fileSize: mediaLimit, files: MAX_MEDIA, fields: 60, fieldSize: 8000, parts: MAX_MEDIA + 60, headerPairs: 100 },
      });

      o.get(
        `/discovery.:format`,
        {
          config: { access: 'public' },
          schema: {
            tags: ['open311'],
            summary: 'Open311 service discovery (XML or JSON)',
            params: ZFormatParam,
          },
        },
        async (req, reply) => {
          const format = wantFormat(req.params.format);
          const base = baseUrlOf(req, cfg);
          const contacts = req.tenant.contacts as { email?: string; phone?: string };
          const contact = [pick(req.lang, req.tenant.nameEl, req.tenant.nameEn), contacts.email, contacts.phone].filter(Boolean).join(', ');
          return send(reply, format, 200, 'discovery', {
            changeset: API_CHANGESET,
            contact,
            key_service:
              req.lang === 'en'
                ? `API keys for POST requests are issued by the municipality's administrators on request${contacts.email ? ` (${contacts.email})` : ''}.`
                : `Κλειδιά API για υποβολή αιτημάτων εκδίδουν οι διαχειριστές του δήμου κατόπιν αιτήματος${contacts.email ? ` (${contacts.email})` : ''}.`,
            endpoints: list('endpoint', [
              {
                specification: 'http://wiki.open311.org/GeoReport_v2',
                url: `${base}${OPEN311_BASE}`,
                changeset: API_CHANGESET,
                type: cfg.NODE_ENV === 'production' ? 'production' : 'test',
                formats: list('format', [FORMATS.xml, FORMATS.json]),
              },
            ]),
          });
        },
      );

      o.get(
        `/services.:format`,
        {
          config: { access: 'public' },
          schema: {
            tags: ['open311'],
            summary: 'GET Service List: the public case types',
            params: ZFormatParam,
            querystring: ZJurisdiction,
          },
        },
        async (req, reply) => {
          const format = wantFormat(req.params.format);
          checkJurisdiction(req, req.query.jurisdiction_id);
          const types = await open311Types(db, req.tenant.id);
          return send(
            reply,
            format,
            200,
            'services',
            list(
              'service',
              types.map((t) => ({
                service_code: t.key,
                service_name: pick(req.lang, t.snapshot.nameEl, t.snapshot.nameEn),
                description:
                  pick(req.lang, t.snapshot.descriptionEl ?? '', t.snapshot.descriptionEn ?? '') ||
                  pick(req.lang, t.snapshot.nameEl, t.snapshot.nameEn),
                metadata: attributesOf(t, req.lang).length > 0,
                type: 'realtime',
                keywords: [t.group, t.icon].filter(Boolean).join(','),
                group: t.group,
              })),
            ),
          );
        },
      );

      o.get(
        `/services/:service_code.:format`,
        {
          config: { access: 'public' },
          schema: {
            tags: ['open311'],
            summary: "GET Service Definition: the attributes from the case type's form",
            params: z.object({ service_code: z.string().max(200), format: z.string() }),
            querystring: ZJurisdiction,
          },
        },
        async (req, reply) => {
          const format = wantFormat(req.params.format);
          checkJurisdiction(req, req.query.jurisdiction_id);
          const type = (await open311Types(db, req.tenant.id)).find((t) => t.key === req.params.service_code);
          if (!type) throw open311Error(404, 'service_code not found');
          return send(reply, format, 200, 'service_definition', {
            service_code: type.key,
            attributes: list(
              'attribute',
              attributesOf(type, req.lang).map((a) => ({
                variable: a.variable,
                code: a.code,
                datatype: a.datatype,
                required: a.required,
                datatype_description: a.datatype_description,
                order: a.order,
                description: a.description,
                ...(a.values ? { values: list('value', a.values) } : {}),
              })),
            ),
          });
        },
      );

      o.post(
        `/requests.:format`,
        {
          config: { access: 'public', rateLimit: { max: 60, timeWindow: '1 minute' } },
          schema: {
            tags: ['open311'],
            summary: 'POST Service Request (api_key required; x-www-form-urlencoded, or multipart with media[] files per the v2.1 draft)',
            description:
              'Parameters: api_key, service_code, lat+long or address_string or address_id, attribute[CODE] (attribute[CODE][] for lists), ' +
              'description (≤ 4000), email, first_name, last_name, phone, device_id, account_id, media_url; media[] files (images, video; ' +
              `up to ${MAX_MEDIA}). Realtime: answers the service_request_id. An Idempotency-Key header makes retries safe.`,
            params: ZFormatParam,
          },
        },
        async (req, reply) => {
          const format = wantFormat(req.params.format);
          // 1. read the parameters (and hold media bytes until the key is checked)
          const entries: TEntries = [];
          const media: { buffer: Buffer; filename: string }[] = [];
          if (req.isMultipart()) {
            try {
              for await (const part of req.parts()) {
                if (part.type === 'file') {
                  if (part.fieldname !== 'media[]' && part.fieldname !== 'media') {
                    part.file.resume();
                    throw open311Error(400, `Unexpected file field ${part.fieldname.slice(0, 40)}: send files as media[]`);
                  }
                  const buffer = await part.toBuffer();
                  if (part.file.truncated) throw open311Error(400, `media: a file is larger than ${mediaLimit / 1024 / 1024} MB`);
                  media.push({ buffer, filename: part.filename });
                } else {
                  entries.push([part.fieldname, String(part.value)]);
                }
              }
            } catch (err) {
              const code = (err as { code?: string }).code;
              if (code === 'FST_FILES_LIMIT' || code === 'FST_PARTS_LIMIT') throw open311Error(400, `media: at most ${MAX_MEDIA} files`);
              if (code === 'FST_REQ_FILE_TOO_LARGE') throw open311Error(400, `media: a file is larger than ${mediaLimit / 1024 / 1024} MB`);
              throw err;
            }
          } else if (Array.isArray(req.body)) {
            entries.push(...(req.body as TEntries));
          } else if (req.body != null) {
            throw open311Error(400, 'Send the parameters as application/x-www-form-urlencoded or multipart/form-data');
          }
          const param = (name: string) => {
            const v = entries.find(([k]) => k === name)?.[1];
            return v === '' ? undefined : v;
          };

          // 2. the key: missing or wrong is 403
          const key = param('api_key');
          const client = key ? await clientByKey(db, req.tenant.id, key) : null;
          if (!client) throw open311Error(403, "Invalid api_key received -- can't proceed with create_request.");
          req.actor = { kind: 'device', deviceId: client.deviceId };

          // 3. the service and everything else; every problem at once
          checkJurisdiction(req, param('jurisdiction_id'));
          const code = param('service_code');
          if (!code) throw open311Error(400, 'service_code is required');
          const type = await getCaseType(db, req.tenant.id, code).catch(() => null);
          if (!type || type.key !== code || !isOpen311Type(type)) throw open311Error(404, 'service_code not found');
          const problems: string[] = [];
          // the same caps as the case API (ZContact, ZLocation): too long is refused, never cut short
          for (const [field, max] of OPEN311_TEXT_LIMITS) {
            const v = param(field);
            if (v !== undefined && v.length > max) problems.push(`${field} may be at most ${max} characters`);
          }
          const latRaw = param('lat');
          const lonRaw = param('long');
          let location: { lat: number; lon: number; address?: string } | undefined;
          const address = param('address_string');
          if (latRaw !== undefined || lonRaw !== undefined) {
            const lat = LatLon.safeParse(latRaw);
            const lon = LatLon.safeParse(lonRaw);
            if (latRaw === undefined || lonRaw === undefined) problems.push('lat and long must be sent together');
            else if (!lat.success || !lon.success || Math.abs(lat.data) > 90 || Math.abs(lon.data) > 180)
              problems.push('lat and long must be WGS84 decimal degrees');
            else location = { lat: lat.data, lon: lon.data, ...(address ? { address } : {}) };
          } else if (!address && !param('address_id')) {
            problems.push('A location is required: lat and long, address_string or address_id');
          }
          if (type.snapshot.locationRequired && !location && !problems.length) problems.push('This service needs lat and long');
          const description = param('description');
          if (description && description.length > 4000) problems.push('description may be at most 4000 characters');
          if (description && /<[a-z/!][^>]*>/i.test(description)) problems.push('description may not contain HTML');
          const email = param('email');
          if (email && !z.email().max(200).safeParse(email).success) problems.push('email is not a valid e-mail address');
          const phone = param('phone');
          const name = [param('first_name'), param('last_name')].filter(Boolean).join(' ') || undefined;
          if (name && name.length > 200) problems.push('first_name and last_name together may be at most 200 characters');
          if (!type.snapshot.anonymousAllowed && !email && !phone)
            problems.push('This service needs a way to reach the reporter: email or phone');
          const mediaUrl = param('media_url');
          if (
            mediaUrl &&
            !z
              .url({ protocol: /^https?$/ })
              .max(2000)
              .safeParse(mediaUrl).success
          )
            problems.push('media_url must be an http(s) URL');
          const attrs = attributesOf(type, req.lang);
          const { data, unknown } = attributesToData(attrs, attributeParams(entries));
          for (const u of unknown) problems.push(`attribute[${u.slice(0, 60)}] is not an attribute of this service`);
          if (problems.length)
            throw new Open311Error(
              400,
              problems.map((d) => ({ code: 400, description: d })),
            );

          // 4. media (v2.1 draft): checked by content, stored privately until moderation makes them public
          let fileIds: string[] = [];
          if (media.length) {
            const prepared: TPreparedUpload[] = [];
            for (const m of media)
              prepared.push(await prepareUpload(cfg, { buffer: m.buffer, filename: m.filename, allowedKinds: [...MEDIA_KINDS] }));
            const rows = await saveUploads(platform, prepared, { tenantId: req.tenant.id, owner: { deviceId: client.deviceId } });
            fileIds = rows.map((r) => r.id);
          }

          // 5. the case, through the case engine: protocol number, routing, idempotency
          const fullDescription = [description, mediaUrl ? `media_url: ${mediaUrl}` : null].filter(Boolean).join('\n\n') || undefined;
          const idem = req.headers['idempotency-key'];
          const result = await submitCase(
            platform,
            req,
            {
              caseType: type.key,
              data,
              description: fullDescription,
              location,
              fileIds,
              channel: 'api',
              contact: { ...(name ? { name } : {}), ...(email ? { email } : {}), ...(phone ? { phone } : {}) },
            },
            { intake: true, idempotencyKey: typeof idem === 'string' && idem ? idem.slice(0, 200) : undefined },
          );
          if (!result.replayed) {
            await db.transaction(async (tx) => {
              await tx
                .insert(open311Submissions)
                .values({ tenantId: req.tenant.id, clientId: client.id, caseId: result.caseId, token: newToken(12) });
              await audit(tx, req, {
                action: 'open311.request',
                entity: 'case',
                entityId: result.caseId,
                data: { clientId: client.id, client: client.name, serviceCode: type.key, media: fileIds.length },
              });
            });
          }
          const c = await loadCase(db, req.tenant.id, result.caseId);
          const [sub] = await db
            .select({ token: open311Submissions.token })
            .from(open311Submissions)
            .where(and(eq(open311Submissions.tenantId, req.tenant.id), eq(open311Submissions.caseId, c.id)));
          if (sub) reply.header('open311-token', sub.token);
          const notice = c.protocolNumber
            ? pick(req.lang, `Αριθμός πρωτοκόλλου ${c.protocolNumber}`, `Protocol number ${c.protocolNumber}`)
            : pick(req.lang, 'Ο αριθμός πρωτοκόλλου θα δοθεί σύντομα', 'The protocol number will follow shortly');
          return send(
            reply,
            format,
            result.replayed ? 200 : 201,
            'service_requests',
            list('request', [{ service_request_id: c.id, service_notice: notice }]),
          );
        },
      );

      o.get(
        `/tokens/:token.:format`,
        {
          config: { access: 'public' },
          schema: {
            tags: ['open311'],
            summary: 'GET service_request_id from a token',
            params: z.object({ token: z.string().max(200), format: z.string() }),
            querystring: ZJurisdiction,
          },
        },
        async (req, reply) => {
          const format = wantFormat(req.params.format);
          checkJurisdiction(req, req.query.jurisdiction_id);
          const [sub] = await db
            .select()
            .from(open311Submissions)
            .where(and(eq(open311Submissions.tenantId, req.tenant.id), eq(open311Submissions.token, req.params.token)));
          if (!sub) throw open311Error(404, 'token not found');
          return send(reply, format, 200, 'service_requests', list('request', [{ service_request_id: sub.caseId, token: sub.token }]));
        },
      );

      const ZRequestsQuery = ZJurisdiction.extend({
        service_request_id: opt,
        service_code: opt,
        start_date: opt,
        end_date: opt,
        status: opt,
        updated_after: opt.describe('extension (v2.1 draft): requests changed at or after this W3C datetime'),
        updated_before: opt.describe('extension (v2.1 draft): requests changed at or before this W3C datetime'),
        page: opt.describe('extension: page number, from 1'),
        page_size: opt.describe('extension: requests per page, 1 to 1000 (default 1000)'),
      });

      o.get(
        `/requests.:format`,
        {
          config: { access: 'public' },
          schema: {
            tags: ['open311'],
            summary: 'GET Service Requests (standard filters, page/page_size, updated_after)',
            params: ZFormatParam,
            querystring: ZRequestsQuery,
          },
        },
        async (req, reply) => {
          const format = wantFormat(req.params.format);
          checkJurisdiction(req, req.query.jurisdiction_id);
          const rows = await findRequests(db, req.tenant.id, req.query);
          const views = await toRequestViews(db, rows, req.lang, baseUrlOf(req, cfg));
          return send(reply, format, 200, 'service_requests', list('request', views));
        },
      );

      o.get(
        `/requests/:service_request_id.:format`,
        {
          config: { access: 'public' },
          schema: {
            tags: ['open311'],
            summary: 'GET Service Request',
            params: z.object({ service_request_id: z.string().max(200), format: z.string() }),
            querystring: ZJurisdiction,
          },
        },
        async (req, reply) => {
          const format = wantFormat(req.params.format);
          checkJurisdiction(req, req.query.jurisdiction_id);
          const row = await findRequest(db, req.tenant.id, req.params.service_request_id);
          if (!row) throw open311Error(404, 'service_request_id not found');
          const views = await toRequestViews(db, [row], req.lang, baseUrlOf(req, cfg));
          return send(reply, format, 200, 'service_requests', list('request', views));
        },
      );

      // anything else under the base (the web app's catch-all would answer in its own format)
      o.route({
        method: ['GET', 'POST'],
        url: '/*',
        config: { access: 'public' },
        schema: { hide: true },
        handler: async () => {
          throw open311Error(404, 'Not found');
        },
      });
    },
    { prefix: OPEN311_BASE },
  );

  // ---- administrators: client applications and their keys ----
  const ZClient = z.object({
    id: z.uuid(),
    name: z.string(),
    contact: z.string().nullable(),
    keyPrefix: z.string(),
    createdAt: z.date(),
    revokedAt: z.date().nullable(),
    lastUsedAt: z.date().nullable(),
  });

  app.get(
    '/api/open311/clients',
    {
      config: { access: 'perm:open311.manage' },
      schema: {
        tags: ['open311'],
        summary: 'Client applications allowed to POST Open311 requests',
        response: { 200: z.object({ items: z.array(ZClient) }) },
      },
    },
    async (req) => ({ items: (await listClients(db, req.tenant.id)).map(toClientView) }),
  );

  app.post(
    '/api/open311/clients',
    {
      config: { access: 'perm:open311.manage' },
      schema: {
        tags: ['open311'],
        summary: 'Register a client application; its API key is shown only in this answer',
        body: z.object({ name: z.string().trim().min(1).max(200), contact: z.string().trim().max(300).nullable().optional() }),
        response: { 201: z.object({ client: ZClient, apiKey: z.string() }) },
      },
    },
    async (req, reply) => {
      const { client, key } = await createClient(db, requestContext(req), req.body);
      return reply.code(201).send({ client: toClientView(client), apiKey: key });
    },
  );

  app.delete(
    '/api/open311/clients/:id',
    {
      config: { access: 'perm:open311.manage' },
      schema: {
        tags: ['open311'],
        summary: "Revoke a client application's key",
        params: z.object({ id: z.uuid() }),
        response: { 200: ZClient },
      },
    },
    async (req) => {
      if (!req.params.id) throw new AppError('open311.client_not_found', 404);
      return toClientView(await revokeClient(db, requestContext(req), req.params.id));
    },
  );
}
