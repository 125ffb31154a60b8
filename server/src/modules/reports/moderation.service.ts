import { and, desc, eq } from 'drizzle-orm';
import { audit } from '../../platform/audit/audit.js';
import type { DbOrTx } from '../../platform/db/database.js';
import { AppError } from '../../platform/http/errors.js';
import type { ServiceContext } from '../../platform/service-context.js';
import { findCase, findCases } from '../cases/index.js';
import { categoriesOf } from './categories.js';
import { forgetMap } from './map.service.js';
import { moderationOf, reportTypeIds, reviewedReportIds } from './moderation.read.js';
import { reportModeration, reportModerationLog } from './schema.js';

/**
 * Moderation of what the public sees: a queue of unreviewed reports, and actions with a reason:
 * approve (photos become public), hide / unhide, redact the text (a public title/description
 * replaces the citizen's), redact a photo. The case itself is untouched; staff still see all of it.
 */

export const MOD_ACTIONS = ['approve', 'hide', 'unhide', 'redact_text', 'redact_photo'] as const;
export type TModAction = (typeof MOD_ACTIONS)[number];

export async function moderationQueue(db: DbOrTx, tenantId: string, opts: { all: boolean; limit: number }) {
  const cats = await categoriesOf(db, tenantId);
  const byType = new Map(cats.map((c) => [c.caseTypeId, c]));
  const found = await findCases(
    db,
    tenantId,
    {
      caseTypeIds: await reportTypeIds(db, tenantId),
      notMerged: true,
      notIds: opts.all ? undefined : await reviewedReportIds(db, tenantId),
    },
    { limit: opts.limit },
  );
  const mods = await moderationOf(
    db,
    found.map((c) => c.id),
  );
  const rows = found.map((c) => ({ c, m: mods.get(c.id) ?? null }));
  return rows.map(({ c, m }) => ({
    id: c.id,
    protocolNumber: c.protocolNumber,
    title: c.title,
    description: c.description,
    publicTitle: m?.publicTitle ?? null,
    publicDescription: m?.publicDescription ?? null,
    category: byType.get(c.caseTypeId)?.key ?? '',
    categoryName: byType.get(c.caseTypeId)?.name ?? { el: '', en: '' },
    fileIds: c.fileIds,
    approvedFileIds: m?.approvedFileIds ?? [],
    redactedFileIds: m?.redactedFileIds ?? [],
    reviewed: m?.reviewed ?? false,
    hidden: m?.hidden ?? false,
    hiddenReason: m?.hiddenReason ?? null,
    submittedAt: c.submittedAt,
  }));
}

export type TModerateBody = {
  action: TModAction;
  reason: string;
  fileId?: string;
  title?: string;
  description?: string | null;
};

export async function moderate(db: DbOrTx, ctx: ServiceContext, id: string, body: TModerateBody) {
  const tenantId = ctx.tenant.id;
  const userId = 'userId' in ctx.actor ? (ctx.actor.userId ?? null) : null;
  const result = await db.transaction(async (tx) => {
    const c = await findCase(tx, tenantId, id, { lock: true });
    const cats = await categoriesOf(tx, tenantId);
    if (!c || !cats.some((k) => k.caseTypeId === c.caseTypeId)) throw new AppError('reports.not_found', 404);
    if ((body.action === 'redact_photo' || body.action === 'approve') && body.fileId && !c.fileIds.includes(body.fileId)) {
      throw new AppError('validation.failed', 400, {}, [{ field: 'fileId', code: 'reports.file_not_attached' }]);
    }
    if (body.action === 'redact_photo' && !body.fileId) {
      throw new AppError('validation.failed', 400, {}, [{ field: 'fileId', code: 'validation.required' }]);
    }
    if (body.action === 'redact_text' && body.title === undefined && body.description === undefined) {
      throw new AppError('validation.failed', 400, {}, [{ field: 'title', code: 'validation.required' }]);
    }
    const [cur] = await tx.select().from(reportModeration).where(eq(reportModeration.caseId, c.id));
    const base = cur ?? {
      caseId: c.id,
      tenantId,
      reviewed: false,
      hidden: false,
      hiddenReason: null,
      publicTitle: null,
      publicDescription: null,
      approvedFileIds: [] as string[],
      redactedFileIds: [] as string[],
    };
    const next = { ...base, reviewed: true, reviewedBy: userId, reviewedAt: new Date() };
    switch (body.action) {
      case 'approve': {
        const approve = body.fileId ? [body.fileId] : c.fileIds;
        next.approvedFileIds = [...new Set([...base.approvedFileIds, ...approve])].filter((f) => !base.redactedFileIds.includes(f));
        break;
      }
      case 'hide':
        next.hidden = true;
        next.hiddenReason = body.reason;
        break;
      case 'unhide':
        next.hidden = false;
        next.hiddenReason = null;
        break;
      case 'redact_text':
        if (body.title !== undefined) next.publicTitle = body.title;
        if (body.description !== undefined) next.publicDescription = body.description;
        break;
      case 'redact_photo':
        next.redactedFileIds = [...new Set([...base.redactedFileIds, body.fileId as string])];
        next.approvedFileIds = base.approvedFileIds.filter((f) => f !== body.fileId);
        break;
    }
    const { caseId: _c, tenantId: _t, ...set } = next;
    await tx.insert(reportModeration).values(next).onConflictDoUpdate({ target: reportModeration.caseId, set });
    await tx.insert(reportModerationLog).values({
      tenantId,
      caseId: c.id,
      action: body.action,
      reason: body.reason,
      fileId: body.fileId ?? null,
      userId,
    });
    await audit(tx, ctx, {
      action: `report.${body.action}`,
      entity: 'case',
      entityId: c.id,
      data: { reason: body.reason, fileId: body.fileId ?? null },
    });
    return next;
  });
  forgetMap(tenantId);
  return result;
}

export async function moderationLog(db: DbOrTx, tenantId: string, caseId: string) {
  return db
    .select({
      id: reportModerationLog.id,
      action: reportModerationLog.action,
      reason: reportModerationLog.reason,
      fileId: reportModerationLog.fileId,
      createdAt: reportModerationLog.createdAt,
    })
    .from(reportModerationLog)
    .where(and(eq(reportModerationLog.tenantId, tenantId), eq(reportModerationLog.caseId, caseId)))
    .orderBy(desc(reportModerationLog.createdAt));
}
