import booleanPointInPolygon from '@turf/boolean-point-in-polygon';
import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import { audit } from '../../platform/audit/audit.js';
import type { Db, DbOrTx } from '../../platform/db/database.js';
import { AppError } from '../../platform/http/errors.js';
import type { ServiceContext } from '../../platform/service-context.js';
import { ideaCalls, ideaSupports, ideas, type TVerification } from './schema.js';
import { displayName, voterFor } from './verification.js';

export async function createIdeaCall(
  db: Db,
  ctx: ServiceContext,
  input: { title: string; description?: string; closesAt: Date; verification: TVerification; publish?: boolean },
) {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(ideaCalls)
      .values({
        tenantId: ctx.tenant.id,
        title: input.title,
        description: input.description ?? '',
        closesAt: input.closesAt,
        verification: input.verification,
        status: input.publish ? 'open' : 'draft',
      })
      .returning();
    await audit(tx, ctx, { action: 'participation.idea_call.create', entity: 'idea_call', entityId: row?.id });
    return row as typeof ideaCalls.$inferSelect;
  });
}

export async function getIdeaCall(db: DbOrTx, tenantId: string, id: string) {
  const [c] = await db
    .select()
    .from(ideaCalls)
    .where(and(eq(ideaCalls.tenantId, tenantId), eq(ideaCalls.id, id)));
  if (!c || c.status === 'draft') throw new AppError('participation.not_found', 404);
  return c;
}

/** Published calls (open and closed, not drafts), newest first. */
export async function listIdeaCalls(db: DbOrTx, tenantId: string) {
  return db
    .select({
      id: ideaCalls.id,
      title: ideaCalls.title,
      description: ideaCalls.description,
      status: ideaCalls.status,
      closesAt: ideaCalls.closesAt,
    })
    .from(ideaCalls)
    .where(and(eq(ideaCalls.tenantId, tenantId), sql`${ideaCalls.status} <> 'draft'`))
    .orderBy(desc(ideaCalls.createdAt), desc(ideaCalls.id));
}

/** A pin must fall inside the municipality's boundary (when the tenant has one). */
export async function addIdea(
  db: Db,
  ctx: ServiceContext,
  callId: string,
  input: { title: string; body: string; lat: number; lon: number },
) {
  const call = await getIdeaCall(db, ctx.tenant.id, callId);
  if (call.status !== 'open' || call.closesAt.getTime() <= Date.now()) throw new AppError('participation.closed', 409);
  const boundary = ctx.tenant.boundary;
  if (boundary && !booleanPointInPolygon([input.lon, input.lat], boundary as Parameters<typeof booleanPointInPolygon>[1])) {
    throw new AppError('validation.failed', 400, {}, [{ field: 'lat', code: 'participation.outside_boundary' }]);
  }
  const voter = await voterFor(db, ctx.tenant.id, ctx.actor, call.verification);
  const [row] = await db
    .insert(ideas)
    .values({
      tenantId: ctx.tenant.id,
      callId: call.id,
      ...input,
      authorUserId: voter.userId,
      authorDeviceId: voter.deviceId,
      voterKey: voter.key,
    })
    .returning();
  return { ...(row as typeof ideas.$inferSelect), authorName: displayName(voter.user) };
}

export async function listIdeas(db: DbOrTx, tenantId: string, callId: string) {
  await getIdeaCall(db, tenantId, callId);
  return db
    .select()
    .from(ideas)
    .where(and(eq(ideas.tenantId, tenantId), eq(ideas.callId, callId), isNull(ideas.hiddenAt)))
    .orderBy(desc(ideas.supportCount), desc(ideas.createdAt))
    .limit(2000);
}

export async function supportIdea(db: Db, ctx: ServiceContext, ideaId: string) {
  const [idea] = await db
    .select()
    .from(ideas)
    .where(and(eq(ideas.tenantId, ctx.tenant.id), eq(ideas.id, ideaId), isNull(ideas.hiddenAt)));
  if (!idea) throw new AppError('participation.not_found', 404);
  const call = await getIdeaCall(db, ctx.tenant.id, idea.callId);
  if (call.status !== 'open' || call.closesAt.getTime() <= Date.now()) throw new AppError('participation.closed', 409);
  const voter = await voterFor(db, ctx.tenant.id, ctx.actor, call.verification);
  return db.transaction(async (tx) => {
    const ins = await tx
      .insert(ideaSupports)
      .values({ ideaId: idea.id, tenantId: ctx.tenant.id, voterKey: voter.key })
      .onConflictDoNothing()
      .returning();
    if (!ins.length) throw new AppError('participation.already_voted', 409);
    const [row] = await tx
      .update(ideas)
      .set({ supportCount: sql`${ideas.supportCount} + 1` })
      .where(eq(ideas.id, idea.id))
      .returning();
    return row as typeof ideas.$inferSelect;
  });
}
