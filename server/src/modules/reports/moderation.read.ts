import { and, eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/database.js';
import { reportCategories, reportModeration } from './schema.js';

type TModRow = typeof reportModeration.$inferSelect;

/** The reports a moderator hid (they never appear on public lists or the map). */
export async function hiddenReportIds(db: DbOrTx, tenantId: string): Promise<string[]> {
  const rows = await db
    .select({ caseId: reportModeration.caseId })
    .from(reportModeration)
    .where(and(eq(reportModeration.tenantId, tenantId), eq(reportModeration.hidden, true)));
  return rows.map((r) => r.caseId);
}

/** The moderation rows of the given reports, by case id. */
export async function moderationOf(db: DbOrTx, caseIds: string[]): Promise<Map<string, TModRow>> {
  if (!caseIds.length) return new Map();
  const rows = await db.select().from(reportModeration).where(inArray(reportModeration.caseId, caseIds));
  return new Map(rows.map((r) => [r.caseId, r]));
}

/** The reports a moderator has reviewed. */
export async function reviewedReportIds(db: DbOrTx, tenantId: string): Promise<string[]> {
  const rows = await db
    .select({ caseId: reportModeration.caseId })
    .from(reportModeration)
    .where(and(eq(reportModeration.tenantId, tenantId), eq(reportModeration.reviewed, true)));
  return rows.map((r) => r.caseId);
}

/** The case types that are street-problem categories (active or not). */
export async function reportTypeIds(db: DbOrTx, tenantId: string): Promise<string[]> {
  const rows = await db.select({ id: reportCategories.caseTypeId }).from(reportCategories).where(eq(reportCategories.tenantId, tenantId));
  return rows.map((r) => r.id);
}
