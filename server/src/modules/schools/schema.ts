import { boolean, doublePrecision, index, jsonb, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, tenantId, ts } from '../../platform/db/columns.js';
import { users } from '../../platform/identity/identity.schema.js';
import { partnerOrgs } from '../../platform/tenancy/org.schema.js';

export const SCHOOL_LEVELS = ['kindergarten', 'primary', 'gymnasium', 'lyceum', 'vocational', 'special'] as const;
export type TSchoolLevel = (typeof SCHOOL_LEVELS)[number];

export type TSchoolContact = { name: string; role?: string | null; phone?: string | null; email?: string | null };

/**
 * A school unit of the municipality. Its people (principal = the partner organisation's manager,
 * deputies = members) are partner users of the linked `partner_orgs` row.
 */
export const schools = pgTable(
  'schools',
  {
    id: id(),
    tenantId: tenantId(),
    partnerOrgId: uuid('partner_org_id')
      .notNull()
      .references(() => partnerOrgs.id, { onDelete: 'restrict' }),
    name: text('name').notNull(),
    level: text('level', { enum: SCHOOL_LEVELS }).notNull(),
    /** The ministry's school code, when known. */
    code: text('code'),
    address: text('address'),
    lat: doublePrecision('lat'),
    lon: doublePrecision('lon'),
    principalName: text('principal_name'),
    phone: text('phone'),
    email: text('email'),
    contacts: jsonb('contacts').$type<TSchoolContact[]>().notNull().default([]),
    notes: text('notes'),
    active: boolean('active').notNull().default(true),
    createdAt: createdAt(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('schools_partner_org').on(t.partnerOrgId),
    uniqueIndex('schools_tenant_code').on(t.tenantId, t.code),
    index('schools_tenant_name').on(t.tenantId, t.name),
  ],
);

/**
 * Which case is a request of which school. The case itself (state, unit, timeline) lives in the
 * case engine; this row only ties it to the school, by id.
 */
export const schoolRequests = pgTable(
  'school_requests',
  {
    caseId: uuid('case_id').primaryKey(),
    tenantId: tenantId(),
    schoolId: uuid('school_id')
      .notNull()
      .references(() => schools.id, { onDelete: 'restrict' }),
    submittedBy: uuid('submitted_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (t) => [index('school_requests_school').on(t.tenantId, t.schoolId, t.createdAt)],
);
