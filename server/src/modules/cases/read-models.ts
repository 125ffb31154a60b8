import { and, asc, count, desc, eq, gte, inArray, isNotNull, isNull, lte, type SQL, sql } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { type DbOrTx, rows } from '../../platform/db/database.js';
import type { TCaseRow } from './case.service.js';
import type { TCaseTypeSnapshot, TWorkflowDefinition } from './case-type.model.js';
import { caseEvents, caseFollowers, cases, caseTypes, caseTypeVersions, type TStateCategory, workflows } from './schema.js';

/**
 * Read models: what other modules need to show or decide about cases, without reading the engine's
 * tables. Each is one query (or two), filtered by tenant, returning plain rows. A module that needs
 * more asks for a new read model here rather than joining the tables itself.
 */

/** Foreign keys to the engine's rows: a module's schema may reference a case or a case type (and cascade with it). */
export const caseForeignKeys = {
  caseId: (): AnyPgColumn => cases.id,
  caseTypeId: (): AnyPgColumn => caseTypes.id,
};

export type TCaseFilter = {
  ids?: string[];
  /** Cases not among these (e.g. what the caller's own module hides). */
  notIds?: string[];
  caseTypeIds?: string[];
  stateCategories?: readonly TStateCategory[];
  submittedFrom?: Date;
  submittedTo?: Date;
  updatedFrom?: Date;
  updatedTo?: Date;
  /** Only cases with a point on the map. */
  located?: boolean;
  /** Leave out cases merged into another. */
  notMerged?: boolean;
  /** Cases carrying this file among their attachments. */
  fileId?: string;
  /** Cases whose point lies in this box (the GiST index on `point(lon, lat)`). */
  box?: { minLon: number; minLat: number; maxLon: number; maxLat: number };
  /** Cases filed by this account, or with this phone number (digits only) in their contact. */
  requester?: { userId?: string; phoneDigits?: string };
};

const NONE = '00000000-0000-0000-0000-000000000000';

function where(tenantId: string, f: TCaseFilter): SQL | undefined {
  const w: (SQL | undefined)[] = [eq(cases.tenantId, tenantId)];
  // One array parameter each, however many ids: lists of thousands stay one bind value.
  if (f.ids) w.push(sql`${cases.id} = any(${sql.param(f.ids)}::uuid[])`);
  if (f.notIds?.length) w.push(sql`not (${cases.id} = any(${sql.param(f.notIds)}::uuid[]))`);
  if (f.caseTypeIds) w.push(sql`${cases.caseTypeId} = any(${sql.param(f.caseTypeIds)}::uuid[])`);
  if (f.stateCategories) w.push(f.stateCategories.length ? inArray(cases.stateCategory, [...f.stateCategories]) : sql`false`);
  if (f.submittedFrom) w.push(gte(cases.submittedAt, f.submittedFrom));
  if (f.submittedTo) w.push(lte(cases.submittedAt, f.submittedTo));
  if (f.updatedFrom) w.push(gte(cases.updatedAt, f.updatedFrom));
  if (f.updatedTo) w.push(lte(cases.updatedAt, f.updatedTo));
  if (f.located) w.push(isNotNull(cases.lat), isNotNull(cases.lon));
  if (f.notMerged) w.push(isNull(cases.mergedIntoId));
  if (f.box) {
    const b = f.box;
    w.push(sql`point(${cases.lon}, ${cases.lat}) <@ box(point(${b.minLon}, ${b.minLat}), point(${b.maxLon}, ${b.maxLat}))`);
  }
  if (f.fileId) w.push(sql`${f.fileId}::uuid = any(${cases.fileIds})`);
  if (f.requester) {
    const { userId, phoneDigits } = f.requester;
    const who = [
      userId ? eq(cases.citizenUserId, userId) : undefined,
      phoneDigits ? sql`regexp_replace(coalesce(${cases.contact}->>'phone', ''), '\\D', '', 'g') = ${phoneDigits}` : undefined,
    ].filter((x): x is SQL => !!x);
    w.push(who.length ? sql`(${sql.join(who, sql` or `)})` : sql`false`);
  }
  return and(...w);
}

/** Case rows matching a filter, newest first (by submission), at most `limit`. */
export async function findCases(
  db: DbOrTx,
  tenantId: string,
  filter: TCaseFilter,
  opts: { limit?: number; offset?: number; order?: 'newest' | 'oldest' } = {},
): Promise<TCaseRow[]> {
  const q = db
    .select()
    .from(cases)
    .where(where(tenantId, filter))
    .orderBy(...(opts.order === 'oldest' ? [asc(cases.submittedAt), asc(cases.id)] : [desc(cases.submittedAt), desc(cases.id)]));
  if (opts.limit !== undefined) q.limit(opts.limit);
  if (opts.offset) q.offset(opts.offset);
  return q;
}

/**
 * Cases matching a filter with the similarity of their title to `text` (pg_trgm `similarity` on the
 * unaccented, lower-case title; 0 without text), for "is this already reported?" checks.
 */
export async function findCasesLike(db: DbOrTx, tenantId: string, filter: TCaseFilter, text: string | null, limit: number) {
  const sim = text ? sql<number>`similarity(lower(f_unaccent(${cases.title})), f_unaccent(${text}))` : sql<number>`0`;
  return db.select({ c: cases, sim }).from(cases).where(where(tenantId, filter)).limit(limit);
}

/**
 * One case row, or null when it is not the tenant's. The caller checks access itself. `lock` holds
 * the row for the caller's transaction, so the caller's own change about this case is serialised.
 */
export async function findCase(db: DbOrTx, tenantId: string, id: string, opts: { lock?: boolean } = {}): Promise<TCaseRow | null> {
  const q = db
    .select()
    .from(cases)
    .where(and(eq(cases.tenantId, tenantId), eq(cases.id, id)));
  const [row] = opts.lock ? await q.for('update') : await q;
  return row ?? null;
}

/** The map's view of cases: where, what type, which state, when; nothing personal. */
export async function casePoints(db: DbOrTx, tenantId: string, filter: TCaseFilter) {
  return db
    .select({
      id: cases.id,
      lat: cases.lat,
      lon: cases.lon,
      caseTypeId: cases.caseTypeId,
      state: cases.state,
      stateCategory: cases.stateCategory,
      submittedAt: cases.submittedAt,
    })
    .from(cases)
    .where(where(tenantId, filter));
}

/** A case with the case type version it was filed under (its form, fee, documents). */
export async function caseWithSnapshot(
  db: DbOrTx,
  tenantId: string,
  id: string,
): Promise<{ case: TCaseRow; snapshot: TCaseTypeSnapshot; typeKey: string } | null> {
  const [row] = await db
    .select({ c: cases, snapshot: caseTypeVersions.snapshot, typeKey: caseTypes.key })
    .from(cases)
    .innerJoin(caseTypeVersions, eq(caseTypeVersions.id, cases.caseTypeVersionId))
    .innerJoin(caseTypes, eq(caseTypes.id, cases.caseTypeId))
    .where(and(eq(cases.tenantId, tenantId), eq(cases.id, id)));
  return row ? { case: row.c, snapshot: row.snapshot, typeKey: row.typeKey } : null;
}

/** The snapshot of one case type version. */
export async function caseTypeVersionSnapshot(db: DbOrTx, tenantId: string, versionId: string): Promise<TCaseTypeSnapshot | null> {
  const [row] = await db
    .select({ snapshot: caseTypeVersions.snapshot })
    .from(caseTypeVersions)
    .where(and(eq(caseTypeVersions.tenantId, tenantId), eq(caseTypeVersions.id, versionId)));
  return row?.snapshot ?? null;
}

export type TCaseTypeInfo = { id: string; key: string; group: string; icon: string | null; active: boolean; snapshot: TCaseTypeSnapshot };

/** Case types with their current version's snapshot: the given ids, or all of the tenant's. */
export async function caseTypeInfos(db: DbOrTx, tenantId: string, ids?: string[]): Promise<TCaseTypeInfo[]> {
  const rows = await db
    .select({ t: caseTypes, snapshot: caseTypeVersions.snapshot })
    .from(caseTypes)
    .innerJoin(caseTypeVersions, and(eq(caseTypeVersions.caseTypeId, caseTypes.id), eq(caseTypeVersions.version, caseTypes.currentVersion)))
    .where(and(eq(caseTypes.tenantId, tenantId), ids ? inArray(caseTypes.id, ids.length ? ids : [NONE]) : undefined))
    .orderBy(asc(caseTypes.key));
  return rows.map(({ t, snapshot }) => ({ id: t.id, key: t.key, group: t.group, icon: t.icon, active: t.active, snapshot }));
}

/** The workflow definition a case follows. */
export async function workflowDefinition(db: DbOrTx, tenantId: string, workflowId: string): Promise<TWorkflowDefinition | null> {
  const [wf] = await db
    .select({ d: workflows.definition })
    .from(workflows)
    .where(and(eq(workflows.tenantId, tenantId), eq(workflows.id, workflowId)));
  return wf?.d ?? null;
}

/** The public timeline entries of a case of the given kinds, oldest first. */
export async function publicTimeline(db: DbOrTx, tenantId: string, caseId: string, kinds: string[]) {
  return db
    .select()
    .from(caseEvents)
    .where(
      and(eq(caseEvents.tenantId, tenantId), eq(caseEvents.caseId, caseId), eq(caseEvents.public, true), inArray(caseEvents.kind, kinds)),
    )
    .orderBy(asc(caseEvents.createdAt));
}

/** Timeline entries of the tenant's cases of one kind (all of them, for a module's tests and reports). */
export async function timelineEntries(db: DbOrTx, tenantId: string, filter: { caseId?: string; kind?: string }) {
  return db
    .select()
    .from(caseEvents)
    .where(
      and(
        eq(caseEvents.tenantId, tenantId),
        filter.caseId ? eq(caseEvents.caseId, filter.caseId) : undefined,
        filter.kind ? eq(caseEvents.kind, filter.kind) : undefined,
      ),
    )
    .orderBy(asc(caseEvents.createdAt));
}

/** How many follow a case, and whether one of the given people does. */
export async function followersOf(db: DbOrTx, tenantId: string, caseId: string, who: { userId?: string; deviceIds?: string[] } = {}) {
  const [{ n } = { n: 0 }] = await db
    .select({ n: count() })
    .from(caseFollowers)
    .where(and(eq(caseFollowers.tenantId, tenantId), eq(caseFollowers.caseId, caseId)));
  const mine = who.userId || who.deviceIds?.length ? await followRow(db, tenantId, caseId, who) : null;
  return { count: Number(n), following: !!mine };
}

async function followRow(db: DbOrTx, tenantId: string, caseId: string, who: { userId?: string; deviceIds?: string[] }) {
  const devices = who.deviceIds ?? [];
  const [row] = await db
    .select({ id: caseFollowers.id })
    .from(caseFollowers)
    .where(
      and(
        eq(caseFollowers.tenantId, tenantId),
        eq(caseFollowers.caseId, caseId),
        sql`(${who.userId ? sql`${caseFollowers.userId} = ${who.userId}` : sql`false`} or ${
          devices.length ? inArray(caseFollowers.deviceId, devices) : sql`false`
        })`,
      ),
    )
    .limit(1);
  return row ?? null;
}

/** Follows a case, once per account or device (a second follow changes nothing). */
export async function followCase(db: DbOrTx, tenantId: string, caseId: string, who: { userId: string | null; deviceId: string | null }) {
  await db
    .insert(caseFollowers)
    .values({ tenantId, caseId, ...who })
    .onConflictDoNothing();
}

/** Stops following a case, by account or by device. */
export async function unfollowCase(db: DbOrTx, tenantId: string, caseId: string, who: { userId: string | null; deviceId: string | null }) {
  await db
    .delete(caseFollowers)
    .where(
      and(
        eq(caseFollowers.tenantId, tenantId),
        eq(caseFollowers.caseId, caseId),
        who.userId ? eq(caseFollowers.userId, who.userId) : eq(caseFollowers.deviceId, who.deviceId as string),
      ),
    );
}

/** How many cases match a filter. */
export async function countCases(db: DbOrTx, tenantId: string, filter: TCaseFilter): Promise<number> {
  const [{ n } = { n: 0 }] = await db.select({ n: count() }).from(cases).where(where(tenantId, filter));
  return Number(n);
}

/** How many cases each of the given accounts filed. */
export async function caseCountsByRequester(db: DbOrTx, tenantId: string, userIds: string[]): Promise<Map<string, number>> {
  if (!userIds.length) return new Map();
  const rows = await db
    .select({ userId: cases.citizenUserId, n: sql<number>`count(*)::int` })
    .from(cases)
    .where(and(eq(cases.tenantId, tenantId), sql`${cases.citizenUserId} = any(${sql.param(userIds)}::uuid[])`))
    .groupBy(cases.citizenUserId);
  return new Map(rows.map((r) => [r.userId as string, Number(r.n)]));
}

/**
 * People known only from the contact details of cases filed without an account, matched by phone
 * digits (`%123%`) or name (`%text%`, unaccented), most cases first.
 */
export async function caseContacts(db: DbOrTx, tenantId: string, q: { phoneLike: string | null; name: string }) {
  const res = await db.execute(sql`
    select contact->>'name' as name, contact->>'phone' as phone, max(contact->>'email') as email, count(*)::int as case_count
    from ${cases}
    where tenant_id = ${tenantId} and citizen_user_id is null and contact->>'phone' is not null
      and (${q.phoneLike ? sql`regexp_replace(contact->>'phone', '\\D', '', 'g') like ${q.phoneLike}` : sql`false`}
        or lower(f_unaccent(coalesce(contact->>'name', ''))) like lower(f_unaccent(${q.name})))
    group by 1, 2
    order by 4 desc
    limit 20`);
  return rows<{ name: string | null; phone: string | null; email: string | null; case_count: number }>(res);
}
