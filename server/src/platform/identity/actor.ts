import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import type { Actor, RoleGrant } from '../access/access.js';
import { ChangeCache } from '../db/change-cache.js';
import type { Database, Db } from '../db/database.js';
import { devices, roleAssignments, sessions, users } from './identity.schema.js';
import { hashToken } from './tokens.js';

export const SESSION_COOKIE = 'dimos_session';
export const DEVICE_COOKIE = 'dimos_device';
export const DEVICE_HEADER = 'x-device-token';

/** How long a resolved session or device is trusted without asking the database (the invalidation is the NOTIFY). */
export const ACTOR_CACHE_TTL_MS = 10_000;

type SessionInfo = {
  sessionId: string;
  userId: string;
  expiresAt: number;
  lastSeenAt: number;
  secondFactor: boolean;
  kind: 'staff' | 'citizen' | 'partner';
  grants: RoleGrant[];
  partnerOrgId: string | null;
  partnerRole: 'manager' | 'member' | null;
  verified: boolean;
  taxisnet: boolean;
};
type DeviceInfo = { id: string; userId: string | undefined } | null;

/**
 * Sessions and devices resolved recently, per database (one per server process, or per test
 * file's database). The database announces every change to the tables an actor is made of
 * (a session revoked or expired, a user disabled or verified, a role granted or withdrawn, a device
 * linked: triggers of migration 0020), and every process drops its entries at that commit.
 */
const caches = new WeakMap<Database, { sessions: ChangeCache<SessionInfo | undefined>; devices: ChangeCache<DeviceInfo> }>();

function actorCaches(database: Database) {
  let c = caches.get(database);
  if (!c) {
    const opts = { ttlMs: ACTOR_CACHE_TTL_MS, maxEntries: 20_000 };
    c = {
      sessions: new ChangeCache(database, ['sessions', 'users', 'role_assignments'], opts),
      devices: new ChangeCache(database, ['devices'], opts),
    };
    caches.set(database, c);
  }
  return c;
}

/**
 * Turns a request's session cookie and device token into the actor the access rules reason about.
 * With `database` given, sessions and devices resolved in the last ACTOR_CACHE_TTL_MS are answered
 * from memory (an authenticated read then asks the database nothing for its actor).
 */
export async function resolveActor(
  db: Db,
  tenantId: string,
  tokens: { session?: string; device?: string },
  database?: Database,
): Promise<Actor> {
  const cache = database ? actorCaches(database) : undefined;
  let device: DeviceInfo = null;
  if (tokens.device) {
    const token = tokens.device;
    const load = () => loadDevice(db, tenantId, token);
    device = cache ? await cache.devices.get(`${tenantId}:${hashToken(token)}`, load, Boolean) : await load();
  }
  if (tokens.session) {
    const token = tokens.session;
    const load = () => loadSession(db, tenantId, token);
    // only live sessions are kept: a token not (yet) in the table is asked again next time
    let info = cache ? await cache.sessions.get(`${tenantId}:${hashToken(token)}`, load, Boolean) : await load();
    if (info && info.expiresAt <= Date.now()) info = undefined;
    if (info) {
      // touch at most once a minute to keep reads cheap
      if (Date.now() - info.lastSeenAt > 60_000) {
        info.lastSeenAt = Date.now();
        await db.update(sessions).set({ lastSeenAt: new Date() }).where(eq(sessions.id, info.sessionId));
      }
      return toActor(info, device?.id);
    }
  }
  if (device) return { kind: 'device', deviceId: device.id, userId: device.userId };
  return { kind: 'anonymous' };
}

function toActor(info: SessionInfo, deviceId: string | undefined): Actor {
  if (info.kind === 'staff') {
    // Administrators must pass a second factor: until this session has one, their admin
    // grants are withheld (other roles keep working) and /api/me asks them to enrol.
    const roles = info.secondFactor ? [...info.grants] : info.grants.filter((g) => g.role !== 'admin');
    return { kind: 'staff', userId: info.userId, sessionId: info.sessionId, secondFactor: info.secondFactor, roles };
  }
  if (info.kind === 'partner' && info.partnerOrgId) {
    return {
      kind: 'partner',
      userId: info.userId,
      sessionId: info.sessionId,
      partnerOrgId: info.partnerOrgId,
      partnerRole: info.partnerRole ?? 'member',
    };
  }
  return { kind: 'citizen', userId: info.userId, sessionId: info.sessionId, deviceId, verified: info.verified, taxisnet: info.taxisnet };
}

async function loadDevice(db: Db, tenantId: string, token: string): Promise<DeviceInfo> {
  const [d] = await db
    .select({ id: devices.id, userId: devices.userId })
    .from(devices)
    .where(and(eq(devices.tokenHash, hashToken(token)), eq(devices.tenantId, tenantId)));
  return d ? { id: d.id, userId: d.userId ?? undefined } : null;
}

/** The session with its user and, for staff, their role grants: one round trip. */
async function loadSession(db: Db, tenantId: string, token: string): Promise<SessionInfo | undefined> {
  const [row] = await db
    .select({
      sessionId: sessions.id,
      userId: users.id,
      expiresAt: sessions.expiresAt,
      lastSeenAt: sessions.lastSeenAt,
      secondFactor: sessions.secondFactor,
      kind: users.kind,
      partnerOrgId: users.partnerOrgId,
      partnerRole: users.partnerRole,
      verified: sql<boolean>`(${users.phoneVerifiedAt} is not null or ${users.emailVerifiedAt} is not null or ${users.taxisnetVerifiedAt} is not null)`,
      taxisnet: sql<boolean>`(${users.taxisnetVerifiedAt} is not null)`,
      grants: sql<RoleGrant[]>`case when ${users.kind} = 'staff' then coalesce((
          select json_agg(json_build_object('role', ${roleAssignments.role}, 'unitId', ${roleAssignments.unitId}))
            from ${roleAssignments} where ${roleAssignments.userId} = ${users.id}), '[]'::json) else '[]'::json end`,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(
      and(
        eq(sessions.tokenHash, hashToken(token)),
        eq(sessions.tenantId, tenantId),
        isNull(sessions.revokedAt),
        gt(sessions.expiresAt, sql`now()`),
        isNull(users.disabledAt),
      ),
    );
  if (!row) return undefined;
  const grants = typeof row.grants === 'string' ? (JSON.parse(row.grants) as RoleGrant[]) : row.grants;
  return {
    sessionId: row.sessionId,
    userId: row.userId,
    expiresAt: row.expiresAt.getTime(),
    lastSeenAt: row.lastSeenAt.getTime(),
    secondFactor: row.secondFactor,
    kind: row.kind,
    grants: grants.map((g) => ({ role: g.role, unitId: g.unitId ?? null })),
    partnerOrgId: row.partnerOrgId,
    partnerRole: row.partnerRole,
    verified: Boolean(row.verified),
    taxisnet: Boolean(row.taxisnet),
  };
}
