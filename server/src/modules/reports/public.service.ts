import { and, asc, count, eq, inArray, isNull, notInArray, sql } from 'drizzle-orm';
import type { FastifyRequest } from 'fastify';
import type { Actor } from '../../platform/access/access.js';
import type { Platform } from '../../platform/context.js';
import type { DbOrTx } from '../../platform/db/database.js';
import { AppError } from '../../platform/http/errors.js';
import { deviceIdsOf } from '../../platform/identity/people.js';
import { CLOSED_CATEGORIES, caseEvents, caseFollowers, cases, citizenReopen, type TCaseRow, workflows } from '../cases/index.js';
import { areasOf, districtAt } from './areas.js';
import { categoriesOf, categoryByType } from './categories.js';
import { forgetMap } from './map.service.js';
import { reportModeration } from './schema.js';
import { loadReportSettings, publicStatus, type TReportSettings } from './status.js';

/** What anyone may see of a report, following a report, and the reporter's "it is not fixed". */

/** Kinds of timeline events shown on the public page; replies and questions to the reporter stay between them. */
const PUBLIC_KINDS = ['submitted', 'transition', 'reopened', 'merged', 'forwarded'];

type TModRow = typeof reportModeration.$inferSelect;

/** Photos the public may see: approved by a moderator (or all, by tenant setting), never redacted ones. */
export function publicPhotos(c: Pick<TCaseRow, 'fileIds'>, m: TModRow | null, s: Pick<TReportSettings, 'photosPublicWithoutModeration'>) {
  const redacted = new Set(m?.redactedFileIds ?? []);
  const approved = new Set(m?.approvedFileIds ?? []);
  return c.fileIds.filter((f) => !redacted.has(f) && (s.photosPublicWithoutModeration || approved.has(f)));
}

export async function loadPublicCase(db: DbOrTx, tenantId: string, id: string) {
  const [row] = await db
    .select({ c: cases, m: reportModeration })
    .from(cases)
    .leftJoin(reportModeration, eq(reportModeration.caseId, cases.id))
    .where(and(eq(cases.tenantId, tenantId), eq(cases.id, id)));
  if (!row || row.m?.hidden) throw new AppError('reports.not_found', 404);
  const category = await categoryByType(db, tenantId, row.c.caseTypeId);
  if (!category) throw new AppError('reports.not_found', 404);
  return { c: row.c, m: row.m, category };
}

async function isReporter(db: DbOrTx, tenantId: string, actor: Actor, c: TCaseRow) {
  const userId = 'userId' in actor && actor.kind !== 'staff' ? actor.userId : undefined;
  if (userId && c.citizenUserId === userId) return true;
  if (!c.deviceId) return false;
  return (await deviceIdsOf(db, tenantId, actor)).includes(c.deviceId);
}

async function isFollowing(db: DbOrTx, tenantId: string, actor: Actor, caseId: string) {
  const userId = 'userId' in actor && actor.kind !== 'staff' ? actor.userId : undefined;
  const devices = await deviceIdsOf(db, tenantId, actor);
  if (!userId && !devices.length) return false;
  const [f] = await db
    .select({ id: caseFollowers.id })
    .from(caseFollowers)
    .where(
      and(
        eq(caseFollowers.tenantId, tenantId),
        eq(caseFollowers.caseId, caseId),
        sql`(${userId ? sql`${caseFollowers.userId} = ${userId}` : sql`false`} or ${
          devices.length ? inArray(caseFollowers.deviceId, devices) : sql`false`
        })`,
      ),
    );
  return Boolean(f);
}

function fixedAt(c: TCaseRow) {
  return c.resolvedAt ?? c.updatedAt;
}

/** The public page of a report: no names, contacts, tracking codes or internal notes. */
export async function publicReport(db: DbOrTx, req: FastifyRequest, id: string) {
  const tenantId = req.tenant.id;
  const { c, m, category } = await loadPublicCase(db, tenantId, id);
  const settings = await loadReportSettings(db, tenantId);
  const [wf] = await db.select({ d: workflows.definition }).from(workflows).where(eq(workflows.id, c.workflowId));
  const def = wf?.d;
  const status = publicStatus(c.state, c.stateCategory, settings.statusMap);
  const events = await db
    .select()
    .from(caseEvents)
    .where(and(eq(caseEvents.caseId, c.id), eq(caseEvents.public, true), inArray(caseEvents.kind, PUBLIC_KINDS)))
    .orderBy(asc(caseEvents.createdAt));
  const forwardedEvent = [...events].reverse().find((e) => e.kind === 'forwarded');
  const forwardedTo =
    status === 'not_ours'
      ? forwardedEvent
        ? { el: String(forwardedEvent.data.toEl ?? ''), en: String(forwardedEvent.data.toEn ?? '') }
        : category.outsideBody
          ? { el: category.outsideBody.nameEl, en: category.outsideBody.nameEn }
          : null
      : null;
  const [{ n } = { n: 0 }] = await db.select({ n: count() }).from(caseFollowers).where(eq(caseFollowers.caseId, c.id));
  const areas = await areasOf(db, tenantId);
  const district = c.lat != null && c.lon != null ? districtAt(areas, c.lon, c.lat) : null;
  const reporter = await isReporter(db, tenantId, req.actor, c);
  const windowEnds = new Date(fixedAt(c).getTime() + settings.reopenDays * 86_400_000);
  let mergedInto: string | null = null;
  if (c.mergedIntoId) {
    const [target] = await db
      .select({ id: cases.id })
      .from(cases)
      .where(and(eq(cases.tenantId, tenantId), eq(cases.id, c.mergedIntoId)));
    mergedInto = target?.id ?? null;
  }
  return {
    id: c.id,
    protocolNumber: c.protocolNumber,
    title: m?.publicTitle ?? c.title,
    description: m?.publicDescription ?? c.description,
    category: { key: category.key, icon: category.icon, name: category.name },
    status,
    forwardedTo,
    location: c.lat != null && c.lon != null ? { lat: c.lat, lon: c.lon, address: c.address } : null,
    district: district ? { key: district.key, name: { el: district.nameEl, en: district.nameEn } } : null,
    photos: publicPhotos(c, m, settings),
    submittedAt: c.submittedAt,
    updatedAt: c.updatedAt,
    mergedInto,
    followers: Number(n),
    following: await isFollowing(db, tenantId, req.actor, c.id),
    canReopen: reporter && status === 'fixed' && Date.now() <= windowEnds.getTime(),
    reopenUntil: status === 'fixed' ? windowEnds : null,
    updates: events.map((e) => {
      const to = typeof e.data.to === 'string' ? e.data.to : null;
      const toCategory = to && def ? def.states.find((s) => s.key === to)?.category : undefined;
      return {
        id: e.id,
        kind: e.kind,
        at: e.createdAt,
        status: to && toCategory ? publicStatus(to, toCategory, settings.statusMap) : null,
        body: e.kind === 'transition' || e.kind === 'reopened' ? e.body : null,
        message: typeof e.data.messageEl === 'string' ? { el: e.data.messageEl, en: String(e.data.messageEn ?? e.data.messageEl) } : null,
        forwardedTo: e.kind === 'forwarded' ? { el: String(e.data.toEl ?? ''), en: String(e.data.toEn ?? '') } : null,
        mergedInto: e.kind === 'merged' ? String(e.data.into ?? '') : null,
      };
    }),
  };
}

function followerOf(actor: Actor) {
  const userId = 'userId' in actor && actor.kind !== 'staff' ? actor.userId : undefined;
  const deviceId = 'deviceId' in actor ? actor.deviceId : undefined;
  if (userId) return { userId, deviceId: null };
  if (deviceId) return { userId: null, deviceId };
  throw new AppError('auth.required', 401);
}

/** Follows a report by account (signed in) or by this device; the case engine's followers hear of its changes. */
export async function follow(db: DbOrTx, req: FastifyRequest, id: string) {
  const { c } = await loadPublicCase(db, req.tenant.id, id);
  const who = followerOf(req.actor);
  await db
    .insert(caseFollowers)
    .values({ tenantId: req.tenant.id, caseId: c.id, ...who })
    .onConflictDoNothing();
}

export async function unfollow(db: DbOrTx, req: FastifyRequest, id: string) {
  const { c } = await loadPublicCase(db, req.tenant.id, id);
  const who = followerOf(req.actor);
  await db
    .delete(caseFollowers)
    .where(
      and(
        eq(caseFollowers.caseId, c.id),
        who.userId ? eq(caseFollowers.userId, who.userId) : eq(caseFollowers.deviceId, who.deviceId as string),
      ),
    );
}

/**
 * The reporter says "it is not fixed": within the tenant's window after "fixed", the case engine's
 * citizen reopen puts it back to work (public timeline entry, event for the staff). After the
 * window: 409, file a new report. Only the reporter (their account or one of their devices) may.
 */
export async function reopenNotFixed(platform: Platform, req: FastifyRequest, id: string, comment: string) {
  const tenantId = req.tenant.id;
  const settings = await loadReportSettings(platform.db, tenantId);
  const [c] = await platform.db
    .select()
    .from(cases)
    .where(and(eq(cases.tenantId, tenantId), eq(cases.id, id)));
  if (!c || !(await categoryByType(platform.db, tenantId, c.caseTypeId))) throw new AppError('reports.not_found', 404);
  if (!(await isReporter(platform.db, tenantId, req.actor, c))) throw new AppError('reports.reopen_forbidden', 403);
  if (c.mergedIntoId || publicStatus(c.state, c.stateCategory, settings.statusMap) !== 'fixed') {
    throw new AppError('reports.reopen_not_fixed', 409);
  }
  if (Date.now() > fixedAt(c).getTime() + settings.reopenDays * 86_400_000) {
    throw new AppError('reports.reopen_window_passed', 409, { days: settings.reopenDays });
  }
  const row = await citizenReopen(platform, req, c.id, { comment });
  forgetMap(tenantId);
  return row;
}

/** Metres between two points (haversine). */
export function distanceM(lat1: number, lon1: number, lat2: number, lon2: number) {
  const R = 6_371_000;
  const rad = Math.PI / 180;
  const dLat = (lat2 - lat1) * rad;
  const dLon = (lon2 - lon1) * rad;
  const a = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * R * Math.asin(Math.sqrt(a));
}

export const NEARBY_M = 250;
const TEXT_M = 1000;
const SIMILAR = 0.3;

/**
 * Possible duplicates before submitting: open reports of the same category within 250 m, and
 * within 1 km when the text is similar (pg_trgm `similarity` on the unaccented, lower-case title).
 * The box test uses the GiST index on `point(lon, lat)`; the exact distance is computed here.
 */
export async function nearby(db: DbOrTx, tenantId: string, q: { category: string; lat: number; lon: number; text?: string }) {
  const cat = (await categoriesOf(db, tenantId)).find((c) => c.key === q.category);
  if (!cat) throw new AppError('validation.failed', 400, {}, [{ field: 'category', code: 'reports.not_a_category' }]);
  const dLat = TEXT_M / 111_320;
  const dLon = TEXT_M / (111_320 * Math.cos((q.lat * Math.PI) / 180));
  const text = q.text?.trim() ? q.text.trim().toLowerCase() : null;
  const sim = text ? sql<number>`similarity(lower(f_unaccent(${cases.title})), f_unaccent(${text}))` : sql<number>`0`;
  const rows = await db
    .select({ c: cases, m: reportModeration, sim })
    .from(cases)
    .leftJoin(reportModeration, eq(reportModeration.caseId, cases.id))
    .where(
      and(
        eq(cases.tenantId, tenantId),
        eq(cases.caseTypeId, cat.caseTypeId),
        isNull(cases.mergedIntoId),
        notInArray(cases.stateCategory, [...CLOSED_CATEGORIES]),
        sql`point(${cases.lon}, ${cases.lat}) <@ box(point(${q.lon - dLon}, ${q.lat - dLat}), point(${q.lon + dLon}, ${q.lat + dLat}))`,
        sql`coalesce(${reportModeration.hidden}, false) = false`,
      ),
    )
    .limit(500);
  const settings = await loadReportSettings(db, tenantId);
  return rows
    .map((r) => ({ ...r, distance: distanceM(q.lat, q.lon, r.c.lat as number, r.c.lon as number) }))
    .filter((r) => r.distance <= NEARBY_M || (text !== null && Number(r.sim) >= SIMILAR))
    .sort((a, b) => a.distance - b.distance)
    .slice(0, 20)
    .map((r) => ({
      id: r.c.id,
      title: r.m?.publicTitle ?? r.c.title,
      status: publicStatus(r.c.state, r.c.stateCategory, settings.statusMap),
      distanceM: Math.round(r.distance),
      similarity: Math.round(Number(r.sim) * 100) / 100,
      submittedAt: r.c.submittedAt,
      lat: r.c.lat as number,
      lon: r.c.lon as number,
    }));
}
