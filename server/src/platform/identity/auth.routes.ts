import { and, eq, gt, inArray, isNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import { audit } from '../audit/audit.js';
import type { Platform } from '../context.js';
import { AppError } from '../http/errors.js';
import type { App } from '../http/types.js';
import { SESSION_COOKIE } from './actor.js';
import { outgoing } from './identity.messages.js';
import { oneTimeTokens, roleAssignments, sessions, users } from './identity.schema.js';
import { checkLogin, emailDigest } from './login.service.js';
import { clearAccountThrottle } from './login-throttle.js';
import { hashPassword } from './password.js';
import { clearSessionCookie, createSession, publicOrigin, revokeAllSessions, setSessionCookie } from './session.js';
import { hashToken, newToken } from './tokens.js';

export const ZLoginBody = z.object({
  email: z.string().trim().min(1).max(320),
  password: z.string().min(1).max(1000),
  totp: z.string().trim().max(10).optional(),
});
export type TLoginBody = z.infer<typeof ZLoginBody>;

export const ZLoginResult = z.object({
  userId: z.string(),
  kind: z.enum(['staff', 'partner']),
  secondFactor: z.boolean(),
  mustEnrollTotp: z.boolean(),
});

export const ZPassword = z.string().min(10).max(200);
const RESET_TTL_MS = 3600_000;

export async function hasAdminGrant(db: Platform['db'], userId: string) {
  const [row] = await db
    .select({ id: roleAssignments.id })
    .from(roleAssignments)
    .where(and(eq(roleAssignments.userId, userId), eq(roleAssignments.role, 'admin')))
    .limit(1);
  return Boolean(row);
}

/** Staff and partner sign-in, sign-out and password reset by e-mail. */
export async function authRoutes(app: App, platform: Platform) {
  const { db, cfg } = platform;

  // One endpoint for staff and partner users: the account's kind decides what they get.
  for (const url of ['/api/staff/login', '/api/partner/login']) {
    app.post(
      url,
      {
        config: { access: 'public', rateLimit: { max: 20, timeWindow: '1 minute' } },
        schema: {
          tags: ['auth'],
          summary: 'Sign in with e-mail and password (and TOTP code when enabled); staff and partner users',
          body: ZLoginBody,
          response: { 200: ZLoginResult },
        },
      },
      async (req, reply) => {
        const { user, secondFactor } = await checkLogin(db, req, req.body);
        const mustEnrollTotp = !secondFactor && (await hasAdminGrant(db, user.id));
        const session = await db.transaction(async (tx) => {
          const s = await createSession(tx, cfg, req, { tenantId: req.tenant.id, userId: user.id, secondFactor });
          await audit(tx, req, { action: 'auth.login', entity: 'user', entityId: user.id, data: { secondFactor } });
          return s;
        });
        setSessionCookie(reply, cfg, session.token);
        return { userId: user.id, kind: user.kind as 'staff' | 'partner', secondFactor, mustEnrollTotp };
      },
    );
  }

  app.post(
    '/api/auth/logout',
    {
      config: { access: 'public' },
      schema: { tags: ['auth'], summary: 'Sign out: ends the current session', response: { 204: z.null() } },
    },
    async (req, reply) => {
      const token = req.cookies[SESSION_COOKIE];
      if (token) {
        await db
          .update(sessions)
          .set({ revokedAt: new Date() })
          .where(and(eq(sessions.tokenHash, hashToken(token)), eq(sessions.tenantId, req.tenant.id), isNull(sessions.revokedAt)));
      }
      clearSessionCookie(reply, cfg);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/api/auth/password/forgot',
    {
      config: { access: 'public', rateLimit: { max: 5, timeWindow: '15 minutes' } },
      schema: {
        tags: ['auth'],
        summary: 'Send a password-reset link by e-mail. Always answers 202, whether the account exists or not',
        body: z.object({ email: z.string().trim().min(1).max(320) }),
        response: { 202: z.object({}) },
      },
    },
    async (req, reply) => {
      const tenantId = req.tenant.id;
      const [user] = await db
        .select()
        .from(users)
        .where(
          and(
            eq(users.tenantId, tenantId),
            sql`lower(${users.email}) = ${req.body.email.toLowerCase()}`,
            inArray(users.kind, ['staff', 'partner']),
            isNull(users.disabledAt),
          ),
        );
      if (user?.email) {
        // at most three live links per account, so the endpoint cannot be used to flood a mailbox
        const [live] = await db
          .select({ n: sql<number>`count(*)::int` })
          .from(oneTimeTokens)
          .where(
            and(
              eq(oneTimeTokens.tenantId, tenantId),
              eq(oneTimeTokens.purpose, 'password_reset'),
              eq(oneTimeTokens.userId, user.id),
              isNull(oneTimeTokens.usedAt),
              gt(oneTimeTokens.expiresAt, sql`now()`),
            ),
          );
        if ((live?.n ?? 0) < 3) {
          const token = newToken();
          await db.insert(oneTimeTokens).values({
            tenantId,
            purpose: 'password_reset',
            secretHash: hashToken(token),
            userId: user.id,
            address: user.email.toLowerCase(),
            expiresAt: new Date(Date.now() + RESET_TTL_MS),
          });
          const link = `${publicOrigin(cfg, req.tenant)}/staff/reset?token=${encodeURIComponent(token)}`;
          try {
            await platform.messaging.sendEmail(tenantId, { to: user.email, ...outgoing.passwordReset[user.locale](link) });
          } catch (err) {
            // the answer must not tell whether the account exists, so a mail failure is only logged
            req.log.error({ err: (err as Error).message }, 'password reset e-mail failed');
          }
        }
      } else {
        req.log.info({ email: emailDigest(req.body.email) }, 'password reset for an unknown address');
      }
      return reply.status(202).send({});
    },
  );

  app.post(
    '/api/auth/password/reset',
    {
      config: { access: 'public', rateLimit: { max: 10, timeWindow: '15 minutes' } },
      schema: {
        tags: ['auth'],
        summary: 'Set a new password with the link from the e-mail; ends every session of the account',
        body: z.object({ token: z.string().min(1).max(200), password: ZPassword }),
        response: { 204: z.null() },
      },
    },
    async (req, reply) => {
      const tenantId = req.tenant.id;
      const passwordHash = await hashPassword(req.body.password);
      await db.transaction(async (tx) => {
        // claiming the token and using it are one statement, so a link works exactly once
        const [claimed] = await tx
          .update(oneTimeTokens)
          .set({ usedAt: new Date() })
          .where(
            and(
              eq(oneTimeTokens.tenantId, tenantId),
              eq(oneTimeTokens.purpose, 'password_reset'),
              eq(oneTimeTokens.secretHash, hashToken(req.body.token)),
              isNull(oneTimeTokens.usedAt),
              gt(oneTimeTokens.expiresAt, sql`now()`),
            ),
          )
          .returning({ userId: oneTimeTokens.userId, address: oneTimeTokens.address });
        if (!claimed?.userId) throw new AppError('auth.reset_token_invalid', 400);
        // a new password starts the account's sign-in throttle afresh
        if (claimed.address) await clearAccountThrottle(tx, tenantId, claimed.address);
        await tx
          .update(users)
          .set({ passwordHash, failedLogins: 0, lockedUntil: null })
          .where(and(eq(users.id, claimed.userId), eq(users.tenantId, tenantId)));
        await revokeAllSessions(tx, tenantId, claimed.userId);
        await audit(tx, req, { action: 'auth.password_reset', entity: 'user', entityId: claimed.userId });
      });
      return reply.status(204).send(null);
    },
  );
}
