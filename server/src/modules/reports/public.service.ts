import { eq } from 'drizzle-orm';
import type { Actor } from '../../platform/access/access.js';
import type { Platform } from '../../platform/context.js';
import type { DbOrTx } from '../../platform/db/database.js';
import { AppError } from '../../platform/http/errors.js';
import { deviceIdsOf } from '../../platform/identity/people.js';
import type { ServiceContext } from '../../platform/service-context.js';
import {
  CLOSED_CATEGORIES,
  citizenReopen,
  findCase,
  findCasesLike,
  followCase,
  followersOf,
  publicTimeline,
  STATE_CATEGORIES,
  type TCaseRow,
  unfollowCase,
  workflowDefinition,
} from '../cases/index.js';
import { areasOf, districtAt } from './areas.js';
import { categoriesOf, categoryByType } from './categories.js';
import { forgetMap } from './map.service.js';
import { hiddenReportIds, moderationOf } from './moderation.read.js';
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
  const c = await findCase(db, tenantId, id);
  const [m] = c ? await db.select().from(reportModeration).where(eq(reportModeration.caseId, c.id)) : [];
  const row = c ? { c, m: m ?? null } : null;
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

async function followers(db: DbOrTx, tenantId: string, actor: Actor, caseId: string) {
  const userId = 'userId' in actor && actor.kind !== 'staff' ? actor.userId : undefined;
  const deviceIds = await deviceIdsOf(db, tenantId, actor);
  return followersOf(db, tenantId, caseId, { userId, deviceIds });
}

function fixedAt(c: TCaseRow) {
  return c.resolvedAt ?? c.updatedAt;
}

/** The public page of a report: no names, contacts, tracking codes or internal notes. */
export async function publicReport(db: DbOrTx, ctx: ServiceContext, id: string) {
  const tenantId = ctx.tenant.id;
  const { c, m, category } = await loadPublicCase(db, tenantId, id);
  const settings = await loadReportSettings(db, tenantId);
  const def = await workflowDefinition(db, tenantId, c.workflowId);
  const status = publicStatus(c.state, c.stateCategory, settings.statusMap);
  const events = await publicTimeline(db, tenantId, c.id, PUBLIC_KINDS);
  const forwardedEvent = [...events].reverse().find((e) => e.kind === 'forwarded');
  const forwardedTo =
    status === 'not_ours'
      ? forwardedEvent
        ? { el: String(forwardedEvent.data.toEl ?? ''), en: String(forwardedEvent.data.toEn ?? '') }
        : category.outsideBody
          ? { el: category.outsideBody.nameEl, en: category.outsideBody.nameEn }
          : null
      : null;
  const follow = await followers(db, tenantId, ctx.actor, c.id);
  const areas = await areasOf(db, tenantId);
  const district = c.lat != null && c.lon != null ? districtAt(areas, c.lon, c.lat) : null;
  const reporter = await isReporter(db, tenantId, ctx.actor, c);
  const windowEnds = new Date(fixedAt(c).getTime() + settings.reopenDays * 86_400_000);
  let mergedInto: string | null = null;
  if (c.mergedIntoId) {
    mergedInto = (await findCase(db, tenantId, c.mergedIntoId))?.id ?? null;
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
    followers: follow.count,
    following: follow.following,
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
export async function follow(db: DbOrTx, ctx: ServiceContext, id: string) {
  const { c } = await loadPublicCase(db, ctx.tenant.id, id);
  const who = followerOf(ctx.actor);
  await followCase(db, ctx.tenant.id, c.id, who);
}

export async function unfollow(db: DbOrTx, ctx: ServiceContext, id: string) {
  const { c } = await loadPublicCase(db, ctx.tenant.id, id);
  const who = followerOf(ctx.actor);
  await unfollowCase(db, ctx.tenant.id, c.id, who);
}

/**
 * The reporter says "it is not fixed": within the tenant's window after "fixed", the case engine's
 * citizen reopen puts it back to work (public timeline entry, event for the staff). After the
 * window: 409, file a new report. Only the reporter (their account or one of their devices) may.
 */
export async function reopenNotFixed(platform: Platform, ctx: ServiceContext, id: string, comment: string) {
  const tenantId = ctx.tenant.id;
  const settings = await loadReportSettings(platform.db, tenantId);
  const c = await findCase(platform.db, tenantId, id);
  if (!c || !(await categoryByType(platform.db, tenantId, c.caseTypeId))) throw new AppError('reports.not_found', 404);
  if (!(await isReporter(platform.db, tenantId, ctx.actor, c))) throw new AppError('reports.reopen_forbidden', 403);
  if (c.mergedIntoId || publicStatus(c.state, c.stateCategory, settings.statusMap) !== 'fixed') {
    throw new AppError('reports.reopen_not_fixed', 409);
  }
  if (Date.now() > fixedAt(c).getTime() + settings.reopenDays * 86_400_000) {
    throw new AppError('reports.reopen_window_passed', 409, { days: settings.reopenDays });
  }
  const row = await citizenReopen(platform, ctx, c.id, { comment });
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
  const found = await findCasesLike(
    db,
    tenantId,
    {
      caseTypeIds: [cat.caseTypeId],
      notMerged: true,
      stateCategories: STATE_CATEGORIES.filter((x) => !(CLOSED_CATEGORIES as readonly string[]).includes(x)),
      box: { minLon: q.lon - dLon, minLat: q.lat - dLat, maxLon: q.lon + dLon, maxLat: q.lat + dLat },
      notIds: await hiddenReportIds(db, tenantId),
    },
    text,
    500,
  );
  const mods = await moderationOf(
    db,
    found.map((r) => r.c.id),
  );
  const rows = found.map((r) => ({ ...r, m: mods.get(r.c.id) ?? null }));
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
