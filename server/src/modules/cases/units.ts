import { eq } from 'drizzle-orm';
import { type Actor, can, unitsWith } from '../../platform/access/access.js';
import { ChangeCache } from '../../platform/db/change-cache.js';
import type { Database, DbOrTx } from '../../platform/db/database.js';
import { orgUnits } from '../../platform/tenancy/org.schema.js';

/** The tenant's unit tree, for "a grant on a Διεύθυνση covers its Τμήματα". Small, so loaded whole. */
export class UnitTree {
  private parent = new Map<string, string | null>();
  private children = new Map<string, string[]>();

  constructor(units: { id: string; parentId: string | null }[]) {
    for (const u of units) {
      this.parent.set(u.id, u.parentId);
      if (u.parentId) this.children.set(u.parentId, [...(this.children.get(u.parentId) ?? []), u.id]);
    }
  }

  has(id: string) {
    return this.parent.has(id);
  }

  ancestry = (id: string): string[] => {
    const out: string[] = [];
    let at = this.parent.get(id);
    while (at && !out.includes(at)) {
      out.push(at);
      at = this.parent.get(at);
    }
    return out;
  };

  /** The units and all their sub-units. */
  withDescendants(ids: string[]): string[] {
    const out = new Set<string>();
    const stack = [...ids];
    while (stack.length) {
      const id = stack.pop() as string;
      if (out.has(id)) continue;
      out.add(id);
      stack.push(...(this.children.get(id) ?? []));
    }
    return [...out];
  }
}

export async function loadUnitTree(db: DbOrTx, tenantId: string) {
  return new UnitTree(
    await db.select({ id: orgUnits.id, parentId: orgUnits.parentId }).from(orgUnits).where(eq(orgUnits.tenantId, tenantId)),
  );
}

const trees = new WeakMap<Database, ChangeCache<UnitTree>>();

/**
 * The tenant's unit tree for read paths (the staff list): kept per process until `org_units`
 * changes (the database announces it, migration 0020) or for 10 s. A miss reads through `db` (on
 * PGlite a query beside an open transaction would wait for it); never a transaction that wrote units.
 */
export function cachedUnitTree(database: Database, db: DbOrTx, tenantId: string) {
  let cache = trees.get(database);
  if (!cache) {
    cache = new ChangeCache<UnitTree>(database, ['org_units'], { maxEntries: 1000 });
    trees.set(database, cache);
  }
  return cache.get(tenantId, () => loadUnitTree(db, tenantId));
}

/** May the actor use `perm` on a case owned by `unitId`? Cases with no unit need a tenant-wide grant. */
export function canOnUnit(actor: Actor, perm: string, unitId: string | null, tree: UnitTree) {
  if (!unitId) return unitsWith(actor, perm) === null;
  return can(actor, perm, { unitId, ancestry: tree.ancestry });
}

/** Units whose cases the actor sees with `perm` (sub-units included); null means all. */
export function visibleUnits(actor: Actor, perm: string, tree: UnitTree): string[] | null {
  const units = unitsWith(actor, perm);
  return units === null ? null : tree.withDescendants(units);
}
