import { and, eq } from 'drizzle-orm';
import { can } from '../../platform/access/access.js';
import type { Platform } from '../../platform/context.js';
import { AppError } from '../../platform/http/errors.js';
import type { ServiceContext } from '../../platform/service-context.js';
import { orgUnits } from '../../platform/tenancy/org.schema.js';
import { requestAncestry } from '../../platform/tenancy/units.js';

/** The caller's user id (citizen or staff); empty for devices and the system. */
export const userIdOf = (ctx: ServiceContext) => ('userId' in ctx.actor ? ctx.actor.userId : undefined) as string;

/**
 * Unit-scoped permission: a grant on the unit or on a Διεύθυνση above it. An id of another tenant
 * (or none) is a field error when it came in the body, a 404 when it named the path.
 */
export async function requireUnit(
  platform: Platform,
  ctx: ServiceContext,
  perm: string,
  unitId: string,
  source: 'field' | 'path' = 'field',
) {
  // the unit must be one of the caller's tenant: a tenant-wide grant would otherwise allow any id
  const [unit] = await platform.db
    .select({ id: orgUnits.id })
    .from(orgUnits)
    .where(and(eq(orgUnits.id, unitId), eq(orgUnits.tenantId, ctx.tenant.id)));
  if (!unit) {
    if (source === 'path') throw new AppError('not_found', 404);
    throw new AppError('validation.failed', 400, {}, [{ field: 'unitId', code: 'validation.unknown_reference' }]);
  }
  const ancestry = await requestAncestry(platform.db, ctx);
  if (!can(ctx.actor, perm, { unitId, ancestry })) throw new AppError('auth.forbidden', 403);
}
