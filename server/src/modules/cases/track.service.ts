import { and, desc, eq, inArray, isNotNull, or, type SQL, sql } from 'drizzle-orm';
import type { Actor } from '../../platform/access/access.js';
import { addWorkingDaysLocal, loadTenantHolidays, workingDaysBetween } from '../../platform/calendar/index.js';
import type { Database, DbOrTx } from '../../platform/db/database.js';
import { AppError } from '../../platform/http/errors.js';
import { deviceIdsArray } from '../../platform/identity/people.js';
import { CLOSED_CATEGORIES, loadContexts, stateName, type TCaseRow, timelineOf } from './case.service.js';
import { ratingOf } from './citizen.service.js';
import { caseFollowers, cases } from './schema.js';

/** What citizens see: their cases by device or account, or one case by protocol number and tracking code. */

export const HISTORY_MIN = 20;
const HISTORY_SAMPLE = 500;

function percentile(sorted: number[], p: number) {
  const i = Math.ceil(p * sorted.length) - 1;
  return sorted[Math.max(0, Math.min(sorted.length - 1, i))] as number;
}

/**
 * When the citizen can expect an answer: from the real resolution times (in working days) of the
 * type's last resolved cases when there are enough of them, else the SLA due date.
 */
export async function expectedCompletion(db: DbOrTx, c: TCaseRow) {
  const resolved = await db
    .select({ submittedAt: cases.submittedAt, resolvedAt: cases.resolvedAt })
    .from(cases)
    .where(
      and(
        eq(cases.tenantId, c.tenantId),
        eq(cases.caseTypeId, c.caseTypeId),
        isNotNull(cases.resolvedAt),
        inArray(cases.stateCategory, ['resolved', 'closed']),
      ),
    )
    .orderBy(desc(cases.resolvedAt))
    .limit(HISTORY_SAMPLE);
  if (resolved.length >= HISTORY_MIN) {
    const years = resolved.map((r) => r.submittedAt.getUTCFullYear());
    const from = Math.min(...years, c.submittedAt.getUTCFullYear());
    const holidays = await loadTenantHolidays(db, c.tenantId, from, c.submittedAt.getUTCFullYear() + 1);
    const days = resolved.map((r) => Math.max(0, workingDaysBetween(r.submittedAt, r.resolvedAt as Date, holidays))).sort((a, b) => a - b);
    const median = percentile(days, 0.5);
    const p80 = percentile(days, 0.8);
    return {
      basis: 'history' as const,
      median: addWorkingDaysLocal(c.submittedAt, median, holidays),
      p80: addWorkingDaysLocal(c.submittedAt, p80, holidays),
      sampleSize: resolved.length,
    };
  }
  if (c.dueDate) return { basis: 'sla' as const, median: c.dueDate, p80: c.dueDate, sampleSize: resolved.length };
  return { basis: 'none' as const, median: null, p80: null, sampleSize: resolved.length };
}

export async function citizenView(db: DbOrTx, c: TCaseRow) {
  const ctx = (await loadContexts(db, [c]))(c);
  const timeline = await timelineOf(db, c, true);
  const done = (CLOSED_CATEGORIES as readonly string[]).includes(c.stateCategory);
  return {
    id: c.id,
    protocolNumber: c.protocolNumber,
    protocolStatus: c.protocolStatus,
    trackingCode: c.trackingCode,
    title: c.title,
    caseType: { key: ctx.type.key, name: { el: ctx.type.nameEl, en: ctx.type.nameEn } },
    state: c.state,
    stateName: stateName(ctx.workflow.definition, c.state),
    stateCategory: c.stateCategory,
    submittedAt: c.submittedAt,
    dueDate: c.dueDate,
    expected: done ? { basis: 'none' as const, median: null, p80: null, sampleSize: 0 } : await expectedCompletion(db, c),
    location: c.lat != null && c.lon != null ? { lat: c.lat, lon: c.lon, ...(c.address ? { address: c.address } : {}) } : null,
    timeline: timeline.map((e) => ({
      id: e.id,
      kind: e.kind,
      public: e.public,
      body: e.body,
      authorKind: e.authorKind,
      data: e.data,
      createdAt: e.createdAt,
    })),
    rating: await ratingOf(db, c),
  };
}

/** A case by tracking code, and by protocol number too once it has one. Codes compare case-insensitively. */
export async function findByTracking(db: DbOrTx, tenantId: string, code: string, protocol?: string) {
  const [c] = await db
    .select()
    .from(cases)
    .where(and(eq(cases.tenantId, tenantId), eq(cases.trackingCode, code.trim().toUpperCase())));
  if (!c) throw new AppError('tracking.not_found', 404);
  if (c.protocolNumber && protocol?.trim() !== c.protocolNumber) throw new AppError('tracking.not_found', 404);
  return c;
}

/** Who follows a case beyond its submitter (for other modules, e.g. notifications, that may not read the table). */
export async function caseFollowersOf(
  db: DbOrTx,
  tenantId: string,
  caseId: string,
): Promise<{ userId: string | null; deviceId: string | null }[]> {
  return db
    .select({ userId: caseFollowers.userId, deviceId: caseFollowers.deviceId })
    .from(caseFollowers)
    .where(and(eq(caseFollowers.tenantId, tenantId), eq(caseFollowers.caseId, caseId)));
}

/**
 * The actor's own cases: filed from any of their devices, under their account, or followed. One
 * condition, no query of its own: their devices and the cases they follow are arrays PostgreSQL
 * computes once inside the query, and each branch of the `or` is an index (citizen, device, id).
 */
function ownerFilter(tenantId: string, actor: Actor): SQL | undefined {
  const userId = 'userId' in actor && actor.kind !== 'staff' ? actor.userId : undefined;
  const anyDevice = Boolean(('deviceId' in actor && actor.deviceId) || ('userId' in actor && actor.userId));
  if (!userId && !anyDevice) return undefined;
  const devices = deviceIdsArray(tenantId, actor);
  const followedBy = userId
    ? sql`(${caseFollowers.userId} = ${userId} or ${caseFollowers.deviceId} = any(${devices}))`
    : sql`${caseFollowers.deviceId} = any(${devices})`;
  const followed = sql`array(select ${caseFollowers.caseId} from ${caseFollowers} where ${caseFollowers.tenantId} = ${tenantId} and ${followedBy})`;
  return or(
    userId ? eq(cases.citizenUserId, userId) : undefined,
    sql`${cases.deviceId} = any(${devices})`,
    sql`${cases.id} = any(${followed})`,
  );
}

/** With `database` (the route), workflows and type versions come from the process's caches. */
export async function myCases(db: DbOrTx, tenantId: string, actor: Actor, database?: Database) {
  const own = ownerFilter(tenantId, actor);
  if (!own) return [];
  const found = await db
    .select()
    .from(cases)
    .where(and(eq(cases.tenantId, tenantId), own))
    .orderBy(desc(cases.submittedAt))
    .limit(200);
  const ctxOf = await loadContexts(db, found, database);
  return found.map((c) => {
    const ctx = ctxOf(c);
    return {
      id: c.id,
      protocolNumber: c.protocolNumber,
      protocolStatus: c.protocolStatus,
      trackingCode: c.trackingCode,
      title: c.title,
      caseType: { key: ctx.type.key, name: { el: ctx.type.nameEl, en: ctx.type.nameEn } },
      state: c.state,
      stateName: stateName(ctx.workflow.definition, c.state),
      stateCategory: c.stateCategory,
      submittedAt: c.submittedAt,
      dueDate: c.dueDate,
    };
  });
}

export async function myCase(db: DbOrTx, tenantId: string, actor: Actor, id: string) {
  const own = ownerFilter(tenantId, actor);
  if (!own) throw new AppError('case.not_found', 404);
  const [c] = await db
    .select()
    .from(cases)
    .where(and(eq(cases.tenantId, tenantId), eq(cases.id, id), own));
  if (!c) throw new AppError('case.not_found', 404);
  return c;
}
