import { and, eq, ne, sql } from 'drizzle-orm';
import { z } from 'zod';
import { audit } from '../../platform/audit/audit.js';
import type { DbOrTx } from '../../platform/db/database.js';
import { AppError } from '../../platform/http/errors.js';
import type { ServiceContext } from '../../platform/service-context.js';
import { isRealDate } from '../forms/index.js';
import { DOCUMENTS } from './case-type.js';
import { DEFAULT_CRITERIA, ZCriteria } from './criteria.js';
import { STATUS_NAMES } from './messages.js';
import { nurseryCalls, type TCapacity } from './schema.js';
import { type CallRow, invalid } from './shared.js';
import { listStations } from './stations.service.js';

/** The annual call (προκήρυξη): draft → open → closed, its criteria, ages and places. */

const ZAgeRules = z
  .object({
    infantFromMonths: z.number().int().min(0).max(60),
    toddlerFromMonths: z.number().int().min(1).max(72),
    toddlerUntilMonths: z.number().int().min(2).max(84),
  })
  .refine((r) => r.infantFromMonths < r.toddlerFromMonths && r.toddlerFromMonths < r.toddlerUntilMonths, { message: 'validation.invalid' });
const ZDate = z.string().refine(isRealDate, { message: 'validation.invalid' });

export const ZCallBody = z
  .object({
    schoolYear: z.string().regex(/^\d{4}-\d{4}$/),
    titleEl: z.string().trim().min(1).max(300),
    titleEn: z.string().trim().min(1).max(300),
    opensAt: z.coerce.date(),
    closesAt: z.coerce.date(),
    referenceDate: ZDate,
    ageRules: ZAgeRules.default({ infantFromMonths: 6, toddlerFromMonths: 30, toddlerUntilMonths: 48 }),
    criteria: ZCriteria.default(DEFAULT_CRITERIA),
  })
  .strict();
export const ZCallPatch = z
  .object({
    titleEl: z.string().trim().min(1).max(300),
    titleEn: z.string().trim().min(1).max(300),
    opensAt: z.coerce.date(),
    closesAt: z.coerce.date(),
    referenceDate: ZDate,
    ageRules: ZAgeRules,
    criteria: ZCriteria,
  })
  .partial()
  .strict();

export const callView = (c: CallRow) => ({
  id: c.id,
  schoolYear: c.schoolYear,
  title: { el: c.titleEl, en: c.titleEn },
  opensAt: c.opensAt,
  closesAt: c.closesAt,
  referenceDate: c.referenceDate,
  ageRules: c.ageRules,
  criteria: c.criteria,
  capacity: c.capacity,
  status: c.status,
  acceptingApplications: c.status === 'open' && Date.now() >= c.opensAt.getTime() && Date.now() <= c.closesAt.getTime(),
  rankedAt: c.rankedAt,
  publishedAt: c.publishedAt,
  /** The supporting documents; `optional` ones are needed only for the criteria that name them. */
  documents: DOCUMENTS.map((d) => ({ key: d.key, el: d.el, en: d.en, optional: 'optional' in d })),
});

export async function callRow(db: DbOrTx, tenantId: string, id: string, opts: { lock?: boolean; publicOnly?: boolean } = {}) {
  const q = db
    .select()
    .from(nurseryCalls)
    .where(
      and(eq(nurseryCalls.tenantId, tenantId), eq(nurseryCalls.id, id), opts.publicOnly ? ne(nurseryCalls.status, 'draft') : undefined),
    );
  const [c] = opts.lock ? await q.for('update') : await q;
  if (!c) throw new AppError('nursery.call_not_found', 404);
  return c;
}

export async function listCalls(db: DbOrTx, tenantId: string, publicOnly: boolean) {
  return db
    .select()
    .from(nurseryCalls)
    .where(and(eq(nurseryCalls.tenantId, tenantId), publicOnly ? ne(nurseryCalls.status, 'draft') : undefined))
    .orderBy(sql`${nurseryCalls.opensAt} desc`);
}

/** The call citizens see on /nursery: the open one, else the most recent one that is not a draft. */
export async function currentCall(db: DbOrTx, tenantId: string) {
  const list = await listCalls(db, tenantId, true);
  return list.find((c) => c.status === 'open') ?? list[0] ?? null;
}

export function stateError(c: CallRow) {
  return new AppError('nursery.call_state', 409, { status: STATUS_NAMES[c.status]?.el ?? c.status });
}

function checkDates(opensAt: Date, closesAt: Date) {
  if (closesAt.getTime() <= opensAt.getTime()) throw invalid([{ field: 'closesAt', code: 'nursery.dates_order' }]);
}

export async function createCall(db: DbOrTx, ctx: ServiceContext, body: z.infer<typeof ZCallBody>) {
  checkDates(body.opensAt, body.closesAt);
  return db.transaction(async (tx) => {
    const [c] = await tx
      .insert(nurseryCalls)
      .values({ tenantId: ctx.tenant.id, ...body, status: 'draft' })
      .returning();
    if (!c) throw new Error('call insert');
    await audit(tx, ctx, { action: 'nursery.call_created', entity: 'nursery_call', entityId: c.id, data: { schoolYear: c.schoolYear } });
    return c;
  });
}

export async function updateCall(db: DbOrTx, ctx: ServiceContext, id: string, body: z.infer<typeof ZCallPatch>) {
  return db.transaction(async (tx) => {
    const c = await callRow(tx, ctx.tenant.id, id, { lock: true });
    // criteria, ages and the reference date are fixed once families can apply; dates may move while open
    const fixed = body.criteria !== undefined || body.ageRules !== undefined || body.referenceDate !== undefined;
    if (c.status !== 'draft' && (fixed || c.status !== 'open')) throw stateError(c);
    checkDates(body.opensAt ?? c.opensAt, body.closesAt ?? c.closesAt);
    const [row] = await tx
      .update(nurseryCalls)
      .set({ ...body, updatedAt: new Date() })
      .where(and(eq(nurseryCalls.tenantId, ctx.tenant.id), eq(nurseryCalls.id, id)))
      .returning();
    await audit(tx, ctx, { action: 'nursery.call_updated', entity: 'nursery_call', entityId: id, data: body as Record<string, unknown> });
    return row as CallRow;
  });
}

/** draft → open (the places of the active stations are copied onto the call) → closed. */
export async function setCallStatus(db: DbOrTx, ctx: ServiceContext, id: string, to: 'open' | 'closed') {
  return db.transaction(async (tx) => {
    const c = await callRow(tx, ctx.tenant.id, id, { lock: true });
    const set: Partial<typeof nurseryCalls.$inferInsert> = { status: to, updatedAt: new Date() };
    if (to === 'open') {
      if (c.status !== 'draft') throw stateError(c);
      const capacity: TCapacity = {};
      for (const s of await listStations(tx, ctx.tenant.id, true)) {
        if (s.capacityInfant + s.capacityToddler > 0) capacity[s.id] = { infant: s.capacityInfant, toddler: s.capacityToddler };
      }
      if (!Object.keys(capacity).length) throw new AppError('nursery.no_capacity', 409);
      set.capacity = capacity;
    } else if (c.status !== 'open') throw stateError(c);
    const [row] = await tx
      .update(nurseryCalls)
      .set(set)
      .where(and(eq(nurseryCalls.tenantId, ctx.tenant.id), eq(nurseryCalls.id, id)))
      .returning();
    await audit(tx, ctx, { action: `nursery.call_${to}`, entity: 'nursery_call', entityId: id });
    return row as CallRow;
  });
}
