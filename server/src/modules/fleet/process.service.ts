import { and, eq, gte, inArray, isNull, lte, or } from 'drizzle-orm';
import type { Platform } from '../../platform/context.js';
import type { DbOrTx } from '../../platform/db/database.js';
import { type Position, positionsAfter } from '../../platform/telemetry/index.js';
import { detect, newState, type TArea, type TDetectorState } from './detect.js';
import {
  fleetCursor,
  fleetDrivers,
  fleetEvents,
  fleetGeofences,
  fleetShifts,
  fleetStops,
  fleetTrips,
  fleetVehicleState,
  fleetVehicles,
} from './schema.js';

/**
 * Walks telemetry's positions in ingest order (`positionsAfter`) with a durable cursor and turns
 * them into trips, stops and events. One batch is one transaction: the outputs, each vehicle's
 * detector state and the cursor are written together, under a row lock on the cursor, so a crash
 * loses nothing and a second worker or a re-run counts nothing twice.
 *
 * Positions committed out of `seq` order (two ingest transactions racing) are why the walk stops
 * at fixes received less than `SETTLE_MS` ago: a lower seq still in flight is then picked up first.
 */

export const PROCESS_QUEUE = 'fleet.process';
export const CURSOR = 'fleet.positions';
export const SETTLE_MS = 3000;
const BATCH = 5000;

type TStateJson = Omit<TDetectorState, never>;

export async function processBatch(platform: Platform, opts: { settleMs?: number; limit?: number } = {}) {
  const settle = opts.settleMs ?? SETTLE_MS;
  return platform.db.transaction(async (tx) => {
    await tx.insert(fleetCursor).values({ name: CURSOR, seq: '0' }).onConflictDoNothing();
    const [cur] = await tx.select().from(fleetCursor).where(eq(fleetCursor.name, CURSOR)).for('update');
    const after = cur?.seq ?? '0';
    const got = await positionsAfter(tx, { afterSeq: after, limit: opts.limit ?? BATCH });
    const horizon = Date.now() - settle;
    const batch: Position[] = [];
    for (const p of got) {
      if (p.receivedAt.getTime() > horizon) break;
      batch.push(p);
    }
    if (!batch.length) return { processed: 0, more: false };
    await applyPositions(tx, batch);
    const last = batch[batch.length - 1] as Position;
    await tx.update(fleetCursor).set({ seq: last.seq, updatedAt: new Date() }).where(eq(fleetCursor.name, CURSOR));
    return { processed: batch.length, more: batch.length === got.length && got.length === (opts.limit ?? BATCH) };
  });
}

/** Runs batches until caught up (bounded). */
export async function processAll(platform: Platform, opts: { settleMs?: number; maxBatches?: number } = {}) {
  let total = 0;
  for (let i = 0; i < (opts.maxBatches ?? 100); i++) {
    const r = await processBatch(platform, opts);
    total += r.processed;
    if (!r.more) break;
  }
  return total;
}

async function applyPositions(tx: DbOrTx, batch: Position[]) {
  const deviceIds = [...new Set(batch.map((p) => p.deviceId))];
  const vehicles = await tx.select().from(fleetVehicles).where(inArray(fleetVehicles.deviceId, deviceIds));
  if (!vehicles.length) return;
  const states = await tx
    .select()
    .from(fleetVehicleState)
    .where(
      inArray(
        fleetVehicleState.vehicleId,
        vehicles.map((v) => v.id),
      ),
    );
  const tenants = [...new Set(vehicles.map((v) => v.tenantId))];
  const fences = await tx.select().from(fleetGeofences).where(inArray(fleetGeofences.tenantId, tenants));

  for (const v of vehicles) {
    const fixes = batch
      .filter((p) => p.deviceId === v.deviceId && p.tenantId === v.tenantId)
      .sort((a, b) => a.fixTime.getTime() - b.fixTime.getTime());
    if (!fixes.length) continue;
    const state = (states.find((s) => s.vehicleId === v.id)?.state as TStateJson | undefined) ?? newState();
    const areas: TArea[] = fences
      .filter((f) => f.tenantId === v.tenantId)
      .map((f) => ({ id: f.id, polygon: f.polygon, speedLimitKmh: f.speedLimitKmh, kind: f.kind }));
    const out = detect(state, fixes, v, areas);

    for (const t of out.trips) {
      const driverUserId = await driverOf(tx, v.tenantId, v.id, t.driverUniqueId, t.startAt);
      await tx
        .insert(fleetTrips)
        .values({ ...t, tenantId: v.tenantId, vehicleId: v.id, driverUserId })
        .onConflictDoNothing();
    }
    if (out.stops.length)
      await tx
        .insert(fleetStops)
        .values(out.stops.map((s) => ({ ...s, tenantId: v.tenantId, vehicleId: v.id })))
        .onConflictDoNothing();
    if (out.events.length)
      await tx
        .insert(fleetEvents)
        .values(
          out.events.map((e) => ({
            tenantId: v.tenantId,
            vehicleId: v.id,
            kind: e.kind,
            at: e.at,
            lat: e.lat,
            lon: e.lon,
            geofenceId: e.geofenceId ?? null,
            value: e.value ?? null,
            limitKmh: e.limitKmh ?? null,
            data: e.data ?? {},
          })),
        )
        .onConflictDoNothing();

    // odometer and engine hours: from the tracker when it reports them, else what the trips add
    const lastOdo = [...fixes].reverse().find((f) => f.odometerKm != null)?.odometerKm;
    const lastHours = [...fixes].reverse().find((f) => f.engineHours != null)?.engineHours;
    const addKm = out.trips.reduce((s, t) => s + t.distanceKm, 0);
    const addH = out.trips.reduce((s, t) => s + (t.engineHours ?? t.durationS / 3600), 0);
    await tx
      .update(fleetVehicles)
      .set({
        odometerKm: lastOdo != null ? Math.max(v.odometerKm, lastOdo) : v.odometerKm + addKm,
        engineHours: lastHours != null ? Math.max(v.engineHours, lastHours) : v.engineHours + addH,
      })
      .where(eq(fleetVehicles.id, v.id));
    await tx
      .insert(fleetVehicleState)
      .values({ vehicleId: v.id, tenantId: v.tenantId, state: state as Record<string, unknown> })
      .onConflictDoUpdate({ target: fleetVehicleState.vehicleId, set: { state: state as Record<string, unknown>, updatedAt: new Date() } });
  }
}

/** Who drove: the card the tracker reported, else the person whose shift on the vehicle covers the start. */
async function driverOf(tx: DbOrTx, tenantId: string, vehicleId: string, card: string | null, at: Date) {
  if (card) {
    const [d] = await tx
      .select({ userId: fleetDrivers.userId })
      .from(fleetDrivers)
      .where(and(eq(fleetDrivers.tenantId, tenantId), eq(fleetDrivers.driverUniqueId, card)));
    if (d) return d.userId;
  }
  const [s] = await tx
    .select({ userId: fleetShifts.userId })
    .from(fleetShifts)
    .where(
      and(
        eq(fleetShifts.tenantId, tenantId),
        eq(fleetShifts.vehicleId, vehicleId),
        lte(fleetShifts.startedAt, at),
        or(isNull(fleetShifts.endedAt), gte(fleetShifts.endedAt, at)),
      ),
    )
    .limit(1);
  return s?.userId ?? null;
}
