import { index, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, tenantId } from '../db/columns.js';

/** Διεύθυνση / Τμήμα / Γραφείο hierarchy. */
export const orgUnits = pgTable(
  'org_units',
  {
    id: id(),
    tenantId: tenantId(),
    parentId: uuid('parent_id'),
    kind: text('kind', { enum: ['directorate', 'department', 'office'] }).notNull(),
    code: text('code').notNull(),
    nameEl: text('name_el').notNull(),
    nameEn: text('name_en').notNull(),
    email: text('email'),
    phone: text('phone'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('org_units_tenant_code').on(t.tenantId, t.code), index('org_units_parent').on(t.parentId)],
);

/** Schools, vet practices, animal-welfare groups, contractors: organisations whose users work with the municipality. */
export const partnerOrgs = pgTable(
  'partner_orgs',
  {
    id: id(),
    tenantId: tenantId(),
    kind: text('kind', { enum: ['school', 'vet', 'welfare', 'contractor'] }).notNull(),
    name: text('name').notNull(),
    /** The person the municipality talks to (a school's principal, a contractor's site manager). */
    contactName: text('contact_name'),
    email: text('email'),
    phone: text('phone'),
    address: text('address'),
    website: text('website'),
    notes: text('notes'),
    createdAt: createdAt(),
  },
  (t) => [index('partner_orgs_tenant').on(t.tenantId)],
);
