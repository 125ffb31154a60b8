import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { audit } from '../../platform/audit/audit.js';
import type { Platform } from '../../platform/context.js';
import { AppError } from '../../platform/http/errors.js';
import type { App } from '../../platform/http/types.js';
import { requestContext } from '../../platform/service-context.js';
import { caseTypeInfos } from '../cases/index.js';
import { alertCovers, createAlert, deleteAlert, myAlerts, rssFor, type TAlertRow } from './alerts.service.js';
import { areasOf, boundaryCheck, contains, deleteArea, saveArea } from './areas.js';
import { categoriesOf, setCategory } from './categories.js';
import { forgetMap, listPoints, mapClustersAnswer, rowsFor, type TMapFilter } from './map.service.js';
import { MOD_ACTIONS, moderate, moderationLog, moderationQueue } from './moderation.service.js';
import { follow, nearby, publicPhotos, publicReport, reopenNotFixed, unfollow } from './public.service.js';
import { reportAlerts } from './schema.js';
import { loadReportSettings, PUBLIC_STATUSES } from './status.js';

const TAG = ['reports'];
const ZError = z.object({
  code: z.string(),
  message: z.string(),
  fields: z.array(z.object({ field: z.string(), code: z.string(), message: z.string() })).optional(),
});
const ZId = z.object({ id: z.uuid() });
const ZLocalized = z.object({ el: z.string(), en: z.string() });
const ZStatus = z.enum(PUBLIC_STATUSES);
const ZOutsideBody = z.object({
  nameEl: z.string().min(1).max(200),
  nameEn: z.string().min(1).max(200),
  kind: z.string().min(1).max(50),
  email: z.email().optional(),
  phone: z.string().max(30).optional(),
  url: z.url().optional(),
});
const ZGeometry = z.object({ type: z.enum(['Polygon', 'MultiPolygon']), coordinates: z.array(z.any()).min(1) });

const csvList = z
  .string()
  .max(2000)
  .transform((s) =>
    s
      .split(',')
      .map((x) => x.trim())
      .filter(Boolean),
  );
const ZBbox = z
  .string()
  .regex(/^-?\d+(\.\d+)?(,-?\d+(\.\d+)?){3}$/, 'bbox')
  .transform((s) => s.split(',').map(Number) as [number, number, number, number])
  .refine(([w, s, e, n]) => w >= -180 && e <= 180 && s >= -90 && n <= 90 && w <= e && s <= n, 'bbox');

const ZFilterQuery = z.object({
  category: csvList.pipe(z.array(z.string().max(64)).max(50)).optional(),
  status: csvList.pipe(z.array(ZStatus).max(10)).optional(),
  from: z.coerce.date().optional(),
  to: z.coerce.date().optional(),
  district: z.string().max(64).optional(),
});
const filterOf = (q: z.infer<typeof ZFilterQuery>): TMapFilter => ({
  categories: q.category,
  statuses: q.status,
  from: q.from,
  to: q.to,
  district: q.district,
});

const ZCategory = z.object({
  caseTypeId: z.uuid(),
  key: z.string(),
  icon: z.string().nullable(),
  group: z.string(),
  name: ZLocalized,
  unit: z.object({ id: z.uuid(), name: ZLocalized }).nullable(),
  outsideBody: ZOutsideBody.nullable(),
  anonymousAllowed: z.boolean(),
});
const ZMapItem = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('cluster'), lat: z.number(), lon: z.number(), count: z.number().int(), expansionZoom: z.number().int() }),
  z.object({ kind: z.literal('point'), id: z.uuid(), lat: z.number(), lon: z.number(), category: z.string(), status: ZStatus }),
]);
const ZListItem = z.object({
  id: z.uuid(),
  title: z.string(),
  category: z.string(),
  status: ZStatus,
  lat: z.number(),
  lon: z.number(),
  address: z.string().nullable(),
  submittedAt: z.date(),
  photos: z.array(z.uuid()),
});
const ZReport = z.object({
  id: z.uuid(),
  protocolNumber: z.string().nullable(),
  title: z.string(),
  description: z.string().nullable(),
  category: z.object({ key: z.string(), icon: z.string().nullable(), name: ZLocalized }),
  status: ZStatus,
  forwardedTo: ZLocalized.nullable(),
  location: z.object({ lat: z.number(), lon: z.number(), address: z.string().nullable() }).nullable(),
  district: z.object({ key: z.string(), name: ZLocalized }).nullable(),
  photos: z.array(z.uuid()),
  submittedAt: z.date(),
  updatedAt: z.date(),
  mergedInto: z.uuid().nullable(),
  followers: z.number().int(),
  following: z.boolean(),
  canReopen: z.boolean(),
  reopenUntil: z.date().nullable(),
  updates: z.array(
    z.object({
      id: z.uuid(),
      kind: z.string(),
      at: z.date(),
      status: ZStatus.nullable(),
      body: z.string().nullable(),
      message: ZLocalized.nullable(),
      forwardedTo: ZLocalized.nullable(),
      mergedInto: z.string().nullable(),
    }),
  ),
});
const ZNearby = z.object({
  id: z.uuid(),
  title: z.string(),
  status: ZStatus,
  distanceM: z.number().int(),
  similarity: z.number(),
  submittedAt: z.date(),
  lat: z.number(),
  lon: z.number(),
});
const ZArea = z.object({
  id: z.uuid(),
  kind: z.enum(['boundary', 'district', 'neighbour']),
  key: z.string(),
  name: ZLocalized,
  geometry: ZGeometry,
});
const ZAlert = z.object({
  id: z.uuid(),
  kind: z.enum(['point', 'district']),
  lat: z.number().nullable(),
  lon: z.number().nullable(),
  radiusM: z.number().int().nullable(),
  district: z.string().nullable(),
  label: z.string().nullable(),
  rssPath: z.string(),
  createdAt: z.date(),
});
const ZAlertBody = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('point'),
    lat: z.number().min(-90).max(90),
    lon: z.number().min(-180).max(180),
    radiusM: z.number().int().min(50).max(5000),
    label: z.string().max(120).optional(),
  }),
  z.object({ kind: z.literal('district'), district: z.string().min(1).max(64), label: z.string().max(120).optional() }),
]);
const ZQueueItem = z.object({
  id: z.uuid(),
  protocolNumber: z.string().nullable(),
  title: z.string(),
  description: z.string().nullable(),
  publicTitle: z.string().nullable(),
  publicDescription: z.string().nullable(),
  category: z.string(),
  categoryName: ZLocalized,
  fileIds: z.array(z.uuid()),
  approvedFileIds: z.array(z.uuid()),
  redactedFileIds: z.array(z.uuid()),
  reviewed: z.boolean(),
  hidden: z.boolean(),
  hiddenReason: z.string().nullable(),
  submittedAt: z.date(),
});

export async function reportsRoutes(app: App, platform: Platform) {
  const { db } = platform;
  const areaKeyOf = async (tenantId: string, a: TAlertRow) =>
    a.areaId ? ((await areasOf(db, tenantId)).find((x) => x.id === a.areaId)?.key ?? null) : null;
  const alertOut = async (tenantId: string, a: TAlertRow) => ({
    id: a.id,
    kind: a.kind,
    lat: a.lat,
    lon: a.lon,
    radiusM: a.radiusM,
    district: await areaKeyOf(tenantId, a),
    label: a.label,
    rssPath: `/api/reports/rss/alerts/${a.token}`,
    createdAt: a.createdAt,
  });

  // ---- categories and areas -------------------------------------------------------------------
  app.get(
    '/api/reports/categories',
    {
      config: { access: 'public' },
      schema: {
        tags: TAG,
        summary: 'Street-problem categories, each with its unit or outside body',
        response: { 200: z.array(ZCategory) },
      },
    },
    async (req) => (await categoriesOf(db, req.tenant.id)).map(({ sortOrder: _s, ...c }) => c),
  );
  app.put(
    '/api/reports/categories/:id',
    {
      config: { access: 'perm:reports.manage' },
      schema: {
        tags: TAG,
        summary: 'Make a case type a street-problem category (or change its outside body)',
        params: ZId,
        body: z.object({ outsideBody: ZOutsideBody.nullable().default(null), sortOrder: z.number().int().min(0).max(1000).default(0) }),
        response: { 204: z.null(), 404: ZError },
      },
    },
    async (req, reply) => {
      const [type] = await caseTypeInfos(db, req.tenant.id, [req.params.id]);
      if (!type) throw new AppError('case_type.not_found', 404);
      await db.transaction(async (tx) => {
        await setCategory(tx, req.tenant.id, type.id, req.body);
        await audit(tx, req, { action: 'report.category', entity: 'case_type', entityId: type.id, data: req.body });
      });
      forgetMap(req.tenant.id);
      return reply.status(204).send(null);
    },
  );
  app.get(
    '/api/reports/areas',
    {
      config: { access: 'public' },
      schema: { tags: TAG, summary: 'The municipality’s boundary and districts (GeoJSON)', response: { 200: z.array(ZArea) } },
    },
    async (req) =>
      (await areasOf(db, req.tenant.id))
        .filter((a) => a.kind !== 'neighbour')
        .map((a) => ({ id: a.id, kind: a.kind, key: a.key, name: { el: a.nameEl, en: a.nameEn }, geometry: a.geometry })),
  );
  app.get(
    '/api/reports/boundary-check',
    {
      config: { access: 'public' },
      schema: {
        tags: TAG,
        summary: 'Is a point inside the municipality? (the place pickers ask before submit; submit checks again)',
        querystring: z.object({ lat: z.coerce.number().min(-90).max(90), lon: z.coerce.number().min(-180).max(180) }),
        response: {
          200: z.object({
            inside: z.boolean(),
            neighbour: z
              .object({ el: z.string(), en: z.string() })
              .nullable()
              .describe('the neighbouring municipality that holds the point, when known'),
          }),
        },
      },
    },
    async (req) => {
      const r = await boundaryCheck(db, req.tenant.id, req.query.lon, req.query.lat);
      return { inside: r.inside, neighbour: !r.inside && r.neighbour ? { el: r.neighbour.nameEl, en: r.neighbour.nameEn } : null };
    },
  );
  app.put(
    '/api/reports/areas',
    {
      config: { access: 'perm:reports.manage' },
      schema: {
        tags: TAG,
        summary: 'Add or replace the boundary, a district or a neighbouring municipality',
        body: z.object({
          kind: z.enum(['boundary', 'district', 'neighbour']),
          key: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,62}$/),
          nameEl: z.string().min(1).max(200),
          nameEn: z.string().min(1).max(200),
          geometry: ZGeometry,
        }),
        response: { 200: ZArea },
      },
    },
    async (req) => {
      const a = await db.transaction(async (tx) => {
        const row = await saveArea(tx, req.tenant.id, req.body as Parameters<typeof saveArea>[2]);
        await audit(tx, req, { action: 'report.area', entity: 'report_area', entityId: row.id, data: { kind: row.kind, key: row.key } });
        return row;
      });
      forgetMap(req.tenant.id);
      return { id: a.id, kind: a.kind, key: a.key, name: { el: a.nameEl, en: a.nameEn }, geometry: a.geometry };
    },
  );
  app.delete(
    '/api/reports/areas/:id',
    {
      config: { access: 'perm:reports.manage' },
      schema: { tags: TAG, summary: 'Remove an area', params: ZId, response: { 204: z.null(), 404: ZError } },
    },
    async (req, reply) => {
      await db.transaction(async (tx) => {
        const row = await deleteArea(tx, req.tenant.id, req.params.id);
        await audit(tx, req, { action: 'report.area_delete', entity: 'report_area', entityId: row.id, data: { key: row.key } });
      });
      forgetMap(req.tenant.id);
      return reply.status(204).send(null);
    },
  );

  // ---- public map, list, page ------------------------------------------------------------------
  app.get(
    '/api/reports/map',
    {
      config: { access: 'public' },
      schema: {
        tags: TAG,
        summary: 'Clusters and single reports in a map box at a zoom level (no personal data)',
        querystring: ZFilterQuery.extend({ bbox: ZBbox, zoom: z.coerce.number().int().min(0).max(22) }),
        response: { 200: z.object({ items: z.array(ZMapItem), total: z.number().int() }) },
      },
    },
    async (req, reply) => {
      reply.header('cache-control', 'public, max-age=15');
      const answer = await mapClustersAnswer(db, req.tenant.id, req.query.bbox, req.query.zoom, filterOf(req.query));
      reply.header('vary', 'accept-encoding').type('application/json; charset=utf-8');
      // compressed once when the answer was made: sent as is to every client that takes gzip
      if (/\bgzip\b/.test(req.headers['accept-encoding'] ?? '')) return reply.header('content-encoding', 'gzip').send(answer.gzip as never);
      return reply.send(answer.json as never); // already JSON text: Fastify sends a string as is
    },
  );
  app.get(
    '/api/reports',
    {
      config: { access: 'public' },
      schema: {
        tags: TAG,
        summary: 'Public reports, newest first (no personal data)',
        querystring: ZFilterQuery.extend({
          bbox: ZBbox.optional(),
          offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
          limit: z.coerce.number().int().min(1).max(100).default(20),
        }),
        response: { 200: z.object({ items: z.array(ZListItem), total: z.number().int(), nextOffset: z.number().int().nullable() }) },
      },
    },
    async (req) => {
      const { offset, limit, bbox } = req.query;
      const { page, total } = await listPoints(db, req.tenant.id, { ...filterOf(req.query), bbox }, offset, limit);
      const rows = await rowsFor(
        db,
        req.tenant.id,
        page.map((p) => p.id),
      );
      const settings = await loadReportSettings(db, req.tenant.id);
      const items = page.flatMap((p) => {
        const r = rows.find((x) => x.c.id === p.id);
        if (!r) return [];
        return [
          {
            id: p.id,
            title: r.m?.publicTitle ?? r.c.title,
            category: p.category,
            status: p.status,
            lat: p.lat,
            lon: p.lon,
            address: r.c.address,
            submittedAt: r.c.submittedAt,
            photos: publicPhotos(r.c, r.m, settings),
          },
        ];
      });
      return { items, total, nextOffset: offset + limit < total ? offset + limit : null };
    },
  );
  app.get(
    '/api/reports/nearby',
    {
      config: { access: 'public' },
      schema: {
        tags: TAG,
        summary: 'Open reports of the same category within 250 m (or with similar text within 1 km), before submitting',
        querystring: z.object({
          category: z.string().min(1).max(64),
          lat: z.coerce.number().min(-90).max(90),
          lon: z.coerce.number().min(-180).max(180),
          text: z.string().max(300).optional(),
        }),
        response: { 200: z.array(ZNearby), 400: ZError },
      },
    },
    async (req) => nearby(db, req.tenant.id, req.query),
  );
  app.get(
    '/api/reports/:id',
    {
      config: { access: 'public' },
      schema: {
        tags: TAG,
        summary: 'A report’s public page with its public updates',
        params: ZId,
        response: { 200: ZReport, 404: ZError },
      },
    },
    async (req) => publicReport(db, requestContext(req), req.params.id),
  );
  app.post(
    '/api/reports/:id/follow',
    {
      config: { access: 'device' },
      schema: {
        tags: TAG,
        summary: 'Follow a report (by account, or by this device)',
        params: ZId,
        response: { 204: z.null(), 404: ZError },
      },
    },
    async (req, reply) => {
      await follow(db, requestContext(req), req.params.id);
      return reply.status(204).send(null);
    },
  );
  app.delete(
    '/api/reports/:id/follow',
    {
      config: { access: 'device' },
      schema: { tags: TAG, summary: 'Stop following a report', params: ZId, response: { 204: z.null(), 404: ZError } },
    },
    async (req, reply) => {
      await unfollow(db, requestContext(req), req.params.id);
      return reply.status(204).send(null);
    },
  );
  app.post(
    '/api/reports/:id/not-fixed',
    {
      config: { access: 'device' },
      schema: {
        tags: TAG,
        summary: 'The reporter says it is not fixed: reopens the report within the tenant’s window',
        params: ZId,
        body: z.object({ comment: z.string().trim().min(1).max(2000) }),
        response: { 204: z.null(), 403: ZError, 404: ZError, 409: ZError },
      },
    },
    async (req, reply) => {
      await reopenNotFixed(platform, requestContext(req), req.params.id, req.body.comment);
      return reply.status(204).send(null);
    },
  );

  // ---- area alerts and RSS ---------------------------------------------------------------------
  app.get(
    '/api/reports/alerts',
    {
      config: { access: 'device' },
      schema: { tags: TAG, summary: 'My area alerts', response: { 200: z.array(ZAlert) } },
    },
    async (req) => Promise.all((await myAlerts(db, req)).map((a) => alertOut(req.tenant.id, a))),
  );
  app.post(
    '/api/reports/alerts',
    {
      config: { access: 'device', rateLimit: { max: 30, timeWindow: 60_000 } },
      schema: {
        tags: TAG,
        summary: 'Alert me of new reports around a point or in a district',
        body: ZAlertBody,
        response: { 201: ZAlert, 400: ZError },
      },
    },
    async (req, reply) => {
      const a = await createAlert(db, req, req.body);
      return reply.status(201).send(await alertOut(req.tenant.id, a));
    },
  );
  app.delete(
    '/api/reports/alerts/:id',
    {
      config: { access: 'device' },
      schema: { tags: TAG, summary: 'Remove an area alert', params: ZId, response: { 204: z.null(), 404: ZError } },
    },
    async (req, reply) => {
      await deleteAlert(db, req, req.params.id);
      return reply.status(204).send(null);
    },
  );
  app.get(
    '/api/reports/rss/alerts/:token',
    {
      config: { access: 'public' },
      schema: {
        tags: TAG,
        summary: 'RSS of new reports in an alert’s area',
        params: z.object({ token: z.string().min(10).max(64) }),
        produces: ['application/rss+xml'],
      },
    },
    async (req, reply) => {
      const [a] = await db
        .select()
        .from(reportAlerts)
        .where(and(eq(reportAlerts.tenantId, req.tenant.id), eq(reportAlerts.token, req.params.token)));
      if (!a) throw new AppError('reports.alert_not_found', 404);
      const areas = await areasOf(db, req.tenant.id);
      const xml = await rssFor(db, platform.cfg, req, {
        title: a.label ?? '',
        covers: (p) => alertCovers(a, areas, p.lon, p.lat),
        self: `/api/reports/rss/alerts/${a.token}`,
      });
      return reply.type('application/rss+xml; charset=utf-8').send(xml);
    },
  );
  app.get(
    '/api/reports/rss/districts/:key',
    {
      config: { access: 'public' },
      schema: {
        tags: TAG,
        summary: 'RSS of new reports in a district',
        params: z.object({ key: z.string().min(1).max(64) }),
        produces: ['application/rss+xml'],
      },
    },
    async (req, reply) => {
      const area = (await areasOf(db, req.tenant.id)).find((a) => a.kind === 'district' && a.key === req.params.key);
      if (!area) throw new AppError('reports.area_not_found', 404);
      const xml = await rssFor(db, platform.cfg, req, {
        title: req.lang === 'en' ? area.nameEn : area.nameEl,
        covers: (p) => contains(area, p.lon, p.lat),
        self: `/api/reports/rss/districts/${area.key}`,
      });
      return reply.type('application/rss+xml; charset=utf-8').send(xml);
    },
  );

  // ---- moderation ------------------------------------------------------------------------------
  app.get(
    '/api/reports/moderation',
    {
      config: { access: 'perm:reports.moderate' },
      schema: {
        tags: TAG,
        summary: 'Moderation queue: unreviewed reports (or all with all=true), newest first',
        querystring: z.object({
          all: z.enum(['true', 'false']).default('false'),
          limit: z.coerce.number().int().min(1).max(200).default(50),
        }),
        response: { 200: z.array(ZQueueItem) },
      },
    },
    async (req) => moderationQueue(db, req.tenant.id, { all: req.query.all === 'true', limit: req.query.limit }),
  );
  app.post(
    '/api/reports/:id/moderation',
    {
      config: { access: 'perm:reports.moderate' },
      schema: {
        tags: TAG,
        summary: 'Approve, hide, unhide, or redact the text or a photo of a report, with a reason (audited)',
        params: ZId,
        body: z.object({
          action: z.enum(MOD_ACTIONS),
          reason: z.string().trim().min(3).max(1000),
          fileId: z.uuid().optional(),
          title: z.string().trim().min(1).max(300).optional(),
          description: z.string().max(4000).nullable().optional(),
        }),
        response: { 204: z.null(), 400: ZError, 404: ZError },
      },
    },
    async (req, reply) => {
      await moderate(db, requestContext(req), req.params.id, req.body);
      return reply.status(204).send(null);
    },
  );
  app.get(
    '/api/reports/:id/moderation/log',
    {
      config: { access: 'perm:reports.moderate' },
      schema: {
        tags: TAG,
        summary: 'A report’s moderation actions with their reasons',
        params: ZId,
        response: {
          200: z.array(
            z.object({ id: z.uuid(), action: z.string(), reason: z.string(), fileId: z.uuid().nullable(), createdAt: z.date() }),
          ),
        },
      },
    },
    async (req) => moderationLog(db, req.tenant.id, req.params.id),
  );
}
