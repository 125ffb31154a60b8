import type { DbOrTx } from '../db/database.js';
import { devices } from './identity.schema.js';
import { hashToken, newToken } from './tokens.js';

/** A new anonymous device identity: the token goes to the device, only its hash is kept. */
export async function createDevice(db: DbOrTx, tenantId: string, userAgent?: string) {
  const token = newToken();
  const [row] = await db
    .insert(devices)
    .values({ tenantId, tokenHash: hashToken(token), userAgent: userAgent?.slice(0, 300) })
    .returning({ id: devices.id });
  if (!row) throw new Error('device insert failed');
  return { id: row.id, token };
}
