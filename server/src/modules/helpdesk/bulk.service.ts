import type { FastifyRequest } from 'fastify';
import { audit } from '../../platform/audit/audit.js';
import type { Platform } from '../../platform/context.js';
import { AppError } from '../../platform/http/errors.js';
import { t } from '../../platform/i18n/i18n.js';
import { assignCase, caseForStaff, transitionCase, updateCaseMeta } from '../cases/index.js';

/**
 * One action over many cases. Each case goes through the case engine's own verb (its own
 * transaction, timeline event, audit record and outbox event), so one failure leaves the others
 * done; the answer says, per case, whether it worked and why not.
 */
export type TBulkAction =
  | { kind: 'assign'; unitId?: string | null; assigneeId?: string | null }
  | { kind: 'transition'; transition: string; comment?: string }
  | { kind: 'tag'; add: string[]; remove: string[] };

export type TBulkResult = { caseId: string; ok: boolean; code?: string; message?: string };

export async function runBulk(platform: Platform, req: FastifyRequest, caseIds: string[], action: TBulkAction) {
  const ctx = { platform, req };
  const results: TBulkResult[] = [];
  for (const id of caseIds) {
    try {
      if (action.kind === 'assign') {
        await assignCase(ctx, id, { unitId: action.unitId, assigneeId: action.assigneeId });
      } else if (action.kind === 'transition') {
        await transitionCase(ctx, id, { transition: action.transition, comment: action.comment });
      } else {
        const { c } = await caseForStaff(platform.db, req, id, 'cases.handle');
        const tags = [...new Set([...c.tags.filter((x) => !action.remove.includes(x)), ...action.add])];
        await updateCaseMeta(ctx, id, { tags });
      }
      results.push({ caseId: id, ok: true });
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      const field = err.fields?.[0];
      results.push({
        caseId: id,
        ok: false,
        code: field?.code ?? err.code,
        message: t(req.lang, field?.code ?? err.code, err.params ?? {}),
      });
    }
  }
  const done = results.filter((r) => r.ok).length;
  await platform.db.transaction((tx) =>
    audit(tx, req, {
      action: 'helpdesk.bulk',
      entity: 'case',
      data: { kind: action.kind, requested: caseIds.length, done, failed: results.filter((r) => !r.ok).map((r) => r.caseId) },
    }),
  );
  return { done, failed: caseIds.length - done, results };
}
