import { and, eq, inArray, isNull, or } from 'drizzle-orm';
import { can, unitsWith } from '../../platform/access/access.js';
import { audit } from '../../platform/audit/audit.js';
import { athensDay } from '../../platform/calendar/index.js';
import type { DbOrTx } from '../../platform/db/database.js';
import { AppError } from '../../platform/http/errors.js';
import type { Lang } from '../../platform/i18n/i18n.js';
import { users } from '../../platform/identity/identity.schema.js';
import type { ServiceContext } from '../../platform/service-context.js';
import { orgUnits } from '../../platform/tenancy/org.schema.js';
import { tenants } from '../../platform/tenancy/tenancy.schema.js';
import type { TCaseRow } from '../cases/index.js';
import { caseTypeInfos, caseTypeVersionSnapshot, loadUnitTree, visibleUnits } from '../cases/index.js';
import { helpdeskTemplates } from './schema.js';
import { userIdOf } from './scope.js';

/** Reply templates of a unit (or of the whole municipality), Greek and English, with {placeholders}. */

export const PLACEHOLDERS = ['protocol', 'name', 'title', 'type', 'due', 'tracking', 'unit', 'date', 'municipality'] as const;
export type TTemplateBody = { unitId: string | null; name: string; bodyEl: string; bodyEn: string };
type TRow = typeof helpdeskTemplates.$inferSelect;

const out = (r: TRow) => ({ id: r.id, unitId: r.unitId, name: r.name, bodyEl: r.bodyEl, bodyEn: r.bodyEn, updatedAt: r.updatedAt });

/** Templates of the units the actor reads cases in (sub-units included) and the municipality-wide ones. */
export async function listTemplates(db: DbOrTx, ctx: ServiceContext, unitId?: string) {
  const units = visibleUnits(ctx.actor, 'cases.read', await loadUnitTree(db, ctx.tenant.id));
  const scope =
    units === null ? undefined : or(isNull(helpdeskTemplates.unitId), units.length ? inArray(helpdeskTemplates.unitId, units) : undefined);
  const rows = await db
    .select()
    .from(helpdeskTemplates)
    .where(
      and(
        eq(helpdeskTemplates.tenantId, ctx.tenant.id),
        scope,
        unitId ? or(isNull(helpdeskTemplates.unitId), eq(helpdeskTemplates.unitId, unitId)) : undefined,
      ),
    )
    .orderBy(helpdeskTemplates.name);
  return rows.map(out);
}

/** Managing a unit's templates needs `helpdesk.templates` there; municipality-wide ones need it tenant-wide. */
async function checkManage(db: DbOrTx, ctx: ServiceContext, unitId: string | null) {
  if (unitId === null) {
    if (unitsWith(ctx.actor, 'helpdesk.templates') !== null) throw new AppError('helpdesk.template_unit_forbidden', 403);
    return;
  }
  const tree = await loadUnitTree(db, ctx.tenant.id);
  if (!tree.has(unitId)) throw new AppError('validation.failed', 400, {}, [{ field: 'unitId', code: 'validation.invalid' }]);
  if (!can(ctx.actor, 'helpdesk.templates', { unitId, ancestry: tree.ancestry }))
    throw new AppError('helpdesk.template_unit_forbidden', 403);
}

async function loadTemplate(db: DbOrTx, ctx: ServiceContext, id: string) {
  const [row] = await db
    .select()
    .from(helpdeskTemplates)
    .where(and(eq(helpdeskTemplates.tenantId, ctx.tenant.id), eq(helpdeskTemplates.id, id)));
  if (!row) throw new AppError('helpdesk.template_not_found', 404);
  return row;
}

export async function createTemplate(db: DbOrTx, ctx: ServiceContext, body: TTemplateBody) {
  await checkManage(db, ctx, body.unitId);
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(helpdeskTemplates)
      .values({ tenantId: ctx.tenant.id, ...body, createdBy: userIdOf(ctx) || null })
      .returning();
    if (!row) throw new Error('template insert failed');
    await audit(tx, ctx, {
      action: 'helpdesk.template.create',
      entity: 'helpdesk_template',
      entityId: row.id,
      data: { unitId: row.unitId },
    });
    return out(row);
  });
}

export async function updateTemplate(db: DbOrTx, ctx: ServiceContext, id: string, body: Partial<TTemplateBody>) {
  const current = await loadTemplate(db, ctx, id);
  await checkManage(db, ctx, current.unitId);
  if (body.unitId !== undefined && body.unitId !== current.unitId) await checkManage(db, ctx, body.unitId);
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(helpdeskTemplates)
      .set({ ...body, updatedAt: new Date() })
      .where(and(eq(helpdeskTemplates.tenantId, ctx.tenant.id), eq(helpdeskTemplates.id, id)))
      .returning();
    if (!row) throw new AppError('helpdesk.template_not_found', 404);
    await audit(tx, ctx, { action: 'helpdesk.template.update', entity: 'helpdesk_template', entityId: id, data: { unitId: row.unitId } });
    return out(row);
  });
}

export async function deleteTemplate(db: DbOrTx, ctx: ServiceContext, id: string) {
  const current = await loadTemplate(db, ctx, id);
  await checkManage(db, ctx, current.unitId);
  await db.transaction(async (tx) => {
    await tx.delete(helpdeskTemplates).where(and(eq(helpdeskTemplates.tenantId, ctx.tenant.id), eq(helpdeskTemplates.id, id)));
    await audit(tx, ctx, { action: 'helpdesk.template.delete', entity: 'helpdesk_template', entityId: id });
  });
}

/** Fills {placeholders}; unknown ones stay as written so a typo shows instead of vanishing. */
export function fill(body: string, values: Record<string, string>) {
  return body.replace(/\{(\w+)\}/g, (m, k: string) => (k in values ? (values[k] as string) : m));
}

function formatDate(d: string | null, lang: Lang) {
  if (!d) return '';
  const [y, m, day] = d.split('-');
  return lang === 'el' ? `${day}/${m}/${y}` : `${y}-${m}-${day}`;
}

/** The values of a case for a template, in the language of the reply. */
export async function placeholderValues(db: DbOrTx, c: TCaseRow, lang: Lang): Promise<Record<string, string>> {
  const snapshot = await caseTypeVersionSnapshot(db, c.tenantId, c.caseTypeVersionId);
  const type = snapshot ? { snapshot } : undefined;
  const [key] = await caseTypeInfos(db, c.tenantId, [c.caseTypeId]);
  const [unit] = c.unitId ? await db.select().from(orgUnits).where(eq(orgUnits.id, c.unitId)) : [];
  const [tenant] = await db.select().from(tenants).where(eq(tenants.id, c.tenantId));
  let name = c.contact.name ?? '';
  if (!name && c.citizenUserId) {
    const [u] = await db.select({ g: users.givenName, f: users.familyName }).from(users).where(eq(users.id, c.citizenUserId));
    name = [u?.g, u?.f].filter(Boolean).join(' ');
  }
  const snap = type?.snapshot;
  const today = athensDay();
  return {
    protocol: c.protocolNumber ?? '',
    name,
    title: c.title,
    type: snap ? (lang === 'en' ? snap.nameEn : snap.nameEl) : (key?.key ?? ''),
    due: formatDate(c.dueDate, lang),
    tracking: c.trackingCode,
    unit: unit ? (lang === 'en' ? unit.nameEn : unit.nameEl) : '',
    date: formatDate(today, lang),
    municipality: tenant ? (lang === 'en' ? tenant.nameEn : tenant.nameEl) : '',
  };
}

export async function renderTemplate(db: DbOrTx, ctx: ServiceContext, id: string, c: TCaseRow, lang: Lang) {
  const t = await loadTemplate(db, ctx, id);
  const values = await placeholderValues(db, c, lang);
  return { body: fill(lang === 'en' ? t.bodyEn : t.bodyEl, values), lang };
}
