import { type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/database.js';
import type { ServiceContext } from '../../platform/service-context.js';
import { loadUnitTree, type UnitTree, visibleUnits } from '../cases/index.js';

/** The units whose cases the actor may see with `perm` (sub-units included), as a SQL condition on `cases c`. */
export async function unitScope(
  db: DbOrTx,
  ctx: ServiceContext,
  perm: string,
): Promise<{ tree: UnitTree; where: SQL; units: string[] | null }> {
  const tree = await loadUnitTree(db, ctx.tenant.id);
  const units = visibleUnits(ctx.actor, perm, tree);
  if (units === null) return { tree, units, where: sql`true` };
  if (!units.length) return { tree, units, where: sql`false` };
  return {
    tree,
    units,
    where: sql`c.unit_id in (${sql.join(
      units.map((u) => sql`${u}::uuid`),
      sql`, `,
    )})`,
  };
}

export const userIdOf = (ctx: ServiceContext) => ('userId' in ctx.actor ? (ctx.actor.userId as string) : '');
