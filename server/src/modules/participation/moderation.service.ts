import { and, desc, eq, sql } from 'drizzle-orm';
import { audit } from '../../platform/audit/audit.js';
import type { Db, DbOrTx } from '../../platform/db/database.js';
import { AppError } from '../../platform/http/errors.js';
import type { ServiceContext } from '../../platform/service-context.js';
import { abuseReports, comments, evaluations, ideas, proposals, type TReportable } from './schema.js';
import { rateKey } from './verification.js';

/**
 * Reports and moderation for everything citizens write. A report is once per reporter and item;
 * at N reports (tenant setting participation.autoHideAfter, default 3) the item hides itself until
 * a moderator looks. Moderators hide or restore with a reason, audited; restoring resets the count
 * so the same reporters cannot hide it again, but new ones can.
 */

const TABLES = { comment: comments, proposal: proposals, idea: ideas, evaluation: evaluations } as const;
const TEXT = { comment: comments.body, proposal: proposals.title, idea: ideas.title, evaluation: evaluations.comment } as const;

export function autoHideAfter(settings: Record<string, unknown>) {
  const n = ((settings.participation ?? {}) as { autoHideAfter?: number }).autoHideAfter;
  return Number.isInteger(n) && (n as number) > 0 ? (n as number) : 3;
}

export async function reportItem(db: Db, ctx: ServiceContext, kind: TReportable, id: string, reason: string) {
  const t = TABLES[kind];
  const threshold = autoHideAfter(ctx.tenant.settings);
  return db.transaction(async (tx) => {
    const [item] = await tx
      .select({ id: t.id })
      .from(t)
      .where(and(eq(t.tenantId, ctx.tenant.id), eq(t.id, id)));
    if (!item) throw new AppError('participation.not_found', 404);
    const ins = await tx
      .insert(abuseReports)
      .values({
        tenantId: ctx.tenant.id,
        targetKind: kind,
        targetId: id,
        reporterKey: rateKey({ actor: ctx.actor, ip: ctx.origin.kind === 'http' ? ctx.origin.ip : '' }),
        reason,
      })
      .onConflictDoNothing()
      .returning();
    if (!ins.length) throw new AppError('participation.already_reported', 409);
    // One statement, so concurrent reports cannot both see N−1 and miss the hiding.
    const [row] = await tx
      .update(t)
      .set({
        reportCount: sql`${t.reportCount} + 1`,
        hiddenAt: sql`case when ${t.hiddenAt} is null and ${t.reportCount} + 1 >= ${threshold} then now() else ${t.hiddenAt} end`,
        hiddenReason: sql`case when ${t.hiddenAt} is null and ${t.reportCount} + 1 >= ${threshold} then ${`auto: ${threshold} reports`} else ${t.hiddenReason} end`,
      })
      .where(eq(t.id, id))
      .returning({ reportCount: t.reportCount, hiddenAt: t.hiddenAt });
    return { reportCount: row?.reportCount ?? 0, hidden: Boolean(row?.hiddenAt) };
  });
}

export async function moderate(db: Db, ctx: ServiceContext, kind: TReportable, id: string, action: 'hide' | 'restore', reason: string) {
  const t = TABLES[kind];
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(t)
      .set(action === 'hide' ? { hiddenAt: new Date(), hiddenReason: reason } : { hiddenAt: null, hiddenReason: null, reportCount: 0 })
      .where(and(eq(t.tenantId, ctx.tenant.id), eq(t.id, id)))
      .returning({ id: t.id });
    if (!row) throw new AppError('participation.not_found', 404);
    await audit(tx, ctx, { action: `participation.moderation.${action}`, entity: kind, entityId: id, data: { reason } });
    return { id, hidden: action === 'hide' };
  });
}

/** The queue: reported or hidden items, most reported first, with what they say and the latest reasons. */
export async function moderationQueue(db: DbOrTx, tenantId: string, limit: number) {
  const out: {
    kind: TReportable;
    id: string;
    text: string;
    reportCount: number;
    hidden: boolean;
    hiddenReason: string | null;
    createdAt: Date;
    reasons: string[];
  }[] = [];
  for (const kind of Object.keys(TABLES) as TReportable[]) {
    const t = TABLES[kind];
    const rows = await db
      .select({
        id: t.id,
        text: TEXT[kind],
        reportCount: t.reportCount,
        hiddenAt: t.hiddenAt,
        hiddenReason: t.hiddenReason,
        createdAt: t.createdAt,
      })
      .from(t)
      .where(and(eq(t.tenantId, tenantId), sql`(${t.reportCount} > 0 or ${t.hiddenAt} is not null)`))
      .orderBy(desc(t.reportCount), desc(t.createdAt))
      .limit(limit);
    for (const r of rows)
      out.push({
        kind,
        id: r.id,
        text: r.text ?? '',
        reportCount: r.reportCount,
        hidden: Boolean(r.hiddenAt),
        hiddenReason: r.hiddenReason,
        createdAt: r.createdAt,
        reasons: [],
      });
  }
  out.sort((a, b) => b.reportCount - a.reportCount || b.createdAt.getTime() - a.createdAt.getTime());
  const page = out.slice(0, limit);
  if (page.length) {
    const reasons = await db
      .select({ targetId: abuseReports.targetId, reason: abuseReports.reason })
      .from(abuseReports)
      .where(
        and(
          eq(abuseReports.tenantId, tenantId),
          sql`${abuseReports.targetId} in (${sql.join(
            page.map((p) => sql`${p.id}::uuid`),
            sql`, `,
          )})`,
        ),
      )
      .orderBy(desc(abuseReports.createdAt));
    for (const p of page)
      p.reasons = reasons
        .filter((r) => r.targetId === p.id && r.reason)
        .map((r) => r.reason)
        .slice(0, 5);
  }
  return page;
}
