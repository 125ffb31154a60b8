import { index, jsonb, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, tenantId, ts } from '../../platform/db/columns.js';
import { users } from '../../platform/identity/identity.schema.js';
import { orgUnits } from '../../platform/tenancy/org.schema.js';

/** A saved inbox: a name and the list filters. Private to its owner, or shared with a unit when `unit_id` is set. */
export const helpdeskViews = pgTable(
  'helpdesk_views',
  {
    id: id(),
    tenantId: tenantId(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    unitId: uuid('unit_id').references(() => orgUnits.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    filters: jsonb('filters').$type<Record<string, unknown>>().notNull().default({}),
    createdAt: createdAt(),
  },
  (t) => [index('helpdesk_views_user').on(t.tenantId, t.userId), index('helpdesk_views_unit').on(t.tenantId, t.unitId)],
);

/** A reply template of a unit (or of every unit when `unit_id` is null), in Greek and English, with {placeholders}. */
export const helpdeskTemplates = pgTable(
  'helpdesk_templates',
  {
    id: id(),
    tenantId: tenantId(),
    unitId: uuid('unit_id').references(() => orgUnits.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    bodyEl: text('body_el').notNull(),
    bodyEn: text('body_en').notNull(),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [index('helpdesk_templates_unit').on(t.tenantId, t.unitId)],
);
