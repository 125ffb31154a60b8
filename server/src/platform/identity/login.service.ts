import { and, eq, inArray, sql } from 'drizzle-orm';
import type { FastifyRequest } from 'fastify';
import { audit } from '../audit/audit.js';
import type { Db } from '../db/database.js';
import { AppError } from '../http/errors.js';
import { users } from './identity.schema.js';
import { verifyPassword } from './password.js';
import { hashToken } from './tokens.js';
import { checkTotp } from './totp.js';

export const MAX_FAILED_LOGINS = 5;
export const LOCK_MINUTES = 15;

export type TLoginInput = { email: string; password: string; totp?: string };

/**
 * Checks e-mail + password (+ TOTP when the account has it) for staff and partner users.
 * The same error for an unknown e-mail and a wrong password; after MAX_FAILED_LOGINS wrong
 * passwords in a row the account is locked for LOCK_MINUTES, even for the right password.
 * Returns the user and whether a second factor was passed.
 */
export async function checkLogin(db: Db, req: FastifyRequest, input: TLoginInput) {
  const tenantId = req.tenant.id;
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

  if (user?.lockedUntil && user.lockedUntil.getTime() > Date.now()) {
    throw new AppError('auth.locked', 429, { minutes: Math.ceil((user.lockedUntil.getTime() - Date.now()) / 60_000) });
  }

  const ok = await verifyPassword(user?.passwordHash, input.password);
  if (!user || !ok) {
    if (user) await recordFailure(db, req, user.id);
    throw new AppError('auth.invalid_credentials', 401);
  }

  let secondFactor = false;
  if (user.totpEnabled && user.totpSecret) {
    if (!input.totp) throw new AppError('auth.totp_required', 401);
    const step = await checkTotp(user.totpSecret, input.totp, user.totpLastStep);
    if (step === null) {
      // a wrong second factor counts towards the lock-out too: the password alone must not allow guessing codes
      await recordFailure(db, req, user.id);
      throw new AppError('auth.totp_invalid', 401);
    }
    await db.update(users).set({ totpLastStep: step }).where(eq(users.id, user.id));
    secondFactor = true;
  }

  await db.update(users).set({ failedLogins: 0, lockedUntil: null }).where(eq(users.id, user.id));
  return { user, secondFactor };
}

async function recordFailure(db: Db, req: FastifyRequest, userId: string) {
  await db.transaction(async (tx) => {
    // counted in SQL so parallel attempts cannot slip past the limit
    const [row] = await tx
      .update(users)
      .set({ failedLogins: sql`${users.failedLogins} + 1` })
      .where(eq(users.id, userId))
      .returning({ failures: users.failedLogins });
    if (!row || row.failures < MAX_FAILED_LOGINS) return;
    await tx
      .update(users)
      .set({ failedLogins: 0, lockedUntil: new Date(Date.now() + LOCK_MINUTES * 60_000) })
      .where(eq(users.id, userId));
    await audit(tx, req, { action: 'auth.locked', entity: 'user', entityId: userId, data: { failures: row.failures } });
  });
}

/** E-mail addresses in audit data are hashed: the log shows repeated targets without holding the address. */
export function emailDigest(email: string) {
  return hashToken(email.trim().toLowerCase()).slice(0, 16);
}
