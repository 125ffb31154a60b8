import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { audit } from '../../platform/audit/audit.js';
import type { Platform } from '../../platform/context.js';
import type { DbOrTx } from '../../platform/db/database.js';
import { AppError } from '../../platform/http/errors.js';
import type { ServiceContext } from '../../platform/service-context.js';
import { actorAuthor, addEvent, CLOSED_CATEGORIES, loadCase, type TCaseRow } from './case.service.js';
import { caseRatings, cases, workflows } from './schema.js';
import { initialState } from './workflow.service.js';

/**
 * What a citizen does with their own case once it is done: say "not fixed" (the case reopens) and
 * rate the service (1–5 and a comment, once per case). The caller has already proved the case is
 * theirs (their device or account, or the protocol number with the tracking code).
 */

export const ZCitizenReopenBody = z.object({ comment: z.string().trim().min(1).max(5000) });
export const ZRatingBody = z.object({ stars: z.number().int().min(1).max(5), comment: z.string().trim().max(2000).optional() });

const isDone = (c: TCaseRow) => (CLOSED_CATEGORIES as readonly string[]).includes(c.stateCategory) && !c.mergedIntoId;

/** "Not fixed": a resolved or closed case goes back to work, with the citizen's words on the timeline. */
export async function citizenReopen(platform: Platform, ctx: ServiceContext, caseId: string, body: z.infer<typeof ZCitizenReopenBody>) {
  return platform.db.transaction(async (tx) => {
    const c = await loadCase(tx, ctx.tenant.id, caseId, { lock: true });
    // a rejected case is not "not fixed": it was refused, and the answer says why
    if (!isDone(c) || c.stateCategory === 'rejected') throw new AppError('case.not_reopenable', 409);
    const [w] = await tx.select({ d: workflows.definition }).from(workflows).where(eq(workflows.id, c.workflowId));
    if (!w) throw new Error('workflow missing');
    const def = w.d;
    const to = def.states.find((s) => s.category === 'in_progress') ?? def.states.find((s) => s.category === 'open') ?? initialState(def);
    const [row] = await tx
      .update(cases)
      .set({
        state: to.key,
        stateCategory: to.category,
        resolvedAt: null,
        resumeState: null,
        overdueNotifiedAt: null,
        updatedAt: new Date(),
      })
      .where(eq(cases.id, c.id))
      .returning();
    if (!row) throw new AppError('case.not_found', 404);
    await addEvent(tx, row, {
      kind: 'reopened',
      public: true,
      body: body.comment,
      data: { from: c.state, to: to.key, byCitizen: true },
      ...actorAuthor(ctx.actor),
    });
    await audit(tx, ctx, { action: 'case.citizen_reopen', entity: 'case', entityId: c.id, data: { from: c.state, to: to.key } });
    await platform.jobs.emit(tx, ctx.tenant.id, 'case.transitioned', {
      caseId: c.id,
      from: c.state,
      to: to.key,
      category: to.category,
      reopened: true,
      byCitizen: true,
      // the citizen did this: the staff handling it hear of it, the citizen gets no message about their own act
      citizenVisible: false,
      comment: body.comment,
      unitId: c.unitId,
      assigneeId: c.assigneeId,
      citizenUserId: c.citizenUserId,
      deviceId: c.deviceId,
      protocolNumber: c.protocolNumber,
    });
    return row;
  });
}

/** Rates a finished case, once. */
export async function rateCase(platform: Platform, ctx: ServiceContext, caseId: string, body: z.infer<typeof ZRatingBody>) {
  return platform.db.transaction(async (tx) => {
    const c = await loadCase(tx, ctx.tenant.id, caseId, { lock: true });
    if (!isDone(c)) throw new AppError('case.not_done', 409);
    const actor = ctx.actor;
    const [rating] = await tx
      .insert(caseRatings)
      .values({
        tenantId: ctx.tenant.id,
        caseId: c.id,
        stars: body.stars,
        comment: body.comment || null,
        userId: 'userId' in actor && actor.kind !== 'staff' ? (actor.userId ?? null) : null,
        deviceId: 'deviceId' in actor ? (actor.deviceId ?? null) : null,
      })
      .onConflictDoNothing()
      .returning({ id: caseRatings.id });
    if (!rating) throw new AppError('case.already_rated', 409);
    await addEvent(tx, c, {
      kind: 'rated',
      public: false,
      body: body.comment || null,
      data: { stars: body.stars },
      ...actorAuthor(actor),
    });
    await audit(tx, ctx, { action: 'case.rate', entity: 'case', entityId: c.id, data: { stars: body.stars } });
    return c;
  });
}

export async function ratingOf(db: DbOrTx, c: TCaseRow) {
  const [r] = await db
    .select({ stars: caseRatings.stars, comment: caseRatings.comment, createdAt: caseRatings.createdAt })
    .from(caseRatings)
    .where(and(eq(caseRatings.tenantId, c.tenantId), eq(caseRatings.caseId, c.id)));
  return r ?? null;
}
