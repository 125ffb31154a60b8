import { and, eq, or } from 'drizzle-orm';
import type { Actor } from '../../platform/access/access.js';
import type { DbOrTx } from '../../platform/db/database.js';
import { AppError } from '../../platform/http/errors.js';
import { findUserById, type TCitizen } from '../../platform/identity/people.js';
import { residents, type TVerification } from './schema.js';

/**
 * Who is taking part, and whether they may. Each consultation, proposal, survey, budget or call
 * says how sure we must be that a participant is a real, distinct person:
 *   none      any device (voter key = the device; rate limits keep it honest)
 *   phone     a citizen with a verified mobile phone, or TaxisNet
 *   taxisnet  a citizen who logged in through TaxisNet
 *   resident  a TaxisNet citizen whom the residency port confirms as a resident
 * Except for 'none', the voter key is the user id, so a person votes once whatever device they use.
 */

/** Decides whether a citizen lives in the municipality. Swap it for a real municipal roll adapter. */
export type ResidencyPort = { isResident(db: DbOrTx, tenantId: string, user: TCitizen): Promise<boolean> };

/**
 * The default: we have no address registry, so a citizen is a resident when staff marked them,
 * or when their ΑΦΜ (known from TaxisNet) is in the registry the municipality imported.
 */
export const registryResidency: ResidencyPort = {
  async isResident(db, tenantId, user) {
    const match = user.afm ? or(eq(residents.userId, user.id), eq(residents.afm, user.afm)) : eq(residents.userId, user.id);
    const [row] = await db
      .select({ id: residents.id })
      .from(residents)
      .where(and(eq(residents.tenantId, tenantId), match))
      .limit(1);
    return Boolean(row);
  },
};

let residency: ResidencyPort = registryResidency;
export function setResidencyPort(port: ResidencyPort) {
  residency = port;
}

export type TVoter = { key: string; userId: string | null; deviceId: string | null; user: TCitizen | null };

export async function voterFor(db: DbOrTx, tenantId: string, actor: Actor, level: TVerification): Promise<TVoter> {
  const userId = 'userId' in actor && actor.kind !== 'device' ? actor.userId : undefined;
  const deviceId = 'deviceId' in actor ? (actor.deviceId ?? null) : null;
  if (level === 'none') {
    if (userId) return { key: `u:${userId}`, userId, deviceId, user: (await findUserById(db, tenantId, userId)) ?? null };
    if (deviceId) return { key: `d:${deviceId}`, userId: null, deviceId, user: null };
    throw new AppError('participation.needs_signin', 401);
  }
  if (actor.kind !== 'citizen' || !userId) {
    throw new AppError(
      actor.kind === 'anonymous' || actor.kind === 'device' ? 'participation.needs_signin' : 'auth.forbidden',
      actor.kind === 'anonymous' || actor.kind === 'device' ? 401 : 403,
    );
  }
  const user = await findUserById(db, tenantId, userId);
  if (!user) throw new AppError('participation.needs_signin', 401);
  if (level === 'phone' && !user.phoneVerifiedAt && !user.taxisnetVerifiedAt) throw new AppError('participation.needs_phone', 403);
  if ((level === 'taxisnet' || level === 'resident') && !user.taxisnetVerifiedAt) throw new AppError('participation.needs_taxisnet', 403);
  if (level === 'resident' && !(await residency.isResident(db, tenantId, user))) throw new AppError('participation.needs_resident', 403);
  return { key: `u:${userId}`, userId, deviceId, user };
}

/** How a participant is shown next to what they wrote: given name and initial, never the full name. */
export function displayName(user: TCitizen | null) {
  if (!user) return '';
  const given = user.givenName?.trim() ?? '';
  const initial = user.familyName?.trim().charAt(0);
  return [given, initial ? `${initial}.` : ''].filter(Boolean).join(' ');
}

/** A key for rate limits: the person, else the device, else the address. */
export function rateKey(req: { actor?: Actor; ip: string }) {
  const a = req.actor;
  if (a && 'userId' in a && a.userId) return `u:${a.userId}`;
  if (a && 'deviceId' in a && a.deviceId) return `d:${a.deviceId}`;
  return `ip:${req.ip}`;
}
