import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { audit } from '../../platform/audit/audit.js';
import type { DbOrTx } from '../../platform/db/database.js';
import { AppError } from '../../platform/http/errors.js';
import type { ServiceContext } from '../../platform/service-context.js';
import { appRow } from './applications.service.js';
import { callRow, stateError } from './calls.service.js';
import { moveCase } from './case-type.js';
import { checkAnswers, scoreAnswers } from './criteria.js';
import { STATUS_NAMES } from './messages.js';
import { nurseryApplications } from './schema.js';
import { authorOf, invalid } from './shared.js';

export const ZVerifyBody = z.object({ answers: z.record(z.string(), z.unknown()), note: z.string().trim().min(1).max(2000) }).strict();

/** Staff correct the family's answers after checking the documents; points recomputed, audited, noted on the case. */
export async function verifyApplication(db: DbOrTx, ctx: ServiceContext, id: string, body: z.infer<typeof ZVerifyBody>) {
  const tenantId = ctx.tenant.id;
  return db.transaction(async (tx) => {
    const a0 = await appRow(tx, tenantId, id);
    const call = await callRow(tx, tenantId, a0.callId, { lock: true });
    if (call.status !== 'open' && call.status !== 'closed') throw stateError(call);
    const a = await appRow(tx, tenantId, id, { lock: true });
    if (a.status !== 'submitted') throw new AppError('nursery.application_state', 409, { status: STATUS_NAMES[a.status]?.el });
    const checked = checkAnswers(call.criteria, body.answers, ctx.lang, true);
    if (checked.errors.length) throw invalid(checked.errors);
    const verified = { ...(a.verifiedAnswers ?? {}), ...checked.value };
    const before = a.points;
    const points = scoreAnswers(call.criteria, { ...a.answers, ...verified }).total;
    const now = new Date();
    await tx
      .update(nurseryApplications)
      .set({ verifiedAnswers: verified, points, verifiedAt: now, verifiedBy: authorOf(ctx).authorUserId, updatedAt: now })
      .where(and(eq(nurseryApplications.tenantId, tenantId), eq(nurseryApplications.id, id)));
    await moveCase(
      tx,
      ctx,
      a.caseId,
      'submitted',
      {
        el: `Τα κριτήρια ελέγχθηκαν από την υπηρεσία: ${points} μόρια (ήταν ${before}). ${body.note}`,
        en: `The criteria were checked by the department: ${points} points (were ${before}). ${body.note}`,
      },
      authorOf(ctx),
    );
    await audit(tx, ctx, {
      action: 'nursery.criteria_verified',
      entity: 'nursery_application',
      entityId: id,
      data: { changes: checked.value, pointsBefore: before, pointsAfter: points, note: body.note },
    });
    return { id, points, pointsBefore: before };
  });
}
