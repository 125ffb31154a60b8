import { eq, sql } from 'drizzle-orm';
import type { UnitAncestry } from '../access/access.js';
import type { DbOrTx } from '../db/database.js';
import { orgUnits } from './org.schema.js';

export type { UnitAncestry };

/**
 * Loads a tenant's unit tree once and answers "which units are above this one?", nearest
 * first. `can(actor, perm, { unitId, ancestry })` uses it so a grant on a Διεύθυνση covers
 * its Τμήματα and Γραφεία. Unknown ids have no ancestors; a (corrupt) cycle stops the walk.
 */
export async function unitAncestry(db: DbOrTx, tenantId: string): Promise<UnitAncestry> {
  const rows = await db.select({ id: orgUnits.id, parentId: orgUnits.parentId }).from(orgUnits).where(eq(orgUnits.tenantId, tenantId));
  return ancestryFrom(rows);
}

export function ancestryFrom(rows: { id: string; parentId: string | null }[]): UnitAncestry {
  const parent = new Map(rows.map((r) => [r.id, r.parentId]));
  const memo = new Map<string, string[]>();
  return (unitId: string) => {
    const hit = memo.get(unitId);
    if (hit) return hit;
    const out: string[] = [];
    const seen = new Set([unitId]);
    let p = parent.get(unitId) ?? null;
    while (p && !seen.has(p)) {
      out.push(p);
      seen.add(p);
      p = parent.get(p) ?? null;
    }
    memo.set(unitId, out);
    return out;
  };
}

const perRequest = new WeakMap<object, Promise<UnitAncestry>>();

/** The ancestry of the caller's tenant (a request or a `ServiceContext`), loaded at most once per caller. */
export function requestAncestry(db: DbOrTx, req: { tenant: { id: string } }): Promise<UnitAncestry> {
  let hit = perRequest.get(req);
  if (!hit) {
    hit = unitAncestry(db, req.tenant.id);
    perRequest.set(req, hit);
  }
  return hit;
}

/** The unit ids at or below any of `roots` (a Διεύθυνση and everything under it). */
export function subtreeOf(rows: { id: string; parentId: string | null }[], roots: string[]): Set<string> {
  const ancestry = ancestryFrom(rows);
  const rootSet = new Set(roots);
  return new Set(rows.filter((r) => rootSet.has(r.id) || ancestry(r.id).some((a) => rootSet.has(a))).map((r) => r.id));
}

/**
 * Serialises structural changes to one tenant's units (moves that could form a cycle when
 * run concurrently). A transaction-scoped advisory lock works on PostgreSQL and PGlite alike.
 */
export async function lockUnits(tx: DbOrTx, tenantId: string) {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`org_units:${tenantId}`}))`);
}
