import { and, eq, inArray, isNotNull, or } from 'drizzle-orm';
import { audit } from '../../platform/audit/audit.js';
import type { DbOrTx } from '../../platform/db/database.js';
import { AppError } from '../../platform/http/errors.js';
import type { ServiceContext } from '../../platform/service-context.js';
import { loadUnitTree, visibleUnits } from '../cases/index.js';
import { helpdeskViews } from './schema.js';
import { userIdOf } from './scope.js';

/** Saved inboxes: private to their owner, or shared with a unit whose staff can read its cases. */

export type TViewBody = { name: string; filters: Record<string, unknown>; unitId?: string | null };
type TViewRow = typeof helpdeskViews.$inferSelect;

const out = (v: TViewRow, me: string) => ({
  id: v.id,
  name: v.name,
  filters: v.filters,
  unitId: v.unitId,
  mine: v.userId === me,
  createdAt: v.createdAt,
});

export async function listViews(db: DbOrTx, ctx: ServiceContext) {
  const me = userIdOf(ctx);
  const units = visibleUnits(ctx.actor, 'cases.read', await loadUnitTree(db, ctx.tenant.id));
  const shared = units === null ? isNotNull(helpdeskViews.unitId) : units.length ? inArray(helpdeskViews.unitId, units) : undefined;
  const rows = await db
    .select()
    .from(helpdeskViews)
    .where(and(eq(helpdeskViews.tenantId, ctx.tenant.id), or(eq(helpdeskViews.userId, me), shared)))
    .orderBy(helpdeskViews.name);
  return rows.filter((v) => v.userId === me || v.unitId !== null).map((v) => out(v, me));
}

async function checkUnit(db: DbOrTx, ctx: ServiceContext, unitId: string | null | undefined) {
  if (!unitId) return;
  const tree = await loadUnitTree(db, ctx.tenant.id);
  if (!tree.has(unitId)) throw new AppError('validation.failed', 400, {}, [{ field: 'unitId', code: 'validation.invalid' }]);
  const units = visibleUnits(ctx.actor, 'cases.read', tree);
  if (units !== null && !units.includes(unitId)) throw new AppError('helpdesk.not_your_unit', 403);
}

export async function createView(db: DbOrTx, ctx: ServiceContext, body: TViewBody) {
  await checkUnit(db, ctx, body.unitId);
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(helpdeskViews)
      .values({ tenantId: ctx.tenant.id, userId: userIdOf(ctx), unitId: body.unitId ?? null, name: body.name, filters: body.filters })
      .returning();
    if (!row) throw new Error('view insert failed');
    await audit(tx, ctx, { action: 'helpdesk.view.create', entity: 'helpdesk_view', entityId: row.id, data: { unitId: row.unitId } });
    return out(row, row.userId);
  });
}

async function ownView(db: DbOrTx, ctx: ServiceContext, id: string) {
  const [row] = await db
    .select()
    .from(helpdeskViews)
    .where(and(eq(helpdeskViews.tenantId, ctx.tenant.id), eq(helpdeskViews.id, id), eq(helpdeskViews.userId, userIdOf(ctx))));
  if (!row) throw new AppError('helpdesk.view_not_found', 404);
  return row;
}

export async function updateView(db: DbOrTx, ctx: ServiceContext, id: string, body: Partial<TViewBody>) {
  await ownView(db, ctx, id);
  await checkUnit(db, ctx, body.unitId);
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(helpdeskViews)
      .set({
        ...(body.name !== undefined ? { name: body.name } : {}),
        ...(body.filters !== undefined ? { filters: body.filters } : {}),
        ...(body.unitId !== undefined ? { unitId: body.unitId } : {}),
      })
      .where(and(eq(helpdeskViews.tenantId, ctx.tenant.id), eq(helpdeskViews.id, id)))
      .returning();
    if (!row) throw new AppError('helpdesk.view_not_found', 404);
    await audit(tx, ctx, { action: 'helpdesk.view.update', entity: 'helpdesk_view', entityId: id, data: { unitId: row.unitId } });
    return out(row, row.userId);
  });
}

export async function deleteView(db: DbOrTx, ctx: ServiceContext, id: string) {
  await ownView(db, ctx, id);
  await db.transaction(async (tx) => {
    await tx.delete(helpdeskViews).where(and(eq(helpdeskViews.tenantId, ctx.tenant.id), eq(helpdeskViews.id, id)));
    await audit(tx, ctx, { action: 'helpdesk.view.delete', entity: 'helpdesk_view', entityId: id });
  });
}
