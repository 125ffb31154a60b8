import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import type { FastifyRequest } from 'fastify';
import { audit } from '../../platform/audit/audit.js';
import type { Platform } from '../../platform/context.js';
import type { DbOrTx } from '../../platform/db/database.js';
import { AppError } from '../../platform/http/errors.js';
import { registerMessages } from '../../platform/i18n/i18n.js';
import { actorAuthor, addEvent, isOverdue, loadCase, loadContexts, type TCaseRow, toSummary } from './case.service.js';
import { cases, caseTypes, workflows } from './schema.js';

/**
 * For modules that file cases on behalf of their own users (the schools module for principals) and
 * have already checked that the caller may act on the case: confirming that a resolved case was
 * really done, and reading the facts of a set of cases for their own lists and figures.
 */

/**
 * "Yes, it was done": a resolved case moves on to the closed state its workflow leads to (when a
 * transition from its state goes to a `closed` state), with the requester's words on the timeline.
 */
export async function requesterConfirm(platform: Platform, req: FastifyRequest, caseId: string, body: { comment?: string }) {
  return platform.db.transaction(async (tx) => {
    const c = await loadCase(tx, req.tenant.id, caseId, { lock: true });
    if (c.stateCategory !== 'resolved' || c.mergedIntoId) throw new AppError('case.not_resolved', 409);
    const [w] = await tx.select({ d: workflows.definition }).from(workflows).where(eq(workflows.id, c.workflowId));
    if (!w) throw new Error('workflow missing');
    const closedStates = new Set(w.d.states.filter((s) => s.category === 'closed').map((s) => s.key));
    const t = w.d.transitions.find((x) => x.from === c.state && closedStates.has(x.to));
    let row: TCaseRow = c;
    if (t) {
      const [moved] = await tx
        .update(cases)
        .set({ state: t.to, stateCategory: 'closed', resolvedAt: c.resolvedAt ?? new Date(), resumeState: null, updatedAt: new Date() })
        .where(eq(cases.id, c.id))
        .returning();
      if (!moved) throw new AppError('case.not_found', 404);
      row = moved;
    }
    const comment = body.comment?.trim() || null;
    await addEvent(tx, row, {
      kind: 'requester_confirmed',
      public: true,
      body: comment,
      data: { from: c.state, to: row.state },
      ...actorAuthor(req.actor),
    });
    await audit(tx, req, { action: 'case.requester_confirm', entity: 'case', entityId: c.id, data: { from: c.state, to: row.state } });
    if (t) {
      await platform.jobs.emit(tx, req.tenant.id, 'case.transitioned', {
        caseId: c.id,
        from: c.state,
        to: t.to,
        category: 'closed',
        confirmedByRequester: true,
        // the requester did this: they get no message about their own act
        citizenVisible: false,
        comment,
        unitId: c.unitId,
        assigneeId: c.assigneeId,
        citizenUserId: c.citizenUserId,
        deviceId: c.deviceId,
        protocolNumber: c.protocolNumber,
      });
    }
    return row;
  });
}

export type TCaseFact = {
  id: string;
  caseTypeId: string;
  caseTypeKey: string;
  unitId: string | null;
  state: string;
  stateCategory: TCaseRow['stateCategory'];
  priority: TCaseRow['priority'];
  protocolNumber: string | null;
  title: string;
  submittedAt: Date;
  resolvedAt: Date | null;
  dueDate: string | null;
  overdue: boolean;
  mergedIntoId: string | null;
};

/** The plain facts of the given cases (for another module's figures), in one query; unknown ids are skipped. */
export async function caseFacts(db: DbOrTx, tenantId: string, ids: string[]): Promise<TCaseFact[]> {
  if (!ids.length) return [];
  const rows = await db
    .select({ c: cases, key: caseTypes.key })
    .from(cases)
    .innerJoin(caseTypes, eq(caseTypes.id, cases.caseTypeId))
    .where(and(eq(cases.tenantId, tenantId), sql`${cases.id} = any(${sql.param(ids)}::uuid[])`));
  return rows.map(({ c, key }) => ({
    id: c.id,
    caseTypeId: c.caseTypeId,
    caseTypeKey: key,
    unitId: c.unitId,
    state: c.state,
    stateCategory: c.stateCategory,
    priority: c.priority,
    protocolNumber: c.protocolNumber,
    title: c.title,
    submittedAt: c.submittedAt,
    resolvedAt: c.resolvedAt,
    dueDate: c.dueDate,
    overdue: isOverdue(c),
    mergedIntoId: c.mergedIntoId,
  }));
}

/** The given cases as the staff list shows them (state names, type names), newest first. */
export async function caseSummaries(db: DbOrTx, tenantId: string, ids: string[]) {
  if (!ids.length) return [];
  const rows = await db
    .select()
    .from(cases)
    .where(and(eq(cases.tenantId, tenantId), inArray(cases.id, ids)))
    .orderBy(desc(cases.submittedAt), desc(cases.id));
  const ctx = await loadContexts(db, rows);
  return rows.map((c) => toSummary(c, ctx(c)));
}

/** One case row for a caller that has checked access itself (404 when it is not the tenant's). */
export async function caseRow(db: DbOrTx, tenantId: string, id: string) {
  return loadCase(db, tenantId, id);
}

registerMessages({
  'case.not_resolved': {
    el: 'Μόνο αιτήματα που η υπηρεσία δήλωσε ότι ολοκληρώθηκαν επιβεβαιώνονται.',
    en: 'Only cases the municipality marked as done can be confirmed.',
  },
});
