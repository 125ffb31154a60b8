import { and, asc, count, eq, ne } from 'drizzle-orm';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { audit } from '../audit/audit.js';
import type { Db, DbOrTx } from '../db/database.js';
import { AppError } from '../http/errors.js';
import { registerMessages } from '../i18n/i18n.js';
import { roleAssignments } from '../identity/identity.schema.js';
import { orgUnits } from './org.schema.js';
import { ancestryFrom, lockUnits } from './units.js';

export const UNIT_KINDS = ['directorate', 'department', 'office'] as const;

export const ZUnitBody = z
  .object({
    kind: z.enum(UNIT_KINDS),
    code: z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9_-]{1,32}$/)
      .meta({ description: 'Short code, unique in the municipality (letters, digits, _ and -)' }),
    nameEl: z.string().trim().min(1).max(200),
    nameEn: z.string().trim().min(1).max(200),
    parentId: z.uuid().nullable().default(null),
    email: z.email().nullable().default(null),
    phone: z.string().trim().max(40).nullable().default(null),
  })
  .strict();
export type TUnitBody = z.infer<typeof ZUnitBody>;

export const ZUnitPatch = z
  .object({
    kind: z.enum(UNIT_KINDS),
    code: ZUnitBody.shape.code,
    nameEl: ZUnitBody.shape.nameEl,
    nameEn: ZUnitBody.shape.nameEn,
    parentId: z.uuid().nullable(),
    email: z.email().nullable(),
    phone: z.string().trim().max(40).nullable(),
  })
  .partial()
  .strict();
export type TUnitPatch = z.infer<typeof ZUnitPatch>;

export const ZUnit = z.object({
  id: z.uuid(),
  parentId: z.uuid().nullable(),
  kind: z.enum(UNIT_KINDS),
  code: z.string(),
  nameEl: z.string(),
  nameEn: z.string(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  staffCount: z.number().int(),
});
export type TUnit = z.infer<typeof ZUnit>;
export type TUnitNode = TUnit & { children: TUnitNode[] };

/** A unit with its sub-units, recursively (OpenAPI gets a $ref to itself). */
export const ZUnitNode: z.ZodType<TUnitNode> = ZUnit.extend({
  get children() {
    return z.array(ZUnitNode);
  },
}).meta({ id: 'UnitNode' });

type Row = typeof orgUnits.$inferSelect;

function view(r: Row, staffCount: number): TUnit {
  return {
    id: r.id,
    parentId: r.parentId,
    kind: r.kind,
    code: r.code,
    nameEl: r.nameEl,
    nameEn: r.nameEn,
    email: r.email,
    phone: r.phone,
    staffCount,
  };
}

async function staffCounts(db: DbOrTx, tenantId: string) {
  const rows = await db
    .select({ unitId: roleAssignments.unitId, n: count() })
    .from(roleAssignments)
    .where(eq(roleAssignments.tenantId, tenantId))
    .groupBy(roleAssignments.unitId);
  return new Map(rows.map((r) => [r.unitId, Number(r.n)]));
}

/** The municipality's units as a forest, siblings ordered by kind then code. */
export async function listUnitTree(db: Db, tenantId: string): Promise<TUnitNode[]> {
  const rows = await db.select().from(orgUnits).where(eq(orgUnits.tenantId, tenantId)).orderBy(asc(orgUnits.code));
  const counts = await staffCounts(db, tenantId);
  const nodes = new Map<string, TUnitNode>(rows.map((r) => [r.id, { ...view(r, counts.get(r.id) ?? 0), children: [] }]));
  const roots: TUnitNode[] = [];
  const kindOrder = (k: string) => UNIT_KINDS.indexOf(k as (typeof UNIT_KINDS)[number]);
  for (const n of nodes.values()) {
    const parent = n.parentId ? nodes.get(n.parentId) : undefined;
    if (parent) parent.children.push(n);
    else roots.push(n);
  }
  const sort = (list: TUnitNode[]) => {
    list.sort((a, b) => kindOrder(a.kind) - kindOrder(b.kind) || a.code.localeCompare(b.code));
    for (const n of list) sort(n.children);
  };
  sort(roots);
  return roots;
}

export async function getUnit(db: DbOrTx, tenantId: string, id: string): Promise<TUnit> {
  const [row] = await db
    .select()
    .from(orgUnits)
    .where(and(eq(orgUnits.tenantId, tenantId), eq(orgUnits.id, id)));
  if (!row) throw new AppError('units.not_found', 404);
  const [n] = await db.select({ n: count() }).from(roleAssignments).where(eq(roleAssignments.unitId, id));
  return view(row, Number(n?.n ?? 0));
}

async function assertCodeFree(tx: DbOrTx, tenantId: string, code: string, exceptId?: string) {
  const [dupe] = await tx
    .select({ id: orgUnits.id })
    .from(orgUnits)
    .where(and(eq(orgUnits.tenantId, tenantId), eq(orgUnits.code, code), ...(exceptId ? [ne(orgUnits.id, exceptId)] : [])));
  if (dupe) throw new AppError('units.code_taken', 409, { code }, [{ field: 'code', code: 'units.code_taken', params: { code } }]);
}

/** The parent must be a unit of the same municipality; ids of other tenants are simply not found. */
async function assertParent(tx: DbOrTx, tenantId: string, parentId: string) {
  const [p] = await tx
    .select({ id: orgUnits.id })
    .from(orgUnits)
    .where(and(eq(orgUnits.tenantId, tenantId), eq(orgUnits.id, parentId)));
  if (!p) throw new AppError('units.parent_not_found', 400, {}, [{ field: 'parentId', code: 'units.parent_not_found' }]);
}

export async function createUnit(db: Db, req: FastifyRequest, body: TUnitBody): Promise<TUnit> {
  const tenantId = req.tenant.id;
  return db.transaction(async (tx) => {
    await lockUnits(tx, tenantId);
    await assertCodeFree(tx, tenantId, body.code);
    if (body.parentId) await assertParent(tx, tenantId, body.parentId);
    const [row] = await tx
      .insert(orgUnits)
      .values({ tenantId, ...body })
      .returning();
    if (!row) throw new Error('unit insert returned nothing');
    await audit(tx, req, { action: 'units.created', entity: 'org_unit', entityId: row.id, data: { ...body } });
    return view(row, 0);
  });
}

export async function updateUnit(db: Db, req: FastifyRequest, id: string, patch: TUnitPatch): Promise<TUnit> {
  const tenantId = req.tenant.id;
  return db.transaction(async (tx) => {
    await lockUnits(tx, tenantId);
    const [current] = await tx
      .select()
      .from(orgUnits)
      .where(and(eq(orgUnits.tenantId, tenantId), eq(orgUnits.id, id)));
    if (!current) throw new AppError('units.not_found', 404);
    if (patch.code !== undefined && patch.code !== current.code) await assertCodeFree(tx, tenantId, patch.code, id);
    if (patch.parentId) {
      if (patch.parentId === id) throw new AppError('units.cycle', 400, {}, [{ field: 'parentId', code: 'units.cycle' }]);
      await assertParent(tx, tenantId, patch.parentId);
      const all = await tx.select({ id: orgUnits.id, parentId: orgUnits.parentId }).from(orgUnits).where(eq(orgUnits.tenantId, tenantId));
      // moving under one of its own descendants would detach the branch into a loop
      if (ancestryFrom(all)(patch.parentId).includes(id)) {
        throw new AppError('units.cycle', 400, {}, [{ field: 'parentId', code: 'units.cycle' }]);
      }
    }
    const changes = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
    const [row] = Object.keys(changes).length ? await tx.update(orgUnits).set(changes).where(eq(orgUnits.id, id)).returning() : [current];
    if (!row) throw new AppError('units.not_found', 404);
    const before = Object.fromEntries(Object.keys(changes).map((k) => [k, current[k as keyof Row]]));
    await audit(tx, req, { action: 'units.updated', entity: 'org_unit', entityId: id, data: { before, after: changes } });
    return getUnit(tx, tenantId, id);
  });
}

export async function deleteUnit(db: Db, req: FastifyRequest, id: string): Promise<void> {
  const tenantId = req.tenant.id;
  await db.transaction(async (tx) => {
    await lockUnits(tx, tenantId);
    const [current] = await tx
      .select()
      .from(orgUnits)
      .where(and(eq(orgUnits.tenantId, tenantId), eq(orgUnits.id, id)));
    if (!current) throw new AppError('units.not_found', 404);
    const [kids] = await tx.select({ n: count() }).from(orgUnits).where(eq(orgUnits.parentId, id));
    if (Number(kids?.n ?? 0) > 0) throw new AppError('units.has_children', 409, { count: Number(kids?.n) });
    const [staff] = await tx.select({ n: count() }).from(roleAssignments).where(eq(roleAssignments.unitId, id));
    if (Number(staff?.n ?? 0) > 0) throw new AppError('units.has_staff', 409, { count: Number(staff?.n) });
    await audit(tx, req, {
      action: 'units.deleted',
      entity: 'org_unit',
      entityId: id,
      data: { code: current.code, nameEl: current.nameEl, kind: current.kind, parentId: current.parentId },
    });
    try {
      // a savepoint, so a foreign key from a module's table (a case owned by this unit) becomes a clear 409
      await tx.transaction(async (sp) => {
        await sp.delete(orgUnits).where(eq(orgUnits.id, id));
      });
    } catch (err) {
      if (isForeignKeyViolation(err)) throw new AppError('units.in_use', 409);
      throw err;
    }
  });
}

export function isForeignKeyViolation(err: unknown): boolean {
  for (let e: unknown = err; e && typeof e === 'object'; e = (e as { cause?: unknown }).cause) {
    if ((e as { code?: unknown }).code === '23503') return true;
  }
  return false;
}

registerMessages({
  'units.not_found': { el: 'Η μονάδα δεν βρέθηκε.', en: 'Unit not found.' },
  'units.code_taken': {
    el: 'Ο κωδικός «{code}» χρησιμοποιείται ήδη από άλλη μονάδα.',
    en: 'The code “{code}” is already used by another unit.',
  },
  'units.parent_not_found': {
    el: 'Η μονάδα-γονέας δεν βρέθηκε σε αυτόν τον δήμο.',
    en: 'The parent unit was not found in this municipality.',
  },
  'units.cycle': {
    el: 'Μια μονάδα δεν μπορεί να μπει κάτω από τον εαυτό της ή κάτω από υπομονάδα της.',
    en: 'A unit cannot be placed under itself or under one of its own sub-units.',
  },
  'units.has_children': {
    el: 'Η μονάδα έχει {count} υπομονάδες· μετακινήστε ή διαγράψτε τες πρώτα.',
    en: 'The unit has {count} sub-units; move or delete them first.',
  },
  'units.has_staff': {
    el: 'Η μονάδα έχει {count} αναθέσεις ρόλων προσωπικού· αφαιρέστε τες πρώτα.',
    en: 'The unit has {count} staff role assignments; remove them first.',
  },
  'units.in_use': {
    el: 'Η μονάδα χρησιμοποιείται από άλλα στοιχεία (π.χ. αιτήματα) και δεν μπορεί να διαγραφεί.',
    en: 'The unit is used by other records (e.g. cases) and cannot be deleted.',
  },
  'field.parentId': { el: 'Μονάδα-γονέας', en: 'Parent unit' },
  'field.code': { el: 'Κωδικός', en: 'Code' },
  'field.kind': { el: 'Είδος', en: 'Kind' },
});
