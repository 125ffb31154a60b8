import { and, eq, inArray } from 'drizzle-orm';
import type { Actor } from '../../platform/access/access.js';
import { can } from '../../platform/access/access.js';
import type { Db } from '../../platform/db/database.js';
import { AppError } from '../../platform/http/errors.js';
import type { ServiceContext } from '../../platform/service-context.js';
import { orgUnits } from '../../platform/tenancy/org.schema.js';
import { requestAncestry } from '../../platform/tenancy/units.js';

/**
 * The press office role. A permission of this module counts only when held in one of the units
 * named for it in `tenants.settings.content` (unit codes), or a unit above one of them:
 * `{ pressUnits: ['TYPOU'], alertUnits: ['TYPOU', 'POLPROST'], councilUnits: ['DS'] }` are the
 * defaults. A tenant-wide grant (and an administrator) holds it everywhere.
 */
export type TContentPerm = 'content.publish' | 'content.alerts' | 'council.manage';

const DEFAULT_UNITS: Record<TContentPerm, string[]> = {
  'content.publish': ['TYPOU'],
  'content.alerts': ['TYPOU', 'POLPROST'],
  'council.manage': ['DS'],
};
const SETTING: Record<TContentPerm, string> = {
  'content.publish': 'pressUnits',
  'content.alerts': 'alertUnits',
  'council.manage': 'councilUnits',
};

function unitCodes(settings: Record<string, unknown>, perm: TContentPerm): string[] {
  const own = (settings.content as Record<string, unknown> | undefined)?.[SETTING[perm]];
  return Array.isArray(own) && own.every((c) => typeof c === 'string') ? (own as string[]) : DEFAULT_UNITS[perm];
}

export async function holds(db: Db, ctx: ServiceContext, perm: TContentPerm): Promise<boolean> {
  const actor: Actor = ctx.actor;
  if (actor.kind !== 'staff') return false;
  if (can(actor, perm)) {
    // A tenant-wide grant (or admin) needs no unit lookup.
    if (actor.roles.some((g) => g.unitId === null && (g.role === 'admin' || can({ ...actor, roles: [g] }, perm)))) return true;
  } else return false;
  const codes = unitCodes(ctx.tenant.settings ?? {}, perm);
  if (!codes.length) return false;
  const units = await db
    .select({ id: orgUnits.id })
    .from(orgUnits)
    .where(and(eq(orgUnits.tenantId, ctx.tenant.id), inArray(orgUnits.code, codes)));
  const ancestry = await requestAncestry(db, ctx);
  return units.some((u) => can(actor, perm, { unitId: u.id, ancestry }));
}

export async function requirePerm(db: Db, ctx: ServiceContext, perm: TContentPerm) {
  if (!(await holds(db, ctx, perm))) throw new AppError('auth.forbidden', 403);
}

export const userIdOf = (ctx: ServiceContext): string | null => ('userId' in ctx.actor ? (ctx.actor.userId ?? null) : null);
