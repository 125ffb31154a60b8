import { and, asc, desc, eq, isNull, sql } from 'drizzle-orm';
import { can } from '../../platform/access/access.js';
import { audit } from '../../platform/audit/audit.js';
import type { Db, DbOrTx } from '../../platform/db/database.js';
import { AppError, fieldError } from '../../platform/http/errors.js';
import type { ServiceContext } from '../../platform/service-context.js';
import { decodeCursor, encodeCursor } from './cursor.js';
import { importDraft } from './draft-import.js';
import { articles, comments, commentVotes, consultations, stances, type TVerification } from './schema.js';
import { displayName, voterFor } from './verification.js';

export type TConsultation = typeof consultations.$inferSelect;
export type TComment = typeof comments.$inferSelect;

/** "open" past its deadline is closed: the deadline is checked against server time on every write. */
export function phaseOf(c: TConsultation, now = new Date()): TConsultation['status'] {
  if (c.status === 'open' && c.closesAt.getTime() <= now.getTime()) return 'closed';
  return c.status;
}

export async function getConsultation(db: DbOrTx, tenantId: string, id: string, opts: { staff?: boolean } = {}) {
  const [c] = await db
    .select()
    .from(consultations)
    .where(and(eq(consultations.tenantId, tenantId), eq(consultations.id, id)));
  if (!c || (!opts.staff && c.status === 'draft')) throw new AppError('participation.not_found', 404);
  return c;
}

export async function listArticles(db: DbOrTx, consultationId: string) {
  return db.select().from(articles).where(eq(articles.consultationId, consultationId)).orderBy(asc(articles.position));
}

export type TCreateConsultation = {
  title: string;
  summary?: string;
  closesAt: Date;
  verification: TVerification;
  format: 'markdown' | 'text';
  text: string;
};

export async function createConsultation(db: Db, ctx: ServiceContext, input: TCreateConsultation) {
  const draft = importDraft(input.text, input.format);
  if (!draft.articles.length) throw new AppError('validation.failed', 400, {}, [{ field: 'text', code: 'participation.no_articles' }]);
  return db.transaction(async (tx) => {
    const [c] = await tx
      .insert(consultations)
      .values({
        tenantId: ctx.tenant.id,
        title: input.title,
        summary: input.summary ?? '',
        preamble: draft.preamble,
        closesAt: input.closesAt,
        verification: input.verification,
        createdBy: 'userId' in ctx.actor ? (ctx.actor.userId ?? null) : null,
      })
      .returning();
    if (!c) throw new Error('consultation insert');
    await tx
      .insert(articles)
      .values(draft.articles.map((a, i) => ({ tenantId: ctx.tenant.id, consultationId: c.id, position: i + 1, ...a })));
    await audit(tx, ctx, {
      action: 'participation.consultation.create',
      entity: 'consultation',
      entityId: c.id,
      data: { articles: draft.articles.length },
    });
    return c;
  });
}

/** Staff moves a consultation along: publish (draft → open), close (open → closed), or move the deadline. */
export async function updateConsultation(
  db: Db,
  ctx: ServiceContext,
  id: string,
  change: { action: 'publish' | 'close' | 'extend'; closesAt?: Date },
) {
  return db.transaction(async (tx) => {
    const c = await getConsultation(tx, ctx.tenant.id, id, { staff: true });
    const now = new Date();
    const set: Partial<TConsultation> = {};
    if (change.action === 'publish') {
      if (c.status !== 'draft') throw new AppError('participation.invalid_state', 409);
      Object.assign(set, { status: 'open', publishedAt: now });
    } else if (change.action === 'close') {
      if (c.status !== 'open') throw new AppError('participation.invalid_state', 409);
      Object.assign(set, { status: 'closed', closedAt: now, closesAt: c.closesAt < now ? c.closesAt : now });
    } else {
      if (!change.closesAt) throw fieldError('closesAt', 'validation.required');
      if (c.status === 'reported') throw new AppError('participation.invalid_state', 409);
      Object.assign(set, { closesAt: change.closesAt, status: c.status === 'closed' ? 'open' : c.status });
    }
    const [row] = await tx.update(consultations).set(set).where(eq(consultations.id, c.id)).returning();
    await audit(tx, ctx, {
      action: `participation.consultation.${change.action}`,
      entity: 'consultation',
      entityId: c.id,
      data: { closesAt: change.closesAt },
    });
    return row as TConsultation;
  });
}

function ensureOpen(c: TConsultation) {
  if (phaseOf(c) !== 'open') throw new AppError('participation.closed', 409);
}

export type TNewComment = {
  articleId?: string;
  parentId?: string;
  body: string;
  quote?: string;
  quoteStart?: number;
  quoteEnd?: number;
};

export async function addComment(db: Db, ctx: ServiceContext, consultationId: string, input: TNewComment) {
  const tenantId = ctx.tenant.id;
  const c = await getConsultation(db, tenantId, consultationId);
  ensureOpen(c);
  const voter = await voterFor(db, tenantId, ctx.actor, c.verification);
  let articleId = input.articleId ?? null;
  if (input.parentId) {
    const [parent] = await db
      .select()
      .from(comments)
      .where(
        and(eq(comments.tenantId, tenantId), eq(comments.consultationId, c.id), eq(comments.id, input.parentId), isNull(comments.hiddenAt)),
      );
    if (!parent) throw fieldError('parentId', 'validation.invalid');
    articleId = parent.articleId;
  }
  let quote: { quote: string; quoteStart: number; quoteEnd: number } | null = null;
  if (input.quote !== undefined || input.quoteStart !== undefined || input.quoteEnd !== undefined) {
    if (!input.articleId || input.parentId) throw fieldError('articleId', 'participation.quote_needs_article');
    quote = { quote: input.quote ?? '', quoteStart: input.quoteStart ?? -1, quoteEnd: input.quoteEnd ?? -1 };
  }
  if (articleId) {
    const [a] = await db
      .select()
      .from(articles)
      .where(and(eq(articles.consultationId, c.id), eq(articles.id, articleId)));
    if (!a) throw fieldError('articleId', 'validation.invalid');
    // The passage must be exactly the article's text between the offsets, so the report can show it in place.
    if (
      quote &&
      (quote.quoteStart < 0 || quote.quoteEnd <= quote.quoteStart || a.body.slice(quote.quoteStart, quote.quoteEnd) !== quote.quote)
    ) {
      throw fieldError('quote', 'participation.quote_mismatch');
    }
  }
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(comments)
      .values({
        tenantId,
        consultationId: c.id,
        articleId,
        parentId: input.parentId ?? null,
        authorUserId: voter.userId,
        authorDeviceId: voter.deviceId,
        voterKey: voter.key,
        authorName: displayName(voter.user),
        body: input.body,
        ...(quote ?? {}),
      })
      .returning();
    await tx
      .update(consultations)
      .set({ commentCount: sql`${consultations.commentCount} + 1` })
      .where(eq(consultations.id, c.id));
    if (articleId)
      await tx
        .update(articles)
        .set({ commentCount: sql`${articles.commentCount} + 1` })
        .where(eq(articles.id, articleId));
    if (input.parentId)
      await tx
        .update(comments)
        .set({ replyCount: sql`${comments.replyCount} + 1` })
        .where(eq(comments.id, input.parentId));
    return row as TComment;
  });
}

export type TCommentSort = 'newest' | 'oldest' | 'supported';
export type TCommentQuery = { articleId?: string; parentId?: string; sort: TCommentSort; cursor?: string; limit: number };

/**
 * One page of comments by keyset: top-level comments (of the consultation or one article), or the
 * replies to one comment. Each page is one index range scan, so page 250 costs what page 1 does.
 */
export async function listComments(db: DbOrTx, tenantId: string, consultationId: string, q: TCommentQuery) {
  const rows = await commentPageQuery(db, tenantId, consultationId, q);
  const page = rows.slice(0, q.limit);
  const last = page[page.length - 1];
  const nextCursor =
    rows.length > q.limit && last
      ? encodeCursor({ t: last.ts, id: last.c.id, ...(q.sort === 'supported' ? { s: last.c.score } : {}) })
      : null;
  return { items: page.map((r) => r.c), nextCursor };
}

/** The page query itself (one row more than the page, to know whether another follows); the benchmark EXPLAINs it. */
export function commentPageQuery(db: DbOrTx, tenantId: string, consultationId: string, q: TCommentQuery) {
  const cur = decodeCursor(q.cursor);
  const t = comments;
  const where = [eq(t.tenantId, tenantId), eq(t.consultationId, consultationId), isNull(t.hiddenAt)];
  where.push(q.parentId ? eq(t.parentId, q.parentId) : isNull(t.parentId));
  if (q.articleId && !q.parentId) where.push(eq(t.articleId, q.articleId));
  let order: ReturnType<typeof asc>[];
  if (q.sort === 'oldest') {
    if (cur) where.push(sql`(${t.createdAt}, ${t.id}) > (${cur.t}::timestamptz, ${cur.id}::uuid)`);
    order = [asc(t.createdAt), asc(t.id)];
  } else if (q.sort === 'newest') {
    if (cur) where.push(sql`(${t.createdAt}, ${t.id}) < (${cur.t}::timestamptz, ${cur.id}::uuid)`);
    order = [desc(t.createdAt), desc(t.id)];
  } else {
    if (cur) where.push(sql`(${t.score}, ${t.createdAt}, ${t.id}) < (${cur.s ?? 0}::int, ${cur.t}::timestamptz, ${cur.id}::uuid)`);
    order = [desc(t.score), desc(t.createdAt), desc(t.id)];
  }
  return db
    .select({ c: t, ts: sql<string>`${t.createdAt}::text` })
    .from(t)
    .where(and(...where))
    .orderBy(...order)
    .limit(q.limit + 1);
}

/** Up (+1), down (−1) or withdraw (0); one row per person and comment, changing it moves the counts. */
export async function voteComment(db: Db, ctx: ServiceContext, commentId: string, value: -1 | 0 | 1) {
  const tenantId = ctx.tenant.id;
  const [cm] = await db
    .select()
    .from(comments)
    .where(and(eq(comments.tenantId, tenantId), eq(comments.id, commentId), isNull(comments.hiddenAt)));
  if (!cm) throw new AppError('participation.not_found', 404);
  const c = await getConsultation(db, tenantId, cm.consultationId);
  ensureOpen(c);
  const voter = await voterFor(db, tenantId, ctx.actor, c.verification);
  return db.transaction(async (tx) => {
    const [old] = await tx
      .delete(commentVotes)
      .where(and(eq(commentVotes.commentId, cm.id), eq(commentVotes.voterKey, voter.key)))
      .returning({ value: commentVotes.value });
    if (value !== 0) {
      const inserted = await tx
        .insert(commentVotes)
        .values({ commentId: cm.id, tenantId, voterKey: voter.key, value })
        .onConflictDoNothing()
        .returning({ value: commentVotes.value });
      if (!inserted.length) throw new AppError('participation.already_voted', 409);
    }
    const up = (value === 1 ? 1 : 0) - (old?.value === 1 ? 1 : 0);
    const down = (value === -1 ? 1 : 0) - (old?.value === -1 ? 1 : 0);
    const [row] = await tx
      .update(comments)
      .set({
        upCount: sql`${comments.upCount} + ${up}`,
        downCount: sql`${comments.downCount} + ${down}`,
        score: sql`${comments.score} + ${up - down}`,
      })
      .where(eq(comments.id, cm.id))
      .returning();
    return row as TComment;
  });
}

/** A consultation-level stance, once per person: a second attempt is refused, not silently changed. */
export async function takeStance(db: Db, ctx: ServiceContext, consultationId: string, stance: 'support' | 'oppose') {
  const tenantId = ctx.tenant.id;
  const c = await getConsultation(db, tenantId, consultationId);
  ensureOpen(c);
  const voter = await voterFor(db, tenantId, ctx.actor, c.verification);
  return db.transaction(async (tx) => {
    const inserted = await tx
      .insert(stances)
      .values({ consultationId: c.id, tenantId, voterKey: voter.key, stance })
      .onConflictDoNothing()
      .returning();
    if (!inserted.length) throw new AppError('participation.already_voted', 409);
    const col = stance === 'support' ? consultations.supportCount : consultations.opposeCount;
    const [row] = await tx
      .update(consultations)
      .set(stance === 'support' ? { supportCount: sql`${col} + 1` } : { opposeCount: sql`${col} + 1` })
      .where(eq(consultations.id, c.id))
      .returning();
    return row as TConsultation;
  });
}

/** Staff answer a comment once the consultation is closed: accepted, partly or rejected, with the reason. */
export async function answerComment(
  db: Db,
  ctx: ServiceContext,
  commentId: string,
  answer: { status: 'accepted' | 'partly' | 'rejected'; text: string },
) {
  return db.transaction(async (tx) => {
    const [cm] = await tx
      .select()
      .from(comments)
      .where(and(eq(comments.tenantId, ctx.tenant.id), eq(comments.id, commentId)));
    if (!cm) throw new AppError('participation.not_found', 404);
    const c = await getConsultation(tx, ctx.tenant.id, cm.consultationId, { staff: true });
    const phase = phaseOf(c);
    if (phase !== 'closed') throw new AppError(phase === 'reported' ? 'participation.invalid_state' : 'participation.not_closed', 409);
    const [row] = await tx
      .update(comments)
      .set({
        answerStatus: answer.status,
        answerText: answer.text,
        answeredAt: new Date(),
        answeredBy: 'userId' in ctx.actor ? (ctx.actor.userId ?? null) : null,
      })
      .where(eq(comments.id, cm.id))
      .returning();
    await audit(tx, ctx, { action: 'participation.comment.answer', entity: 'comment', entityId: cm.id, data: { status: answer.status } });
    return row as TComment;
  });
}

/** Publishes the report: only when every visible comment has its answer. */
export async function publishReport(db: Db, ctx: ServiceContext, consultationId: string, summary: string) {
  return db.transaction(async (tx) => {
    const c = await getConsultation(tx, ctx.tenant.id, consultationId, { staff: true });
    if (phaseOf(c) !== 'closed')
      throw new AppError(c.status === 'reported' ? 'participation.invalid_state' : 'participation.not_closed', 409);
    const [missing] = await tx
      .select({ n: sql<number>`count(*)::int` })
      .from(comments)
      .where(and(eq(comments.consultationId, c.id), isNull(comments.hiddenAt), isNull(comments.answerStatus)));
    if ((missing?.n ?? 0) > 0) throw new AppError('participation.report_incomplete', 409, { count: missing?.n });
    const now = new Date();
    const [row] = await tx
      .update(consultations)
      .set({ status: 'reported', reportSummary: summary, reportPublishedAt: now, closedAt: c.closedAt ?? now })
      .where(eq(consultations.id, c.id))
      .returning();
    await audit(tx, ctx, { action: 'participation.report.publish', entity: 'consultation', entityId: c.id });
    return row as TConsultation;
  });
}

/** Everything a report shows: articles, then every comment (hidden ones flagged, their text withheld) with its answer. */
export async function reportData(db: DbOrTx, ctx: ServiceContext, consultationId: string) {
  const staff = can(ctx.actor, 'participation.manage');
  const c = await getConsultation(db, ctx.tenant.id, consultationId, { staff });
  if (c.status !== 'reported' && !staff) throw new AppError('participation.report_not_published', 404);
  const arts = await listArticles(db, c.id);
  const all = await db.select().from(comments).where(eq(comments.consultationId, c.id)).orderBy(asc(comments.createdAt), asc(comments.id));
  return { consultation: c, articles: arts, comments: all };
}
