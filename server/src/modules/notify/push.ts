import { eq } from 'drizzle-orm';
import webpush from 'web-push';
import type { DbOrTx } from '../../platform/db/database.js';
import { notifyVapidKeys } from './schema.js';

/**
 * Web Push (RFC 8030/8291/8292): payloads encrypted with aes128gcm for the browser's key,
 * signed with the tenant's VAPID key. We build the request ourselves (web-push only
 * encrypts and signs) so one keep-alive HTTP client serves every push service.
 */

export type TVapid = { publicKey: string; privateKey: string };

/** The tenant's VAPID keys, made on first use; concurrent first uses agree on one pair. */
export async function vapidKeys(db: DbOrTx, tenantId: string): Promise<TVapid> {
  const [row] = await db.select().from(notifyVapidKeys).where(eq(notifyVapidKeys.tenantId, tenantId));
  if (row) return { publicKey: row.publicKey, privateKey: row.privateKey };
  const keys = webpush.generateVAPIDKeys();
  await db
    .insert(notifyVapidKeys)
    .values({ tenantId, ...keys })
    .onConflictDoNothing();
  const [again] = await db.select().from(notifyVapidKeys).where(eq(notifyVapidKeys.tenantId, tenantId));
  if (!again) throw new Error('vapid keys vanished');
  return { publicKey: again.publicKey, privateKey: again.privateKey };
}

export type TPushTarget = { endpoint: string; p256dh: string; auth: string };
export type TPushPayload = { title: string; body: string; url?: string | null; category?: string; messageId?: string; deliveryId?: string };

// The VAPID JWT is good for up to 24 h; one per (key, push-service origin) saves an ECDSA signature per message.
const jwtCache = new Map<string, { headers: Record<string, string>; until: number }>();

function vapidHeaders(vapid: TVapid, endpoint: string, subject: string) {
  const origin = new URL(endpoint).origin;
  const key = `${vapid.publicKey}|${origin}|${subject}`;
  const hit = jwtCache.get(key);
  if (hit && hit.until > Date.now()) return hit.headers;
  const exp = Math.floor(Date.now() / 1000) + 12 * 3600;
  const headers = webpush.getVapidHeaders(origin, subject, vapid.publicKey, vapid.privateKey, 'aes128gcm', exp) as Record<string, string>;
  jwtCache.set(key, { headers, until: Date.now() + 11 * 3600_000 });
  return headers;
}

/** Encrypts a payload for one subscription (aes128gcm); exported for the benchmark's baseline. */
export function encryptPayload(target: TPushTarget, payload: string | Buffer) {
  return webpush.encrypt(target.p256dh, target.auth, payload, 'aes128gcm').cipherText;
}

export class PushGoneError extends Error {}

export async function sendPush(
  vapid: TVapid,
  subject: string,
  target: TPushTarget,
  payload: TPushPayload,
  opts: { urgent?: boolean; ttl?: number } = {},
) {
  const body = encryptPayload(target, JSON.stringify(payload));
  const res = await fetch(target.endpoint, {
    method: 'POST',
    headers: {
      ...vapidHeaders(vapid, target.endpoint, subject),
      'content-encoding': 'aes128gcm',
      'content-type': 'application/octet-stream',
      ttl: String(opts.ttl ?? 86_400),
      urgency: opts.urgent ? 'high' : 'normal',
    },
    body,
    signal: AbortSignal.timeout(15_000),
  });
  await res.arrayBuffer();
  // 404/410: the browser unsubscribed; the subscription is dropped and the delivery fails for good.
  if (res.status === 404 || res.status === 410) throw new PushGoneError(`push service HTTP ${res.status}`);
  if (!res.ok) throw new Error(`push service HTTP ${res.status}`);
  return { providerMessageId: res.headers.get('location') ?? '' };
}
