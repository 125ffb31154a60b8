import { and, eq } from 'drizzle-orm';
import { type Actor, can } from '../access/access.js';
import type { DbOrTx } from '../db/database.js';
import { devices } from '../identity/identity.schema.js';
import type { files } from './files.schema.js';

/**
 * Decides whether a module lets the actor see a file, because the file is attached to
 * something of the module's that the actor may see (a case's attachment, a report's photo).
 * Return true to grant; false means "not through me". A rule never refuses: refusing is
 * the default when nobody grants.
 */
export type FileAccessRule = (actor: Actor, fileId: string, tenantId: string, db: DbOrTx) => Promise<boolean>;

const rules: { name?: string; rule: FileAccessRule }[] = [];

/**
 * Modules add their rules once at start (in their ApiPart `setup`). Registering the same
 * function, or another one under the same name, replaces the earlier one, so building
 * many apps in one process (tests) does not stack up duplicates.
 */
export function registerFileAccess(rule: FileAccessRule, opts: { name?: string } = {}) {
  const existing = rules.findIndex((r) => r.rule === rule || (opts.name !== undefined && r.name === opts.name));
  if (existing >= 0) rules.splice(existing, 1);
  rules.push({ name: opts.name, rule });
}

type TFileRow = typeof files.$inferSelect;

function actorIds(actor: Actor): { userId?: string; deviceId?: string } {
  switch (actor.kind) {
    case 'anonymous':
      return {};
    case 'device':
      return { userId: actor.userId, deviceId: actor.deviceId };
    case 'citizen':
      return { userId: actor.userId, deviceId: actor.deviceId };
    default:
      return { userId: actor.userId };
  }
}

/**
 * Who may download a file (the row is already known to be in the request's tenant):
 * public files anyone; private files the owner (the same user, the same device, a device
 * of the owning user, or the user a device that uploaded it now belongs to), staff with
 * `files.read_any`, or whoever a module's rule lets through.
 */
export async function canReadFile(db: DbOrTx, actor: Actor, file: TFileRow): Promise<boolean> {
  if (file.visibility === 'public') return true;
  const me = actorIds(actor);
  if (me.userId && file.ownerUserId === me.userId) return true;
  if (me.deviceId && file.ownerDeviceId === me.deviceId) return true;
  if (me.userId && file.ownerDeviceId) {
    // uploaded anonymously from a phone that has since signed in as this user
    const [d] = await db
      .select({ id: devices.id })
      .from(devices)
      .where(and(eq(devices.id, file.ownerDeviceId), eq(devices.tenantId, file.tenantId), eq(devices.userId, me.userId)));
    if (d) return true;
  }
  if (can(actor, 'files.read_any')) return true;
  for (const { rule } of rules) {
    if (await rule(actor, file.id, file.tenantId, db)) return true;
  }
  return false;
}
