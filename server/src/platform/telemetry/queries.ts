import { and, asc, eq, gt, gte, lte, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/database.js';
import { rows as resultRows } from '../db/database.js';
import { positions } from './positions.table.js';
import { deviceMessages } from './telemetry.schema.js';
import type { DeviceMessage, Position } from './types.js';

export function toPosition(r: typeof positions.$inferSelect): Position {
  return { ...r, seq: String(r.seq), attributes: r.attributes ?? {} };
}

/** A device's fixes between two times, by fix time. */
export async function positionsOf(db: DbOrTx, tenantId: string, deviceId: string, from: Date, to: Date): Promise<Position[]> {
  const list = await db
    .select()
    .from(positions)
    .where(
      and(eq(positions.tenantId, tenantId), eq(positions.deviceId, deviceId), gte(positions.fixTime, from), lte(positions.fixTime, to)),
    )
    .orderBy(asc(positions.fixTime));
  return list.map(toPosition);
}

/** The latest fix of each of the tenant's devices (by fix time). */
export async function latestPositions(db: DbOrTx, tenantId: string): Promise<Position[]> {
  const result = await db.execute(sql`
    select p.* from telemetry_devices d
    cross join lateral (
      select * from positions p where p.device_id = d.id and p.tenant_id = ${tenantId} order by p.fix_time desc limit 1
    ) p
    where d.tenant_id = ${tenantId}`);
  return resultRows<Record<string, unknown>>(result).map(fromRaw);
}

function fromRaw(r: Record<string, unknown>): Position {
  const n = (v: unknown) => (v === null || v === undefined ? null : Number(v));
  return {
    seq: String(r.seq),
    tenantId: String(r.tenant_id),
    deviceId: String(r.device_id),
    fixTime: new Date(r.fix_time as string),
    receivedAt: new Date(r.received_at as string),
    lat: Number(r.lat),
    lon: Number(r.lon),
    speedKmh: n(r.speed_kmh),
    course: n(r.course),
    altitude: n(r.altitude),
    accuracy: n(r.accuracy),
    battery: n(r.battery),
    ignition: (r.ignition as boolean | null) ?? null,
    motion: (r.motion as boolean | null) ?? null,
    fuelLevel: n(r.fuel_level),
    odometerKm: n(r.odometer_km),
    engineHours: n(r.engine_hours),
    driverUniqueId: (r.driver_unique_id as string | null) ?? null,
    trusted: Boolean(r.trusted),
    untrustedReason: (r.untrusted_reason as string | null) ?? null,
    attributes: (typeof r.attributes === 'string' ? JSON.parse(r.attributes) : r.attributes) ?? {},
  };
}

/**
 * For durable cursors (trips, geofences, fuel events): every tenant's fixes after `afterSeq`, in seq
 * order. Seqs are handed out and committed in order (the ingest serialises its commits), so a cursor
 * never skips a row committed later with a smaller seq.
 */
export async function positionsAfter(db: DbOrTx, opts: { afterSeq: string; limit: number }): Promise<Position[]> {
  const list = await db
    .select()
    .from(positions)
    .where(gt(positions.seq, BigInt(opts.afterSeq)))
    .orderBy(asc(positions.seq))
    .limit(Math.max(1, Math.min(opts.limit, 10_000)));
  return list.map(toPosition);
}

export async function messagesAfter<T>(db: DbOrTx, opts: { type: string; afterSeq: string; limit: number }): Promise<DeviceMessage<T>[]> {
  const list = await db
    .select()
    .from(deviceMessages)
    .where(and(eq(deviceMessages.type, opts.type), gt(deviceMessages.seq, BigInt(opts.afterSeq))))
    .orderBy(asc(deviceMessages.seq))
    .limit(Math.max(1, Math.min(opts.limit, 10_000)));
  return list.map((m) => ({ ...m, seq: String(m.seq), payload: m.payload as T }));
}
