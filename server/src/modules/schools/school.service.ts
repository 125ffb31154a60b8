import { and, asc, eq, type SQL, sql } from 'drizzle-orm';
import { z } from 'zod';
import { audit } from '../../platform/audit/audit.js';
import type { Db, DbOrTx } from '../../platform/db/database.js';
import { AppError } from '../../platform/http/errors.js';
import type { ServiceContext } from '../../platform/service-context.js';
import { partnerOrgs } from '../../platform/tenancy/org.schema.js';
import { listPartnerUsers } from '../../platform/tenancy/partner.service.js';
import { containsText } from '../../platform/tenancy/search.js';
import { SCHOOL_LEVELS, schoolRequests, schools } from './schema.js';

/** The schools registry: each school is tied to a partner organisation whose users are its principal and deputies. */

const optText = (max: number) => z.string().trim().max(max).nullable();

export const ZContact = z.object({
  name: z.string().trim().min(1).max(200),
  role: optText(100).optional(),
  phone: optText(40).optional(),
  email: z.email().max(320).nullable().optional(),
});

const ZCode = z
  .string()
  .trim()
  .regex(/^[0-9A-Za-z-]{1,20}$/);
const ZLocationIn = z.object({ lat: z.number().min(-90).max(90), lon: z.number().min(-180).max(180) });

export const ZSchoolBody = z
  .object({
    name: z.string().trim().min(1).max(200),
    level: z.enum(SCHOOL_LEVELS),
    code: ZCode.nullable().default(null),
    address: optText(300).default(null),
    location: ZLocationIn.nullable().default(null),
    principalName: optText(200).default(null),
    phone: optText(40).default(null),
    email: z.email().max(320).nullable().default(null),
    contacts: z.array(ZContact).max(20).default([]),
    notes: optText(2000).default(null),
    active: z.boolean().default(true),
    /** An existing partner organisation of kind `school`; a new one is made when absent. */
    partnerOrgId: z.uuid().optional(),
  })
  .strict();
export type TSchoolBody = z.infer<typeof ZSchoolBody>;

export const ZSchoolPatch = ZSchoolBody.omit({ partnerOrgId: true })
  .extend({
    code: ZCode.nullable(),
    address: optText(300),
    location: ZLocationIn.nullable(),
    principalName: optText(200),
    phone: optText(40),
    email: z.email().max(320).nullable(),
    contacts: z.array(ZContact).max(20),
    notes: optText(2000),
    active: z.boolean(),
  })
  .partial()
  .strict();
export type TSchoolPatch = z.infer<typeof ZSchoolPatch>;

export const ZSchool = z.object({
  id: z.uuid(),
  partnerOrgId: z.uuid(),
  name: z.string(),
  level: z.enum(SCHOOL_LEVELS),
  code: z.string().nullable(),
  address: z.string().nullable(),
  location: z.object({ lat: z.number(), lon: z.number() }).nullable(),
  principalName: z.string().nullable(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  contacts: z.array(ZContact),
  notes: z.string().nullable(),
  active: z.boolean(),
  createdAt: z.date(),
  updatedAt: z.date(),
});
export type TSchool = z.infer<typeof ZSchool>;

type Row = typeof schools.$inferSelect;

export function schoolView(r: Row): TSchool {
  return {
    id: r.id,
    partnerOrgId: r.partnerOrgId,
    name: r.name,
    level: r.level,
    code: r.code,
    address: r.address,
    location: r.lat != null && r.lon != null ? { lat: r.lat, lon: r.lon } : null,
    principalName: r.principalName,
    phone: r.phone,
    email: r.email,
    contacts: r.contacts.map((c) => ({ name: c.name, role: c.role ?? null, phone: c.phone ?? null, email: c.email ?? null })),
    notes: r.notes,
    active: r.active,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
  };
}

export async function getSchoolRow(db: DbOrTx, tenantId: string, id: string, opts: { lock?: boolean } = {}) {
  const q = db
    .select()
    .from(schools)
    .where(and(eq(schools.tenantId, tenantId), eq(schools.id, id)));
  const [row] = opts.lock ? await q.for('update') : await q;
  if (!row) throw new AppError('school.not_found', 404);
  return row;
}

/** The school of a partner organisation (a principal's or deputy's), or null. */
export async function schoolOfOrg(db: DbOrTx, tenantId: string, partnerOrgId: string) {
  const [row] = await db
    .select()
    .from(schools)
    .where(and(eq(schools.tenantId, tenantId), eq(schools.partnerOrgId, partnerOrgId)));
  return row ?? null;
}

export const ZSchoolQuery = z
  .object({
    q: z.string().trim().min(1).max(100).optional(),
    level: z.enum(SCHOOL_LEVELS).optional(),
    active: z.enum(['true', 'false']).optional(),
  })
  .strict();

export async function listSchools(db: DbOrTx, tenantId: string, q: z.infer<typeof ZSchoolQuery>) {
  const where: SQL[] = [eq(schools.tenantId, tenantId)];
  if (q.level) where.push(eq(schools.level, q.level));
  if (q.active) where.push(eq(schools.active, q.active === 'true'));
  if (q.q)
    where.push(containsText(sql`${schools.name} || ' ' || coalesce(${schools.address}, '') || ' ' || coalesce(${schools.code}, '')`, q.q));
  const rows = await db
    .select()
    .from(schools)
    .where(and(...where))
    .orderBy(asc(schools.name), asc(schools.id));
  return rows;
}

function isUniqueViolation(err: unknown, constraint: string): boolean {
  for (let e: unknown = err; e && typeof e === 'object'; e = (e as { cause?: unknown }).cause) {
    const x = e as { code?: unknown; constraint?: unknown; message?: unknown };
    if (x.code === '23505') return x.constraint === constraint || String(x.message ?? '').includes(constraint);
  }
  return false;
}

function columns(b: Partial<TSchoolBody>) {
  const out: Partial<typeof schools.$inferInsert> = {};
  for (const k of ['name', 'level', 'code', 'address', 'principalName', 'phone', 'email', 'contacts', 'notes', 'active'] as const) {
    if (b[k] !== undefined) (out as Record<string, unknown>)[k] = b[k];
  }
  if (b.location !== undefined) {
    out.lat = b.location?.lat ?? null;
    out.lon = b.location?.lon ?? null;
  }
  return out;
}

/** What the partner organisation carries of the school (its directory card). */
function orgColumns(b: Partial<TSchoolBody>) {
  const out: Partial<typeof partnerOrgs.$inferInsert> = {};
  if (b.name !== undefined) out.name = b.name;
  if (b.principalName !== undefined) out.contactName = b.principalName;
  if (b.email !== undefined) out.email = b.email;
  if (b.phone !== undefined) out.phone = b.phone;
  if (b.address !== undefined) out.address = b.address;
  return out;
}

async function savepoint<T>(tx: DbOrTx, fn: (sp: DbOrTx) => Promise<T>): Promise<T> {
  try {
    return await (tx as Db).transaction(async (sp) => fn(sp));
  } catch (err) {
    if (isUniqueViolation(err, 'schools_tenant_code')) {
      throw new AppError('validation.failed', 400, {}, [{ field: 'code', code: 'school.code_taken' }]);
    }
    if (isUniqueViolation(err, 'schools_partner_org')) {
      throw new AppError('validation.failed', 400, {}, [{ field: 'partnerOrgId', code: 'school.org_taken' }]);
    }
    throw err;
  }
}

export async function createSchool(db: Db, ctx: ServiceContext, body: TSchoolBody): Promise<TSchool> {
  const tenantId = ctx.tenant.id;
  return db.transaction(async (tx) => {
    let orgId = body.partnerOrgId;
    if (orgId) {
      const [org] = await tx
        .select({ id: partnerOrgs.id, kind: partnerOrgs.kind })
        .from(partnerOrgs)
        .where(and(eq(partnerOrgs.tenantId, tenantId), eq(partnerOrgs.id, orgId)));
      if (org?.kind !== 'school') {
        throw new AppError('validation.failed', 400, {}, [{ field: 'partnerOrgId', code: 'school.org_invalid' }]);
      }
    } else {
      const [org] = await tx
        .insert(partnerOrgs)
        .values({ tenantId, kind: 'school', name: body.name, ...orgColumns(body) })
        .returning({ id: partnerOrgs.id });
      if (!org) throw new Error('partner insert returned nothing');
      orgId = org.id;
      await audit(tx, ctx, {
        action: 'partners.created',
        entity: 'partner_org',
        entityId: orgId,
        data: { kind: 'school', name: body.name },
      });
    }
    const row = await savepoint(tx, async (sp) => {
      const [r] = await sp
        .insert(schools)
        .values({ tenantId, partnerOrgId: orgId as string, name: body.name, level: body.level, ...columns(body) })
        .returning();
      return r;
    });
    if (!row) throw new Error('school insert returned nothing');
    await audit(tx, ctx, { action: 'school.created', entity: 'school', entityId: row.id, data: { name: row.name, level: row.level } });
    return schoolView(row);
  });
}

export async function updateSchool(db: Db, ctx: ServiceContext, id: string, patch: TSchoolPatch): Promise<TSchool> {
  const tenantId = ctx.tenant.id;
  return db.transaction(async (tx) => {
    const before = await getSchoolRow(tx, tenantId, id, { lock: true });
    const set = columns(patch);
    const row = await savepoint(tx, async (sp) => {
      const [r] = await sp
        .update(schools)
        .set({ ...set, updatedAt: new Date() })
        .where(eq(schools.id, id))
        .returning();
      return r;
    });
    if (!row) throw new AppError('school.not_found', 404);
    const org = orgColumns(patch);
    if (Object.keys(org).length) await tx.update(partnerOrgs).set(org).where(eq(partnerOrgs.id, before.partnerOrgId));
    const changed = Object.keys(set);
    await audit(tx, ctx, {
      action: 'school.updated',
      entity: 'school',
      entityId: id,
      data: {
        before: Object.fromEntries(changed.map((k) => [k, before[k as keyof Row]])),
        after: set,
      },
    });
    return schoolView(row);
  });
}

/** A school with requests stays (deactivate it instead); without, it goes, and its organisation with it when it has no users. */
export async function deleteSchool(db: Db, ctx: ServiceContext, id: string) {
  const tenantId = ctx.tenant.id;
  await db.transaction(async (tx) => {
    const row = await getSchoolRow(tx, tenantId, id, { lock: true });
    const [used] = await tx
      .select({ n: sql<number>`count(*)::int` })
      .from(schoolRequests)
      .where(and(eq(schoolRequests.tenantId, tenantId), eq(schoolRequests.schoolId, id)));
    if (Number(used?.n ?? 0) > 0) throw new AppError('school.has_requests', 409, { count: used?.n });
    await tx.delete(schools).where(eq(schools.id, id));
    await audit(tx, ctx, { action: 'school.deleted', entity: 'school', entityId: id, data: { name: row.name } });
  });
}

/** The school's principal (manager) and deputies (members): partner users of its organisation. */
export async function schoolPeople(db: Db, tenantId: string, school: Row) {
  const people = await listPartnerUsers(db, tenantId, school.partnerOrgId);
  return people.map((p) => ({ ...p, role: p.partnerRole === 'manager' ? ('principal' as const) : ('deputy' as const) }));
}
