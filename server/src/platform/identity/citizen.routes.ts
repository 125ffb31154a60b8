import { and, desc, eq, gt, isNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Platform } from '../context.js';
import { AppError, fieldError } from '../http/errors.js';
import type { App } from '../http/types.js';
import { outgoing } from './identity.messages.js';
import { oneTimeTokens, users } from './identity.schema.js';
import { attachDevice, createCitizen, findCitizenByPhone, findUserByEmail, findUserById } from './people.js';
import { createSession, setSessionCookie } from './session.js';
import { hashToken, newCode, newToken, sameHash } from './tokens.js';

const CODE_TTL_MS = 10 * 60_000;
const MAX_ATTEMPTS = 5;
/** Codes per device and per address in an hour: enough for typos and a lost SMS, too few to spam someone. */
const MAX_CODES_PER_HOUR = 5;

/**
 * A Greek mobile number in any common spelling (69XXXXXXXX, +30 69..., 0030 69...) as +3069XXXXXXXX,
 * or null when it is not one.
 */
export function normalizeGreekMobile(input: string): string | null {
  const compact = input.replace(/[\s\-().]/g, '');
  const m = compact.match(/^(?:\+30|0030)?(69\d{8})$/);
  return m ? `+30${m[1]}` : null;
}

const ZChannel = z.enum(['sms', 'email']);
const ZStartBody = z.object({ channel: ZChannel, address: z.string().trim().min(1).max(320) });
const ZConfirmBody = ZStartBody.extend({ code: z.string().trim().min(1).max(10) });

function normalizeAddress(channel: 'sms' | 'email', address: string) {
  if (channel === 'sms') {
    const phone = normalizeGreekMobile(address);
    if (!phone) throw fieldError('address', 'citizen.phone_invalid');
    return phone;
  }
  const email = address.trim().toLowerCase();
  if (!z.email().safeParse(email).success) throw fieldError('address', 'validation.invalid_email');
  return email;
}

/** Citizens without an account: verify a phone or e-mail to get updates and join several devices into one person. */
export async function citizenRoutes(app: App, platform: Platform) {
  const { db, cfg } = platform;

  app.post(
    '/api/citizen/verify/start',
    {
      config: { access: 'device', rateLimit: { max: 10, timeWindow: '15 minutes' } },
      schema: {
        tags: ['citizen'],
        summary: 'Send a 6-digit code by SMS or e-mail to verify a phone or e-mail address',
        body: ZStartBody,
        response: { 202: z.object({ address: z.string(), expiresInSeconds: z.number() }) },
      },
    },
    async (req, reply) => {
      const { channel } = req.body;
      const address = normalizeAddress(channel, req.body.address);
      const tenantId = req.tenant.id;
      const deviceId = 'deviceId' in req.actor ? req.actor.deviceId : undefined;
      const purpose = channel === 'sms' ? 'verify_phone' : 'verify_email';
      const since = sql`now() - interval '1 hour'`;
      const [perAddress] = await db
        .select({ n: sql<number>`count(*)::int` })
        .from(oneTimeTokens)
        .where(and(eq(oneTimeTokens.tenantId, tenantId), eq(oneTimeTokens.address, address), gt(oneTimeTokens.createdAt, since)));
      const [perDevice] = deviceId
        ? await db
            .select({ n: sql<number>`count(*)::int` })
            .from(oneTimeTokens)
            .where(
              and(
                eq(oneTimeTokens.tenantId, tenantId),
                eq(oneTimeTokens.deviceId, deviceId),
                sql`${oneTimeTokens.purpose} in ('verify_phone', 'verify_email')`,
                gt(oneTimeTokens.createdAt, since),
              ),
            )
        : [{ n: 0 }];
      if ((perAddress?.n ?? 0) >= MAX_CODES_PER_HOUR || (perDevice?.n ?? 0) >= MAX_CODES_PER_HOUR) {
        throw new AppError('http.rate_limited', 429);
      }

      const code = newCode();
      const salt = newToken(12);
      await db.transaction(async (tx) => {
        // only the newest code counts
        await tx
          .update(oneTimeTokens)
          .set({ usedAt: new Date() })
          .where(
            and(
              eq(oneTimeTokens.tenantId, tenantId),
              eq(oneTimeTokens.purpose, purpose),
              eq(oneTimeTokens.address, address),
              isNull(oneTimeTokens.usedAt),
            ),
          );
        await tx.insert(oneTimeTokens).values({
          tenantId,
          purpose,
          address,
          deviceId,
          secretHash: hashToken(`${salt}:${code}`),
          data: { salt },
          expiresAt: new Date(Date.now() + CODE_TTL_MS),
        });
      });
      if (channel === 'sms') await platform.messaging.sendSms(tenantId, address, outgoing.verifySms[req.lang](code));
      else await platform.messaging.sendEmail(tenantId, { to: address, ...outgoing.verifyEmail[req.lang](code) });
      return reply.status(202).send({ address, expiresInSeconds: CODE_TTL_MS / 1000 });
    },
  );

  app.post(
    '/api/citizen/verify/confirm',
    {
      config: { access: 'device', rateLimit: { max: 20, timeWindow: '15 minutes' } },
      schema: {
        tags: ['citizen'],
        summary:
          'Confirm the code: signs the citizen in, and joins this device to the person with that phone or e-mail (a second device joins the same person)',
        body: ZConfirmBody,
        response: { 200: z.object({ userId: z.string(), created: z.boolean() }) },
      },
    },
    async (req, reply) => {
      const { channel } = req.body;
      const address = normalizeAddress(channel, req.body.address);
      const tenantId = req.tenant.id;
      const purpose = channel === 'sms' ? 'verify_phone' : 'verify_email';
      const actor = req.actor;
      const deviceId = 'deviceId' in actor ? actor.deviceId : undefined;

      const [pending] = await db
        .select()
        .from(oneTimeTokens)
        .where(
          and(
            eq(oneTimeTokens.tenantId, tenantId),
            eq(oneTimeTokens.purpose, purpose),
            eq(oneTimeTokens.address, address),
            isNull(oneTimeTokens.usedAt),
            gt(oneTimeTokens.expiresAt, sql`now()`),
          ),
        )
        .orderBy(desc(oneTimeTokens.createdAt))
        .limit(1);
      // the code was asked for on this device: a code read off someone else's screen is no use elsewhere
      if (!pending || (pending.deviceId && pending.deviceId !== deviceId)) throw new AppError('citizen.code_invalid', 400);
      if (pending.attempts >= MAX_ATTEMPTS) throw new AppError('citizen.code_locked', 429);
      const salt = String(pending.data.salt ?? '');
      if (!sameHash(pending.secretHash, hashToken(`${salt}:${req.body.code}`))) {
        await db
          .update(oneTimeTokens)
          .set({ attempts: sql`${oneTimeTokens.attempts} + 1` })
          .where(eq(oneTimeTokens.id, pending.id));
        throw new AppError(
          pending.attempts + 1 >= MAX_ATTEMPTS ? 'citizen.code_locked' : 'citizen.code_invalid',
          pending.attempts + 1 >= MAX_ATTEMPTS ? 429 : 400,
        );
      }

      const result = await db.transaction(async (tx) => {
        const [claimed] = await tx
          .update(oneTimeTokens)
          .set({ usedAt: new Date() })
          .where(and(eq(oneTimeTokens.id, pending.id), isNull(oneTimeTokens.usedAt)))
          .returning({ id: oneTimeTokens.id });
        if (!claimed) throw new AppError('citizen.code_invalid', 400);
        const now = new Date();
        const verified = channel === 'sms' ? { phone: address, phoneVerifiedAt: now } : { email: address, emailVerifiedAt: now };
        const existing = channel === 'sms' ? await findCitizenByPhone(tx, tenantId, address) : await findUserByEmail(tx, tenantId, address);
        if (existing && existing.kind !== 'citizen') throw new AppError('citizen.address_taken', 409);

        // A signed-in citizen adds the address to their own account; anyone else becomes (or joins) its owner.
        const current = actor.kind === 'citizen' ? await findUserById(tx, tenantId, actor.userId) : undefined;
        let userId: string;
        let created = false;
        if (current && (!existing || existing.id === current.id)) {
          await tx.update(users).set(verified).where(eq(users.id, current.id));
          userId = current.id;
        } else if (existing) {
          await tx.update(users).set(verified).where(eq(users.id, existing.id));
          userId = existing.id;
        } else {
          userId = (await createCitizen(tx, tenantId, { ...verified, locale: req.lang })).id;
          created = true;
        }
        await attachDevice(tx, tenantId, deviceId, userId);
        const session = await createSession(tx, cfg, req, { tenantId, userId, secondFactor: false });
        return { userId, created, token: session.token };
      });
      setSessionCookie(reply, cfg, result.token);
      return { userId: result.userId, created: result.created };
    },
  );
}
