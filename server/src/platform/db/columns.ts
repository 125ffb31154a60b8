import { sql } from 'drizzle-orm';
import { timestamp, uuid } from 'drizzle-orm/pg-core';
import { tenants } from '../tenancy/tenancy.schema.js';

/** Shared column helpers so every table spells ids, tenancy and timestamps the same way. */
export const id = () => uuid('id').primaryKey().default(sql`gen_random_uuid()`);
export const tenantId = () =>
  uuid('tenant_id')
    .notNull()
    .references(() => tenants.id, { onDelete: 'cascade' });
export const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();
export const ts = (name: string) => timestamp(name, { withTimezone: true });
