import { eq, sql } from 'drizzle-orm';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Platform } from '../context.js';
import { rows } from '../db/database.js';
import { DEVICE_COOKIE, DEVICE_HEADER } from '../identity/actor.js';
import { devices } from '../identity/identity.schema.js';
import { hashToken, newToken } from '../identity/tokens.js';
import { AppError } from './errors.js';
import { rateLimits } from './rate-limit.schema.js';

/**
 * The anonymous device identity of a citizen's app, made only when it is needed: once a request to
 * a device route has passed access, rate limits and validation, and dropped again when the route
 * refuses the request (nothing written by a refused request). New devices are limited per address.
 *
 * A client may propose its own device token in the `X-Device-Token` header (43–128 base64url
 * characters, like the ones the server makes): when the answer that would have told it the token
 * is lost, its retry arrives as the same device, so its Idempotency-Key still finds the first answer.
 * A proposed token is only taken from the header: a cookie could be planted by a sibling site.
 */

export const NEW_DEVICES_PER_WINDOW = 120;
export const NEW_DEVICE_WINDOW_MS = 60_000;

const PROPOSED_TOKEN = /^[A-Za-z0-9_-]{43,128}$/;
const created = new WeakSet<FastifyRequest>();

async function countNewDevice(platform: Platform, ip: string) {
  const key = `device-create|${ip}`;
  const window = sql`(now() + ${NEW_DEVICE_WINDOW_MS}::int * interval '1 millisecond')`;
  const [row] = rows<{ count: number; ttl: number }>(
    await platform.db.execute(
      sql`insert into ${rateLimits} (key, count, reset_at) values (${key}, 1, ${window})
          on conflict (key) do update set
            count = case when ${rateLimits.resetAt} <= now() then 1 else ${rateLimits.count} + 1 end,
            reset_at = case when ${rateLimits.resetAt} <= now() then ${window} else ${rateLimits.resetAt} end
          returning count, greatest(0, ceil(extract(epoch from reset_at - now()) * 1000))::int as ttl`,
    ),
  );
  return { count: Number(row?.count ?? 1), ttl: Number(row?.ttl ?? NEW_DEVICE_WINDOW_MS) };
}

export async function adoptDeviceLazily(platform: Platform, req: FastifyRequest, reply: FastifyReply, secure: boolean) {
  const limit = await countNewDevice(platform, req.ip);
  if (limit.count > NEW_DEVICES_PER_WINDOW) {
    reply.header('retry-after', String(Math.ceil(limit.ttl / 1000)));
    throw new AppError('http.device_limit', 429);
  }
  const proposed = req.headers[DEVICE_HEADER];
  let token = typeof proposed === 'string' && PROPOSED_TOKEN.test(proposed) ? proposed : newToken();
  const values = { tenantId: req.tenant.id, userAgent: req.headers['user-agent']?.slice(0, 300) };
  let [row] = await platform.db
    .insert(devices)
    .values({ ...values, tokenHash: hashToken(token) })
    .onConflictDoNothing({ target: devices.tokenHash })
    .returning({ id: devices.id });
  if (!row) {
    // the proposed token is taken (by another tenant's device, or a race): a fresh one instead
    token = newToken();
    [row] = await platform.db
      .insert(devices)
      .values({ ...values, tokenHash: hashToken(token) })
      .returning({ id: devices.id });
  }
  if (!row) throw new Error('device insert failed');
  created.add(req);
  req.actor = { kind: 'device', deviceId: row.id };
  req.deviceToken = token;
  req.deviceIsNew = true;
  reply.setCookie(DEVICE_COOKIE, token, { path: '/', httpOnly: true, secure, sameSite: 'lax', maxAge: 60 * 60 * 24 * 365 * 2 });
  reply.header(DEVICE_HEADER, token);
}

/** A device made for a request the route then refused is removed again, with the headers that named it. */
export async function dropDeviceOfRefusedRequest(platform: Platform, req: FastifyRequest, reply: FastifyReply) {
  if (!created.has(req) || reply.statusCode < 400) return;
  created.delete(req);
  const actor = req.actor;
  if (actor.kind !== 'device') return;
  try {
    await platform.db.delete(devices).where(eq(devices.id, actor.deviceId));
    reply.removeHeader(DEVICE_HEADER);
    const cookies = reply.getHeader('set-cookie');
    const kept = (Array.isArray(cookies) ? cookies : cookies ? [String(cookies)] : []).filter((c) => !c.startsWith(`${DEVICE_COOKIE}=`));
    reply.removeHeader('set-cookie');
    if (kept.length) reply.header('set-cookie', kept);
  } catch (err) {
    // something the refused request still points at keeps it (its transaction wrote it): keep the device too
    req.log.warn({ err: (err as Error).message }, 'device of a refused request kept');
  }
}
