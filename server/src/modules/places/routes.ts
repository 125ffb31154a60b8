import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { audit } from '../../platform/audit/audit.js';
import type { Platform } from '../../platform/context.js';
import { AppError } from '../../platform/http/errors.js';
import type { App } from '../../platform/http/types.js';
import { exportCsv, exportGeoJson, importPlaces } from './io.js';
import { ZCategoryBody, ZCategoryView, ZPlaceBody, ZPlaceSummary, ZPlaceView } from './model.js';
import { placeCategories, places } from './schema.js';
import { createPlace, deletePlace, getPlace, listCategories, searchPlaces, updatePlace } from './service.js';

const ZError = z.object({ code: z.string(), message: z.string(), fields: z.array(z.any()).optional() });
const ZId = z.object({ id: z.uuid() });
const numbers = (n: number) =>
  z
    .string()
    .transform((s) => s.split(',').map((x) => Number(x.trim())))
    .refine((a) => a.length === n && a.every((x) => Number.isFinite(x)), { message: 'validation.invalid' });
const flag = z
  .enum(['true', 'false', '1', '0'])
  .optional()
  .transform((v) => v === 'true' || v === '1');

const ZListQuery = z.object({
  bbox: numbers(4)
    .refine((a) => Math.abs(a[1] as number) <= 90 && Math.abs(a[3] as number) <= 90, { message: 'validation.invalid' })
    .optional()
    .describe('minLon,minLat,maxLon,maxLat (WGS84)'),
  category: z.string().max(500).optional().describe('comma-separated category keys'),
  q: z.string().trim().max(100).optional().describe('words in the name or address (accents and case ignored)'),
  near: numbers(2)
    .refine((a) => Math.abs(a[0] as number) <= 90 && Math.abs(a[1] as number) <= 180, { message: 'validation.invalid' })
    .optional()
    .describe('lat,lon: nearest first, with distances'),
  onDuty: flag.describe('only pharmacies on duty today'),
  openNow: flag.describe('only places open now (Athens time)'),
  limit: z.coerce.number().int().min(1).max(1000).default(500),
});

export async function placesRoutes(app: App, platform: Platform) {
  const { db } = platform;

  app.get(
    '/api/places/categories',
    {
      config: { access: 'public' },
      schema: {
        tags: ['places'],
        summary: 'Categories of places, with icons and how many places each has',
        response: { 200: z.object({ items: z.array(ZCategoryView) }) },
      },
    },
    async (req) => ({ items: await listCategories(db, req.tenant.id, { publishedOnly: true }) }),
  );

  app.get(
    '/api/places',
    {
      config: { access: 'public' },
      schema: {
        tags: ['places'],
        summary: 'Places of interest: map box, categories, text search, nearest first, on duty, open now',
        querystring: ZListQuery,
        response: { 200: z.object({ items: z.array(ZPlaceSummary) }) },
      },
    },
    async (req) => {
      const q = req.query;
      const items = await searchPlaces(db, req.tenant.id, {
        bbox: q.bbox as [number, number, number, number] | undefined,
        categories: q.category
          ?.split(',')
          .map((s) => s.trim())
          .filter(Boolean),
        q: q.q || undefined,
        near: q.near ? { lat: q.near[0] as number, lon: q.near[1] as number } : undefined,
        onDuty: q.onDuty,
        openNow: q.openNow,
        limit: q.limit,
      });
      return { items };
    },
  );

  app.get(
    '/api/places/:id',
    {
      config: { access: 'public' },
      schema: {
        tags: ['places'],
        summary: 'One place with hours, accessibility and photos',
        params: ZId,
        response: { 200: ZPlaceView, 404: ZError },
      },
    },
    async (req) => getPlace(db, req.tenant.id, req.params.id, { includeUnpublished: false }),
  );

  // ---- staff ----

  app.get(
    '/api/staff/places',
    {
      config: { access: 'perm:places.manage' },
      schema: {
        tags: ['places'],
        summary: 'All places, published or not, for editing',
        querystring: ZListQuery.pick({ q: true, category: true, limit: true }),
        response: { 200: z.object({ items: z.array(ZPlaceSummary) }) },
      },
    },
    async (req) => ({
      items: await searchPlaces(db, req.tenant.id, {
        q: req.query.q || undefined,
        categories: req.query.category?.split(',').filter(Boolean),
        limit: req.query.limit,
        includeUnpublished: true,
      }),
    }),
  );

  app.get(
    '/api/staff/places/:id',
    {
      config: { access: 'perm:places.manage' },
      schema: {
        tags: ['places'],
        summary: 'One place for editing (also unpublished)',
        params: ZId,
        response: { 200: ZPlaceView, 404: ZError },
      },
    },
    async (req) => getPlace(db, req.tenant.id, req.params.id, { includeUnpublished: true }),
  );

  app.post(
    '/api/staff/places',
    {
      config: { access: 'perm:places.manage' },
      schema: {
        tags: ['places'],
        summary: 'Add a place (photos: image file ids, made public)',
        body: ZPlaceBody,
        response: { 201: ZPlaceView, 400: ZError },
      },
    },
    async (req, reply) => {
      const row = await createPlace(db, req, req.body);
      return reply.code(201).send(await getPlace(db, req.tenant.id, row.id, { includeUnpublished: true }));
    },
  );

  app.put(
    '/api/staff/places/:id',
    {
      config: { access: 'perm:places.manage' },
      schema: {
        tags: ['places'],
        summary: 'Change a place',
        params: ZId,
        body: ZPlaceBody,
        response: { 200: ZPlaceView, 400: ZError, 404: ZError },
      },
    },
    async (req) => {
      await updatePlace(db, req, req.params.id, req.body);
      return getPlace(db, req.tenant.id, req.params.id, { includeUnpublished: true });
    },
  );

  app.delete(
    '/api/staff/places/:id',
    {
      config: { access: 'perm:places.manage' },
      schema: { tags: ['places'], summary: 'Remove a place', params: ZId, response: { 204: z.null(), 404: ZError } },
    },
    async (req, reply) => {
      await deletePlace(db, req, req.params.id);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/api/staff/place-categories',
    {
      config: { access: 'perm:places.manage' },
      schema: {
        tags: ['places'],
        summary: 'Categories with counts of all places',
        response: { 200: z.object({ items: z.array(ZCategoryView) }) },
      },
    },
    async (req) => ({ items: await listCategories(db, req.tenant.id, { publishedOnly: false }) }),
  );

  app.post(
    '/api/staff/place-categories',
    {
      config: { access: 'perm:places.manage' },
      schema: { tags: ['places'], summary: 'Add a category', body: ZCategoryBody, response: { 201: ZCategoryView, 409: ZError } },
    },
    async (req, reply) => {
      const b = req.body;
      const row = await db.transaction(async (tx) => {
        const [r] = await tx
          .insert(placeCategories)
          .values({ tenantId: req.tenant.id, key: b.key, nameEl: b.nameEl, nameEn: b.nameEn, icon: b.icon, color: b.color, sort: b.sort })
          .onConflictDoNothing()
          .returning();
        if (!r) throw new AppError('place_category.taken', 409);
        await audit(tx, req, { action: 'places.category_create', entity: 'place_category', entityId: r.id, data: { key: r.key } });
        return r;
      });
      return reply.code(201).send({
        id: row.id,
        key: row.key,
        name: { el: row.nameEl, en: row.nameEn },
        icon: row.icon,
        color: row.color,
        sort: row.sort,
        count: 0,
      });
    },
  );

  app.delete(
    '/api/staff/place-categories/:id',
    {
      config: { access: 'perm:places.manage' },
      schema: { tags: ['places'], summary: 'Remove an empty category', params: ZId, response: { 204: z.null(), 404: ZError, 409: ZError } },
    },
    async (req, reply) => {
      await db.transaction(async (tx) => {
        const [c] = await tx
          .select()
          .from(placeCategories)
          .where(and(eq(placeCategories.tenantId, req.tenant.id), eq(placeCategories.id, req.params.id)));
        if (!c) throw new AppError('place_category.not_found', 404);
        const [used] = await tx.select({ id: places.id }).from(places).where(eq(places.categoryId, c.id)).limit(1);
        if (used) throw new AppError('place_category.in_use', 409);
        await tx.delete(placeCategories).where(eq(placeCategories.id, c.id));
        await audit(tx, req, { action: 'places.category_delete', entity: 'place_category', entityId: c.id, data: { key: c.key } });
      });
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/api/staff/places/export.csv',
    {
      config: { access: 'perm:places.manage' },
      schema: { tags: ['places'], summary: 'Every place as CSV (UTF-8; hours as "mon-fri 08:00-15:00; sat 09:00-13:00")' },
    },
    async (req, reply) => {
      reply.header('content-disposition', 'attachment; filename="places.csv"');
      return reply.type('text/csv; charset=utf-8').send(await exportCsv(db, req.tenant.id));
    },
  );

  app.get(
    '/api/staff/places/export.geojson',
    { config: { access: 'perm:places.manage' }, schema: { tags: ['places'], summary: 'Every place as a GeoJSON FeatureCollection' } },
    async (req, reply) => {
      reply.header('content-disposition', 'attachment; filename="places.geojson"');
      return reply.type('application/geo+json; charset=utf-8').send(JSON.stringify(await exportGeoJson(db, req.tenant.id)));
    },
  );

  await app.register(async (scope) => {
    const s = scope as unknown as App;
    s.addContentTypeParser(['text/csv', 'text/plain'], { parseAs: 'string', bodyLimit: 5 * 1024 * 1024 }, (_req, body, done) =>
      done(null, body),
    );
    s.addContentTypeParser(['application/geo+json'], { parseAs: 'string', bodyLimit: 5 * 1024 * 1024 }, (_req, body, done) => {
      try {
        done(null, JSON.parse(body as string));
      } catch {
        done(new AppError('places.import_unreadable', 400, { reason: 'invalid JSON' }), undefined);
      }
    });
    s.post(
      '/api/staff/places/import',
      {
        config: { access: 'perm:places.manage' },
        bodyLimit: 5 * 1024 * 1024,
        schema: {
          tags: ['places'],
          summary: 'Import places from CSV (text/csv) or GeoJSON (application/geo+json or JSON): all or nothing, errors by row and column',
          querystring: z.object({ format: z.enum(['csv', 'geojson']), dryRun: flag }),
          response: { 200: z.object({ created: z.number().int(), updated: z.number().int(), dryRun: z.boolean() }), 400: ZError },
        },
      },
      async (req) => importPlaces(db, req, req.query.format, req.body, { dryRun: req.query.dryRun }),
    );
  });
}
