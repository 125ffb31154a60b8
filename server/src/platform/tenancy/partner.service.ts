import { and, asc, count, eq, type SQL, sql } from 'drizzle-orm';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { audit } from '../audit/audit.js';
import type { Db, DbOrTx } from '../db/database.js';
import { AppError } from '../http/errors.js';
import { registerMessages } from '../i18n/i18n.js';
import { users } from '../identity/identity.schema.js';
import { partnerOrgs } from './org.schema.js';
import { containsText } from './search.js';
import { isForeignKeyViolation } from './unit.service.js';

export const PARTNER_KINDS = ['school', 'vet', 'welfare', 'contractor'] as const;

const optText = (max: number) => z.string().trim().max(max).nullable();

export const ZPartnerBody = z
  .object({
    kind: z.enum(PARTNER_KINDS),
    name: z.string().trim().min(1).max(200),
    contactName: optText(200).default(null),
    email: z.email().nullable().default(null),
    phone: optText(40).default(null),
    address: optText(300).default(null),
    website: z
      .url({ protocol: /^https?$/ })
      .nullable()
      .default(null),
    notes: optText(2000).default(null),
  })
  .strict();
export type TPartnerBody = z.infer<typeof ZPartnerBody>;

export const ZPartnerPatch = z
  .object({
    kind: z.enum(PARTNER_KINDS),
    name: ZPartnerBody.shape.name,
    contactName: optText(200),
    email: z.email().nullable(),
    phone: optText(40),
    address: optText(300),
    website: z.url({ protocol: /^https?$/ }).nullable(),
    notes: optText(2000),
  })
  .partial()
  .strict();
export type TPartnerPatch = z.infer<typeof ZPartnerPatch>;

export const ZPartnerQuery = z
  .object({
    kind: z.enum(PARTNER_KINDS).optional(),
    q: z.string().trim().min(1).max(100).optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    offset: z.coerce.number().int().min(0).default(0),
  })
  .strict();
export type TPartnerQuery = z.infer<typeof ZPartnerQuery>;

export const ZPartner = z.object({
  id: z.uuid(),
  kind: z.enum(PARTNER_KINDS),
  name: z.string(),
  contactName: z.string().nullable(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  address: z.string().nullable(),
  website: z.string().nullable(),
  notes: z.string().nullable(),
  userCount: z.number().int(),
  createdAt: z.string(),
});
export type TPartner = z.infer<typeof ZPartner>;

export const ZPartnerUser = z.object({
  id: z.uuid(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  givenName: z.string().nullable(),
  familyName: z.string().nullable(),
  partnerRole: z.enum(['manager', 'member']).nullable(),
  disabled: z.boolean(),
  invitationPending: z.boolean(),
});

// spelled out: in a single-table select Drizzle leaves columns unqualified, which inside the
// subquery would bind to users.id instead of the outer partner_orgs.id
const userCount = sql<number>`(select count(*)::int from ${users} u where u.partner_org_id = "partner_orgs"."id")`;

type Row = typeof partnerOrgs.$inferSelect & { userCount: number };

function view(r: Row): TPartner {
  return {
    id: r.id,
    kind: r.kind,
    name: r.name,
    contactName: r.contactName,
    email: r.email,
    phone: r.phone,
    address: r.address,
    website: r.website,
    notes: r.notes,
    userCount: Number(r.userCount),
    createdAt: new Date(r.createdAt).toISOString(),
  };
}

export async function listPartners(db: Db, tenantId: string, q: TPartnerQuery): Promise<{ items: TPartner[]; total: number }> {
  const where: SQL[] = [eq(partnerOrgs.tenantId, tenantId)];
  if (q.kind) where.push(eq(partnerOrgs.kind, q.kind));
  if (q.q) {
    where.push(
      containsText(
        sql`${partnerOrgs.name} || ' ' || coalesce(${partnerOrgs.contactName}, '') || ' ' || coalesce(${partnerOrgs.email}, '')`,
        q.q,
      ),
    );
  }
  const [total] = await db
    .select({ n: count() })
    .from(partnerOrgs)
    .where(and(...where));
  const rows = await db
    .select({ ...getTableColumnsOfPartners(), userCount })
    .from(partnerOrgs)
    .where(and(...where))
    .orderBy(asc(partnerOrgs.name), asc(partnerOrgs.id))
    .limit(q.limit)
    .offset(q.offset);
  return { items: rows.map(view), total: Number(total?.n ?? 0) };
}

function getTableColumnsOfPartners() {
  return {
    id: partnerOrgs.id,
    tenantId: partnerOrgs.tenantId,
    kind: partnerOrgs.kind,
    name: partnerOrgs.name,
    contactName: partnerOrgs.contactName,
    email: partnerOrgs.email,
    phone: partnerOrgs.phone,
    address: partnerOrgs.address,
    website: partnerOrgs.website,
    notes: partnerOrgs.notes,
    createdAt: partnerOrgs.createdAt,
  };
}

export async function getPartner(db: DbOrTx, tenantId: string, id: string): Promise<TPartner> {
  const [row] = await db
    .select({ ...getTableColumnsOfPartners(), userCount })
    .from(partnerOrgs)
    .where(and(eq(partnerOrgs.tenantId, tenantId), eq(partnerOrgs.id, id)));
  if (!row) throw new AppError('partners.not_found', 404);
  return view(row);
}

export async function listPartnerUsers(db: Db, tenantId: string, id: string) {
  await getPartner(db, tenantId, id);
  const rows = await db
    .select({
      id: users.id,
      email: users.email,
      phone: users.phone,
      givenName: users.givenName,
      familyName: users.familyName,
      partnerRole: users.partnerRole,
      disabledAt: users.disabledAt,
      hasPassword: sql<boolean>`${users.passwordHash} is not null`,
    })
    .from(users)
    .where(and(eq(users.tenantId, tenantId), eq(users.partnerOrgId, id)))
    .orderBy(asc(users.familyName), asc(users.givenName), asc(users.id));
  return rows.map(({ disabledAt, hasPassword, ...u }) => ({ ...u, disabled: disabledAt !== null, invitationPending: !hasPassword }));
}

export async function createPartner(db: Db, req: FastifyRequest, body: TPartnerBody): Promise<TPartner> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(partnerOrgs)
      .values({ tenantId: req.tenant.id, ...body })
      .returning({ id: partnerOrgs.id });
    if (!row) throw new Error('partner insert returned nothing');
    await audit(tx, req, { action: 'partners.created', entity: 'partner_org', entityId: row.id, data: { ...body } });
    return getPartner(tx, req.tenant.id, row.id);
  });
}

export async function updatePartner(db: Db, req: FastifyRequest, id: string, patch: TPartnerPatch): Promise<TPartner> {
  return db.transaction(async (tx) => {
    const before = await getPartner(tx, req.tenant.id, id);
    const changes = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
    if (Object.keys(changes).length) await tx.update(partnerOrgs).set(changes).where(eq(partnerOrgs.id, id));
    await audit(tx, req, {
      action: 'partners.updated',
      entity: 'partner_org',
      entityId: id,
      data: { before: Object.fromEntries(Object.keys(changes).map((k) => [k, before[k as keyof TPartner]])), after: changes },
    });
    return getPartner(tx, req.tenant.id, id);
  });
}

/** Deleting an organisation would delete its users' accounts with it (cascade), so it must have none left. */
export async function deletePartner(db: Db, req: FastifyRequest, id: string): Promise<void> {
  await db.transaction(async (tx) => {
    const p = await getPartner(tx, req.tenant.id, id);
    if (p.userCount > 0) throw new AppError('partners.has_users', 409, { count: p.userCount });
    await audit(tx, req, { action: 'partners.deleted', entity: 'partner_org', entityId: id, data: { name: p.name, kind: p.kind } });
    try {
      // a savepoint, so a module's row that still points at the organisation becomes a clear 409
      await tx.transaction(async (sp) => {
        await sp.delete(partnerOrgs).where(and(eq(partnerOrgs.tenantId, req.tenant.id), eq(partnerOrgs.id, id)));
      });
    } catch (err) {
      if (isForeignKeyViolation(err)) throw new AppError('partners.in_use', 409);
      throw err;
    }
  });
}

registerMessages({
  'partners.not_found': { el: 'Ο συνεργαζόμενος φορέας δεν βρέθηκε.', en: 'Partner organisation not found.' },
  'partners.has_users': {
    el: 'Ο φορέας έχει {count} χρήστες· αφαιρέστε τους πρώτα.',
    en: 'The organisation has {count} users; remove them first.',
  },
  'partners.in_use': {
    el: 'Ο φορέας χρησιμοποιείται από άλλα στοιχεία και δεν μπορεί να διαγραφεί.',
    en: 'The organisation is used by other records and cannot be deleted.',
  },
  'field.name': { el: 'Όνομα', en: 'Name' },
  'field.contactName': { el: 'Υπεύθυνος επικοινωνίας', en: 'Contact person' },
  'field.website': { el: 'Ιστότοπος', en: 'Website' },
});
