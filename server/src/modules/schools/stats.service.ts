import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { athensYear } from '../../platform/calendar/index.js';
import type { DbOrTx } from '../../platform/db/database.js';
import { orgUnits } from '../../platform/tenancy/org.schema.js';
import { caseFacts, caseSummaries, type TCaseFact } from '../cases/index.js';
import { kindOfKey, REQUEST_KINDS } from './request-types.js';
import { schoolCaseIds } from './requests.service.js';
import { schools } from './schema.js';

/**
 * The municipality's view of school requests: figures per school, per unit and per kind (open
 * backlog, overdue, average completion time), the map of schools with open requests, and the
 * yearly report of one school.
 */

const DAY_MS = 86_400_000;
const UNFINISHED = new Set(['new', 'open', 'in_progress', 'waiting_citizen']);
const COMPLETED = new Set(['resolved', 'closed']);

/** The year in Athens a moment falls in. */

export const ZFigures = z.object({
  total: z.number().int(),
  open: z.number().int(),
  overdue: z.number().int(),
  urgentOpen: z.number().int(),
  completed: z.number().int(),
  declined: z.number().int(),
  /** Mean calendar days from submission to completion, over completed requests; null when none. */
  avgCompletionDays: z.number().nullable(),
  /** Age in days of the oldest unfinished request. */
  oldestOpenDays: z.number().int().nullable(),
});
export type TFigures = z.infer<typeof ZFigures>;

export function figuresOf(facts: TCaseFact[], now = new Date()): TFigures {
  let open = 0;
  let overdue = 0;
  let urgentOpen = 0;
  let completed = 0;
  let declined = 0;
  let sum = 0;
  let oldest: number | null = null;
  for (const f of facts) {
    if (f.mergedIntoId) continue;
    if (UNFINISHED.has(f.stateCategory)) {
      open++;
      if (f.overdue) overdue++;
      if (f.priority === 'urgent') urgentOpen++;
      const age = Math.floor((now.getTime() - f.submittedAt.getTime()) / DAY_MS);
      oldest = oldest === null ? age : Math.max(oldest, age);
    } else if (COMPLETED.has(f.stateCategory)) {
      completed++;
      if (f.resolvedAt) sum += (f.resolvedAt.getTime() - f.submittedAt.getTime()) / DAY_MS;
    } else declined++;
  }
  const timed = facts.filter((f) => !f.mergedIntoId && COMPLETED.has(f.stateCategory) && f.resolvedAt).length;
  return {
    total: facts.filter((f) => !f.mergedIntoId).length,
    open,
    overdue,
    urgentOpen,
    completed,
    declined,
    avgCompletionDays: timed ? Math.round((sum / timed) * 10) / 10 : null,
    oldestOpenDays: oldest,
  };
}

async function factsBySchool(db: DbOrTx, tenantId: string, year?: number, schoolId?: string) {
  const links = await schoolCaseIds(db, tenantId, schoolId ? [schoolId] : null);
  const schoolOf = new Map(links.map((l) => [l.caseId, l.schoolId]));
  const facts = (
    await caseFacts(
      db,
      tenantId,
      links.map((l) => l.caseId),
    )
  ).filter((f) => year === undefined || athensYear(f.submittedAt) === year);
  return { facts, schoolOf };
}

function groupBy<K>(facts: TCaseFact[], key: (f: TCaseFact) => K) {
  const m = new Map<K, TCaseFact[]>();
  for (const f of facts) {
    const k = key(f);
    m.set(k, [...(m.get(k) ?? []), f]);
  }
  return m;
}

export const ZStats = z.object({
  year: z.number().int().nullable(),
  totals: ZFigures,
  bySchool: z.array(z.object({ schoolId: z.uuid(), name: z.string(), level: z.string(), figures: ZFigures })),
  byUnit: z.array(
    z.object({ unitId: z.uuid().nullable(), name: z.object({ el: z.string(), en: z.string() }).nullable(), figures: ZFigures }),
  ),
  byKind: z.array(z.object({ kind: z.string(), figures: ZFigures })),
});

export async function schoolStats(db: DbOrTx, tenantId: string, year?: number) {
  const { facts, schoolOf } = await factsBySchool(db, tenantId, year);
  const list = await db.select().from(schools).where(eq(schools.tenantId, tenantId)).orderBy(schools.name);
  const units = await db
    .select({ id: orgUnits.id, el: orgUnits.nameEl, en: orgUnits.nameEn })
    .from(orgUnits)
    .where(eq(orgUnits.tenantId, tenantId));
  const bySchool = groupBy(facts, (f) => schoolOf.get(f.id));
  const byUnit = groupBy(facts, (f) => f.unitId);
  const byKind = groupBy(facts, (f) => kindOfKey(f.caseTypeKey) ?? 'other');
  return {
    year: year ?? null,
    totals: figuresOf(facts),
    bySchool: list.map((s) => ({ schoolId: s.id, name: s.name, level: s.level, figures: figuresOf(bySchool.get(s.id) ?? []) })),
    byUnit: [...byUnit.entries()]
      .map(([unitId, fs]) => {
        const u = units.find((x) => x.id === unitId);
        return { unitId, name: u ? { el: u.el, en: u.en } : null, figures: figuresOf(fs) };
      })
      .sort((a, b) => b.figures.open - a.figures.open || b.figures.total - a.figures.total),
    byKind: REQUEST_KINDS.filter((k) => byKind.has(k)).map((kind) => ({ kind, figures: figuresOf(byKind.get(kind) ?? []) })),
  };
}

export const ZMap = z.object({
  type: z.literal('FeatureCollection'),
  features: z.array(
    z.object({
      type: z.literal('Feature'),
      geometry: z.object({ type: z.literal('Point'), coordinates: z.tuple([z.number(), z.number()]) }),
      properties: z.object({
        schoolId: z.uuid(),
        name: z.string(),
        level: z.string(),
        open: z.number().int(),
        urgentOpen: z.number().int(),
        overdue: z.number().int(),
      }),
    }),
  ),
});

/** Schools with a location and at least one unfinished request, as GeoJSON points for the map. */
export async function openRequestsMap(db: DbOrTx, tenantId: string) {
  const { facts, schoolOf } = await factsBySchool(db, tenantId);
  const bySchool = groupBy(facts, (f) => schoolOf.get(f.id));
  const list = await db
    .select()
    .from(schools)
    .where(and(eq(schools.tenantId, tenantId)));
  const features = [];
  for (const s of list) {
    if (s.lat == null || s.lon == null) continue;
    const f = figuresOf(bySchool.get(s.id) ?? []);
    if (!f.open) continue;
    features.push({
      type: 'Feature' as const,
      geometry: { type: 'Point' as const, coordinates: [s.lon, s.lat] as [number, number] },
      properties: { schoolId: s.id, name: s.name, level: s.level, open: f.open, urgentOpen: f.urgentOpen, overdue: f.overdue },
    });
  }
  return { type: 'FeatureCollection' as const, features };
}

/** One school's year: its figures and every request submitted in the year, oldest first. */
export async function yearReport(db: DbOrTx, tenantId: string, schoolId: string, year: number) {
  const { facts } = await factsBySchool(db, tenantId, year, schoolId);
  const summaries = (
    await caseSummaries(
      db,
      tenantId,
      facts.map((f) => f.id),
    )
  ).reverse();
  const units = await db
    .select({ id: orgUnits.id, el: orgUnits.nameEl, en: orgUnits.nameEn })
    .from(orgUnits)
    .where(eq(orgUnits.tenantId, tenantId));
  const unitName = new Map(units.map((u) => [u.id, { el: u.el, en: u.en }]));
  return {
    figures: figuresOf(facts),
    rows: summaries.map((c) => ({
      ...c,
      kind: kindOfKey(c.caseType.key),
      unitName: c.unitId ? (unitName.get(c.unitId) ?? null) : null,
      days:
        c.resolvedAt && COMPLETED.has(c.stateCategory)
          ? Math.round(((c.resolvedAt.getTime() - c.submittedAt.getTime()) / DAY_MS) * 10) / 10
          : null,
    })),
  };
}
export type TYearReport = Awaited<ReturnType<typeof yearReport>>;
