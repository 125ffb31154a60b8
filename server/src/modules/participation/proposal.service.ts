import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import { audit } from '../../platform/audit/audit.js';
import type { Platform } from '../../platform/context.js';
import type { Db, DbOrTx } from '../../platform/db/database.js';
import { AppError } from '../../platform/http/errors.js';
import type { ServiceContext } from '../../platform/service-context.js';
import { decodeCursor, encodeCursor } from './cursor.js';
import { proposalSupports, proposals, type TVerification } from './schema.js';
import { displayName, voterFor } from './verification.js';

export type TProposal = typeof proposals.$inferSelect;

/** Tenant defaults for proposals citizens file; staff may change them per proposal. */
export function proposalDefaults(settings: Record<string, unknown>) {
  const p = (settings.participation ?? {}) as { proposalThreshold?: number; proposalVerification?: TVerification };
  return { threshold: p.proposalThreshold ?? 100, verification: p.proposalVerification ?? ('phone' as TVerification) };
}

export async function createProposal(db: Db, ctx: ServiceContext, input: { title: string; body: string }) {
  const d = proposalDefaults(ctx.tenant.settings);
  const voter = await voterFor(db, ctx.tenant.id, ctx.actor, d.verification === 'none' ? 'phone' : d.verification);
  const [row] = await db
    .insert(proposals)
    .values({
      tenantId: ctx.tenant.id,
      title: input.title,
      body: input.body,
      authorUserId: voter.userId,
      authorDeviceId: voter.deviceId,
      voterKey: voter.key,
      threshold: d.threshold,
      verification: d.verification,
    })
    .returning();
  return { ...(row as TProposal), authorName: displayName(voter.user) };
}

export async function getProposal(db: DbOrTx, tenantId: string, id: string) {
  const [p] = await db
    .select()
    .from(proposals)
    .where(and(eq(proposals.tenantId, tenantId), eq(proposals.id, id)));
  if (!p) throw new AppError('participation.not_found', 404);
  return p;
}

export async function listProposals(db: Db, tenantId: string, q: { cursor?: string; limit: number }) {
  const cur = decodeCursor(q.cursor);
  const where = [eq(proposals.tenantId, tenantId), isNull(proposals.hiddenAt)];
  if (cur) where.push(sql`(${proposals.createdAt}, ${proposals.id}) < (${cur.t}::timestamptz, ${cur.id}::uuid)`);
  const rows = await db
    .select({ p: proposals, ts: sql<string>`${proposals.createdAt}::text` })
    .from(proposals)
    .where(and(...where))
    .orderBy(desc(proposals.createdAt), desc(proposals.id))
    .limit(q.limit + 1);
  const page = rows.slice(0, q.limit);
  const last = page[page.length - 1];
  return { items: page.map((r) => r.p), nextCursor: rows.length > q.limit && last ? encodeCursor({ t: last.ts, id: last.p.id }) : null };
}

/** One support per person; crossing the threshold moves the proposal to "threshold reached" and tells the municipality. */
export async function supportProposal(platform: Platform, ctx: ServiceContext, id: string) {
  const { db } = platform;
  const p = await getProposal(db, ctx.tenant.id, id);
  if (p.hiddenAt || p.status === 'answered') throw new AppError('participation.closed', 409);
  const voter = await voterFor(db, ctx.tenant.id, ctx.actor, p.verification);
  return db.transaction(async (tx) => {
    const ins = await tx
      .insert(proposalSupports)
      .values({ proposalId: p.id, tenantId: ctx.tenant.id, voterKey: voter.key })
      .onConflictDoNothing()
      .returning();
    if (!ins.length) throw new AppError('participation.already_voted', 409);
    const [row] = await tx
      .update(proposals)
      .set({
        supportCount: sql`${proposals.supportCount} + 1`,
        status: sql`case when ${proposals.status} = 'open' and ${proposals.supportCount} + 1 >= ${proposals.threshold} then 'threshold_reached' else ${proposals.status} end`,
        thresholdReachedAt: sql`case when ${proposals.status} = 'open' and ${proposals.supportCount} + 1 >= ${proposals.threshold} then now() else ${proposals.thresholdReachedAt} end`,
      })
      .where(eq(proposals.id, p.id))
      .returning();
    if (row && row.status === 'threshold_reached' && p.status === 'open') {
      await platform.jobs.emit(tx, ctx.tenant.id, 'participation.proposal.threshold_reached', { proposalId: p.id, title: p.title });
    }
    return row as TProposal;
  });
}

export async function updateProposal(
  db: Db,
  ctx: ServiceContext,
  id: string,
  change: { threshold?: number; verification?: TVerification; answer?: string },
) {
  return db.transaction(async (tx) => {
    const p = await getProposal(tx, ctx.tenant.id, id);
    const set: Partial<TProposal> = {};
    if (change.threshold !== undefined) set.threshold = change.threshold;
    if (change.verification) set.verification = change.verification;
    if (change.answer !== undefined) Object.assign(set, { answer: change.answer, answeredAt: new Date(), status: 'answered' });
    else if (change.threshold !== undefined && p.status !== 'answered')
      set.status = p.supportCount >= change.threshold ? 'threshold_reached' : 'open';
    const [row] = await tx.update(proposals).set(set).where(eq(proposals.id, p.id)).returning();
    await audit(tx, ctx, {
      action: change.answer !== undefined ? 'participation.proposal.answer' : 'participation.proposal.update',
      entity: 'proposal',
      entityId: p.id,
      data: { threshold: change.threshold, verification: change.verification },
    });
    return row as TProposal;
  });
}
