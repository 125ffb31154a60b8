import { and, asc, count, eq, inArray, isNull, ne, type SQL, sql } from 'drizzle-orm';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { type Actor, unitsWith } from '../access/access.js';
import { audit } from '../audit/audit.js';
import type { Db, DbOrTx } from '../db/database.js';
import { AppError } from '../http/errors.js';
import { registerMessages } from '../i18n/i18n.js';
import { roleAssignments, STAFF_ROLES, sessions, type TStaffRole, users } from '../identity/identity.schema.js';
import { orgUnits } from './org.schema.js';
import { containsText } from './search.js';
import { subtreeOf } from './units.js';

export const ZRoleGrant = z.object({ role: z.enum(STAFF_ROLES), unitId: z.uuid().nullable() }).strict();
export type TRoleGrant = z.infer<typeof ZRoleGrant>;

export const ZRoleGrants = z.array(ZRoleGrant).max(50);

export const ZCreateStaff = z
  .object({
    email: z.email().max(254),
    givenName: z.string().trim().min(1).max(100),
    familyName: z.string().trim().min(1).max(100),
    phone: z.string().trim().max(40).nullable().default(null),
    locale: z.enum(['el', 'en']).default('el'),
    roles: ZRoleGrants.default([]),
  })
  .strict();
export type TCreateStaff = z.infer<typeof ZCreateStaff>;

export const ZStaffPatch = z
  .object({
    givenName: ZCreateStaff.shape.givenName,
    familyName: ZCreateStaff.shape.familyName,
    phone: z.string().trim().max(40).nullable(),
    locale: z.enum(['el', 'en']),
    disabled: z.boolean(),
  })
  .partial()
  .strict();
export type TStaffPatch = z.infer<typeof ZStaffPatch>;

export const ZStaffQuery = z
  .object({
    unitId: z.uuid().optional().meta({ description: 'Staff holding a role in this unit or any unit below it' }),
    role: z.enum(STAFF_ROLES).optional(),
    q: z.string().trim().min(1).max(100).optional().meta({ description: 'Text in name or e-mail, accents ignored' }),
    disabled: z.enum(['true', 'false']).optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    offset: z.coerce.number().int().min(0).default(0),
  })
  .strict();
export type TStaffQuery = z.infer<typeof ZStaffQuery>;

export const ZStaffRole = z.object({
  role: z.enum(STAFF_ROLES),
  unitId: z.uuid().nullable(),
  unitCode: z.string().nullable(),
  unitNameEl: z.string().nullable(),
  unitNameEn: z.string().nullable(),
});

export const ZStaff = z.object({
  id: z.uuid(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  givenName: z.string().nullable(),
  familyName: z.string().nullable(),
  locale: z.enum(['el', 'en']),
  disabled: z.boolean(),
  totpEnabled: z.boolean(),
  /** No password yet: the person has still to accept an invitation. */
  invitationPending: z.boolean(),
  createdAt: z.string(),
  roles: z.array(ZStaffRole),
});
export type TStaff = z.infer<typeof ZStaff>;

const staffCols = {
  id: users.id,
  email: users.email,
  phone: users.phone,
  givenName: users.givenName,
  familyName: users.familyName,
  locale: users.locale,
  disabledAt: users.disabledAt,
  totpEnabled: users.totpEnabled,
  hasPassword: sql<boolean>`${users.passwordHash} is not null`,
  createdAt: users.createdAt,
};

async function withRoles(db: DbOrTx, tenantId: string, rows: { id: string }[]) {
  if (!rows.length) return new Map<string, TStaff['roles']>();
  const grants = await db
    .select({
      userId: roleAssignments.userId,
      role: roleAssignments.role,
      unitId: roleAssignments.unitId,
      unitCode: orgUnits.code,
      unitNameEl: orgUnits.nameEl,
      unitNameEn: orgUnits.nameEn,
    })
    .from(roleAssignments)
    .leftJoin(orgUnits, eq(orgUnits.id, roleAssignments.unitId))
    .where(
      and(
        eq(roleAssignments.tenantId, tenantId),
        inArray(
          roleAssignments.userId,
          rows.map((r) => r.id),
        ),
      ),
    )
    .orderBy(asc(roleAssignments.role), asc(orgUnits.code));
  const out = new Map<string, TStaff['roles']>();
  for (const g of grants) {
    const list = out.get(g.userId) ?? [];
    list.push({ role: g.role, unitId: g.unitId, unitCode: g.unitCode, unitNameEl: g.unitNameEl, unitNameEn: g.unitNameEn });
    out.set(g.userId, list);
  }
  return out;
}

type StaffRow = {
  id: string;
  email: string | null;
  phone: string | null;
  givenName: string | null;
  familyName: string | null;
  locale: 'el' | 'en';
  disabledAt: Date | null;
  totpEnabled: boolean;
  hasPassword: boolean;
  createdAt: Date;
};

function view(r: StaffRow, roles: TStaff['roles']): TStaff {
  return {
    id: r.id,
    email: r.email,
    phone: r.phone,
    givenName: r.givenName,
    familyName: r.familyName,
    locale: r.locale,
    disabled: r.disabledAt !== null,
    totpEnabled: r.totpEnabled,
    invitationPending: !r.hasPassword,
    createdAt: new Date(r.createdAt).toISOString(),
    roles,
  };
}

/**
 * Which staff the actor may see: everyone for a tenant-wide staff.read grant (administrators,
 * the mayor's office), else only people with a role in the units the actor heads or below them.
 * Returns null for "no restriction".
 */
async function visibleUnitFilter(db: DbOrTx, actor: Actor, tenantId: string): Promise<SQL | null> {
  const scope = unitsWith(actor, 'staff.read');
  if (scope === null) return null;
  const all = await db.select({ id: orgUnits.id, parentId: orgUnits.parentId }).from(orgUnits).where(eq(orgUnits.tenantId, tenantId));
  const visible = [...subtreeOf(all, scope)];
  if (!visible.length) return sql`false`;
  return inArray(users.id, db.select({ id: roleAssignments.userId }).from(roleAssignments).where(inArray(roleAssignments.unitId, visible)));
}

export async function listStaff(db: Db, req: FastifyRequest, q: TStaffQuery): Promise<{ items: TStaff[]; total: number }> {
  const tenantId = req.tenant.id;
  const where: SQL[] = [eq(users.tenantId, tenantId), eq(users.kind, 'staff')];
  const scope = await visibleUnitFilter(db, req.actor, tenantId);
  if (scope) where.push(scope);
  if (q.unitId) {
    const all = await db.select({ id: orgUnits.id, parentId: orgUnits.parentId }).from(orgUnits).where(eq(orgUnits.tenantId, tenantId));
    const units = [...subtreeOf(all, [q.unitId])];
    if (!units.length) return { items: [], total: 0 };
    const cond = and(inArray(roleAssignments.unitId, units), q.role ? eq(roleAssignments.role, q.role) : undefined);
    where.push(inArray(users.id, db.select({ id: roleAssignments.userId }).from(roleAssignments).where(cond)));
  } else if (q.role) {
    where.push(inArray(users.id, db.select({ id: roleAssignments.userId }).from(roleAssignments).where(eq(roleAssignments.role, q.role))));
  }
  if (q.q) {
    where.push(
      containsText(
        sql`coalesce(${users.givenName}, '') || ' ' || coalesce(${users.familyName}, '') || ' ' || coalesce(${users.email}, '')`,
        q.q,
      ),
    );
  }
  if (q.disabled === 'true') where.push(sql`${users.disabledAt} is not null`);
  if (q.disabled === 'false') where.push(isNull(users.disabledAt));
  const [total] = await db
    .select({ n: count() })
    .from(users)
    .where(and(...where));
  const rows = await db
    .select(staffCols)
    .from(users)
    .where(and(...where))
    .orderBy(asc(users.familyName), asc(users.givenName), asc(users.id))
    .limit(q.limit)
    .offset(q.offset);
  const roles = await withRoles(db, tenantId, rows);
  return { items: rows.map((r) => view(r, roles.get(r.id) ?? [])), total: Number(total?.n ?? 0) };
}

async function findStaffRow(db: DbOrTx, tenantId: string, id: string) {
  const [row] = await db
    .select(staffCols)
    .from(users)
    .where(and(eq(users.tenantId, tenantId), eq(users.id, id), eq(users.kind, 'staff')));
  return row;
}

async function loadStaff(db: DbOrTx, tenantId: string, id: string): Promise<TStaff> {
  const row = await findStaffRow(db, tenantId, id);
  if (!row) throw new AppError('staff.not_found', 404);
  return view(row, (await withRoles(db, tenantId, [row])).get(row.id) ?? []);
}

export async function getStaff(db: DbOrTx, req: FastifyRequest, id: string): Promise<TStaff> {
  const tenantId = req.tenant.id;
  const where: SQL[] = [eq(users.tenantId, tenantId), eq(users.id, id), eq(users.kind, 'staff')];
  const scope = await visibleUnitFilter(db, req.actor, tenantId);
  if (scope) where.push(scope);
  const [row] = await db
    .select(staffCols)
    .from(users)
    .where(and(...where));
  if (!row) throw new AppError('staff.not_found', 404);
  const roles = await withRoles(db, tenantId, [row]);
  return view(row, roles.get(row.id) ?? []);
}

/** Role grants: known units of this tenant only; administrators are tenant-wide; duplicates collapse. */
async function checkGrants(tx: DbOrTx, tenantId: string, grants: TRoleGrant[], field = 'roles'): Promise<TRoleGrant[]> {
  const unitIds = [...new Set(grants.map((g) => g.unitId).filter((u): u is string => u !== null))];
  const known = unitIds.length
    ? new Set(
        (
          await tx
            .select({ id: orgUnits.id })
            .from(orgUnits)
            .where(and(eq(orgUnits.tenantId, tenantId), inArray(orgUnits.id, unitIds)))
        ).map((r) => r.id),
      )
    : new Set<string>();
  const fields = grants.flatMap((g, i) => {
    if (g.role === 'admin' && g.unitId !== null) return [{ field: `${field}.${i}.unitId`, code: 'staff.admin_tenant_wide' }];
    if (g.unitId !== null && !known.has(g.unitId)) return [{ field: `${field}.${i}.unitId`, code: 'units.not_found' }];
    return [];
  });
  if (fields.length) throw new AppError('validation.failed', 400, {}, fields);
  const seen = new Set<string>();
  return grants.filter((g) => {
    const k = `${g.role}:${g.unitId ?? ''}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** Serialises changes that could remove the last administrator (two admins demoting each other at once). */
async function lockAdmins(tx: DbOrTx, tenantId: string) {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`admins:${tenantId}`}))`);
}

async function activeAdminsOtherThan(tx: DbOrTx, tenantId: string, userId: string) {
  const [row] = await tx
    .select({ n: count() })
    .from(roleAssignments)
    .innerJoin(users, eq(users.id, roleAssignments.userId))
    .where(
      and(
        eq(roleAssignments.tenantId, tenantId),
        eq(roleAssignments.role, 'admin'),
        isNull(roleAssignments.unitId),
        isNull(users.disabledAt),
        ne(users.id, userId),
      ),
    );
  return Number(row?.n ?? 0);
}

async function isActiveAdmin(tx: DbOrTx, tenantId: string, userId: string) {
  const [row] = await tx
    .select({ n: count() })
    .from(roleAssignments)
    .innerJoin(users, eq(users.id, roleAssignments.userId))
    .where(
      and(
        eq(roleAssignments.tenantId, tenantId),
        eq(roleAssignments.userId, userId),
        eq(roleAssignments.role, 'admin'),
        isNull(roleAssignments.unitId),
        isNull(users.disabledAt),
      ),
    );
  return Number(row?.n ?? 0) > 0;
}

/**
 * Creates a staff member with their first role grants. No password is set: the identity
 * area sends an invitation, so the answer says `invitationRequired`.
 */
export async function createStaff(db: Db, req: FastifyRequest, body: TCreateStaff): Promise<TStaff> {
  const tenantId = req.tenant.id;
  return db.transaction(async (tx) => {
    const grants = await checkGrants(tx, tenantId, body.roles);
    const [dupe] = await tx
      .select({ id: users.id })
      .from(users)
      .where(and(eq(users.tenantId, tenantId), sql`lower(${users.email}) = lower(${body.email})`));
    if (dupe) throw new AppError('staff.email_taken', 409, {}, [{ field: 'email', code: 'staff.email_taken' }]);
    const [user] = await tx
      .insert(users)
      .values({
        tenantId,
        kind: 'staff',
        email: body.email.toLowerCase(),
        givenName: body.givenName,
        familyName: body.familyName,
        phone: body.phone,
        locale: body.locale,
        passwordHash: null,
      })
      .returning({ id: users.id });
    if (!user) throw new Error('user insert returned nothing');
    if (grants.length) await tx.insert(roleAssignments).values(grants.map((g) => ({ tenantId, userId: user.id, ...g })));
    await audit(tx, req, {
      action: 'staff.created',
      entity: 'user',
      entityId: user.id,
      data: { email: body.email.toLowerCase(), givenName: body.givenName, familyName: body.familyName, roles: grants },
    });
    return loadStaff(tx, tenantId, user.id);
  });
}

export async function updateStaff(db: Db, req: FastifyRequest, id: string, patch: TStaffPatch): Promise<TStaff> {
  const tenantId = req.tenant.id;
  return db.transaction(async (tx) => {
    const current = await findStaffRow(tx, tenantId, id);
    if (!current) throw new AppError('staff.not_found', 404);
    const changes: Partial<typeof users.$inferInsert> = {};
    if (patch.givenName !== undefined) changes.givenName = patch.givenName;
    if (patch.familyName !== undefined) changes.familyName = patch.familyName;
    if (patch.phone !== undefined) changes.phone = patch.phone;
    if (patch.locale !== undefined) changes.locale = patch.locale;
    const disabling = patch.disabled === true && current.disabledAt === null;
    if (disabling) {
      if ('userId' in req.actor && req.actor.userId === id) {
        throw new AppError('staff.cannot_disable_self', 400, {}, [{ field: 'disabled', code: 'staff.cannot_disable_self' }]);
      }
      await lockAdmins(tx, tenantId);
      if ((await isActiveAdmin(tx, tenantId, id)) && (await activeAdminsOtherThan(tx, tenantId, id)) === 0) {
        throw new AppError('staff.last_admin', 409, {}, [{ field: 'disabled', code: 'staff.last_admin' }]);
      }
      changes.disabledAt = new Date();
    }
    if (patch.disabled === false && current.disabledAt !== null) changes.disabledAt = null;
    if (Object.keys(changes).length) await tx.update(users).set(changes).where(eq(users.id, id));
    let revoked = 0;
    if (disabling) {
      // a disabled person is signed out everywhere at once, not when their sessions expire
      const rows = await tx
        .update(sessions)
        .set({ revokedAt: new Date() })
        .where(and(eq(sessions.userId, id), isNull(sessions.revokedAt)))
        .returning({ id: sessions.id });
      revoked = rows.length;
    }
    const { disabledAt: _d, ...fieldChanges } = changes;
    await audit(tx, req, {
      action: disabling ? 'staff.disabled' : patch.disabled === false && current.disabledAt !== null ? 'staff.enabled' : 'staff.updated',
      entity: 'user',
      entityId: id,
      data: { changes: fieldChanges, ...(disabling ? { sessionsRevoked: revoked } : {}) },
    });
    return loadStaff(tx, tenantId, id);
  });
}

/** Replaces a staff member's role grants; refuses to leave the municipality without an administrator. */
export async function replaceRoles(db: Db, req: FastifyRequest, id: string, grantsIn: TRoleGrant[]): Promise<TStaff> {
  const tenantId = req.tenant.id;
  return db.transaction(async (tx) => {
    const current = await findStaffRow(tx, tenantId, id);
    if (!current) throw new AppError('staff.not_found', 404);
    const grants = await checkGrants(tx, tenantId, grantsIn);
    await lockAdmins(tx, tenantId);
    const staysAdmin = grants.some((g) => g.role === 'admin' && g.unitId === null);
    if (!staysAdmin && (await isActiveAdmin(tx, tenantId, id)) && (await activeAdminsOtherThan(tx, tenantId, id)) === 0) {
      throw new AppError('staff.last_admin', 409, {}, [{ field: 'roles', code: 'staff.last_admin' }]);
    }
    const before = await tx
      .select({ role: roleAssignments.role, unitId: roleAssignments.unitId })
      .from(roleAssignments)
      .where(and(eq(roleAssignments.tenantId, tenantId), eq(roleAssignments.userId, id)));
    await tx.delete(roleAssignments).where(and(eq(roleAssignments.tenantId, tenantId), eq(roleAssignments.userId, id)));
    if (grants.length) await tx.insert(roleAssignments).values(grants.map((g) => ({ tenantId, userId: id, ...g })));
    await audit(tx, req, { action: 'staff.roles_replaced', entity: 'user', entityId: id, data: { before, after: grants } });
    return loadStaff(tx, tenantId, id);
  });
}

export type { TStaffRole };

registerMessages({
  'staff.not_found': { el: 'Το μέλος του προσωπικού δεν βρέθηκε.', en: 'Staff member not found.' },
  'staff.email_taken': {
    el: 'Υπάρχει ήδη λογαριασμός με αυτό το e-mail στον δήμο.',
    en: 'An account with this e-mail already exists in the municipality.',
  },
  'staff.last_admin': {
    el: 'Δεν γίνεται: ο δήμος πρέπει να έχει τουλάχιστον έναν ενεργό διαχειριστή.',
    en: 'Not possible: the municipality must keep at least one active administrator.',
  },
  'staff.cannot_disable_self': { el: 'Δεν μπορείτε να απενεργοποιήσετε τον εαυτό σας.', en: 'You cannot disable yourself.' },
  'staff.admin_tenant_wide': {
    el: 'Ο ρόλος διαχειριστή ισχύει για όλο τον δήμο· αφήστε κενή τη μονάδα.',
    en: 'The administrator role is municipality-wide; leave the unit empty.',
  },
  'field.email': { el: 'E-mail', en: 'E-mail' },
  'field.givenName': { el: 'Όνομα', en: 'Given name' },
  'field.familyName': { el: 'Επώνυμο', en: 'Family name' },
  'field.phone': { el: 'Τηλέφωνο', en: 'Phone' },
  'field.unitId': { el: 'Μονάδα', en: 'Unit' },
  'field.role': { el: 'Ρόλος', en: 'Role' },
});
