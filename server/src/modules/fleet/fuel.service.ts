import { and, asc, eq, gte, inArray, lte } from 'drizzle-orm';
import { z } from 'zod';
import { can } from '../../platform/access/access.js';
import { audit } from '../../platform/audit/audit.js';
import type { DbOrTx } from '../../platform/db/database.js';
import { getFileMeta } from '../../platform/files/index.js';
import { AppError, fieldError } from '../../platform/http/errors.js';
import type { ServiceContext } from '../../platform/service-context.js';
import { positionsOf } from '../../platform/telemetry/index.js';
import { fuelUsedAcrossRefuels, round } from './detect.js';
import { fleetEvents, fleetRefuels, fleetTrips, fleetVehicles } from './schema.js';
import { activeShift, getVehicle, type TVehicleRow } from './vehicles.service.js';

export const ZRefuelBody = z.object({
  vehicleId: z.uuid(),
  at: z.coerce.date().optional(),
  litres: z.number().positive().max(2000),
  cost: z.number().min(0).max(100_000).nullish(),
  odometerKm: z.number().min(0).max(5_000_000).nullish(),
  station: z.string().trim().max(200).nullish(),
  fullTank: z.boolean().default(true),
  receiptFileId: z.uuid().nullish(),
  /** The phone's key for this entry: sending it again stores nothing new. */
  clientKey: z.string().trim().min(8).max(80).nullish(),
});

/**
 * A refuelling, entered by the driver on shift with that vehicle (or by whoever manages the fleet).
 * The receipt photo is an image the same person uploaded through the files area.
 */
export async function logRefuel(db: DbOrTx, ctx: ServiceContext, body: z.infer<typeof ZRefuelBody>) {
  if (ctx.actor.kind !== 'staff') throw new AppError('auth.forbidden', 403);
  const userId = ctx.actor.userId;
  const manager = can(ctx.actor, 'fleet.manage');
  return db.transaction(async (tx) => {
    if (body.clientKey) {
      const [prev] = await tx
        .select()
        .from(fleetRefuels)
        .where(and(eq(fleetRefuels.tenantId, ctx.tenant.id), eq(fleetRefuels.clientKey, body.clientKey)));
      if (prev) return prev;
    }
    const v = await getVehicle(tx, ctx.tenant.id, body.vehicleId);
    if (!manager) {
      const shift = await activeShift(tx, ctx.tenant.id, userId);
      if (shift?.vehicleId !== v.id) throw fieldError('vehicleId', 'fleet.not_your_vehicle');
    }
    if (v.tankLitres != null && body.litres > v.tankLitres * 1.05)
      throw fieldError('litres', 'fleet.litres_over_tank', { tank: v.tankLitres });
    if (body.receiptFileId) {
      const f = await getFileMeta(tx, ctx.tenant.id, body.receiptFileId);
      if (f?.kind !== 'image' || (f?.ownerUserId !== userId && !manager)) throw fieldError('receiptFileId', 'fleet.receipt_invalid');
    }
    const [row] = await tx
      .insert(fleetRefuels)
      .values({
        tenantId: ctx.tenant.id,
        vehicleId: v.id,
        userId,
        at: body.at ?? new Date(),
        litres: body.litres,
        cost: body.cost ?? null,
        odometerKm: body.odometerKm ?? null,
        station: body.station ?? null,
        fullTank: body.fullTank,
        receiptFileId: body.receiptFileId ?? null,
        clientKey: body.clientKey ?? null,
      })
      .returning();
    if (!row) throw new Error('refuel insert');
    if (body.odometerKm != null && body.odometerKm > v.odometerKm)
      await tx.update(fleetVehicles).set({ odometerKm: body.odometerKm }).where(eq(fleetVehicles.id, v.id));
    await audit(tx, ctx, { action: 'fleet.refuel', entity: 'fleet_vehicle', entityId: v.id, data: { litres: body.litres } });
    return row;
  });
}

/** The refuelling a phone already logged under this key (its outbox item's Idempotency-Key), if any. */
export async function refuelByKey(db: DbOrTx, tenantId: string, clientKey: string) {
  const [row] = await db
    .select()
    .from(fleetRefuels)
    .where(and(eq(fleetRefuels.tenantId, tenantId), eq(fleetRefuels.clientKey, clientKey)));
  return row ?? null;
}

export async function listRefuels(db: DbOrTx, tenantId: string, opts: { vehicleId?: string; from: Date; to: Date }) {
  return db
    .select()
    .from(fleetRefuels)
    .where(
      and(
        eq(fleetRefuels.tenantId, tenantId),
        opts.vehicleId ? eq(fleetRefuels.vehicleId, opts.vehicleId) : undefined,
        gte(fleetRefuels.at, opts.from),
        lte(fleetRefuels.at, opts.to),
      ),
    )
    .orderBy(asc(fleetRefuels.at));
}

/** Litres used by a vehicle over a period from its tank sensor, right across refuels; null without a sensor. */
export async function sensorFuelUsed(db: DbOrTx, v: TVehicleRow, from: Date, to: Date) {
  if (!v.deviceId) return null;
  const ps = await positionsOf(db, v.tenantId, v.deviceId, from, to);
  const levels = ps.filter((p) => p.trusted && p.fuelLevel != null).map((p) => ({ t: p.fixTime, level: p.fuelLevel as number }));
  if (levels.length < 2) return null;
  return fuelUsedAcrossRefuels(levels, v.refuelThresholdL);
}

export type TFuelFigures = {
  vehicleId: string;
  plate: string;
  category: string;
  distanceKm: number;
  engineHours: number;
  refuelledL: number;
  refuelCost: number;
  /** Litres used: the tank sensor when there is one, else the litres refuelled. */
  usedL: number;
  source: 'sensor' | 'refuels' | 'none';
  per100Km: number | null;
  perHour: number | null;
  /** What the official norm allows for this distance and these hours. */
  normL: number | null;
  drops: number;
  dropL: number;
};

export async function fuelFigures(db: DbOrTx, tenantId: string, from: Date, to: Date, vehicleId?: string): Promise<TFuelFigures[]> {
  const vehicles = await db
    .select()
    .from(fleetVehicles)
    .where(and(eq(fleetVehicles.tenantId, tenantId), vehicleId ? eq(fleetVehicles.id, vehicleId) : undefined))
    .orderBy(asc(fleetVehicles.plate));
  if (!vehicles.length) return [];
  const ids = vehicles.map((v) => v.id);
  const trips = await db
    .select({ vehicleId: fleetTrips.vehicleId, km: fleetTrips.distanceKm, h: fleetTrips.engineHours, s: fleetTrips.durationS })
    .from(fleetTrips)
    .where(
      and(
        eq(fleetTrips.tenantId, tenantId),
        inArray(fleetTrips.vehicleId, ids),
        gte(fleetTrips.startAt, from),
        lte(fleetTrips.startAt, to),
      ),
    );
  const refuels = await db
    .select()
    .from(fleetRefuels)
    .where(
      and(eq(fleetRefuels.tenantId, tenantId), inArray(fleetRefuels.vehicleId, ids), gte(fleetRefuels.at, from), lte(fleetRefuels.at, to)),
    );
  const drops = await db
    .select()
    .from(fleetEvents)
    .where(
      and(
        eq(fleetEvents.tenantId, tenantId),
        eq(fleetEvents.kind, 'fuel_drop'),
        inArray(fleetEvents.vehicleId, ids),
        gte(fleetEvents.at, from),
        lte(fleetEvents.at, to),
      ),
    );
  const out: TFuelFigures[] = [];
  for (const v of vehicles) {
    const tr = trips.filter((t) => t.vehicleId === v.id);
    const distanceKm = round(
      tr.reduce((s, t) => s + t.km, 0),
      1,
    );
    const engineHours = round(
      tr.reduce((s, t) => s + (t.h ?? t.s / 3600), 0),
      2,
    );
    const rf = refuels.filter((r) => r.vehicleId === v.id);
    const refuelledL = round(
      rf.reduce((s, r) => s + r.litres, 0),
      2,
    );
    const refuelCost = round(
      rf.reduce((s, r) => s + (r.cost ?? 0), 0),
      2,
    );
    const sensor = await sensorFuelUsed(db, v, from, to);
    const usedL = sensor ? sensor.usedL : refuelledL;
    const source = sensor ? 'sensor' : refuelledL > 0 ? 'refuels' : 'none';
    const dr = drops.filter((d) => d.vehicleId === v.id);
    const normL =
      v.normLPer100Km != null || v.normLPerHour != null
        ? round((distanceKm * (v.normLPer100Km ?? 0)) / 100 + engineHours * (v.category === 'machinery' ? (v.normLPerHour ?? 0) : 0), 2)
        : null;
    out.push({
      vehicleId: v.id,
      plate: v.plate,
      category: v.category,
      distanceKm,
      engineHours,
      refuelledL,
      refuelCost,
      usedL,
      source,
      per100Km: distanceKm > 0 && source !== 'none' ? round((usedL / distanceKm) * 100, 2) : null,
      perHour: engineHours > 0 && source !== 'none' ? round(usedL / engineHours, 2) : null,
      normL,
      drops: dr.length,
      dropL: round(
        dr.reduce((s, d) => s + (d.value ?? 0), 0),
        1,
      ),
    });
  }
  return out;
}

/** The same figures added up per vehicle category. */
export function byCategory(rows: TFuelFigures[]) {
  const m = new Map<
    string,
    { category: string; vehicles: number; distanceKm: number; engineHours: number; usedL: number; refuelCost: number }
  >();
  for (const r of rows) {
    const c = m.get(r.category) ?? { category: r.category, vehicles: 0, distanceKm: 0, engineHours: 0, usedL: 0, refuelCost: 0 };
    c.vehicles++;
    c.distanceKm = round(c.distanceKm + r.distanceKm, 1);
    c.engineHours = round(c.engineHours + r.engineHours, 2);
    c.usedL = round(c.usedL + r.usedL, 2);
    c.refuelCost = round(c.refuelCost + r.refuelCost, 2);
    m.set(r.category, c);
  }
  return [...m.values()].map((c) => ({
    ...c,
    per100Km: c.distanceKm > 0 ? round((c.usedL / c.distanceKm) * 100, 2) : null,
    perHour: c.engineHours > 0 ? round(c.usedL / c.engineHours, 2) : null,
  }));
}
