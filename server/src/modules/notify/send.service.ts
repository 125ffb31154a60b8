import { and, eq, inArray, or, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/database.js';
import { users } from '../../platform/identity/identity.schema.js';
import { enqueueJobs } from '../../platform/jobs/jobs.js';
import { notifyDeliveries, notifyMessages, notifyPreferences, notifyPushSubscriptions, type TChannel } from './schema.js';
import { renderBoth, type TRendered } from './templates.js';

/**
 * Turning "tell these people this" into a message and its deliveries: one per channel and
 * address the recipient wants, each with its own job. In-app deliveries are complete at once.
 */

export const DELIVER_QUEUE = 'notify.deliver';
export const DELIVERY_MAX_ATTEMPTS = 6;
export const deliveryJobKey = (deliveryId: string) => `notify.delivery:${deliveryId}`;

export type TRecipient = { userId?: string | null; deviceId?: string | null };

export type TNotifyInput = {
  tenantId: string;
  recipients: TRecipient[];
  /** A template key (rendered with `data`) or ready text. */
  templateKey?: string;
  subject?: { el: string; en: string };
  text?: { el: string; en: string };
  data?: Record<string, unknown>;
  url?: string | null;
  /** Topic the recipient must not have switched off ('civil_protection' is always on). Transactional messages leave it empty. */
  category?: string;
  /** Limit to these channels (intersected with the recipient's preference). */
  channels?: TChannel[];
  ignoreQuietHours?: boolean;
  /** Same key, same message: a re-run of an event handler sends nothing new. */
  dedupeKey?: string;
  source?: 'event' | 'reminder' | 'generic';
};

export const DEFAULT_CHANNELS: TChannel[] = ['push', 'inapp', 'email'];

type TPrefRow = typeof notifyPreferences.$inferSelect;

/** E.164 for Greek numbers given without the country code. */
export function toE164(phone: string) {
  const p = phone.replace(/[\s-]/g, '');
  if (p.startsWith('+')) return p;
  if (p.startsWith('00')) return `+${p.slice(2)}`;
  if (/^(69|2)\d{8}$/.test(p)) return `+30${p}`;
  return p;
}

/**
 * Creates the message and its deliveries in `tx`. Returns null when the dedupe key was used before.
 */
export async function notify(tx: DbOrTx, input: TNotifyInput): Promise<{ messageId: string; deliveries: number } | null> {
  const { tenantId } = input;
  const data = input.data ?? {};
  let rendered: TRendered;
  if (input.templateKey) rendered = await renderBoth(tx, tenantId, input.templateKey, data);
  else {
    const subject = input.subject ?? { el: '', en: '' };
    const text = input.text ?? { el: '', en: '' };
    rendered = { subjectEl: subject.el, subjectEn: subject.en, textEl: text.el, textEn: text.en, htmlEl: null, htmlEn: null };
  }
  const [msg] = await tx
    .insert(notifyMessages)
    .values({
      tenantId,
      source: input.source ?? 'generic',
      category: input.category ?? 'transactional',
      templateKey: input.templateKey ?? null,
      ...rendered,
      url: input.url ?? null,
      data,
      dedupeKey: input.dedupeKey ?? null,
    })
    .onConflictDoNothing()
    .returning({ id: notifyMessages.id });
  if (!msg) return null;
  const rows = await deliveriesFor(tx, tenantId, msg.id, input);
  if (rows.length) {
    const inserted = await tx
      .insert(notifyDeliveries)
      .values(rows)
      .returning({ id: notifyDeliveries.id, channel: notifyDeliveries.channel });
    const toSend = inserted.filter((d) => d.channel !== 'inapp');
    if (toSend.length)
      await enqueueDeliveries(
        tx,
        tenantId,
        toSend.map((d) => d.id),
      );
  }
  return { messageId: msg.id, deliveries: rows.length };
}

/** One job per delivery (its id is the dedupe key, so a re-run never makes a second job). */
export async function enqueueDeliveries(tx: DbOrTx, tenantId: string, ids: string[], runAt = new Date()) {
  await enqueueJobs(
    tx,
    ids.map((id) => ({
      queue: DELIVER_QUEUE,
      tenantId,
      payload: { deliveryId: id },
      dedupeKey: deliveryJobKey(id),
      maxAttempts: DELIVERY_MAX_ATTEMPTS,
      runAt,
    })),
  );
}

async function deliveriesFor(tx: DbOrTx, tenantId: string, messageId: string, input: TNotifyInput) {
  const userIds = [...new Set(input.recipients.map((r) => r.userId).filter((x): x is string => !!x))];
  const deviceIds = [...new Set(input.recipients.map((r) => r.deviceId).filter((x): x is string => !!x))];
  if (!userIds.length && !deviceIds.length) return [];
  const prefs = await tx
    .select()
    .from(notifyPreferences)
    .where(
      and(
        eq(notifyPreferences.tenantId, tenantId),
        or(
          userIds.length ? inArray(notifyPreferences.userId, userIds) : sql`false`,
          deviceIds.length ? inArray(notifyPreferences.deviceId, deviceIds) : sql`false`,
        ),
      ),
    );
  const people = userIds.length
    ? await tx
        .select({
          id: users.id,
          email: users.email,
          phone: users.phone,
          emailOk: users.emailVerifiedAt,
          phoneOk: users.phoneVerifiedAt,
          locale: users.locale,
        })
        .from(users)
        .where(and(eq(users.tenantId, tenantId), inArray(users.id, userIds)))
    : [];
  const subs = await tx
    .select({ id: notifyPushSubscriptions.id, userId: notifyPushSubscriptions.userId, deviceId: notifyPushSubscriptions.deviceId })
    .from(notifyPushSubscriptions)
    .where(
      and(
        eq(notifyPushSubscriptions.tenantId, tenantId),
        or(
          userIds.length ? inArray(notifyPushSubscriptions.userId, userIds) : sql`false`,
          deviceIds.length ? inArray(notifyPushSubscriptions.deviceId, deviceIds) : sql`false`,
        ),
      ),
    );
  const out: (typeof notifyDeliveries.$inferInsert)[] = [];
  const seen = new Set<string>();
  // A user's own preference wins over the device's; a device joined to a user is that user.
  for (const r of input.recipients) {
    const key = r.userId ?? r.deviceId;
    if (!key || seen.has(key)) continue;
    seen.add(key);
    const pref: Partial<TPrefRow> | undefined = prefs.find(
      (p) => (r.userId && p.userId === r.userId) || (!r.userId && p.deviceId === r.deviceId),
    );
    const person = r.userId ? people.find((p) => p.id === r.userId) : undefined;
    if (r.userId && !person) continue;
    const lang = (pref?.lang ?? person?.locale ?? 'el') as 'el' | 'en';
    const cat = input.category;
    if (cat && cat !== 'civil_protection' && pref?.topics && !pref.topics.includes(cat)) continue;
    let channels = (pref?.channels ?? DEFAULT_CHANNELS) as TChannel[];
    if (input.channels) channels = channels.filter((c) => input.channels?.includes(c));
    const base = {
      tenantId,
      messageId,
      userId: r.userId ?? null,
      deviceId: r.userId ? null : (r.deviceId ?? null),
      lang,
      ignoreQuietHours: !!input.ignoreQuietHours,
    };
    for (const ch of channels) {
      if (ch === 'inapp') out.push({ ...base, channel: 'inapp', status: 'delivered', deliveredAt: new Date() });
      if (ch === 'email' && person?.email && person.emailOk) out.push({ ...base, channel: 'email', address: person.email });
      if (ch === 'sms' && person?.phone && person.phoneOk) out.push({ ...base, channel: 'sms', address: toE164(person.phone) });
      if (ch === 'push') {
        for (const s of subs) {
          if ((r.userId && s.userId === r.userId) || (r.deviceId && s.deviceId === r.deviceId))
            out.push({ ...base, channel: 'push', address: s.id });
        }
      }
    }
  }
  // A push subscription reached through both the user and their device gets one delivery.
  const unique = new Map<string, (typeof out)[number]>();
  for (const d of out) unique.set(`${d.channel}|${d.address ?? d.userId ?? d.deviceId}`, d);
  return [...unique.values()];
}
