import { and, eq, isNull, lt, notInArray } from 'drizzle-orm';
import type { Platform } from '../../platform/context.js';
import { addEvent, CLOSED_CATEGORIES, todayAthens } from './case.service.js';
import { headsOf } from './handle.service.js';
import { cases } from './schema.js';
import { loadUnitTree } from './units.js';

export const OVERDUE_QUEUE = 'cases.overdue-scan';

/**
 * Finds open cases past their due date that nobody was told about yet, marks them, writes
 * `case.overdue` and escalates to the head of the owning unit (`case.escalated` with their user ids).
 * Runs across tenants; each case in its own short transaction, so one bad row stops nothing.
 */
export async function scanOverdue(platform: Platform, opts: { today?: string; limit?: number } = {}) {
  const today = opts.today ?? todayAthens();
  const { db } = platform;
  const due = await db
    .select({ id: cases.id, tenantId: cases.tenantId })
    .from(cases)
    .where(
      and(
        lt(cases.dueDate, today),
        isNull(cases.overdueNotifiedAt),
        isNull(cases.mergedIntoId),
        notInArray(cases.stateCategory, [...CLOSED_CATEGORIES]),
      ),
    )
    .limit(opts.limit ?? 1000);
  const trees = new Map<string, Awaited<ReturnType<typeof loadUnitTree>>>();
  let escalated = 0;
  for (const { id, tenantId } of due) {
    let tree = trees.get(tenantId);
    if (!tree) {
      tree = await loadUnitTree(db, tenantId);
      trees.set(tenantId, tree);
    }
    const t = tree;
    await db.transaction(async (tx) => {
      const [c] = await tx
        .update(cases)
        .set({ overdueNotifiedAt: new Date() })
        .where(and(eq(cases.id, id), isNull(cases.overdueNotifiedAt)))
        .returning();
      if (!c) return;
      const heads = await headsOf(tx, tenantId, c.unitId, t);
      await addEvent(tx, c, { kind: 'overdue', public: false, data: { dueDate: c.dueDate, escalatedTo: heads }, authorKind: 'system' });
      await platform.jobs.emit(tx, tenantId, 'case.overdue', {
        caseId: c.id,
        dueDate: c.dueDate,
        unitId: c.unitId,
        assigneeId: c.assigneeId,
      });
      if (heads.length) {
        await platform.jobs.emit(tx, tenantId, 'case.escalated', {
          caseId: c.id,
          unitId: c.unitId,
          headUserIds: heads,
          protocolNumber: c.protocolNumber,
          dueDate: c.dueDate,
        });
        escalated++;
      }
    });
  }
  return { overdue: due.length, escalated };
}
