import { sql } from 'drizzle-orm';
import { jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

export type TBranding = { primaryColor?: string; logoFileId?: string; emailFooterEl?: string; emailFooterEn?: string };
export type TContacts = { email?: string; phone?: string; address?: string; website?: string };
/** GeoJSON Polygon or MultiPolygon in WGS84. */
export type TBoundary = { type: 'Polygon' | 'MultiPolygon'; coordinates: unknown };

export const tenants = pgTable('tenants', {
  id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
  slug: text('slug').notNull().unique(),
  nameEl: text('name_el').notNull(),
  nameEn: text('name_en').notNull(),
  hosts: text('hosts').array().notNull().default(sql`'{}'::text[]`),
  boundary: jsonb('boundary').$type<TBoundary | null>(),
  contacts: jsonb('contacts').$type<TContacts>().notNull().default({}),
  branding: jsonb('branding').$type<TBranding>().notNull().default({}),
  settings: jsonb('settings').$type<Record<string, unknown>>().notNull().default({}),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});
