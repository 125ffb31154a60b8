import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import type { Actor } from '../access/access.js';
import type { Db } from '../db/database.js';
import { devices, roleAssignments, sessions, users } from './identity.schema.js';
import { hashToken } from './tokens.js';

export const SESSION_COOKIE = 'dimos_session';
export const DEVICE_COOKIE = 'dimos_device';
export const DEVICE_HEADER = 'x-device-token';

/** Turns a request's session cookie and device token into the actor the access rules reason about. */
export async function resolveActor(db: Db, tenantId: string, tokens: { session?: string; device?: string }): Promise<Actor> {
  let deviceId: string | undefined;
  let deviceUserId: string | undefined;
  if (tokens.device) {
    const [d] = await db
      .select({ id: devices.id, userId: devices.userId })
      .from(devices)
      .where(and(eq(devices.tokenHash, hashToken(tokens.device)), eq(devices.tenantId, tenantId)));
    if (d) {
      deviceId = d.id;
      deviceUserId = d.userId ?? undefined;
    }
  }
  if (tokens.session) {
    const [row] = await db
      .select({ session: sessions, user: users })
      .from(sessions)
      .innerJoin(users, eq(users.id, sessions.userId))
      .where(
        and(
          eq(sessions.tokenHash, hashToken(tokens.session)),
          eq(sessions.tenantId, tenantId),
          isNull(sessions.revokedAt),
          gt(sessions.expiresAt, sql`now()`),
          isNull(users.disabledAt),
        ),
      );
    if (row) {
      const { session, user } = row;
      // touch at most once a minute to keep reads cheap
      if (Date.now() - session.lastSeenAt.getTime() > 60_000) {
        await db.update(sessions).set({ lastSeenAt: new Date() }).where(eq(sessions.id, session.id));
      }
      if (user.kind === 'staff') {
        const grants = await db
          .select({ role: roleAssignments.role, unitId: roleAssignments.unitId })
          .from(roleAssignments)
          .where(eq(roleAssignments.userId, user.id));
        // Administrators must pass a second factor: until this session has one, their admin
        // grants are withheld (other roles keep working) and /api/me asks them to enrol.
        const roles = session.secondFactor ? grants : grants.filter((g) => g.role !== 'admin');
        return { kind: 'staff', userId: user.id, sessionId: session.id, secondFactor: session.secondFactor, roles };
      }
      if (user.kind === 'partner' && user.partnerOrgId) {
        return {
          kind: 'partner',
          userId: user.id,
          sessionId: session.id,
          partnerOrgId: user.partnerOrgId,
          partnerRole: user.partnerRole ?? 'member',
        };
      }
      return {
        kind: 'citizen',
        userId: user.id,
        sessionId: session.id,
        deviceId,
        verified: Boolean(user.phoneVerifiedAt || user.emailVerifiedAt || user.taxisnetVerifiedAt),
        taxisnet: Boolean(user.taxisnetVerifiedAt),
      };
    }
  }
  if (deviceId) return { kind: 'device', deviceId, userId: deviceUserId };
  return { kind: 'anonymous' };
}
