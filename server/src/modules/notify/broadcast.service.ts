import booleanPointInPolygon from '@turf/boolean-point-in-polygon';
import { and, desc, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { audit } from '../../platform/audit/audit.js';
import type { Platform } from '../../platform/context.js';
import { rows } from '../../platform/db/database.js';
import { AppError } from '../../platform/http/errors.js';
import { cancelJob, enqueueJobs, enqueueJobsFrom } from '../../platform/jobs/jobs.js';
import type { ServiceContext } from '../../platform/service-context.js';
import { CATEGORIES, CHANNELS, notifyBroadcasts, notifyMessages } from './schema.js';
import { DELIVER_QUEUE, DELIVERY_MAX_ATTEMPTS } from './send.service.js';

/** Staff broadcasts: approval (except civil protection), scheduling, set-based fan-out, live figures. */

export const BROADCAST_QUEUE = 'notify.broadcast';

const ZPosition = z.tuple([z.number().min(-180).max(180), z.number().min(-90).max(90)]);
export const ZPolygon = z.object({
  type: z.literal('Polygon'),
  coordinates: z.array(z.array(ZPosition).min(4)).min(1),
});
export const ZAudience = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('everyone') }),
  z.object({ kind: z.literal('topic'), topic: z.string().min(1).max(100) }),
  z.object({ kind: z.literal('subscription'), subscriptionKind: z.string().min(1).max(40), refId: z.string().min(1).max(200) }),
  z.object({ kind: z.literal('area'), polygon: ZPolygon }),
]);
export type TAudience = z.infer<typeof ZAudience>;

export const ZBroadcastBody = z.object({
  category: z.enum(CATEGORIES),
  titleEl: z.string().trim().min(1).max(200),
  titleEn: z.string().trim().min(1).max(200),
  textEl: z.string().trim().min(1).max(2000),
  textEn: z.string().trim().min(1).max(2000),
  audience: ZAudience,
  channels: z.array(z.enum(CHANNELS)).min(1),
  sendAt: z.coerce.date().optional(),
});
export type TBroadcastBody = z.infer<typeof ZBroadcastBody>;

export type TBroadcastRow = typeof notifyBroadcasts.$inferSelect;

async function enqueueFanOut(tx: Parameters<Parameters<Platform['db']['transaction']>[0]>[0], b: TBroadcastRow) {
  await enqueueJobs(tx, [
    {
      queue: BROADCAST_QUEUE,
      tenantId: b.tenantId,
      payload: { broadcastId: b.id },
      runAt: b.sendAt ?? new Date(),
      dedupeKey: `notify.broadcast:${b.id}`,
      maxAttempts: 10,
    },
  ]);
}

export async function createBroadcast(platform: Platform, ctx: ServiceContext, body: TBroadcastBody) {
  const actor = ctx.actor;
  if (actor.kind !== 'staff') throw new AppError('auth.forbidden');
  if (body.audience.kind === 'area' && !polygonClosed(body.audience.polygon)) {
    throw new AppError('validation.failed', 400, {}, [{ field: 'audience.polygon', code: 'notify.polygon_invalid' }]);
  }
  const emergency = body.category === 'civil_protection';
  return platform.db.transaction(async (tx) => {
    const [b] = await tx
      .insert(notifyBroadcasts)
      .values({
        tenantId: ctx.tenant.id,
        category: body.category,
        titleEl: body.titleEl,
        titleEn: body.titleEn,
        textEl: body.textEl,
        textEn: body.textEn,
        audience: body.audience as Record<string, unknown>,
        channels: [...new Set(body.channels)],
        sendAt: body.sendAt ?? null,
        // Civil protection cannot wait for a second person; everything else does.
        status: emergency ? 'scheduled' : 'pending_approval',
        createdBy: actor.userId,
        approvedBy: emergency ? actor.userId : null,
        approvedAt: emergency ? new Date() : null,
      })
      .returning();
    if (!b) throw new Error('broadcast insert');
    if (emergency) await enqueueFanOut(tx, b);
    await audit(tx, ctx, {
      action: 'notify.broadcast.create',
      entity: 'notify_broadcast',
      entityId: b.id,
      data: { category: b.category, audience: body.audience.kind, channels: b.channels },
    });
    return b;
  });
}

/**
 * A broadcast another module has already approved by its own rules (the press office publishing
 * news, civil protection issuing an alert): goes straight to `scheduled` and fans out at `sendAt`
 * (or now) to everyone who follows the category's topic. Runs in the caller's transaction.
 */
export async function scheduleApprovedBroadcast(
  tx: Parameters<Parameters<Platform['db']['transaction']>[0]>[0],
  input: Omit<TBroadcastBody, 'audience'> & { tenantId: string; createdBy: string; audience?: TAudience },
) {
  const [b] = await tx
    .insert(notifyBroadcasts)
    .values({
      tenantId: input.tenantId,
      category: input.category,
      titleEl: input.titleEl,
      titleEn: input.titleEn,
      textEl: input.textEl,
      textEn: input.textEn,
      audience: (input.audience ?? { kind: 'everyone' }) as Record<string, unknown>,
      channels: [...new Set(input.channels)],
      sendAt: input.sendAt ?? null,
      status: 'scheduled',
      createdBy: input.createdBy,
      approvedBy: input.createdBy,
      approvedAt: new Date(),
    })
    .returning();
  if (!b) throw new Error('broadcast insert');
  await enqueueFanOut(tx, b);
  return b;
}

async function lockBroadcast(tx: Parameters<Parameters<Platform['db']['transaction']>[0]>[0], tenantId: string, id: string) {
  const [b] = await tx
    .select()
    .from(notifyBroadcasts)
    .where(and(eq(notifyBroadcasts.tenantId, tenantId), eq(notifyBroadcasts.id, id)))
    .for('update');
  if (!b) throw new AppError('notify.broadcast_not_found', 404);
  return b;
}

export async function approveBroadcast(platform: Platform, ctx: ServiceContext, id: string) {
  const actor = ctx.actor;
  if (actor.kind !== 'staff') throw new AppError('auth.forbidden');
  return platform.db.transaction(async (tx) => {
    const b = await lockBroadcast(tx, ctx.tenant.id, id);
    if (b.status !== 'pending_approval') throw new AppError('notify.broadcast_not_pending', 409);
    if (b.createdBy === actor.userId) throw new AppError('notify.broadcast_self_approval', 403);
    const [row] = await tx
      .update(notifyBroadcasts)
      .set({ status: 'scheduled', approvedBy: actor.userId, approvedAt: new Date() })
      .where(eq(notifyBroadcasts.id, id))
      .returning();
    await enqueueFanOut(tx, row as TBroadcastRow);
    await audit(tx, ctx, { action: 'notify.broadcast.approve', entity: 'notify_broadcast', entityId: id });
    return row as TBroadcastRow;
  });
}

export async function cancelBroadcast(platform: Platform, ctx: ServiceContext, id: string) {
  return platform.db.transaction(async (tx) => {
    const b = await lockBroadcast(tx, ctx.tenant.id, id);
    if (b.status !== 'pending_approval' && b.status !== 'scheduled') throw new AppError('notify.broadcast_already_sent', 409);
    const [row] = await tx
      .update(notifyBroadcasts)
      .set({ status: 'cancelled', cancelledAt: new Date() })
      .where(eq(notifyBroadcasts.id, id))
      .returning();
    await cancelJob(tx, `notify.broadcast:${id}`);
    await audit(tx, ctx, { action: 'notify.broadcast.cancel', entity: 'notify_broadcast', entityId: id });
    return row as TBroadcastRow;
  });
}

export async function listBroadcasts(platform: Platform, tenantId: string, limit: number, offset: number) {
  return platform.db
    .select()
    .from(notifyBroadcasts)
    .where(eq(notifyBroadcasts.tenantId, tenantId))
    .orderBy(desc(notifyBroadcasts.createdAt))
    .limit(limit)
    .offset(offset);
}

export async function getBroadcast(platform: Platform, tenantId: string, id: string) {
  const [b] = await platform.db
    .select()
    .from(notifyBroadcasts)
    .where(and(eq(notifyBroadcasts.tenantId, tenantId), eq(notifyBroadcasts.id, id)));
  if (!b) throw new AppError('notify.broadcast_not_found', 404);
  return b;
}

export type TFigures = Record<
  string,
  { queued: number; sending: number; sent: number; delivered: number; failed: number; cancelled: number }
>;

/** Live delivery figures per channel, counted from the deliveries themselves. */
export async function broadcastFigures(platform: Platform, b: TBroadcastRow): Promise<TFigures> {
  const figures: TFigures = {};
  for (const ch of b.channels) figures[ch] = { queued: 0, sending: 0, sent: 0, delivered: 0, failed: 0, cancelled: 0 };
  if (!b.messageId) return figures;
  const res = await platform.db.execute(
    sql`select channel, status, count(*)::int as n from notify_deliveries where message_id = ${b.messageId} group by channel, status`,
  );
  for (const r of rows<{ channel: string; status: keyof TFigures[string]; n: number }>(res)) {
    figures[r.channel] ??= { queued: 0, sending: 0, sent: 0, delivered: 0, failed: 0, cancelled: 0 };
    (figures[r.channel] as TFigures[string])[r.status] = Number(r.n);
  }
  return figures;
}

function polygonClosed(p: z.infer<typeof ZPolygon>) {
  return p.coordinates.every((ring) => {
    const a = ring[0];
    const z0 = ring[ring.length - 1];
    return !!a && !!z0 && a[0] === z0[0] && a[1] === z0[1];
  });
}

/** Recipient keys (coalesce(user_id, device_id)) whose registered location or zone subscription lies in the polygon. */
async function areaKeys(platform: Platform, tenantId: string, polygon: z.infer<typeof ZPolygon>) {
  const pts = polygon.coordinates.flat();
  const minLon = Math.min(...pts.map((p) => p[0]));
  const maxLon = Math.max(...pts.map((p) => p[0]));
  const minLat = Math.min(...pts.map((p) => p[1]));
  const maxLat = Math.max(...pts.map((p) => p[1]));
  // The bounding box narrows in SQL; the exact test runs in code with Turf.
  const res = await platform.db.execute(sql`
    select coalesce(user_id, device_id)::text as k, lat, lon from notify_preferences
      where tenant_id = ${tenantId} and lat between ${minLat} and ${maxLat} and lon between ${minLon} and ${maxLon}
    union all
    select coalesce(user_id, device_id)::text, lat, lon from notify_subscriptions
      where tenant_id = ${tenantId} and lat between ${minLat} and ${maxLat} and lon between ${minLon} and ${maxLon}`);
  const keys = new Set<string>();
  for (const r of rows<{ k: string; lat: number; lon: number }>(res)) {
    if (!keys.has(r.k) && booleanPointInPolygon([Number(r.lon), Number(r.lat)], polygon)) keys.add(r.k);
  }
  return [...keys];
}

/**
 * The fan-out, run as a job at the send time: one message, then every delivery with one
 * INSERT … SELECT per broadcast and every delivery job with another, so 100,000 recipients
 * cost a few statements, not 100,000 round trips.
 */
export async function fanOut(platform: Platform, tenantId: string, broadcastId: string) {
  const [pre] = await platform.db
    .select()
    .from(notifyBroadcasts)
    .where(and(eq(notifyBroadcasts.tenantId, tenantId), eq(notifyBroadcasts.id, broadcastId)));
  if (pre?.status !== 'scheduled') return;
  const audience = pre.audience as TAudience;
  const keys = audience.kind === 'area' ? await areaKeys(platform, tenantId, audience.polygon) : null;
  await platform.db.transaction(async (tx) => {
    const b = await lockBroadcast(tx, tenantId, broadcastId);
    if (b.status !== 'scheduled') return;
    const [msg] = await tx
      .insert(notifyMessages)
      .values({
        tenantId,
        source: 'broadcast',
        category: b.category,
        subjectEl: b.titleEl,
        subjectEn: b.titleEn,
        textEl: b.textEl,
        textEn: b.textEn,
        broadcastId: b.id,
        dedupeKey: `broadcast:${b.id}`,
      })
      .returning({ id: notifyMessages.id });
    if (!msg) throw new Error('message insert');
    const emergency = b.category === 'civil_protection';
    const topicOk = emergency ? sql`true` : sql`${b.category} = any(p.topics)`;
    let filter = sql`true`;
    if (audience.kind === 'topic') filter = sql`${audience.topic} = any(p.topics)`;
    if (audience.kind === 'subscription') {
      filter = sql`exists (select 1 from notify_subscriptions s where s.tenant_id = p.tenant_id
        and coalesce(s.user_id, s.device_id) = coalesce(p.user_id, p.device_id)
        and s.kind = ${audience.subscriptionKind} and s.ref_id = ${audience.refId})`;
    }
    if (keys)
      filter = keys.length ? sql`coalesce(p.user_id, p.device_id)::text in (select unnest(${`{${keys.join(',')}}`}::text[]))` : sql`false`;
    const want = (ch: string) => (b.channels.includes(ch) ? sql`${ch} = any(p.channels)` : sql`false`);
    await tx.execute(sql`
      with r as (
        select p.user_id, p.device_id, p.lang, p.channels from notify_preferences p
        where p.tenant_id = ${tenantId} and ${topicOk} and ${filter}
      )
      insert into notify_deliveries (tenant_id, message_id, channel, user_id, device_id, address, lang, status, ignore_quiet_hours, delivered_at)
      select ${tenantId}::uuid, ${msg.id}::uuid, 'inapp', p.user_id, p.device_id, null::text, p.lang, 'delivered', ${emergency}::boolean, now() from r p where ${want('inapp')}
      union all
      select ${tenantId}::uuid, ${msg.id}::uuid, 'email', p.user_id, null::uuid, u.email, p.lang, 'queued', ${emergency}::boolean, null::timestamptz
        from r p join users u on u.id = p.user_id and u.tenant_id = ${tenantId}
        where ${want('email')} and u.email is not null and u.email_verified_at is not null
      union all
      select ${tenantId}::uuid, ${msg.id}::uuid, 'sms', p.user_id, null::uuid,
        case when u.phone like '+%' then u.phone when u.phone like '00%' then '+' || substr(u.phone, 3) else '+30' || u.phone end,
        p.lang, 'queued', ${emergency}::boolean, null::timestamptz
        from r p join users u on u.id = p.user_id and u.tenant_id = ${tenantId}
        where ${want('sms')} and u.phone is not null and u.phone_verified_at is not null
      union all
      select ${tenantId}::uuid, ${msg.id}::uuid, 'push', p.user_id, null::uuid, ps.id::text, p.lang, 'queued', ${emergency}::boolean, null::timestamptz
        from r p join notify_push_subscriptions ps on ps.tenant_id = ${tenantId} and ps.user_id = p.user_id
        where ${want('push')}
      union all
      select ${tenantId}::uuid, ${msg.id}::uuid, 'push', null::uuid, p.device_id, ps.id::text, p.lang, 'queued', ${emergency}::boolean, null::timestamptz
        from r p join notify_push_subscriptions ps on ps.tenant_id = ${tenantId} and ps.device_id = p.device_id and ps.user_id is null
        where p.user_id is null and ${want('push')}`);
    await enqueueJobsFrom(
      tx,
      { queue: DELIVER_QUEUE, tenantId, maxAttempts: DELIVERY_MAX_ATTEMPTS },
      sql`select jsonb_build_object('deliveryId', d.id) as payload, 'notify.delivery:' || d.id as dedupe_key
        from notify_deliveries d where d.message_id = ${msg.id} and d.channel <> 'inapp'`,
    );
    const [count] = rows<{ n: number }>(
      await tx.execute(
        sql`select count(distinct coalesce(user_id, device_id))::int as n from notify_deliveries where message_id = ${msg.id}`,
      ),
    );
    await tx
      .update(notifyBroadcasts)
      .set({ status: 'sent', messageId: msg.id, recipients: Number(count?.n ?? 0) })
      .where(eq(notifyBroadcasts.id, b.id));
  });
}
