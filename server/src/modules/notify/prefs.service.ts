import { and, desc, eq, inArray, isNull, lt, or, sql } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import { z } from 'zod';
import type { Actor } from '../../platform/access/access.js';
import type { DbOrTx } from '../../platform/db/database.js';
import { AppError } from '../../platform/http/errors.js';
import { deviceIdsOf } from '../../platform/identity/people.js';
import {
  CATEGORIES,
  CHANNELS,
  notifyDeliveries,
  notifyMessages,
  notifyPreferences,
  notifyPushSubscriptions,
  notifySubscriptions,
} from './schema.js';

/** A citizen's (or device's) preferences, subscriptions, push subscriptions and in-app inbox. */

export type TMe = { userId: string | null; deviceId: string | null };

/** The recipient an actor stands for: the person when signed in, else the device. */
export function recipientOf(actor: Actor): TMe {
  const userId = 'userId' in actor ? actor.userId : null;
  const deviceId = 'deviceId' in actor ? (actor.deviceId ?? null) : null;
  if (!userId && !deviceId) throw new AppError('auth.required');
  return userId ? { userId, deviceId: null } : { userId: null, deviceId };
}

const meCond = (t: { userId: PgColumn; deviceId: PgColumn }, me: TMe) =>
  me.userId ? eq(t.userId, me.userId) : and(isNull(t.userId), eq(t.deviceId, me.deviceId as string));

const ZHhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/);
export const ZPreferences = z.object({
  channels: z.array(z.enum(CHANNELS)),
  topics: z.array(z.string().min(1).max(100)).max(200),
  quietStart: ZHhmm.nullable(),
  quietEnd: ZHhmm.nullable(),
  lang: z.enum(['el', 'en']),
  location: z.object({ lat: z.number().min(-90).max(90), lon: z.number().min(-180).max(180) }).nullable(),
  zone: z.string().max(100).nullable(),
});
export type TPreferences = z.infer<typeof ZPreferences>;
export const ZPreferencesPatch = ZPreferences.partial();

const DEFAULT_PREFS: TPreferences = {
  channels: ['push', 'inapp', 'email'],
  topics: [...CATEGORIES],
  quietStart: null,
  quietEnd: null,
  lang: 'el',
  location: null,
  zone: null,
};

function toPrefs(row: typeof notifyPreferences.$inferSelect | undefined): TPreferences {
  if (!row) return DEFAULT_PREFS;
  return {
    channels: row.channels as TPreferences['channels'],
    topics: row.topics,
    quietStart: row.quietStart,
    quietEnd: row.quietEnd,
    lang: row.lang,
    location: row.lat !== null && row.lon !== null ? { lat: row.lat, lon: row.lon } : null,
    zone: row.zone,
  };
}

export async function getPreferences(db: DbOrTx, tenantId: string, me: TMe) {
  const [row] = await db
    .select()
    .from(notifyPreferences)
    .where(and(eq(notifyPreferences.tenantId, tenantId), meCond(notifyPreferences, me)));
  return toPrefs(row);
}

/** Creates the recipient's row with defaults when missing, so broadcasts can find them. */
export async function ensurePreferences(db: DbOrTx, tenantId: string, me: TMe, lang?: 'el' | 'en') {
  await db
    .insert(notifyPreferences)
    .values({ tenantId, userId: me.userId, deviceId: me.deviceId, ...(lang ? { lang } : {}) })
    .onConflictDoNothing();
}

export async function updatePreferences(db: DbOrTx, tenantId: string, me: TMe, patch: Partial<TPreferences>) {
  // Civil-protection messages cannot be switched off: refuse, rather than silently keep it.
  if (patch.topics && !patch.topics.includes('civil_protection')) {
    throw new AppError('validation.failed', 400, {}, [{ field: 'topics', code: 'notify.civil_protection_required' }]);
  }
  if ((patch.quietStart === null) !== (patch.quietEnd === null) && patch.quietStart !== undefined && patch.quietEnd !== undefined) {
    throw new AppError('validation.failed', 400, {}, [{ field: 'quietEnd', code: 'notify.quiet_hours_pair' }]);
  }
  const cur = await getPreferences(db, tenantId, me);
  const next = { ...cur, ...patch };
  if (!!next.quietStart !== !!next.quietEnd)
    throw new AppError('validation.failed', 400, {}, [{ field: 'quietEnd', code: 'notify.quiet_hours_pair' }]);
  const values = {
    channels: [...new Set(next.channels)],
    topics: [...new Set(next.topics)],
    quietStart: next.quietStart,
    quietEnd: next.quietEnd,
    lang: next.lang,
    lat: next.location?.lat ?? null,
    lon: next.location?.lon ?? null,
    zone: next.zone,
    updatedAt: new Date(),
  };
  await ensurePreferences(db, tenantId, me);
  await db
    .update(notifyPreferences)
    .set(values)
    .where(and(eq(notifyPreferences.tenantId, tenantId), meCond(notifyPreferences, me)));
  return getPreferences(db, tenantId, me);
}

export const ZSubscriptionBody = z.object({
  kind: z.string().regex(/^[a-z_]{2,40}$/),
  refId: z.string().min(1).max(200),
  location: z.object({ lat: z.number().min(-90).max(90), lon: z.number().min(-180).max(180) }).optional(),
});

export async function subscribe(db: DbOrTx, tenantId: string, me: TMe, body: z.infer<typeof ZSubscriptionBody>) {
  await ensurePreferences(db, tenantId, me);
  await db
    .insert(notifySubscriptions)
    .values({
      tenantId,
      userId: me.userId,
      deviceId: me.deviceId,
      kind: body.kind,
      refId: body.refId,
      lat: body.location?.lat ?? null,
      lon: body.location?.lon ?? null,
    })
    .onConflictDoNothing();
  const [row] = await db
    .select()
    .from(notifySubscriptions)
    .where(
      and(
        eq(notifySubscriptions.tenantId, tenantId),
        meCond(notifySubscriptions, me),
        eq(notifySubscriptions.kind, body.kind),
        eq(notifySubscriptions.refId, body.refId),
      ),
    );
  return row as typeof notifySubscriptions.$inferSelect;
}

export async function unsubscribe(db: DbOrTx, tenantId: string, me: TMe, kind: string, refId: string) {
  const del = await db
    .delete(notifySubscriptions)
    .where(
      and(
        eq(notifySubscriptions.tenantId, tenantId),
        meCond(notifySubscriptions, me),
        eq(notifySubscriptions.kind, kind),
        eq(notifySubscriptions.refId, refId),
      ),
    )
    .returning({ id: notifySubscriptions.id });
  if (!del.length) throw new AppError('notify.subscription_not_found', 404);
}

export async function listSubscriptions(db: DbOrTx, tenantId: string, me: TMe) {
  return db
    .select()
    .from(notifySubscriptions)
    .where(and(eq(notifySubscriptions.tenantId, tenantId), meCond(notifySubscriptions, me)))
    .orderBy(desc(notifySubscriptions.createdAt));
}

/** Who subscribed to a thing (kind, ref): recipients for a module's announcement. */
export async function subscribersOf(db: DbOrTx, tenantId: string, kind: string, refId: string) {
  return db
    .select({ userId: notifySubscriptions.userId, deviceId: notifySubscriptions.deviceId })
    .from(notifySubscriptions)
    .where(and(eq(notifySubscriptions.tenantId, tenantId), eq(notifySubscriptions.kind, kind), eq(notifySubscriptions.refId, refId)));
}

export const ZPushSubscriptionBody = z.object({
  endpoint: z.url().max(2000),
  keys: z.object({ p256dh: z.string().min(80).max(100), auth: z.string().min(16).max(40) }),
});

export async function savePushSubscription(
  db: DbOrTx,
  tenantId: string,
  me: TMe,
  actor: Actor,
  body: z.infer<typeof ZPushSubscriptionBody>,
) {
  if (Buffer.from(body.keys.p256dh, 'base64url').length !== 65) {
    throw new AppError('validation.failed', 400, {}, [{ field: 'keys.p256dh', code: 'notify.push_key_invalid' }]);
  }
  await ensurePreferences(db, tenantId, me);
  const deviceId = 'deviceId' in actor ? (actor.deviceId ?? null) : null;
  const [row] = await db
    .insert(notifyPushSubscriptions)
    .values({ tenantId, userId: me.userId, deviceId, endpoint: body.endpoint, p256dh: body.keys.p256dh, auth: body.keys.auth })
    .onConflictDoUpdate({
      target: [notifyPushSubscriptions.tenantId, notifyPushSubscriptions.endpoint],
      set: { userId: me.userId, deviceId, p256dh: body.keys.p256dh, auth: body.keys.auth },
    })
    .returning({ id: notifyPushSubscriptions.id });
  return row as { id: string };
}

export async function deletePushSubscription(db: DbOrTx, tenantId: string, me: TMe, actor: Actor, endpoint: string) {
  const devices = await deviceIdsOf(db, tenantId, actor);
  const del = await db
    .delete(notifyPushSubscriptions)
    .where(
      and(
        eq(notifyPushSubscriptions.tenantId, tenantId),
        eq(notifyPushSubscriptions.endpoint, endpoint),
        or(
          me.userId ? eq(notifyPushSubscriptions.userId, me.userId) : sql`false`,
          devices.length ? inArray(notifyPushSubscriptions.deviceId, devices) : sql`false`,
        ),
      ),
    )
    .returning({ id: notifyPushSubscriptions.id });
  if (!del.length) throw new AppError('notify.subscription_not_found', 404);
}

/** In-app messages of a person: theirs and those of every device joined to them. */
async function inboxCond(db: DbOrTx, tenantId: string, actor: Actor) {
  const me = recipientOf(actor);
  const devices = await deviceIdsOf(db, tenantId, actor);
  return and(
    eq(notifyDeliveries.tenantId, tenantId),
    eq(notifyDeliveries.channel, 'inapp'),
    or(
      me.userId ? eq(notifyDeliveries.userId, me.userId) : sql`false`,
      devices.length ? inArray(notifyDeliveries.deviceId, devices) : sql`false`,
    ),
  );
}

export async function inbox(db: DbOrTx, tenantId: string, actor: Actor, q: { limit: number; before?: Date; unread?: boolean }) {
  const cond = await inboxCond(db, tenantId, actor);
  const list = await db
    .select({ d: notifyDeliveries, m: notifyMessages })
    .from(notifyDeliveries)
    .innerJoin(notifyMessages, eq(notifyMessages.id, notifyDeliveries.messageId))
    .where(
      and(cond, q.before ? lt(notifyDeliveries.createdAt, q.before) : undefined, q.unread ? isNull(notifyDeliveries.readAt) : undefined),
    )
    .orderBy(desc(notifyDeliveries.createdAt))
    .limit(q.limit + 1);
  const [unread] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(notifyDeliveries)
    .where(and(cond, isNull(notifyDeliveries.readAt)));
  const items = list.slice(0, q.limit).map(({ d, m }) => ({
    id: d.id,
    category: m.category,
    title: d.lang === 'en' ? m.subjectEn : m.subjectEl,
    text: d.lang === 'en' ? m.textEn : m.textEl,
    url: m.url,
    data: m.data,
    createdAt: d.createdAt.toISOString(),
    readAt: d.readAt ? d.readAt.toISOString() : null,
  }));
  const last = items[items.length - 1];
  return { items, unread: Number(unread?.n ?? 0), nextBefore: list.length > q.limit && last ? last.createdAt : null };
}

export async function markRead(db: DbOrTx, tenantId: string, actor: Actor, id: string | null) {
  const cond = await inboxCond(db, tenantId, actor);
  const res = await db
    .update(notifyDeliveries)
    .set({ readAt: new Date() })
    .where(and(cond, id ? eq(notifyDeliveries.id, id) : isNull(notifyDeliveries.readAt)))
    .returning({ id: notifyDeliveries.id });
  if (id && !res.length) throw new AppError('notify.inbox_not_found', 404);
  return res.length;
}
