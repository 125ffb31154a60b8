import type { DbOrTx } from '../../platform/db/database.js';
import { AppError } from '../../platform/http/errors.js';
import type { ServiceContext } from '../../platform/service-context.js';
import { canOnUnit, getCaseType, loadUnitTree } from '../cases/index.js';
import { CASE_TYPE_KEY } from './case-type.js';

/** Staff with `nursery.manage` on the unit that receives nursery applications (or tenant-wide). */
export async function assertManager(db: DbOrTx, ctx: ServiceContext) {
  let unitId: string | null = null;
  try {
    unitId = (await getCaseType(db, ctx.tenant.id, CASE_TYPE_KEY)).snapshot.defaultUnitId;
  } catch (err) {
    if (!(err instanceof AppError && err.code === 'case_type.not_found')) throw err;
  }
  const tree = await loadUnitTree(db, ctx.tenant.id);
  if (!canOnUnit(ctx.actor, 'nursery.manage', unitId, tree)) throw new AppError('auth.forbidden', 403);
}
