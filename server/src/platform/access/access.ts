import type { TStaffRole } from '../identity/identity.schema.js';

/**
 * The one place that decides who may do what.
 *
 * Every route declares an `Access` (checked before its handler runs); services ask
 * `can(actor, permission, { unitId })` for decisions that depend on the row (which unit
 * owns it). Tenancy is implicit: an actor only ever belongs to the tenant of the request.
 */
export type Actor =
  | { kind: 'anonymous' }
  | { kind: 'device'; deviceId: string; userId?: string }
  | {
      kind: 'citizen';
      userId: string;
      deviceId?: string;
      sessionId: string;
      verified: boolean;
      taxisnet: boolean;
    }
  | { kind: 'partner'; userId: string; sessionId: string; partnerOrgId: string; partnerRole: 'manager' | 'member' }
  | { kind: 'staff'; userId: string; sessionId: string; secondFactor: boolean; roles: RoleGrant[] };

export type RoleGrant = { role: TStaffRole; unitId: string | null };

/** Access levels a route can declare, from the most open to the most specific. */
export type Access =
  | 'public' // anyone, no identity needed
  | 'device' // any caller; an anonymous device identity is created when missing
  | 'signed-in' // any signed-in user: citizen, partner or staff
  | 'citizen' // a citizen with a verified phone, e-mail or TaxisNet account
  | 'citizen:taxisnet' // a citizen authenticated through TaxisNet
  | 'partner' // a partner organisation's user
  | 'staff' // any staff member
  | `perm:${string}`; // a staff member holding that permission in some unit (or tenant-wide)

const permissions = new Map<string, Set<TStaffRole>>();

/** Modules declare their permissions and which roles hold them. Administrators hold every permission. */
export function definePermissions(defs: Record<string, TStaffRole[]>) {
  for (const [perm, roles] of Object.entries(defs)) permissions.set(perm, new Set(roles));
}

export function knownPermission(perm: string) {
  return permissions.has(perm);
}

export function listPermissions() {
  return [...permissions.entries()].map(([name, roles]) => ({ name, roles: [...roles] }));
}

/** Unit ancestry lookup, so a grant on a Διεύθυνση covers its Τμήματα. */
export type UnitAncestry = (unitId: string) => string[];

export function can(actor: Actor, perm: string, scope: { unitId?: string | null; ancestry?: UnitAncestry } = {}): boolean {
  if (actor.kind !== 'staff') return false;
  const roles = permissions.get(perm);
  if (!roles) throw new Error(`Unknown permission ${perm}`);
  const units = scope.unitId ? [scope.unitId, ...(scope.ancestry?.(scope.unitId) ?? [])] : null;
  return actor.roles.some(
    (g) => (g.role === 'admin' || roles.has(g.role)) && (g.unitId === null || units === null || units.includes(g.unitId)),
  );
}

/** Units in which the actor holds a permission; null means every unit (a tenant-wide grant). */
export function unitsWith(actor: Actor, perm: string): string[] | null {
  if (actor.kind !== 'staff') return [];
  const roles = permissions.get(perm);
  if (!roles) throw new Error(`Unknown permission ${perm}`);
  const grants = actor.roles.filter((g) => g.role === 'admin' || roles.has(g.role));
  if (grants.some((g) => g.unitId === null)) return null;
  return grants.map((g) => g.unitId as string);
}

export function isAdmin(actor: Actor) {
  return actor.kind === 'staff' && actor.roles.some((g) => g.role === 'admin');
}

/** The route-level check. Returns the error code to answer with, or null when allowed. */
export function checkAccess(access: Access, actor: Actor): null | 'auth.required' | 'auth.forbidden' {
  switch (access) {
    case 'public':
    case 'device':
      return null;
    case 'signed-in':
      return 'userId' in actor && 'sessionId' in actor ? null : 'auth.required';
    case 'citizen':
      if (actor.kind === 'citizen') return actor.verified || actor.taxisnet ? null : 'auth.forbidden';
      return actor.kind === 'anonymous' || actor.kind === 'device' ? 'auth.required' : 'auth.forbidden';
    case 'citizen:taxisnet':
      if (actor.kind === 'citizen') return actor.taxisnet ? null : 'auth.forbidden';
      return actor.kind === 'anonymous' || actor.kind === 'device' ? 'auth.required' : 'auth.forbidden';
    case 'partner':
      if (actor.kind === 'partner') return null;
      return actor.kind === 'anonymous' || actor.kind === 'device' ? 'auth.required' : 'auth.forbidden';
    case 'staff':
      if (actor.kind === 'staff') return null;
      return actor.kind === 'anonymous' || actor.kind === 'device' ? 'auth.required' : 'auth.forbidden';
    default: {
      if (actor.kind !== 'staff') {
        return actor.kind === 'anonymous' || actor.kind === 'device' ? 'auth.required' : 'auth.forbidden';
      }
      return can(actor, access.slice(5)) ? null : 'auth.forbidden';
    }
  }
}

definePermissions({
  'units.manage': [],
  'staff.manage': [],
  'staff.read': ['head', 'mayor_office'],
  'partners.manage': ['head'],
  'audit.read': [],
  'tenant.manage': [],
  'files.read_any': ['head', 'employee', 'operator'],
  'jobs.manage': [],
  'citizens.lookup': ['head', 'employee', 'operator'],
});
