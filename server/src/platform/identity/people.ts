import { and, eq, type SQL, sql } from 'drizzle-orm';
import type { Actor } from '../access/access.js';
import type { DbOrTx } from '../db/database.js';
import { devices, users } from './identity.schema.js';

/**
 * The public face of identity for modules: who a person is across their devices.
 * Modules that keep things per device (reports, drafts, subscriptions) list "my things"
 * with `deviceIdsOf`, so a citizen who verified a phone on two devices sees both histories.
 */

/** Every device id of the actor's person: all devices joined to the user, plus the current one. */
export async function deviceIdsOf(db: DbOrTx, tenantId: string, actor: Actor): Promise<string[]> {
  const ids = new Set<string>();
  if ('deviceId' in actor && actor.deviceId) ids.add(actor.deviceId);
  const userId = 'userId' in actor ? actor.userId : undefined;
  if (userId) {
    const rows = await db
      .select({ id: devices.id })
      .from(devices)
      .where(and(eq(devices.tenantId, tenantId), eq(devices.userId, userId)));
    for (const r of rows) ids.add(r.id);
  }
  return [...ids];
}

/**
 * `deviceIdsOf` as a `uuid[]` expression for a read that must stay one round trip (a citizen's
 * "my requests"): PostgreSQL computes it once per query, and `column = any(...)` still uses an index.
 */
export function deviceIdsArray(tenantId: string, actor: Actor): SQL {
  const own = 'deviceId' in actor && actor.deviceId ? actor.deviceId : undefined;
  const userId = 'userId' in actor ? actor.userId : undefined;
  if (!userId) return own ? sql`array[${own}::uuid]` : sql`'{}'::uuid[]`;
  const current = own ? sql` union select ${own}::uuid` : sql``;
  return sql`array(select ${devices.id} from ${devices} where ${devices.tenantId} = ${tenantId} and ${devices.userId} = ${userId}${current})`;
}

/** The user id behind an actor, if any (a device joined to a citizen counts). */
export function userIdOf(actor: Actor): string | undefined {
  return 'userId' in actor ? actor.userId : undefined;
}

/** Joins a device to a person, so its history becomes theirs. */
export async function attachDevice(db: DbOrTx, tenantId: string, deviceId: string | undefined | null, userId: string) {
  if (!deviceId) return;
  await db
    .update(devices)
    .set({ userId, lastSeenAt: new Date() })
    .where(and(eq(devices.tenantId, tenantId), eq(devices.id, deviceId)));
}

export type TCitizen = typeof users.$inferSelect;

export async function findCitizenByPhone(db: DbOrTx, tenantId: string, phone: string) {
  const [row] = await db
    .select()
    .from(users)
    .where(and(eq(users.tenantId, tenantId), eq(users.kind, 'citizen'), eq(users.phone, phone)));
  return row;
}

/** Any user with that e-mail: e-mail addresses are unique per tenant across staff, partners and citizens. */
export async function findUserByEmail(db: DbOrTx, tenantId: string, email: string) {
  const [row] = await db
    .select()
    .from(users)
    .where(and(eq(users.tenantId, tenantId), sql`lower(${users.email}) = ${email.toLowerCase()}`));
  return row;
}

export async function findUserById(db: DbOrTx, tenantId: string, userId: string) {
  const [row] = await db
    .select()
    .from(users)
    .where(and(eq(users.tenantId, tenantId), eq(users.id, userId)));
  return row;
}

export async function createCitizen(db: DbOrTx, tenantId: string, values: Partial<typeof users.$inferInsert>) {
  const [row] = await db
    .insert(users)
    .values({ ...values, tenantId, kind: 'citizen' })
    .returning();
  if (!row) throw new Error('citizen insert failed');
  return row;
}
