import { eq } from 'drizzle-orm';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { audit } from '../audit/audit.js';
import type { Db, DbOrTx } from '../db/database.js';
import { AppError } from '../http/errors.js';
import { registerMessages } from '../i18n/i18n.js';
import { validateBoundary } from './boundary.js';
import type { Tenant } from './tenancy.js';
import { type TBoundary, type TBranding, type TContacts, tenants } from './tenancy.schema.js';

const ZText = (max: number) => z.string().trim().min(1).max(max);

/** A GeoJSON Polygon/MultiPolygon; its geometry is checked by validateBoundary (closed rings, ranges). */
export const ZBoundary = z
  .object({ type: z.enum(['Polygon', 'MultiPolygon']), coordinates: z.array(z.unknown()) })
  .meta({ description: 'GeoJSON Polygon or MultiPolygon, WGS84 [lon, lat]' });

export const ZContacts = z
  .object({
    email: z.email().nullable(),
    phone: z.string().trim().max(40).nullable(),
    address: z.string().trim().max(300).nullable(),
    website: z.url({ protocol: /^https?$/ }).nullable(),
  })
  .partial()
  .strict();

export const ZBranding = z
  .object({
    primaryColor: z
      .string()
      .regex(/^#[0-9a-fA-F]{6}$/)
      .nullable()
      .meta({ description: 'Hex colour #rrggbb' }),
    logoFileId: z.uuid().nullable(),
    emailFooterEl: z.string().max(2000).nullable(),
    emailFooterEn: z.string().max(2000).nullable(),
  })
  .partial()
  .strict();

/** PATCH: names replace; contacts, branding and settings merge key by key (null removes a key). */
export const ZTenantPatch = z
  .object({
    nameEl: ZText(200),
    nameEn: ZText(200),
    contacts: ZContacts,
    branding: ZBranding,
    boundary: ZBoundary.nullable(),
    settings: z.record(z.string().max(100), z.unknown()),
  })
  .partial()
  .strict();
export type TTenantPatch = z.infer<typeof ZTenantPatch>;

export const ZTenantPublic = z.object({
  id: z.uuid(),
  slug: z.string(),
  nameEl: z.string(),
  nameEn: z.string(),
  contacts: z.object({ email: z.string(), phone: z.string(), address: z.string(), website: z.string() }).partial(),
  branding: z.object({ primaryColor: z.string(), logoFileId: z.string(), emailFooterEl: z.string(), emailFooterEn: z.string() }).partial(),
  boundary: ZBoundary.nullable(),
  /** Only for administrators (tenant.manage). */
  settings: z.record(z.string(), z.unknown()).optional(),
});
export type TTenantPublic = z.infer<typeof ZTenantPublic>;

export function tenantView(t: Tenant, withSettings: boolean): TTenantPublic {
  return {
    id: t.id,
    slug: t.slug,
    nameEl: t.nameEl,
    nameEn: t.nameEn,
    contacts: t.contacts ?? {},
    branding: t.branding ?? {},
    boundary: (t.boundary as TTenantPublic['boundary']) ?? null,
    ...(withSettings ? { settings: t.settings ?? {} } : {}),
  };
}

export const ZCreateTenant = z
  .object({
    slug: z
      .string()
      .regex(/^[a-z0-9](?:[a-z0-9-]{0,48}[a-z0-9])?$/)
      .meta({ description: 'lower-case letters, digits and dashes' }),
    nameEl: ZText(200),
    nameEn: ZText(200),
    hosts: z.array(z.string().trim().toLowerCase().min(1).max(253)).default([]),
    contacts: ZContacts.default({}),
    branding: ZBranding.default({}),
    boundary: ZBoundary.nullable().default(null),
    settings: z.record(z.string(), z.unknown()).default({}),
  })
  .strict();
export type TCreateTenant = z.input<typeof ZCreateTenant>;

function checkBoundary(input: unknown): TBoundary | null {
  if (input === null || input === undefined) return null;
  const res = validateBoundary(input);
  if (res.errors.length || !('boundary' in res)) throw new AppError('validation.failed', 400, {}, res.errors);
  return res.boundary;
}

/** Drops null and undefined values: they mean "remove this key" in a merge and "not set" on create. */
function compact<T extends Record<string, unknown>>(o: T): Partial<Record<keyof T, NonNullable<T[keyof T]>>> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== null && v !== undefined)) as never;
}

/**
 * Creates a municipality. Used by the CLI for multi-municipality installs, by the demo seed
 * and by tests. Validates like the API does and refuses a slug or host already in use.
 */
export async function createTenant(db: DbOrTx, input: TCreateTenant): Promise<Tenant> {
  const parsed = ZCreateTenant.safeParse(input);
  if (!parsed.success) {
    throw new AppError(
      'validation.failed',
      400,
      {},
      parsed.error.issues.map((i) => ({ field: i.path.join('.'), code: 'validation.invalid' })),
    );
  }
  const v = parsed.data;
  const boundary = checkBoundary(v.boundary);
  const existing = await db.select({ id: tenants.id, slug: tenants.slug, hosts: tenants.hosts }).from(tenants);
  if (existing.some((t) => t.slug === v.slug))
    throw new AppError('tenant.slug_taken', 409, {}, [{ field: 'slug', code: 'tenant.slug_taken' }]);
  const usedHost = v.hosts.find((h) => existing.some((t) => t.hosts.includes(h)));
  if (usedHost) throw new AppError('tenant.host_taken', 409, { host: usedHost }, [{ field: 'hosts', code: 'tenant.host_taken' }]);
  const [row] = await db
    .insert(tenants)
    .values({
      slug: v.slug,
      nameEl: v.nameEl,
      nameEn: v.nameEn,
      hosts: v.hosts,
      boundary,
      contacts: compact(v.contacts) as TContacts,
      branding: compact(v.branding) as TBranding,
      settings: v.settings,
    })
    .returning();
  if (!row) throw new Error('tenant insert returned nothing');
  return row;
}

function merge<T extends Record<string, unknown>>(base: T, patch: Record<string, unknown> | undefined): T {
  if (!patch) return base;
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete out[k];
    else if (v !== undefined) out[k] = v;
  }
  return out as T;
}

/** Applies an administrator's changes to the request's municipality, audited in the same transaction. */
export async function updateTenant(db: Db, req: FastifyRequest, patch: TTenantPatch): Promise<Tenant> {
  const boundary = patch.boundary === undefined ? undefined : checkBoundary(patch.boundary);
  return db.transaction(async (tx) => {
    const [current] = await tx.select().from(tenants).where(eq(tenants.id, req.tenant.id)).for('update');
    if (!current) throw new AppError('tenant.not_found', 404);
    const next = {
      nameEl: patch.nameEl ?? current.nameEl,
      nameEn: patch.nameEn ?? current.nameEn,
      contacts: merge(current.contacts ?? {}, patch.contacts),
      branding: merge(current.branding ?? {}, patch.branding),
      settings: merge(current.settings ?? {}, patch.settings),
      boundary: boundary === undefined ? current.boundary : boundary,
    };
    const [row] = await tx.update(tenants).set(next).where(eq(tenants.id, current.id)).returning();
    if (!row) throw new AppError('tenant.not_found', 404);
    // the boundary can be large: record that it changed, not its coordinates
    const changed = Object.keys(patch).filter((k) => patch[k as keyof TTenantPatch] !== undefined);
    await audit(tx, req, {
      action: 'tenant.updated',
      entity: 'tenant',
      entityId: row.id,
      data: {
        changed,
        ...(patch.nameEl ? { nameEl: patch.nameEl } : {}),
        ...(patch.nameEn ? { nameEn: patch.nameEn } : {}),
        ...(patch.contacts ? { contacts: patch.contacts } : {}),
        ...(patch.branding ? { branding: patch.branding } : {}),
        ...(patch.settings ? { settingsKeys: Object.keys(patch.settings) } : {}),
      },
    });
    return row;
  });
}

registerMessages({
  'tenant.slug_taken': { el: 'Υπάρχει ήδη δήμος με αυτό το αναγνωριστικό.', en: 'A municipality with this slug already exists.' },
  'tenant.host_taken': {
    el: 'Το όνομα διακομιστή {host} χρησιμοποιείται ήδη από άλλο δήμο.',
    en: 'The host name {host} is already used by another municipality.',
  },
  'field.nameEl': { el: 'Όνομα (ελληνικά)', en: 'Name (Greek)' },
  'field.nameEn': { el: 'Όνομα (αγγλικά)', en: 'Name (English)' },
  'field.primaryColor': { el: 'Κύριο χρώμα', en: 'Primary colour' },
});
