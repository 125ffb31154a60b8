import { and, desc, eq, isNull } from 'drizzle-orm';
import { audit } from '../../platform/audit/audit.js';
import type { Db, DbOrTx } from '../../platform/db/database.js';
import { AppError } from '../../platform/http/errors.js';
import { createDevice } from '../../platform/identity/device.js';
import { hashToken, newToken } from '../../platform/identity/tokens.js';
import type { ServiceContext } from '../../platform/service-context.js';
import { open311Clients } from './schema.js';

export type TClientRow = typeof open311Clients.$inferSelect;

const KEY_PREFIX = 'o311_';

export function toClientView(c: TClientRow) {
  return {
    id: c.id,
    name: c.name,
    contact: c.contact,
    keyPrefix: c.keyPrefix,
    createdAt: c.createdAt,
    revokedAt: c.revokedAt,
    lastUsedAt: c.lastUsedAt,
  };
}

/** A new client application and its key. The key is shown once; only its SHA-256 is kept. */
export async function createClient(db: Db, ctx: ServiceContext, input: { name: string; contact?: string | null }) {
  const key = `${KEY_PREFIX}${newToken(24)}`;
  const tenantId = ctx.tenant.id;
  return db.transaction(async (tx) => {
    const device = await createDevice(tx, tenantId, `open311:${input.name}`);
    const [row] = await tx
      .insert(open311Clients)
      .values({
        tenantId,
        name: input.name,
        contact: input.contact ?? null,
        keyPrefix: key.slice(0, KEY_PREFIX.length + 6),
        keyHash: hashToken(key),
        deviceId: device.id,
        createdBy: 'userId' in ctx.actor ? (ctx.actor.userId ?? null) : null,
      })
      .returning();
    if (!row) throw new Error('client insert failed');
    await audit(tx, ctx, { action: 'open311.client_created', entity: 'open311_client', entityId: row.id, data: { name: row.name } });
    return { client: row, key };
  });
}

export async function listClients(db: DbOrTx, tenantId: string) {
  return db.select().from(open311Clients).where(eq(open311Clients.tenantId, tenantId)).orderBy(desc(open311Clients.createdAt));
}

export async function revokeClient(db: Db, ctx: ServiceContext, id: string) {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select()
      .from(open311Clients)
      .where(and(eq(open311Clients.tenantId, ctx.tenant.id), eq(open311Clients.id, id)))
      .for('update');
    if (!row) throw new AppError('open311.client_not_found', 404);
    if (row.revokedAt) throw new AppError('open311.client_revoked', 409);
    const [updated] = await tx.update(open311Clients).set({ revokedAt: new Date() }).where(eq(open311Clients.id, id)).returning();
    await audit(tx, ctx, { action: 'open311.client_revoked', entity: 'open311_client', entityId: id, data: { name: row.name } });
    return updated as TClientRow;
  });
}

/** The active client holding this key in the tenant, or null (a revoked or another tenant's key is no key). */
export async function clientByKey(db: DbOrTx, tenantId: string, key: string): Promise<TClientRow | null> {
  if (!key.startsWith(KEY_PREFIX) || key.length > 200) return null;
  const [row] = await db
    .select()
    .from(open311Clients)
    .where(and(eq(open311Clients.keyHash, hashToken(key)), eq(open311Clients.tenantId, tenantId), isNull(open311Clients.revokedAt)));
  if (!row) return null;
  await db.update(open311Clients).set({ lastUsedAt: new Date() }).where(eq(open311Clients.id, row.id));
  return row;
}
