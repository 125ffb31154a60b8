import { and, desc, eq, isNotNull, isNull, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../platform/db/database.js';
import { AppError } from '../../platform/http/errors.js';
import type { ServiceContext } from '../../platform/service-context.js';
import { decodeCursor, encodeCursor } from './cursor.js';
import { evaluations, type TVerification } from './schema.js';
import { displayName, voterFor } from './verification.js';

/** Rating a service or action: once per person and target (a second rating replaces nothing; it is refused). */
export async function rate(
  db: Db,
  ctx: ServiceContext,
  input: { targetKind: string; targetRef: string; rating: number; comment?: string },
) {
  const level = ((ctx.tenant.settings.participation ?? {}) as { evaluationVerification?: TVerification }).evaluationVerification ?? 'phone';
  const voter = await voterFor(db, ctx.tenant.id, ctx.actor, level);
  const [row] = await db
    .insert(evaluations)
    .values({
      tenantId: ctx.tenant.id,
      ...input,
      comment: input.comment?.trim() || null,
      authorUserId: voter.userId,
      authorDeviceId: voter.deviceId,
      voterKey: voter.key,
    })
    .onConflictDoNothing()
    .returning();
  if (!row) throw new AppError('participation.already_voted', 409);
  return { ...row, authorName: displayName(voter.user) };
}

export async function ratingSummary(db: DbOrTx, tenantId: string, targetKind: string, targetRef: string) {
  const rows = await db
    .select({ rating: evaluations.rating, n: sql<number>`count(*)::int` })
    .from(evaluations)
    .where(
      and(
        eq(evaluations.tenantId, tenantId),
        eq(evaluations.targetKind, targetKind),
        eq(evaluations.targetRef, targetRef),
        isNull(evaluations.hiddenAt),
      ),
    )
    .groupBy(evaluations.rating);
  const count = rows.reduce((s, r) => s + r.n, 0);
  const sum = rows.reduce((s, r) => s + r.rating * r.n, 0);
  return {
    targetKind,
    targetRef,
    count,
    mean: count ? Math.round((100 * sum) / count) / 100 : null,
    histogram: [1, 2, 3, 4, 5].map((v) => ({ rating: v, count: rows.find((r) => r.rating === v)?.n ?? 0 })),
  };
}

export async function listRatingComments(
  db: DbOrTx,
  tenantId: string,
  q: { targetKind: string; targetRef: string; cursor?: string; limit: number },
) {
  const cur = decodeCursor(q.cursor);
  const where = [
    eq(evaluations.tenantId, tenantId),
    eq(evaluations.targetKind, q.targetKind),
    eq(evaluations.targetRef, q.targetRef),
    isNull(evaluations.hiddenAt),
    isNotNull(evaluations.comment),
  ];
  if (cur) where.push(sql`(${evaluations.createdAt}, ${evaluations.id}) < (${cur.t}::timestamptz, ${cur.id}::uuid)`);
  const rows = await db
    .select({ e: evaluations, ts: sql<string>`${evaluations.createdAt}::text` })
    .from(evaluations)
    .where(and(...where))
    .orderBy(desc(evaluations.createdAt), desc(evaluations.id))
    .limit(q.limit + 1);
  const page = rows.slice(0, q.limit);
  const last = page[page.length - 1];
  return { items: page.map((r) => r.e), nextCursor: rows.length > q.limit && last ? encodeCursor({ t: last.ts, id: last.e.id }) : null };
}
