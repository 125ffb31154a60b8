import { and, eq, isNull } from 'drizzle-orm';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { TConfig } from '../config/config.js';
import type { DbOrTx } from '../db/database.js';
import { SESSION_COOKIE } from './actor.js';
import { sessions } from './identity.schema.js';
import { hashToken, newToken } from './tokens.js';

/** Cookies are Secure in production, or whenever COOKIE_SECURE says so (HTTPS behind a proxy in staging). */
export function secureCookies(cfg: TConfig) {
  return cfg.COOKIE_SECURE ?? cfg.NODE_ENV === 'production';
}

/** Opens a session: the random token goes into the cookie, only its hash into the table. */
export async function createSession(
  db: DbOrTx,
  cfg: TConfig,
  req: FastifyRequest,
  input: { tenantId: string; userId: string; secondFactor: boolean },
) {
  const token = newToken();
  const [row] = await db
    .insert(sessions)
    .values({
      tenantId: input.tenantId,
      userId: input.userId,
      tokenHash: hashToken(token),
      secondFactor: input.secondFactor,
      ip: req.ip,
      userAgent: req.headers['user-agent']?.slice(0, 300),
      expiresAt: new Date(Date.now() + cfg.SESSION_TTL_HOURS * 3600_000),
    })
    .returning({ id: sessions.id });
  if (!row) throw new Error('session insert failed');
  return { id: row.id, token };
}

export function setSessionCookie(reply: FastifyReply, cfg: TConfig, token: string) {
  reply.setCookie(SESSION_COOKIE, token, {
    path: '/',
    httpOnly: true,
    secure: secureCookies(cfg),
    sameSite: 'lax',
    maxAge: cfg.SESSION_TTL_HOURS * 3600,
  });
}

export function clearSessionCookie(reply: FastifyReply, cfg: TConfig) {
  reply.clearCookie(SESSION_COOKIE, { path: '/', httpOnly: true, secure: secureCookies(cfg), sameSite: 'lax' });
}

/** Ends every open session of a user (password reset, account disabled). */
export async function revokeAllSessions(db: DbOrTx, tenantId: string, userId: string) {
  await db
    .update(sessions)
    .set({ revokedAt: new Date() })
    .where(and(eq(sessions.tenantId, tenantId), eq(sessions.userId, userId), isNull(sessions.revokedAt)));
}

/** Where links in messages and OAuth redirect URIs point: the tenant's configured address, never the request's Host. */
export { publicOrigin } from '../config/public-url.js';
