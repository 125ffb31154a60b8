import { and, asc, count, desc, eq, gte, inArray, isNull, or, sql } from 'drizzle-orm';
import { z } from 'zod';
import { audit } from '../../platform/audit/audit.js';
import type { Platform } from '../../platform/context.js';
import type { DbOrTx, Tx } from '../../platform/db/database.js';
import { getFileMeta, markFilePublic } from '../../platform/files/index.js';
import { AppError, type FieldError } from '../../platform/http/errors.js';
import type { ServiceContext } from '../../platform/service-context.js';
import { scheduleApprovedBroadcast } from '../notify/index.js';
import { userIdOf } from './access.js';
import { CONTENT_KINDS, contentCategories, contentItems, type TContentKind } from './schema.js';

/** News, announcements, events and internal announcements: drafts, scheduling, publishing, push. */

export const PUBLISH_QUEUE = 'content.publish';
export type TItem = typeof contentItems.$inferSelect;

const optText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .nullish()
    .transform((v) => (v ? v : null));

export const ZItemBody = z.object({
  kind: z.enum(CONTENT_KINDS),
  categoryId: z.uuid().nullish(),
  titleEl: z.string().trim().min(1).max(200),
  titleEn: optText(200),
  summaryEl: z.string().trim().max(500).default(''),
  summaryEn: optText(500),
  bodyEl: z.string().trim().max(20000).default(''),
  bodyEn: optText(20000),
  imageFileId: z.uuid().nullish(),
  imageAltEl: optText(300),
  imageAltEn: optText(300),
  startsAt: z.coerce.date().nullish(),
  endsAt: z.coerce.date().nullish(),
  placeEl: optText(300),
  placeEn: optText(300),
  lat: z.number().min(-90).max(90).nullish(),
  lon: z.number().min(-180).max(180).nullish(),
  organiser: optText(200),
  push: z.boolean().default(false),
  publishAt: z.coerce.date().nullish(),
  /** What to do with it: keep as a draft, publish at `publishAt`, or publish now. */
  action: z.enum(['draft', 'schedule', 'publish']).default('draft'),
});
export type TItemBody = z.infer<typeof ZItemBody>;

export const ZCategoryBody = z.object({
  slug: z
    .string()
    .trim()
    .min(1)
    .max(60)
    .regex(/^[a-z0-9-]+$/),
  nameEl: z.string().trim().min(1).max(100),
  nameEn: z.string().trim().min(1).max(100),
});

async function checkBody(tx: DbOrTx, tenantId: string, body: TItemBody) {
  const fields: FieldError[] = [];
  if (body.kind === 'event' && !body.startsAt) fields.push({ field: 'startsAt', code: 'content.event_dates_required' });
  if (body.startsAt && body.endsAt && body.endsAt < body.startsAt) fields.push({ field: 'endsAt', code: 'content.ends_before_start' });
  if (body.action === 'schedule') {
    if (!body.publishAt) fields.push({ field: 'publishAt', code: 'content.publish_at_required' });
    else if (body.publishAt.getTime() <= Date.now()) fields.push({ field: 'publishAt', code: 'content.publish_at_past' });
  }
  if ((body.lat == null) !== (body.lon == null))
    fields.push({ field: body.lat == null ? 'lat' : 'lon', code: 'content.coordinates_incomplete' });
  if (body.categoryId) {
    const [c] = await tx
      .select({ id: contentCategories.id })
      .from(contentCategories)
      .where(and(eq(contentCategories.tenantId, tenantId), eq(contentCategories.id, body.categoryId)));
    if (!c) fields.push({ field: 'categoryId', code: 'content.category_not_found' });
  }
  if (body.imageFileId) {
    const f = await getFileMeta(tx, tenantId, body.imageFileId);
    if (f?.kind !== 'image') fields.push({ field: 'imageFileId', code: 'content.image_invalid' });
    if (!body.imageAltEl) fields.push({ field: 'imageAltEl', code: 'content.image_alt_required' });
  }
  if (fields.length) throw new AppError('validation.failed', 400, {}, fields);
}

function columns(body: TItemBody) {
  const event = body.kind === 'event';
  return {
    kind: body.kind,
    categoryId: body.categoryId ?? null,
    titleEl: body.titleEl,
    titleEn: body.titleEn,
    summaryEl: body.summaryEl,
    summaryEn: body.summaryEn,
    bodyEl: body.bodyEl,
    bodyEn: body.bodyEn,
    imageFileId: body.imageFileId ?? null,
    imageAltEl: body.imageFileId ? body.imageAltEl : null,
    imageAltEn: body.imageFileId ? body.imageAltEn : null,
    startsAt: event ? (body.startsAt ?? null) : null,
    endsAt: event ? (body.endsAt ?? null) : null,
    placeEl: event ? body.placeEl : null,
    placeEn: event ? body.placeEn : null,
    lat: event ? (body.lat ?? null) : null,
    lon: event ? (body.lon ?? null) : null,
    organiser: event ? body.organiser : null,
    // Internal announcements never go out as a push to the public.
    push: body.kind === 'internal' ? false : body.push,
  };
}

const pushCategory = (kind: TContentKind) => (kind === 'event' ? 'events' : 'general');

/** Publishes in `tx`: status, time, the push broadcast (once), the outbox event. */
async function publishTx(platform: Platform, tx: Tx, item: TItem, by: string | null): Promise<TItem> {
  const now = new Date();
  const pushNow = item.push && !item.pushedAt && item.kind !== 'internal';
  const [row] = await tx
    .update(contentItems)
    .set({ status: 'published', publishedAt: now, publishAt: null, pushedAt: pushNow ? now : item.pushedAt, updatedAt: now })
    .where(eq(contentItems.id, item.id))
    .returning();
  if (pushNow) {
    const summaryEl = item.summaryEl || item.titleEl;
    await scheduleApprovedBroadcast(tx, {
      tenantId: item.tenantId,
      category: pushCategory(item.kind),
      titleEl: item.titleEl,
      titleEn: item.titleEn ?? item.titleEl,
      textEl: summaryEl.slice(0, 2000),
      textEn: (item.summaryEn || item.titleEn || summaryEl).slice(0, 2000),
      channels: ['push', 'inapp'],
      createdBy: (by ?? item.updatedBy ?? item.createdBy) as string,
    });
  }
  await platform.jobs.emit(tx, item.tenantId, 'content.published', { id: item.id, kind: item.kind });
  return row as TItem;
}

async function scheduleJob(platform: Platform, tx: Tx, item: TItem) {
  if (item.status !== 'scheduled' || !item.publishAt) return;
  await platform.jobs.enqueue(tx, {
    queue: PUBLISH_QUEUE,
    tenantId: item.tenantId,
    payload: { id: item.id },
    runAt: item.publishAt,
    dedupeKey: `content.publish:${item.id}:${item.publishAt.getTime()}`,
  });
}

export async function createItem(platform: Platform, ctx: ServiceContext, body: TItemBody) {
  const by = userIdOf(ctx);
  return platform.db.transaction(async (tx) => {
    await checkBody(tx, ctx.tenant.id, body);
    if (body.imageFileId) await markFilePublic(tx, ctx.tenant.id, body.imageFileId);
    const [row] = await tx
      .insert(contentItems)
      .values({
        tenantId: ctx.tenant.id,
        ...columns(body),
        status: body.action === 'schedule' ? 'scheduled' : 'draft',
        publishAt: body.action === 'schedule' ? body.publishAt : null,
        createdBy: by,
        updatedBy: by,
      })
      .returning();
    let item = row as TItem;
    await scheduleJob(platform, tx, item);
    if (body.action === 'publish') item = await publishTx(platform, tx, item, by);
    await audit(tx, ctx, {
      action: 'content.create',
      entity: 'content_item',
      entityId: item.id,
      data: { kind: item.kind, status: item.status },
    });
    return item;
  });
}

async function lockItem(tx: Tx, tenantId: string, id: string) {
  const [row] = await tx
    .select()
    .from(contentItems)
    .where(and(eq(contentItems.tenantId, tenantId), eq(contentItems.id, id)))
    .for('update');
  if (!row) throw new AppError('content.not_found', 404);
  return row;
}

export async function updateItem(platform: Platform, ctx: ServiceContext, id: string, body: TItemBody) {
  const by = userIdOf(ctx);
  return platform.db.transaction(async (tx) => {
    const cur = await lockItem(tx, ctx.tenant.id, id);
    await checkBody(tx, ctx.tenant.id, body);
    if (body.imageFileId) await markFilePublic(tx, ctx.tenant.id, body.imageFileId);
    // A published item stays published when edited unless it is turned back into a draft.
    const status = body.action === 'schedule' ? 'scheduled' : body.action === 'draft' && cur.status !== 'published' ? 'draft' : cur.status;
    const unpublish = body.action === 'draft' && cur.status === 'published';
    const [row] = await tx
      .update(contentItems)
      .set({
        ...columns(body),
        status: unpublish ? 'draft' : status,
        publishAt: status === 'scheduled' ? body.publishAt : null,
        updatedBy: by,
        updatedAt: new Date(),
      })
      .where(eq(contentItems.id, id))
      .returning();
    let item = row as TItem;
    await scheduleJob(platform, tx, item);
    if (body.action === 'publish' && item.status !== 'published') item = await publishTx(platform, tx, item, by);
    await audit(tx, ctx, { action: 'content.update', entity: 'content_item', entityId: id, data: { status: item.status } });
    return item;
  });
}

export async function publishItem(platform: Platform, ctx: ServiceContext, id: string) {
  return platform.db.transaction(async (tx) => {
    const cur = await lockItem(tx, ctx.tenant.id, id);
    if (cur.status === 'published') throw new AppError('content.not_publishable', 409);
    const item = await publishTx(platform, tx, cur, userIdOf(ctx));
    await audit(tx, ctx, { action: 'content.publish', entity: 'content_item', entityId: id });
    return item;
  });
}

export async function archiveItem(platform: Platform, ctx: ServiceContext, id: string) {
  return platform.db.transaction(async (tx) => {
    await lockItem(tx, ctx.tenant.id, id);
    const [row] = await tx
      .update(contentItems)
      .set({ status: 'archived', publishAt: null, updatedBy: userIdOf(ctx), updatedAt: new Date() })
      .where(eq(contentItems.id, id))
      .returning();
    await audit(tx, ctx, { action: 'content.archive', entity: 'content_item', entityId: id });
    return row as TItem;
  });
}

/** The scheduled-publishing job: publishes the item if it is still scheduled and its time has come. */
export async function runScheduledPublish(platform: Platform, tenantId: string, id: string) {
  await platform.db.transaction(async (tx) => {
    const [cur] = await tx
      .select()
      .from(contentItems)
      .where(and(eq(contentItems.tenantId, tenantId), eq(contentItems.id, id)))
      .for('update');
    if (cur?.status !== 'scheduled' || !cur.publishAt || cur.publishAt.getTime() > Date.now()) return;
    await publishTx(platform, tx, cur, null);
  });
}

// ---- reading -------------------------------------------------------------------------------

const PUBLIC_NEWS: TContentKind[] = ['news', 'announcement'];

export async function listNews(db: DbOrTx, tenantId: string, q: { categoryId?: string; limit: number; offset: number }) {
  const where = and(
    eq(contentItems.tenantId, tenantId),
    eq(contentItems.status, 'published'),
    inArray(contentItems.kind, PUBLIC_NEWS),
    q.categoryId ? eq(contentItems.categoryId, q.categoryId) : undefined,
  );
  // the page and the total in one round trip (the total rides on every row); a page past the end asks for the total apart
  const rows = await db
    .select({ item: contentItems, total: sql<number>`count(*) over ()` })
    .from(contentItems)
    .where(where)
    .orderBy(desc(contentItems.publishedAt))
    .limit(q.limit)
    .offset(q.offset);
  if (rows[0]) return { items: rows.map((r) => r.item), total: Number(rows[0].total) };
  if (!q.offset) return { items: [], total: 0 };
  const [total] = await db.select({ n: count() }).from(contentItems).where(where);
  return { items: [], total: Number(total?.n ?? 0) };
}

/** Published events that have not ended by `from`, soonest first. */
export async function listEvents(db: DbOrTx, tenantId: string, q: { from: Date; categoryId?: string; limit: number; offset: number }) {
  const where = and(
    eq(contentItems.tenantId, tenantId),
    eq(contentItems.status, 'published'),
    eq(contentItems.kind, 'event'),
    or(gte(contentItems.endsAt, q.from), and(isNull(contentItems.endsAt), gte(contentItems.startsAt, q.from))),
    q.categoryId ? eq(contentItems.categoryId, q.categoryId) : undefined,
  );
  const [items, [total]] = await Promise.all([
    db.select().from(contentItems).where(where).orderBy(asc(contentItems.startsAt)).limit(q.limit).offset(q.offset),
    db.select({ n: count() }).from(contentItems).where(where),
  ]);
  return { items, total: Number(total?.n ?? 0) };
}

export async function listInternal(db: DbOrTx, tenantId: string, limit: number) {
  return db
    .select()
    .from(contentItems)
    .where(and(eq(contentItems.tenantId, tenantId), eq(contentItems.status, 'published'), eq(contentItems.kind, 'internal')))
    .orderBy(desc(contentItems.publishedAt))
    .limit(limit);
}

export async function getItem(db: DbOrTx, tenantId: string, id: string) {
  const [row] = await db
    .select()
    .from(contentItems)
    .where(and(eq(contentItems.tenantId, tenantId), eq(contentItems.id, id)));
  return row ?? null;
}

export async function listForEditor(
  db: DbOrTx,
  tenantId: string,
  q: { status?: TItem['status']; kind?: TContentKind; limit: number; offset: number },
) {
  const where = and(
    eq(contentItems.tenantId, tenantId),
    q.status ? eq(contentItems.status, q.status) : undefined,
    q.kind ? eq(contentItems.kind, q.kind) : undefined,
  );
  const [items, [total]] = await Promise.all([
    db.select().from(contentItems).where(where).orderBy(sql`${contentItems.updatedAt} desc`).limit(q.limit).offset(q.offset),
    db.select({ n: count() }).from(contentItems).where(where),
  ]);
  return { items, total: Number(total?.n ?? 0) };
}

export async function listCategories(db: DbOrTx, tenantId: string) {
  return db.select().from(contentCategories).where(eq(contentCategories.tenantId, tenantId)).orderBy(asc(contentCategories.nameEl));
}

export async function createCategory(platform: Platform, ctx: ServiceContext, body: z.infer<typeof ZCategoryBody>) {
  return platform.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(contentCategories)
      .values({ tenantId: ctx.tenant.id, ...body })
      .onConflictDoNothing()
      .returning();
    if (!row) throw new AppError('validation.failed', 400, {}, [{ field: 'slug', code: 'content.category_exists' }]);
    await audit(tx, ctx, { action: 'content.category.create', entity: 'content_category', entityId: row.id, data: { slug: row.slug } });
    return row;
  });
}
