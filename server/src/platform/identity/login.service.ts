import { and, eq, inArray, sql } from 'drizzle-orm';
import type { FastifyRequest } from 'fastify';
import { audit } from '../audit/audit.js';
import type { Db } from '../db/database.js';
import { AppError } from '../http/errors.js';
import { DEVICE_COOKIE, DEVICE_HEADER } from './actor.js';
import { users } from './identity.schema.js';
import { recordLoginFailure, recordLoginSuccess, type TThrottleSubject, throttleWait } from './login-throttle.js';
import { verifyPassword } from './password.js';
import { hashToken } from './tokens.js';
import { checkTotp } from './totp.js';

export type TLoginInput = { email: string; password: string; totp?: string };

/**
 * Checks e-mail + password (+ TOTP when the account has it) for staff and partner users.
 * The same error for an unknown e-mail and a wrong password, after comparable work; failures
 * are throttled by address and by account with growing delays (login-throttle.ts), never by a
 * lock an outsider controls. While a delay runs the answer is `auth.throttled` (429) for any
 * e-mail, known or not. Returns the user and whether a second factor was passed.
 */
export async function checkLogin(db: Db, req: FastifyRequest, input: TLoginInput) {
  const tenantId = req.tenant.id;
  const subject: TThrottleSubject = {
    tenantId,
    email: input.email,
    ip: req.ip,
    deviceToken: (req.headers[DEVICE_HEADER] as string | undefined) ?? req.cookies?.[DEVICE_COOKIE],
  };
  const wait = await throttleWait(db, subject);
  if (wait > 0) throw new AppError('auth.throttled', 429, { seconds: Math.ceil(wait / 1000) });

  const [user] = await db
    .select()
    .from(users)
    .where(
      and(
        eq(users.tenantId, tenantId),
        sql`lower(${users.email}) = ${input.email.toLowerCase()}`,
        inArray(users.kind, ['staff', 'partner']),
        sql`${users.disabledAt} is null`,
      ),
    );

  const ok = await verifyPassword(user?.passwordHash, input.password);
  if (!user || !ok) {
    await recordFailure(db, req, subject, user?.id);
    throw new AppError('auth.invalid_credentials', 401);
  }

  let secondFactor = false;
  if (user.totpEnabled && user.totpSecret) {
    if (!input.totp) throw new AppError('auth.totp_required', 401);
    const step = await checkTotp(user.totpSecret, input.totp, user.totpLastStep);
    if (step === null) {
      // a wrong second factor counts as a failure too: the password alone must not allow guessing codes
      await recordFailure(db, req, subject, user.id);
      throw new AppError('auth.totp_invalid', 401);
    }
    await db.update(users).set({ totpLastStep: step }).where(eq(users.id, user.id));
    secondFactor = true;
  }

  await recordLoginSuccess(db, subject);
  return { user, secondFactor };
}

async function recordFailure(db: Db, req: FastifyRequest, subject: TThrottleSubject, userId: string | undefined) {
  const beyondFree = await recordLoginFailure(db, subject);
  // the first delayed failure of a known account is audited (the log holds no e-mail of unknown ones)
  if (beyondFree === 1 && userId) {
    await audit(db, req, { action: 'auth.throttled', entity: 'user', entityId: userId, data: { ip: req.ip } });
  }
}

/** E-mail addresses in audit data are hashed: the log shows repeated targets without holding the address. */
export function emailDigest(email: string) {
  return hashToken(email.trim().toLowerCase()).slice(0, 16);
}
