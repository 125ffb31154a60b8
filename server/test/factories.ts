import { randomBytes } from 'node:crypto';
import type { DbOrTx } from '../src/platform/db/database.js';
import { devices, roleAssignments, sessions, type TStaffRole, users } from '../src/platform/identity/identity.schema.js';
import { hashPassword } from '../src/platform/identity/password.js';
import { hashToken, newToken } from '../src/platform/identity/tokens.js';
import { DEMO_BOUNDARY } from '../src/platform/seed/demo.js';
import { orgUnits, partnerOrgs } from '../src/platform/tenancy/org.schema.js';
import { tenants } from '../src/platform/tenancy/tenancy.schema.js';

/** Small factories: each test makes its own tenant and people, so tests never depend on each other. */
const suffix = () => randomBytes(4).toString('hex');

export async function makeTenant(db: DbOrTx, over: Partial<typeof tenants.$inferInsert> = {}) {
  const slug = over.slug ?? `t-${suffix()}`;
  const [row] = await db
    .insert(tenants)
    .values({ slug, nameEl: `Δήμος ${slug}`, nameEn: `Municipality ${slug}`, boundary: DEMO_BOUNDARY, ...over })
    .returning();
  if (!row) throw new Error('tenant');
  return row;
}

export async function makeUnit(db: DbOrTx, tenantId: string, over: Partial<typeof orgUnits.$inferInsert> = {}) {
  const code = over.code ?? `U${suffix()}`;
  const [row] = await db
    .insert(orgUnits)
    .values({ tenantId, code, kind: 'department', nameEl: `Τμήμα ${code}`, nameEn: `Department ${code}`, ...over })
    .returning();
  if (!row) throw new Error('unit');
  return row;
}

let cachedHash: Promise<string> | undefined;
export const TEST_PASSWORD = 'Σωστός-κωδικός-2026';

export async function makeUser(db: DbOrTx, tenantId: string, over: Partial<typeof users.$inferInsert> = {}) {
  cachedHash ??= hashPassword(TEST_PASSWORD);
  const [row] = await db
    .insert(users)
    .values({
      tenantId,
      kind: 'staff',
      email: `user-${suffix()}@example.gr`,
      givenName: 'Δοκιμή',
      familyName: 'Χρήστης',
      passwordHash: await cachedHash,
      ...over,
    })
    .returning();
  if (!row) throw new Error('user');
  return row;
}

export async function makeStaff(
  db: DbOrTx,
  tenantId: string,
  role: TStaffRole,
  unitId: string | null = null,
  over: Partial<typeof users.$inferInsert> = {},
) {
  const user = await makeUser(db, tenantId, { kind: 'staff', ...over });
  await db.insert(roleAssignments).values({ tenantId, userId: user.id, role, unitId });
  return user;
}

export async function makePartnerOrg(db: DbOrTx, tenantId: string, over: Partial<typeof partnerOrgs.$inferInsert> = {}) {
  const [row] = await db
    .insert(partnerOrgs)
    .values({ tenantId, kind: 'school', name: `Σχολείο ${suffix()}`, ...over })
    .returning();
  if (!row) throw new Error('partner');
  return row;
}

/** A signed-in session for a user, as a Cookie header value; second factor already passed. */
export async function sessionCookie(db: DbOrTx, user: { id: string; tenantId: string }, secondFactor = true) {
  const token = newToken();
  await db.insert(sessions).values({
    tenantId: user.tenantId,
    userId: user.id,
    tokenHash: hashToken(token),
    secondFactor,
    expiresAt: new Date(Date.now() + 3600_000),
  });
  return `dimos_session=${token}`;
}

export async function makeDevice(db: DbOrTx, tenantId: string, userId?: string) {
  const token = newToken();
  const [row] = await db
    .insert(devices)
    .values({ tenantId, tokenHash: hashToken(token), userId })
    .returning();
  if (!row) throw new Error('device');
  return { ...row, token };
}

/** A staff member with one role and a signed-in session: `{ user, cookie }` for `headers({ cookie })`. */
export async function makeStaffSession(db: DbOrTx, tenantId: string, role: TStaffRole, unitId: string | null = null) {
  const user = await makeStaff(db, tenantId, role, unitId);
  return { user, cookie: await sessionCookie(db, user) };
}
