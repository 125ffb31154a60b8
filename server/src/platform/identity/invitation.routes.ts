import { and, eq, gt, inArray, isNull, sql } from 'drizzle-orm';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { can } from '../access/access.js';
import { audit } from '../audit/audit.js';
import type { Platform } from '../context.js';
import { AppError, forbidden } from '../http/errors.js';
import type { App } from '../http/types.js';
import { orgUnits, partnerOrgs } from '../tenancy/org.schema.js';
import { ZPassword } from './auth.routes.js';
import { outgoing } from './identity.messages.js';
import { oneTimeTokens, roleAssignments, STAFF_ROLES, users } from './identity.schema.js';
import { hashPassword } from './password.js';
import { findUserByEmail } from './people.js';
import { createSession, publicOrigin, setSessionCookie } from './session.js';
import { hashToken, newToken } from './tokens.js';

const INVITATION_TTL_MS = 7 * 24 * 3600_000;

type TInvitationData =
  | { kind: 'partner'; partnerOrgId: string; role: 'manager' | 'member' }
  | { kind: 'staff'; roles: { role: (typeof STAFF_ROLES)[number]; unitId: string | null }[] };

const ZInvitationResult = z.object({ id: z.string(), email: z.string(), expiresAt: z.string() });

/**
 * Staff and partner users join by invitation only: someone who may manage them sends an
 * e-mail link; accepting it sets the password and signs the new user in.
 */
export async function invitationRoutes(app: App, platform: Platform) {
  const { db, cfg } = platform;

  async function invite(
    req: FastifyRequest,
    email: string,
    data: TInvitationData,
    orgName: string,
  ): Promise<z.infer<typeof ZInvitationResult>> {
    const tenantId = req.tenant.id;
    const address = email.trim().toLowerCase();
    if (await findUserByEmail(db, tenantId, address)) {
      throw new AppError('invitation.email_taken', 409, {}, [{ field: 'email', code: 'invitation.email_taken' }]);
    }
    const token = newToken();
    const expiresAt = new Date(Date.now() + INVITATION_TTL_MS);
    const row = await db.transaction(async (tx) => {
      // a new invitation replaces older ones to the same address
      await tx
        .update(oneTimeTokens)
        .set({ usedAt: new Date() })
        .where(
          and(
            eq(oneTimeTokens.tenantId, tenantId),
            eq(oneTimeTokens.purpose, 'invitation'),
            eq(oneTimeTokens.address, address),
            isNull(oneTimeTokens.usedAt),
          ),
        );
      const [inv] = await tx
        .insert(oneTimeTokens)
        .values({ tenantId, purpose: 'invitation', secretHash: hashToken(token), address, data, expiresAt })
        .returning({ id: oneTimeTokens.id });
      if (!inv) throw new Error('invitation insert failed');
      await audit(tx, req, { action: 'invitation.create', entity: 'invitation', entityId: inv.id, data: { ...data } });
      return inv;
    });
    const link = `${publicOrigin(cfg, req.tenant)}/invitation?token=${encodeURIComponent(token)}`;
    await platform.messaging.sendEmail(tenantId, { to: address, ...outgoing.invitation[req.lang](link, orgName) });
    return { id: row.id, email: address, expiresAt: expiresAt.toISOString() };
  }

  app.post(
    '/api/partners/:orgId/invitations',
    {
      config: { access: 'signed-in' },
      schema: {
        tags: ['auth'],
        summary: 'Invite a user to a partner organisation (staff with partners.manage, or a manager of that organisation)',
        params: z.object({ orgId: z.uuid() }),
        body: z.object({ email: z.email().max(320), role: z.enum(['manager', 'member']) }),
        response: { 201: ZInvitationResult },
      },
    },
    async (req, reply) => {
      const actor = req.actor;
      const isManager = actor.kind === 'partner' && actor.partnerRole === 'manager' && actor.partnerOrgId === req.params.orgId;
      if (!can(actor, 'partners.manage') && !isManager) throw forbidden();
      // managers grow their own team; making more managers is the municipality's call
      if (actor.kind === 'partner' && req.body.role !== 'member') throw forbidden();
      const [org] = await db
        .select()
        .from(partnerOrgs)
        .where(and(eq(partnerOrgs.tenantId, req.tenant.id), eq(partnerOrgs.id, req.params.orgId)));
      if (!org) throw new AppError('partner.not_found', 404);
      const result = await invite(req, req.body.email, { kind: 'partner', partnerOrgId: org.id, role: req.body.role }, org.name);
      return reply.status(201).send(result);
    },
  );

  app.post(
    '/api/staff/invitations',
    {
      config: { access: 'perm:staff.manage' },
      schema: {
        tags: ['auth'],
        summary: 'Invite a staff member with roles per unit (unitId null: tenant-wide)',
        body: z.object({
          email: z.email().max(320),
          roles: z
            .array(z.object({ role: z.enum(STAFF_ROLES), unitId: z.uuid().nullable() }))
            .min(1)
            .max(50),
        }),
        response: { 201: ZInvitationResult },
      },
    },
    async (req, reply) => {
      const unitIds = [...new Set(req.body.roles.map((r) => r.unitId).filter((u): u is string => Boolean(u)))];
      if (unitIds.length) {
        const found = await db
          .select({ id: orgUnits.id })
          .from(orgUnits)
          .where(and(eq(orgUnits.tenantId, req.tenant.id), inArray(orgUnits.id, unitIds)));
        const known = new Set(found.map((u) => u.id));
        const fields = req.body.roles
          .map((r, i) => ({ r, i }))
          .filter(({ r }) => r.unitId && !known.has(r.unitId))
          .map(({ i }) => ({ field: `roles.${i}.unitId`, code: 'invitation.unit_not_found' }));
        if (fields.length) throw new AppError('validation.failed', 400, {}, fields);
      }
      const name = req.lang === 'en' ? req.tenant.nameEn : req.tenant.nameEl;
      const result = await invite(req, req.body.email, { kind: 'staff', roles: req.body.roles }, name);
      return reply.status(201).send(result);
    },
  );

  app.post(
    '/api/auth/invitations/accept',
    {
      config: { access: 'public', rateLimit: { max: 10, timeWindow: '15 minutes' } },
      schema: {
        tags: ['auth'],
        summary: 'Accept an invitation: set a password and names; signs the new user in',
        body: z.object({
          token: z.string().min(1).max(200),
          password: ZPassword,
          givenName: z.string().trim().min(1).max(100),
          familyName: z.string().trim().min(1).max(100),
        }),
        response: { 201: z.object({ userId: z.string(), kind: z.enum(['staff', 'partner']) }) },
      },
    },
    async (req, reply) => {
      const tenantId = req.tenant.id;
      const passwordHash = await hashPassword(req.body.password);
      const result = await db.transaction(async (tx) => {
        const [inv] = await tx
          .update(oneTimeTokens)
          .set({ usedAt: new Date() })
          .where(
            and(
              eq(oneTimeTokens.tenantId, tenantId),
              eq(oneTimeTokens.purpose, 'invitation'),
              eq(oneTimeTokens.secretHash, hashToken(req.body.token)),
              isNull(oneTimeTokens.usedAt),
              gt(oneTimeTokens.expiresAt, sql`now()`),
            ),
          )
          .returning();
        if (!inv?.address) throw new AppError('invitation.invalid', 400);
        if (await findUserByEmail(tx, tenantId, inv.address)) throw new AppError('invitation.email_taken', 409);
        const data = inv.data as TInvitationData;
        const base = {
          tenantId,
          email: inv.address,
          emailVerifiedAt: new Date(),
          givenName: req.body.givenName,
          familyName: req.body.familyName,
          passwordHash,
          locale: req.lang,
        };
        const [user] = await tx
          .insert(users)
          .values(
            data.kind === 'partner'
              ? { ...base, kind: 'partner', partnerOrgId: data.partnerOrgId, partnerRole: data.role }
              : { ...base, kind: 'staff' },
          )
          .returning();
        if (!user) throw new Error('user insert failed');
        if (data.kind === 'staff') {
          await tx.insert(roleAssignments).values(data.roles.map((r) => ({ tenantId, userId: user.id, role: r.role, unitId: r.unitId })));
        }
        await audit(tx, req, { action: 'invitation.accept', entity: 'user', entityId: user.id, data: { invitationId: inv.id } });
        const session = await createSession(tx, cfg, req, { tenantId, userId: user.id, secondFactor: false });
        return { userId: user.id, kind: data.kind, token: session.token };
      });
      setSessionCookie(reply, cfg, result.token);
      return reply.status(201).send({ userId: result.userId, kind: result.kind });
    },
  );
}
