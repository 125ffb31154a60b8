import { and, eq, sql } from 'drizzle-orm';
import { audit } from '../audit/audit.js';
import type { DbOrTx } from '../db/database.js';
import { AppError } from '../http/errors.js';
import { hashToken, newToken, sameHash } from '../identity/tokens.js';
import type { ServiceContext } from '../service-context.js';
import { telemetryDevices, telemetryRefusals } from './telemetry.schema.js';
import type { DeviceInfo, DeviceKind } from './types.js';

type DeviceRow = typeof telemetryDevices.$inferSelect;

const refusedTotal = sql<number>`coalesce((select sum(r.count) from telemetry_refusals r where r.device_id = telemetry_devices.id), 0)::float8`;

function toInfo(row: DeviceRow, refused: number): DeviceInfo {
  return {
    id: row.id,
    tenantId: row.tenantId,
    kind: row.kind,
    uniqueId: row.uniqueId,
    name: row.name,
    disabledAt: row.disabledAt,
    lastSeenAt: row.lastSeenAt,
    accepted: Number(row.accepted),
    refused: Number(refused),
  };
}

export const UNIQUE_ID = /^[A-Za-z0-9._:-]{1,64}$/;

/** Registers a device and returns its secret, shown this once (only its hash is kept). */
export async function createDevice(
  db: DbOrTx,
  ctx: ServiceContext,
  input: { kind: DeviceKind; uniqueId: string; name: string },
): Promise<{ device: DeviceInfo; secret: string }> {
  if (!UNIQUE_ID.test(input.uniqueId)) {
    throw new AppError('telemetry.unique_id_invalid', 400, {}, [{ field: 'uniqueId', code: 'telemetry.unique_id_invalid' }]);
  }
  const secret = newToken(24);
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(telemetryDevices)
      .values({ tenantId: ctx.tenant.id, kind: input.kind, uniqueId: input.uniqueId, name: input.name, secretHash: hashToken(secret) })
      .onConflictDoNothing()
      .returning();
    if (!row)
      throw new AppError('telemetry.device_exists', 409, { uniqueId: input.uniqueId }, [
        { field: 'uniqueId', code: 'telemetry.device_exists' },
      ]);
    await audit(tx, ctx, {
      action: 'telemetry.device.create',
      entity: 'telemetry_device',
      entityId: row.id,
      data: { kind: row.kind, uniqueId: row.uniqueId },
    });
    return { device: toInfo(row, 0), secret };
  });
}

/** A new secret for the device; the old one stops working at once (in every process: see `invalidate`). */
export async function rotateDeviceSecret(db: DbOrTx, ctx: ServiceContext, deviceId: string): Promise<{ secret: string }> {
  const secret = newToken(24);
  await db.transaction(async (tx) => {
    const [row] = await tx
      .update(telemetryDevices)
      .set({ secretHash: hashToken(secret), secretRotatedAt: new Date() })
      .where(and(eq(telemetryDevices.tenantId, ctx.tenant.id), eq(telemetryDevices.id, deviceId)))
      .returning({ id: telemetryDevices.id });
    if (!row) throw new AppError('telemetry.device_not_found', 404);
    await audit(tx, ctx, { action: 'telemetry.device.rotate_secret', entity: 'telemetry_device', entityId: deviceId });
  });
  deviceChanged(deviceId);
  return { secret };
}

/** Disables (or enables again) a device: a disabled device's input is refused and counted. */
export async function setDeviceDisabled(db: DbOrTx, ctx: ServiceContext, deviceId: string, disabled: boolean): Promise<DeviceInfo> {
  const info = await db.transaction(async (tx) => {
    const [row] = await tx
      .update(telemetryDevices)
      .set({ disabledAt: disabled ? new Date() : null })
      .where(and(eq(telemetryDevices.tenantId, ctx.tenant.id), eq(telemetryDevices.id, deviceId)))
      .returning({ id: telemetryDevices.id });
    if (!row) throw new AppError('telemetry.device_not_found', 404);
    await audit(tx, ctx, {
      action: disabled ? 'telemetry.device.disable' : 'telemetry.device.enable',
      entity: 'telemetry_device',
      entityId: deviceId,
    });
    return getDevice(tx, ctx.tenant.id, deviceId);
  });
  deviceChanged(deviceId);
  return info as DeviceInfo;
}

export async function getDevice(db: DbOrTx, tenantId: string, id: string): Promise<DeviceInfo | undefined> {
  const [r] = await db
    .select({ row: telemetryDevices, refused: refusedTotal })
    .from(telemetryDevices)
    .where(and(eq(telemetryDevices.tenantId, tenantId), eq(telemetryDevices.id, id)));
  return r ? toInfo(r.row, r.refused) : undefined;
}

export async function listDevices(db: DbOrTx, tenantId: string, opts: { kind?: DeviceKind } = {}): Promise<DeviceInfo[]> {
  const rows = await db
    .select({ row: telemetryDevices, refused: refusedTotal })
    .from(telemetryDevices)
    .where(and(eq(telemetryDevices.tenantId, tenantId), opts.kind ? eq(telemetryDevices.kind, opts.kind) : undefined))
    .orderBy(telemetryDevices.name, telemetryDevices.uniqueId);
  return rows.map((r) => toInfo(r.row, r.refused));
}

/** Refusals of the tenant, by device (null: unknown devices) and reason, for staff. */
export async function listRefusals(db: DbOrTx, tenantId: string) {
  return db
    .select({
      deviceId: telemetryRefusals.deviceId,
      reason: telemetryRefusals.reason,
      count: telemetryRefusals.count,
      lastAt: telemetryRefusals.lastAt,
    })
    .from(telemetryRefusals)
    .where(eq(telemetryRefusals.tenantId, tenantId))
    .orderBy(telemetryRefusals.reason);
}

// ---- authentication, cached: devices send often, the registry changes rarely ----

export type AuthDevice = { id: string; tenantId: string; uniqueId: string; kind: DeviceKind; secretHash: string; disabled: boolean };
const CACHE_MS = 60_000;
const cache = new Map<string, { at: number; device: AuthDevice | null }>();
const changeListeners = new Set<(deviceId: string) => void>();

/** Drops cached registry rows (after a rotation or disable); the ingest also tells other processes. */
export function invalidate(deviceId?: string) {
  if (!deviceId) {
    cache.clear();
    return;
  }
  for (const [k, v] of cache) if (v.device?.id === deviceId) cache.delete(k);
}

function deviceChanged(deviceId: string) {
  invalidate(deviceId);
  for (const l of changeListeners) l(deviceId);
}

export function onDeviceChanged(l: (deviceId: string) => void) {
  changeListeners.add(l);
  return () => changeListeners.delete(l);
}

/** The device registered as `uniqueId` in the tenant, from a short cache. */
export async function findDevice(db: DbOrTx, tenantId: string, uniqueId: string): Promise<AuthDevice | null> {
  const key = `${tenantId}|${uniqueId}`;
  const hit = cache.get(key);
  if (hit && Date.now() - hit.at < CACHE_MS) return hit.device;
  const [row] = await db
    .select()
    .from(telemetryDevices)
    .where(and(eq(telemetryDevices.tenantId, tenantId), eq(telemetryDevices.uniqueId, uniqueId)));
  const device = row
    ? {
        id: row.id,
        tenantId: row.tenantId,
        uniqueId: row.uniqueId,
        kind: row.kind,
        secretHash: row.secretHash,
        disabled: row.disabledAt !== null,
      }
    : null;
  if (cache.size > 50_000) cache.clear();
  cache.set(key, { at: Date.now(), device });
  return device;
}

export type AuthResult =
  | { ok: true; device: AuthDevice }
  | { ok: false; reason: 'unknown_device' | 'bad_secret' | 'disabled'; device: AuthDevice | null };

/** Checks a device's secret (SHA-256 of a random secret, compared in constant time). */
export async function authenticateDevice(db: DbOrTx, tenantId: string, uniqueId: string, secret: string | undefined): Promise<AuthResult> {
  const device = await findDevice(db, tenantId, uniqueId);
  if (!device) return { ok: false, reason: 'unknown_device', device: null };
  if (!secret || !sameHash(hashToken(secret), device.secretHash)) return { ok: false, reason: 'bad_secret', device };
  if (device.disabled) return { ok: false, reason: 'disabled', device };
  return { ok: true, device };
}
