import { and, asc, eq, gte, lte } from 'drizzle-orm';
import type { DbOrTx } from '../db/database.js';
import { tenantHolidays } from './calendar.schema.js';

export type TTenantHoliday = { date: string; nameEl: string; nameEn: string; kind: 'holiday' | 'closure' };

/**
 * The tenant's own non-working days from 1 January of `fromYear` to
 * 31 December of `toYear`, by date. Pass the result straight to
 * `isWorkingDay` / `addWorkingDays` as their extra days.
 */
export async function loadTenantHolidays(db: DbOrTx, tenantId: string, fromYear: number, toYear = fromYear): Promise<TTenantHoliday[]> {
  return db
    .select({ date: tenantHolidays.date, nameEl: tenantHolidays.nameEl, nameEn: tenantHolidays.nameEn, kind: tenantHolidays.kind })
    .from(tenantHolidays)
    .where(
      and(
        eq(tenantHolidays.tenantId, tenantId),
        gte(tenantHolidays.date, `${String(fromYear).padStart(4, '0')}-01-01`),
        lte(tenantHolidays.date, `${String(toYear).padStart(4, '0')}-12-31`),
      ),
    )
    .orderBy(asc(tenantHolidays.date));
}
