import { date, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { createdAt, id, tenantId } from '../db/columns.js';

/**
 * Days a municipality does not work on top of the national holidays: the
 * patron saint's day (a local public holiday) or a one-off closure (a strike,
 * a mayor's decision, a bridge day). Both kinds stop the SLA clock alike; the
 * kind only tells people why.
 */
export const tenantHolidays = pgTable(
  'tenant_holidays',
  {
    id: id(),
    tenantId: tenantId(),
    date: date('date', { mode: 'string' }).notNull(),
    nameEl: text('name_el').notNull(),
    nameEn: text('name_en').notNull(),
    kind: text('kind', { enum: ['holiday', 'closure'] })
      .notNull()
      .default('holiday'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('tenant_holidays_tenant_date').on(t.tenantId, t.date)],
);
