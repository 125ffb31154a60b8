import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Actor } from '../../platform/access/access.js';
import { athensDay } from '../../platform/calendar/index.js';
import { ChangeCache } from '../../platform/db/change-cache.js';
import type { Database, DbOrTx } from '../../platform/db/database.js';
import { AppError } from '../../platform/http/errors.js';
import type { TWorkflowDefinition } from './case-type.model.js';
import { caseEvents, caseLinks, cases, caseTypes, caseTypeVersions, workflows } from './schema.js';
import { stateOf } from './workflow.service.js';

/** Shared reading and shaping of cases, for staff, citizens and the other case verbs. */

export type TCaseRow = typeof cases.$inferSelect;
export type TCaseEventRow = typeof caseEvents.$inferSelect;
export const CLOSED_CATEGORIES = ['resolved', 'rejected', 'closed'] as const;

export function actorAuthor(actor: Actor): { authorUserId: string | null; authorKind: string } {
  return { authorUserId: 'userId' in actor ? (actor.userId ?? null) : null, authorKind: actor.kind };
}

export async function addEvent(
  tx: DbOrTx,
  c: { id: string; tenantId: string },
  e: {
    kind: string;
    public: boolean;
    body?: string | null;
    data?: Record<string, unknown>;
    authorUserId?: string | null;
    authorKind: string;
  },
) {
  await tx.insert(caseEvents).values({
    tenantId: c.tenantId,
    caseId: c.id,
    kind: e.kind,
    public: e.public,
    body: e.body ?? null,
    data: e.data ?? {},
    authorUserId: e.authorUserId ?? null,
    authorKind: e.authorKind,
  });
}

export async function loadCase(db: DbOrTx, tenantId: string, id: string, opts: { lock?: boolean } = {}): Promise<TCaseRow> {
  const q = db
    .select()
    .from(cases)
    .where(and(eq(cases.tenantId, tenantId), eq(cases.id, id)));
  const [row] = opts.lock ? await q.for('update') : await q;
  if (!row) throw new AppError('case.not_found', 404);
  return row;
}

export type TCaseContext = {
  workflow: { id: string; key: string; definition: TWorkflowDefinition };
  type: { id: string; key: string; version: number; nameEl: string; nameEn: string };
};

type TVersionRow = { v: typeof caseTypeVersions.$inferSelect; key: string };
type TWorkflowRow = typeof workflows.$inferSelect;

/**
 * A case type's versions never change once written (an edit writes a new version) and a type's key
 * is fixed, so they are kept by id for the life of the process (bounded).
 */
const versionsById = new Map<string, TVersionRow>();
const VERSIONS_KEPT = 5000;
/** Workflows change in place (an administrator renames a state): kept until the database announces a change (migration 0021). */
const workflowCaches = new WeakMap<Database, ChangeCache<TWorkflowRow[]>>();

function workflowCache(database: Database) {
  let c = workflowCaches.get(database);
  if (!c) {
    c = new ChangeCache<TWorkflowRow[]>(database, ['workflows'], { maxEntries: 1000 });
    workflowCaches.set(database, c);
  }
  return c;
}

/**
 * Workflows and type versions for a set of cases, fetched once. With `database` (read paths
 * outside a transaction) what was read before is answered from memory: a warm list asks nothing more.
 */
export async function loadContexts(db: DbOrTx, rows: TCaseRow[], database?: Database): Promise<(c: TCaseRow) => TCaseContext> {
  const wfIds = [...new Set(rows.map((r) => r.workflowId))];
  const vIds = [...new Set(rows.map((r) => r.caseTypeVersionId))];
  const wfMap = new Map<string, TWorkflowRow>();
  const vMap = new Map<string, TVersionRow>();
  const loadWorkflows = async (ids: string[]) => (ids.length ? await db.select().from(workflows).where(inArray(workflows.id, ids)) : []);
  if (database) {
    // a tenant has a handful of workflows: all of them, once per tenant until one changes
    const cache = workflowCache(database);
    for (const tenantId of new Set(rows.map((r) => r.tenantId))) {
      const all = await cache.get(tenantId, () => db.select().from(workflows).where(eq(workflows.tenantId, tenantId)));
      for (const w of all) wfMap.set(w.id, w);
    }
  }
  // (a workflow created since the tenant's were kept is asked for, not guessed)
  for (const w of await loadWorkflows(wfIds.filter((id) => !wfMap.has(id)))) wfMap.set(w.id, w);
  if (database)
    for (const id of vIds) {
      const kept = versionsById.get(id);
      if (kept) vMap.set(id, kept);
    }
  const missing = vIds.filter((id) => !vMap.has(id));
  const vs = missing.length
    ? await db
        .select({ v: caseTypeVersions, key: caseTypes.key })
        .from(caseTypeVersions)
        .innerJoin(caseTypes, eq(caseTypes.id, caseTypeVersions.caseTypeId))
        .where(inArray(caseTypeVersions.id, missing))
    : [];
  for (const x of vs) {
    vMap.set(x.v.id, x);
    if (database) {
      if (versionsById.size >= VERSIONS_KEPT) versionsById.clear();
      versionsById.set(x.v.id, x);
    }
  }
  return (c) => {
    const w = wfMap.get(c.workflowId);
    const v = vMap.get(c.caseTypeVersionId);
    if (!w || !v) throw new Error(`case ${c.id} lost its workflow or type`);
    return {
      workflow: { id: w.id, key: w.key, definition: w.definition },
      type: { id: v.v.caseTypeId, key: v.key, version: v.v.version, nameEl: v.v.snapshot.nameEl, nameEn: v.v.snapshot.nameEn },
    };
  };
}

export function todayAthens(): string {
  return athensDay();
}

export function isOverdue(c: TCaseRow, today = todayAthens()) {
  return Boolean(c.dueDate && c.dueDate < today && !(CLOSED_CATEGORIES as readonly string[]).includes(c.stateCategory));
}

export function stateName(def: TWorkflowDefinition, key: string) {
  const s = stateOf(def, key);
  return { el: s?.nameEl ?? key, en: s?.nameEn ?? key };
}

export function toSummary(c: TCaseRow, ctx: TCaseContext) {
  return {
    id: c.id,
    protocolNumber: c.protocolNumber,
    protocolStatus: c.protocolStatus,
    title: c.title,
    caseType: { id: ctx.type.id, key: ctx.type.key, version: ctx.type.version, name: { el: ctx.type.nameEl, en: ctx.type.nameEn } },
    state: c.state,
    stateName: stateName(ctx.workflow.definition, c.state),
    stateCategory: c.stateCategory,
    channel: c.channel,
    unitId: c.unitId,
    assigneeId: c.assigneeId,
    priority: c.priority,
    tags: c.tags,
    location: c.lat != null && c.lon != null ? { lat: c.lat, lon: c.lon, ...(c.address ? { address: c.address } : {}) } : null,
    dueDate: c.dueDate,
    overdue: isOverdue(c),
    submittedAt: c.submittedAt,
    resolvedAt: c.resolvedAt,
    mergedIntoId: c.mergedIntoId,
  };
}

export async function timelineOf(db: DbOrTx, c: TCaseRow, publicOnly: boolean) {
  return db
    .select()
    .from(caseEvents)
    .where(and(eq(caseEvents.caseId, c.id), eq(caseEvents.tenantId, c.tenantId), publicOnly ? eq(caseEvents.public, true) : undefined))
    .orderBy(asc(caseEvents.createdAt), asc(caseEvents.id));
}

export async function linksOf(db: DbOrTx, c: TCaseRow) {
  const found = await db
    .select({ id: caseLinks.relatedId })
    .from(caseLinks)
    .where(and(eq(caseLinks.caseId, c.id), eq(caseLinks.tenantId, c.tenantId)));
  return found.map((l) => l.id);
}
