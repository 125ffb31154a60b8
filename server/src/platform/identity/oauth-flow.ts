import { and, eq, gt, lt, sql } from 'drizzle-orm';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Platform } from '../context.js';
import type { DbOrTx } from '../db/database.js';
import { tenants } from '../tenancy/tenancy.schema.js';
import { DEVICE_COOKIE, DEVICE_HEADER, resolveActor, SESSION_COOKIE } from './actor.js';
import { oauthStates } from './identity.schema.js';
import { attachDevice } from './people.js';
import { createSession, setSessionCookie } from './session.js';
import { newToken } from './tokens.js';

/**
 * What the TaxisNet and OIDC logins share: the state kept between the redirect out and the
 * callback (which also carries the tenant and the device, since the callback arrives as a
 * plain browser redirect), the return path, and signing the citizen in at the end.
 */
const STATE_TTL_MS = 10 * 60_000;

/** Only same-origin relative paths: an open redirect would let anyone bounce citizens to a fake site. */
export function safeReturnTo(input: string | undefined) {
  if (!input || input.length > 500) return '/';
  if (!input.startsWith('/') || input.startsWith('//') || input.startsWith('/\\') || /[\r\n\t]/.test(input)) return '/';
  return input;
}

export async function createOauthState(
  db: DbOrTx,
  input: {
    tenantId: string;
    provider: 'taxisnet' | 'oidc';
    deviceId?: string;
    returnTo?: string;
    nonce?: string;
    codeVerifier?: string;
  },
) {
  const state = newToken();
  // old abandoned states go as new ones come
  await db.delete(oauthStates).where(lt(oauthStates.expiresAt, sql`now()`));
  await db.insert(oauthStates).values({
    tenantId: input.tenantId,
    provider: input.provider,
    state,
    nonce: input.nonce,
    codeVerifier: input.codeVerifier,
    deviceId: input.deviceId,
    returnTo: safeReturnTo(input.returnTo),
    expiresAt: new Date(Date.now() + STATE_TTL_MS),
  });
  return state;
}

/** Takes the state back exactly once. */
export async function consumeOauthState(db: DbOrTx, provider: 'taxisnet' | 'oidc', state: string | undefined) {
  if (!state) return undefined;
  const [row] = await db
    .delete(oauthStates)
    .where(and(eq(oauthStates.state, state), eq(oauthStates.provider, provider), gt(oauthStates.expiresAt, sql`now()`)))
    .returning();
  return row;
}

/** The configured host names of the tenant a login started for (the callback routes have no resolved tenant). */
export async function tenantOfState(db: DbOrTx, tenantId: string) {
  const [row] = await db.select({ hosts: tenants.hosts }).from(tenants).where(eq(tenants.id, tenantId));
  return row ?? { hosts: [] };
}

export function loginErrorRedirect(reply: FastifyReply, code: string) {
  return reply.redirect(`/?login_error=${encodeURIComponent(code)}`, 302);
}

/** The citizen already signed in on this browser, if any (the callback route has no resolved actor). */
export async function currentCitizenId(platform: Platform, req: FastifyRequest, tenantId: string) {
  const actor = await resolveActor(platform.db, tenantId, {
    session: req.cookies[SESSION_COOKIE],
    device: (req.headers[DEVICE_HEADER] as string | undefined) ?? req.cookies[DEVICE_COOKIE],
  });
  return actor.kind === 'citizen' ? actor.userId : undefined;
}

/** Joins the device that started the login to the person and opens a citizen session. */
export async function signInCitizen(
  tx: DbOrTx,
  platform: Platform,
  req: FastifyRequest,
  reply: FastifyReply,
  input: { tenantId: string; userId: string; deviceId: string | null },
) {
  await attachDevice(tx, input.tenantId, input.deviceId, input.userId);
  const session = await createSession(tx, platform.cfg, req, { tenantId: input.tenantId, userId: input.userId, secondFactor: false });
  setSessionCookie(reply, platform.cfg, session.token);
}
