import { and, asc, eq, inArray, type SQL, sql } from 'drizzle-orm';
import type { FastifyRequest } from 'fastify';
import { audit } from '../../platform/audit/audit.js';
import type { Db, DbOrTx, Tx } from '../../platform/db/database.js';
import { files } from '../../platform/files/files.schema.js';
import { setFileVisibility } from '../../platform/files/index.js';
import { AppError, type FieldError } from '../../platform/http/errors.js';
import { athensClock, isOpenAt } from './hours.js';
import type { TPlaceBody } from './model.js';
import { placeCategories, places, type TWeeklyHours } from './schema.js';

export type TPlaceRow = typeof places.$inferSelect;
export type TCategoryRow = typeof placeCategories.$inferSelect;

export async function listCategories(db: DbOrTx, tenantId: string, opts: { publishedOnly: boolean }) {
  const rows = await db
    .select({
      c: placeCategories,
      count: sql<number>`(select count(*)::int from ${places} p where p.category_id = "place_categories"."id"${opts.publishedOnly ? sql` and p.published` : sql``})`,
    })
    .from(placeCategories)
    .where(eq(placeCategories.tenantId, tenantId))
    .orderBy(asc(placeCategories.sort), asc(placeCategories.nameEl));
  return rows.map(({ c, count }) => ({
    id: c.id,
    key: c.key,
    name: { el: c.nameEl, en: c.nameEn },
    icon: c.icon,
    color: c.color,
    sort: c.sort,
    count: Number(count),
  }));
}

/** Distance in metres on the sphere (good to a few metres at a town's scale). */
export function haversineM(a: { lat: number; lon: number }, b: { lat: number; lon: number }) {
  const R = 6_371_000;
  const rad = (d: number) => (d * Math.PI) / 180;
  const dLat = rad(b.lat - a.lat);
  const dLon = rad(b.lon - a.lon);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.sin(dLon / 2) ** 2;
  return Math.round(2 * R * Math.asin(Math.sqrt(h)));
}

export type TPlaceQuery = {
  bbox?: [number, number, number, number];
  categories?: string[];
  q?: string;
  near?: { lat: number; lon: number };
  onDuty?: boolean;
  openNow?: boolean;
  limit: number;
  includeUnpublished?: boolean;
};

/**
 * Places for the map and the list: a map box, categories, words in the names or address (accents
 * and case ignored), pharmacies on duty today, open now; ordered by distance from a point (nearest
 * first) or by name.
 */
export async function searchPlaces(db: DbOrTx, tenantId: string, q: TPlaceQuery, now = new Date()) {
  const where: SQL[] = [eq(places.tenantId, tenantId)];
  if (!q.includeUnpublished) where.push(eq(places.published, true));
  if (q.bbox) {
    const [w, s, e, n] = q.bbox;
    where.push(sql`point(${places.lon}, ${places.lat}) <@ box(point(${w}, ${s}), point(${e}, ${n}))`);
  }
  if (q.categories?.length) where.push(inArray(placeCategories.key, q.categories));
  if (q.q) {
    const like = `%${q.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    where.push(
      sql`f_unaccent(lower(${places.nameEl} || ' ' || ${places.nameEn} || ' ' || ${places.address})) like f_unaccent(lower(${like}))`,
    );
  }
  const today = athensClock(now).date;
  if (q.onDuty) where.push(sql`${today} = any(${places.dutyDates})`);
  const order = q.near
    ? [sql`point(${places.lon}, ${places.lat}) <-> point(${q.near.lon}, ${q.near.lat})`]
    : [asc(placeCategories.sort), asc(places.nameEl)];
  const rows = await db
    .select({ p: places, c: placeCategories })
    .from(places)
    .innerJoin(placeCategories, eq(placeCategories.id, places.categoryId))
    .where(and(...where))
    .orderBy(...order)
    .limit(q.openNow ? Math.min(q.limit * 4, 2000) : q.limit);
  let out = await toSummaries(db, rows, now, q.near);
  if (q.openNow) out = out.filter((p) => p.openNow).slice(0, q.limit);
  return out;
}

async function thumbs(db: DbOrTx, ids: string[]) {
  if (!ids.length) return new Map<string, { thumb: boolean; width: number | null; height: number | null }>();
  const rows = await db
    .select({ id: files.id, thumb: files.thumbSha256, width: files.width, height: files.height })
    .from(files)
    .where(and(inArray(files.id, ids), eq(files.visibility, 'public')));
  return new Map(rows.map((r) => [r.id, { thumb: Boolean(r.thumb), width: r.width, height: r.height }]));
}

async function toSummaries(db: DbOrTx, rows: { p: TPlaceRow; c: TCategoryRow }[], now: Date, near?: { lat: number; lon: number }) {
  const firstPhotos = rows.map((r) => r.p.photoIds[0]).filter((x): x is string => Boolean(x));
  const meta = await thumbs(db, firstPhotos);
  const today = athensClock(now).date;
  return rows.map(({ p, c }) => {
    const photo = p.photoIds[0];
    const m = photo ? meta.get(photo) : undefined;
    return {
      id: p.id,
      category: { key: c.key, name: { el: c.nameEl, en: c.nameEn }, icon: c.icon, color: c.color },
      name: { el: p.nameEl, en: p.nameEn },
      address: p.address,
      lat: p.lat,
      lon: p.lon,
      phones: p.phones,
      wheelchair: p.wheelchair ?? null,
      openNow: isOpenAt(p.hours, now),
      onDutyToday: p.dutyDates.includes(today),
      distanceM: near ? haversineM(near, p) : null,
      thumbUrl: photo && m ? (m.thumb ? `/api/files/${photo}/thumb` : `/api/files/${photo}`) : null,
      published: p.published,
    };
  });
}

const pair = (el: string | null, en: string | null) => (el || en ? { el: el ?? en ?? '', en: en ?? el ?? '' } : null);

export async function getPlace(db: DbOrTx, tenantId: string, id: string, opts: { includeUnpublished: boolean }, now = new Date()) {
  const [row] = await db
    .select({ p: places, c: placeCategories })
    .from(places)
    .innerJoin(placeCategories, eq(placeCategories.id, places.categoryId))
    .where(and(eq(places.tenantId, tenantId), eq(places.id, id), opts.includeUnpublished ? undefined : eq(places.published, true)));
  if (!row) throw new AppError('place.not_found', 404);
  const [summary] = await toSummaries(db, [row], now);
  const meta = await thumbs(db, row.p.photoIds);
  const p = row.p;
  return {
    ...(summary as NonNullable<typeof summary>),
    description: pair(p.descriptionEl, p.descriptionEn),
    email: p.email,
    website: p.website,
    hours: p.hours ?? null,
    hoursNote: pair(p.hoursNoteEl, p.hoursNoteEn),
    accessibility: pair(p.accessibilityEl, p.accessibilityEn),
    dutyDates: p.dutyDates,
    photos: p.photoIds
      .filter((f) => meta.has(f) || opts.includeUnpublished)
      .map((f) => {
        const m = meta.get(f);
        return {
          id: f,
          url: `/api/files/${f}`,
          thumbUrl: m?.thumb ? `/api/files/${f}/thumb` : null,
          width: m?.width ?? null,
          height: m?.height ?? null,
        };
      }),
    updatedAt: p.updatedAt,
  };
}

/** The row values of a checked body; the category key must exist. */
export function rowValues(body: TPlaceBody, categoryId: string) {
  return {
    categoryId,
    nameEl: body.nameEl,
    nameEn: body.nameEn,
    descriptionEl: body.descriptionEl ?? null,
    descriptionEn: body.descriptionEn ?? null,
    address: body.address,
    lat: body.lat,
    lon: body.lon,
    phones: body.phones,
    email: body.email ?? null,
    website: body.website ?? null,
    hours: (body.hours as TWeeklyHours | null | undefined) ?? null,
    hoursNoteEl: body.hoursNoteEl ?? null,
    hoursNoteEn: body.hoursNoteEn ?? null,
    wheelchair: body.wheelchair ?? null,
    accessibilityEl: body.accessibilityEl ?? null,
    accessibilityEn: body.accessibilityEn ?? null,
    dutyDates: [...new Set(body.dutyDates)].sort(),
    photoIds: [...new Set(body.photoIds)],
    published: body.published,
  };
}

export async function categoryIds(db: DbOrTx, tenantId: string) {
  const rows = await db
    .select({ id: placeCategories.id, key: placeCategories.key })
    .from(placeCategories)
    .where(eq(placeCategories.tenantId, tenantId));
  return new Map(rows.map((r) => [r.key, r.id]));
}

/** Photos must be the tenant's images; they become public with the place. */
async function checkPhotos(tx: Tx, tenantId: string, ids: string[]) {
  if (!ids.length) return;
  const found = await tx
    .select({ id: files.id, kind: files.kind })
    .from(files)
    .where(and(eq(files.tenantId, tenantId), inArray(files.id, ids)));
  const ok = new Set(found.filter((f) => f.kind === 'image').map((f) => f.id));
  const bad: FieldError[] = ids.flatMap((id, i) => (ok.has(id) ? [] : [{ field: `photoIds.${i}`, code: 'places.photo_invalid' }]));
  if (bad.length) throw new AppError('validation.failed', 400, {}, bad);
  for (const id of ids) await setFileVisibility(tx, tenantId, id, 'public');
}

export async function createPlace(db: Db, req: FastifyRequest, body: TPlaceBody) {
  const tenantId = req.tenant.id;
  const cats = await categoryIds(db, tenantId);
  const categoryId = cats.get(body.category);
  if (!categoryId)
    throw new AppError('validation.failed', 400, {}, [
      { field: 'category', code: 'places.unknown_category', params: { value: body.category } },
    ]);
  return db.transaction(async (tx) => {
    await checkPhotos(tx, tenantId, body.photoIds);
    const [row] = await tx
      .insert(places)
      .values({ tenantId, ...rowValues(body, categoryId) })
      .returning();
    if (!row) throw new Error('place insert failed');
    await audit(tx, req, { action: 'places.create', entity: 'place', entityId: row.id, data: { name: row.nameEl } });
    return row;
  });
}

export async function updatePlace(db: Db, req: FastifyRequest, id: string, body: TPlaceBody) {
  const tenantId = req.tenant.id;
  const cats = await categoryIds(db, tenantId);
  const categoryId = cats.get(body.category);
  if (!categoryId)
    throw new AppError('validation.failed', 400, {}, [
      { field: 'category', code: 'places.unknown_category', params: { value: body.category } },
    ]);
  return db.transaction(async (tx) => {
    const [before] = await tx
      .select()
      .from(places)
      .where(and(eq(places.tenantId, tenantId), eq(places.id, id)))
      .for('update');
    if (!before) throw new AppError('place.not_found', 404);
    await checkPhotos(tx, tenantId, body.photoIds);
    const [row] = await tx
      .update(places)
      .set({ ...rowValues(body, categoryId), updatedAt: new Date() })
      .where(eq(places.id, id))
      .returning();
    await audit(tx, req, { action: 'places.update', entity: 'place', entityId: id, data: { name: body.nameEl } });
    return row as TPlaceRow;
  });
}

export async function deletePlace(db: Db, req: FastifyRequest, id: string) {
  await db.transaction(async (tx) => {
    const [row] = await tx
      .delete(places)
      .where(and(eq(places.tenantId, req.tenant.id), eq(places.id, id)))
      .returning({ id: places.id, nameEl: places.nameEl });
    if (!row) throw new AppError('place.not_found', 404);
    await audit(tx, req, { action: 'places.delete', entity: 'place', entityId: id, data: { name: row.nameEl } });
  });
}
