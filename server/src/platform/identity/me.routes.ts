import { and, desc, eq, gt, inArray, isNull, sql } from 'drizzle-orm';
import QRCode from 'qrcode';
import { z } from 'zod';
import { audit } from '../audit/audit.js';
import type { Platform } from '../context.js';
import { AppError, forbidden } from '../http/errors.js';
import type { App } from '../http/types.js';
import { orgUnits, partnerOrgs } from '../tenancy/org.schema.js';
import { hasAdminGrant } from './auth.routes.js';
import { outgoing } from './identity.messages.js';
import { oneTimeTokens, STAFF_ROLES, sessions, users } from './identity.schema.js';
import { findUserById } from './people.js';
import { clearSessionCookie } from './session.js';
import { hashToken, newCode, sameHash } from './tokens.js';
import { checkTotp, newTotpSecret, totpUri } from './totp.js';

const ENROL_CODE_TTL_MS = 15 * 60_000;
const ENROL_CODE_ATTEMPTS = 5;

/** m•••@example.gr: enough for the person to recognise their mailbox, not enough to read it off a screen. */
export function maskEmail(address: string) {
  const [local = '', domain = ''] = address.split('@');
  return `${local.slice(0, 1)}•••@${domain}`;
}

export const ZMe = z.object({
  kind: z.enum(['anonymous', 'device', 'citizen', 'partner', 'staff']),
  userId: z.string().nullable(),
  /** Same as userId; kept for clients that say `id`. */
  id: z.string().nullable(),
  /** Given and family name, for greetings and headers. */
  displayName: z.string().nullable(),
  deviceId: z.string().nullable(),
  /** True when this device is joined to a citizen account (who needs to sign in again to act as them). */
  deviceLinked: z.boolean(),
  givenName: z.string().nullable(),
  familyName: z.string().nullable(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  afm: z.string().nullable(),
  locale: z.enum(['el', 'en']).nullable(),
  emailVerified: z.boolean(),
  phoneVerified: z.boolean(),
  taxisnetVerified: z.boolean(),
  totpEnabled: z.boolean(),
  secondFactor: z.boolean(),
  /** An administrator signed in without a second factor: admin powers are withheld until TOTP is enrolled. */
  mustEnrollTotp: z.boolean(),
  roles: z.array(
    z.object({
      role: z.enum(STAFF_ROLES),
      unitId: z.string().nullable(),
      unitName: z.object({ el: z.string(), en: z.string() }).nullable(),
    }),
  ),
  partnerOrg: z.object({ id: z.string(), name: z.string(), kind: z.string(), role: z.enum(['manager', 'member']) }).nullable(),
});
export type TMe = z.infer<typeof ZMe>;

const ZSession = z.object({
  id: z.string(),
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
  createdAt: z.string(),
  lastSeenAt: z.string(),
  expiresAt: z.string(),
  secondFactor: z.boolean(),
  current: z.boolean(),
});

const ZCode = z.object({ code: z.string().trim().min(1).max(10) });

/** The current person: who they are, their sessions and their second factor. */
export async function meRoutes(app: App, platform: Platform) {
  const { db } = platform;

  app.get(
    '/api/me',
    {
      config: { access: 'device' },
      schema: { tags: ['me'], summary: 'Who is calling: citizen, staff, partner or an anonymous device', response: { 200: ZMe } },
    },
    async (req) => {
      const actor = req.actor;
      const me: TMe = {
        kind: actor.kind,
        userId: null,
        id: null,
        displayName: null,
        deviceId: 'deviceId' in actor ? (actor.deviceId ?? null) : null,
        deviceLinked: actor.kind === 'device' && Boolean(actor.userId),
        givenName: null,
        familyName: null,
        email: null,
        phone: null,
        afm: null,
        locale: null,
        emailVerified: false,
        phoneVerified: false,
        taxisnetVerified: false,
        totpEnabled: false,
        secondFactor: false,
        mustEnrollTotp: false,
        roles: [],
        partnerOrg: null,
      };
      if (actor.kind === 'anonymous' || actor.kind === 'device') return me;
      const user = await findUserById(db, req.tenant.id, actor.userId);
      if (!user) throw new AppError('auth.required');
      Object.assign(me, {
        userId: user.id,
        id: user.id,
        displayName: [user.givenName, user.familyName].filter(Boolean).join(' ') || null,
        givenName: user.givenName,
        familyName: user.familyName,
        email: user.email,
        phone: user.phone,
        afm: user.afm,
        locale: user.locale,
        emailVerified: Boolean(user.emailVerifiedAt),
        phoneVerified: Boolean(user.phoneVerifiedAt),
        taxisnetVerified: Boolean(user.taxisnetVerifiedAt),
        totpEnabled: user.totpEnabled,
      });
      if (actor.kind === 'staff') {
        me.secondFactor = actor.secondFactor;
        me.mustEnrollTotp = !actor.secondFactor && (await hasAdminGrant(db, user.id));
        const unitIds = actor.roles.map((g) => g.unitId).filter((u): u is string => Boolean(u));
        const units = unitIds.length
          ? await db
              .select({ id: orgUnits.id, el: orgUnits.nameEl, en: orgUnits.nameEn })
              .from(orgUnits)
              .where(and(eq(orgUnits.tenantId, req.tenant.id), inArray(orgUnits.id, unitIds)))
          : [];
        const byId = new Map(units.map((u) => [u.id, { el: u.el, en: u.en }]));
        me.roles = actor.roles.map((g) => ({ role: g.role, unitId: g.unitId, unitName: g.unitId ? (byId.get(g.unitId) ?? null) : null }));
      }
      if (actor.kind === 'partner') {
        const [org] = await db
          .select()
          .from(partnerOrgs)
          .where(and(eq(partnerOrgs.tenantId, req.tenant.id), eq(partnerOrgs.id, actor.partnerOrgId)));
        if (org) me.partnerOrg = { id: org.id, name: org.name, kind: org.kind, role: actor.partnerRole };
      }
      return me;
    },
  );

  app.get(
    '/api/me/sessions',
    {
      config: { access: 'signed-in' },
      schema: { tags: ['me'], summary: 'My open sessions (browsers and apps signed in as me)', response: { 200: z.array(ZSession) } },
    },
    async (req) => {
      const { userId, sessionId } = signedIn(req.actor);
      const rows = await db
        .select()
        .from(sessions)
        .where(
          and(
            eq(sessions.tenantId, req.tenant.id),
            eq(sessions.userId, userId),
            isNull(sessions.revokedAt),
            gt(sessions.expiresAt, sql`now()`),
          ),
        )
        .orderBy(desc(sessions.lastSeenAt));
      return rows.map((s) => ({
        id: s.id,
        ip: s.ip,
        userAgent: s.userAgent,
        createdAt: s.createdAt.toISOString(),
        lastSeenAt: s.lastSeenAt.toISOString(),
        expiresAt: s.expiresAt.toISOString(),
        secondFactor: s.secondFactor,
        current: s.id === sessionId,
      }));
    },
  );

  app.delete(
    '/api/me/sessions/:id',
    {
      config: { access: 'signed-in' },
      schema: {
        tags: ['me'],
        summary: 'End one of my sessions (sign a lost phone or another browser out)',
        params: z.object({ id: z.uuid() }),
        response: { 204: z.null() },
      },
    },
    async (req, reply) => {
      const { userId, sessionId } = signedIn(req.actor);
      await db.transaction(async (tx) => {
        const [row] = await tx
          .update(sessions)
          .set({ revokedAt: new Date() })
          .where(
            and(
              eq(sessions.id, req.params.id),
              eq(sessions.tenantId, req.tenant.id),
              eq(sessions.userId, userId),
              isNull(sessions.revokedAt),
            ),
          )
          .returning({ id: sessions.id });
        if (!row) throw new AppError('auth.session_not_found', 404);
        if (req.actor.kind === 'staff') await audit(tx, req, { action: 'session.revoke', entity: 'session', entityId: row.id });
      });
      if (req.params.id === sessionId) clearSessionCookie(reply, platform.cfg);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/api/me/totp/setup',
    {
      config: { access: 'signed-in' },
      schema: {
        tags: ['me'],
        summary:
          'Start TOTP enrolment: a new secret, its otpauth:// URI and QR code for the authenticator app, and a code e-mailed to the account (the password alone does not enrol a second factor)',
        response: {
          200: z.object({
            secret: z.string(),
            uri: z.string(),
            /** The otpauth URI as a PNG data: URL, for the app to scan. */
            qr: z.string(),
            /** Where the enrolment code went, partly hidden (m•••@example.gr). */
            emailedTo: z.string(),
          }),
        },
      },
    },
    async (req) => {
      const user = await passwordUser(req);
      if (user.totpEnabled) throw new AppError('auth.totp_already_enabled', 409);
      if (!user.email) throw new AppError('auth.totp_no_email', 409);
      const secret = newTotpSecret();
      const code = newCode();
      const address = user.email.toLowerCase();
      await db.transaction(async (tx) => {
        // kept pending (totp_enabled false) until the user proves both the app and the mailbox
        await tx.update(users).set({ totpSecret: secret, totpLastStep: null }).where(eq(users.id, user.id));
        await tx
          .update(oneTimeTokens)
          .set({ usedAt: new Date() })
          .where(
            and(
              eq(oneTimeTokens.tenantId, req.tenant.id),
              eq(oneTimeTokens.purpose, 'totp_enrol'),
              eq(oneTimeTokens.userId, user.id),
              isNull(oneTimeTokens.usedAt),
            ),
          );
        await tx.insert(oneTimeTokens).values({
          tenantId: req.tenant.id,
          purpose: 'totp_enrol',
          secretHash: hashToken(`${user.id}|${code}`),
          userId: user.id,
          address,
          expiresAt: new Date(Date.now() + ENROL_CODE_TTL_MS),
        });
        await audit(tx, req, { action: 'auth.totp_setup', entity: 'user', entityId: user.id });
      });
      await platform.messaging.sendEmail(req.tenant.id, {
        to: user.email,
        ...outgoing.totpEnrol[user.locale === 'en' ? 'en' : 'el'](code),
      });
      const uri = totpUri(secret, `Dimos ${req.tenant.nameEl}`, user.email ?? user.id);
      return { secret, uri, qr: await QRCode.toDataURL(uri, { margin: 1, width: 240 }), emailedTo: maskEmail(address) };
    },
  );

  app.post(
    '/api/me/totp/enable',
    {
      config: { access: 'signed-in' },
      schema: {
        tags: ['me'],
        summary:
          'Finish TOTP enrolment with a code from the app and the code e-mailed by setup; this session counts as second-factor from now on',
        body: ZCode.extend({
          emailCode: z
            .string()
            .trim()
            .regex(/^\d{6}$/),
        }),
        response: { 204: z.null() },
      },
    },
    async (req, reply) => {
      const user = await passwordUser(req);
      if (user.totpEnabled) throw new AppError('auth.totp_already_enabled', 409);
      if (!user.totpSecret) throw new AppError('auth.totp_not_set_up', 400);
      // the e-mailed code first: someone holding only the password cannot enrol their own authenticator
      const [pending] = await db
        .select()
        .from(oneTimeTokens)
        .where(
          and(
            eq(oneTimeTokens.tenantId, req.tenant.id),
            eq(oneTimeTokens.purpose, 'totp_enrol'),
            eq(oneTimeTokens.userId, user.id),
            isNull(oneTimeTokens.usedAt),
            gt(oneTimeTokens.expiresAt, sql`now()`),
            sql`${oneTimeTokens.attempts} < ${ENROL_CODE_ATTEMPTS}`,
          ),
        )
        .orderBy(desc(oneTimeTokens.createdAt))
        .limit(1);
      if (!pending)
        throw new AppError('auth.totp_email_code_invalid', 400, {}, [{ field: 'emailCode', code: 'auth.totp_email_code_invalid' }]);
      if (!sameHash(pending.secretHash, hashToken(`${user.id}|${req.body.emailCode}`))) {
        await db
          .update(oneTimeTokens)
          .set({ attempts: sql`${oneTimeTokens.attempts} + 1` })
          .where(eq(oneTimeTokens.id, pending.id));
        throw new AppError('auth.totp_email_code_invalid', 400, {}, [{ field: 'emailCode', code: 'auth.totp_email_code_invalid' }]);
      }
      const step = await checkTotp(user.totpSecret, req.body.code, user.totpLastStep);
      if (step === null) throw new AppError('auth.totp_invalid', 400, {}, [{ field: 'code', code: 'auth.totp_invalid' }]);
      const { sessionId } = signedIn(req.actor);
      await db.transaction(async (tx) => {
        await tx.update(oneTimeTokens).set({ usedAt: new Date() }).where(eq(oneTimeTokens.id, pending.id));
        await tx.update(users).set({ totpEnabled: true, totpLastStep: step }).where(eq(users.id, user.id));
        await tx.update(sessions).set({ secondFactor: true }).where(eq(sessions.id, sessionId));
        await audit(tx, req, { action: 'auth.totp_enable', entity: 'user', entityId: user.id });
      });
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/api/me/totp/disable',
    {
      config: { access: 'signed-in' },
      schema: {
        tags: ['me'],
        summary: 'Turn TOTP off with a current code (not allowed for administrators)',
        body: ZCode,
        response: { 204: z.null() },
      },
    },
    async (req, reply) => {
      const user = await passwordUser(req);
      if (!user.totpEnabled || !user.totpSecret) throw new AppError('auth.totp_not_enabled', 400);
      if (await hasAdminGrant(db, user.id)) throw new AppError('auth.totp_mandatory', 403);
      const step = await checkTotp(user.totpSecret, req.body.code, user.totpLastStep);
      if (step === null) throw new AppError('auth.totp_invalid', 400, {}, [{ field: 'code', code: 'auth.totp_invalid' }]);
      await db.transaction(async (tx) => {
        await tx.update(users).set({ totpEnabled: false, totpSecret: null, totpLastStep: null }).where(eq(users.id, user.id));
        await audit(tx, req, { action: 'auth.totp_disable', entity: 'user', entityId: user.id });
      });
      return reply.status(204).send(null);
    },
  );

  /** TOTP is for accounts that sign in with a password (staff and partners); citizens use their providers. */
  async function passwordUser(req: { actor: Parameters<typeof signedIn>[0]; tenant: { id: string } }) {
    const { userId } = signedIn(req.actor);
    const user = await findUserById(db, req.tenant.id, userId);
    if (!user || user.kind === 'citizen') throw forbidden();
    return user;
  }
}

function signedIn(actor: import('../access/access.js').Actor) {
  if (!('sessionId' in actor)) throw new AppError('auth.required');
  return { userId: actor.userId, sessionId: actor.sessionId };
}
