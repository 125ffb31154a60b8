import { and, asc, eq, gte, inArray, lte } from 'drizzle-orm';
import { audit } from '../../platform/audit/audit.js';
import { athensInstant, endOfAthensDay, parseLocalDate } from '../../platform/calendar/index.js';
import type { DbOrTx } from '../../platform/db/database.js';
import { AppError } from '../../platform/http/errors.js';
import { users } from '../../platform/identity/identity.schema.js';
import type { ServiceContext } from '../../platform/service-context.js';
import { round } from './detect.js';
import { sensorFuelUsed } from './fuel.service.js';
import { fleetLogConfirmations, fleetRefuels, fleetTrips } from './schema.js';
import { getVehicle, shiftsOf } from './vehicles.service.js';

/** Allowed excess over the official norm before the log is flagged. */
export const NORM_TOLERANCE = 0.1;

export type TVehicleLog = {
  vehicleId: string;
  plate: string;
  day: string;
  trips: {
    startAt: Date;
    endAt: Date;
    distanceKm: number;
    durationS: number;
    driverUserId: string | null;
    driverName: string | null;
    from: string;
    to: string;
  }[];
  drivers: { userId: string; name: string }[];
  distanceKm: number;
  engineHours: number;
  refuels: { at: Date; litres: number; cost: number | null; station: string | null }[];
  refuelledL: number;
  fuelUsedL: number | null;
  fuelSource: 'sensor' | 'norm';
  normL: number | null;
  /** within: at most the norm plus the tolerance; over: above it; unknown: no norm or no measure. */
  normCheck: 'within' | 'over' | 'unknown';
  confirmed: { by: string; at: Date; remarks: string | null } | null;
};

const coord = (lat: number, lon: number) => `${lat.toFixed(5)}, ${lon.toFixed(5)}`;
const nameOf = (u: { givenName: string | null; familyName: string | null; email: string | null }) =>
  [u.givenName, u.familyName].filter(Boolean).join(' ') || u.email || '';

/**
 * The δελτίο κίνησης of a vehicle for one Athens day, filled in from its trips (with the driver by
 * card or shift), the refuels and the tank sensor, and checked against the vehicle's official
 * consumption norm (ΥΑ 1450/550/1982). Without a sensor, the litres used are the norm's estimate.
 */
export async function vehicleLog(db: DbOrTx, tenantId: string, vehicleId: string, day: string): Promise<TVehicleLog> {
  const v = await getVehicle(db, tenantId, vehicleId);
  const from = athensInstant(parseLocalDate(day));
  const to = endOfAthensDay(parseLocalDate(day));
  const trips = await db
    .select()
    .from(fleetTrips)
    .where(
      and(eq(fleetTrips.tenantId, tenantId), eq(fleetTrips.vehicleId, v.id), gte(fleetTrips.startAt, from), lte(fleetTrips.startAt, to)),
    )
    .orderBy(asc(fleetTrips.startAt));
  const shifts = await shiftsOf(db, tenantId, { vehicleId: v.id }, from, to);
  const userIds = [...new Set([...trips.map((t) => t.driverUserId), ...shifts.map((s) => s.userId)].filter((x): x is string => !!x))];
  const people = userIds.length
    ? await db
        .select({ id: users.id, givenName: users.givenName, familyName: users.familyName, email: users.email })
        .from(users)
        .where(and(eq(users.tenantId, tenantId), inArray(users.id, userIds)))
    : [];
  const name = (id: string | null) => {
    const u = people.find((p) => p.id === id);
    return u ? nameOf(u) : null;
  };
  const refuels = await db
    .select()
    .from(fleetRefuels)
    .where(and(eq(fleetRefuels.tenantId, tenantId), eq(fleetRefuels.vehicleId, v.id), gte(fleetRefuels.at, from), lte(fleetRefuels.at, to)))
    .orderBy(asc(fleetRefuels.at));
  const distanceKm = round(
    trips.reduce((s, t) => s + t.distanceKm, 0),
    1,
  );
  const engineHours = round(
    trips.reduce((s, t) => s + (t.engineHours ?? t.durationS / 3600), 0),
    2,
  );
  const normL =
    v.normLPer100Km != null || v.normLPerHour != null
      ? round((distanceKm * (v.normLPer100Km ?? 0)) / 100 + (v.category === 'machinery' ? engineHours * (v.normLPerHour ?? 0) : 0), 2)
      : null;
  const sensor = await sensorFuelUsed(db, v, from, to);
  const fuelUsedL = sensor ? sensor.usedL : normL;
  const normCheck: TVehicleLog['normCheck'] =
    sensor && normL != null ? (sensor.usedL <= normL * (1 + NORM_TOLERANCE) ? 'within' : 'over') : 'unknown';
  const [conf] = await db
    .select()
    .from(fleetLogConfirmations)
    .where(
      and(eq(fleetLogConfirmations.vehicleId, v.id), eq(fleetLogConfirmations.day, day), eq(fleetLogConfirmations.tenantId, tenantId)),
    );
  return {
    vehicleId: v.id,
    plate: v.plate,
    day,
    trips: trips.map((t) => ({
      startAt: t.startAt,
      endAt: t.endAt,
      distanceKm: t.distanceKm,
      durationS: t.durationS,
      driverUserId: t.driverUserId,
      driverName: name(t.driverUserId),
      from: coord(t.startLat, t.startLon),
      to: coord(t.endLat, t.endLon),
    })),
    drivers: userIds.map((id) => ({ userId: id, name: name(id) ?? '' })),
    distanceKm,
    engineHours,
    refuels: refuels.map((r) => ({ at: r.at, litres: r.litres, cost: r.cost, station: r.station })),
    refuelledL: round(
      refuels.reduce((s, r) => s + r.litres, 0),
      2,
    ),
    fuelUsedL,
    fuelSource: sensor ? 'sensor' : 'norm',
    normL,
    normCheck,
    confirmed: conf ? { by: name(conf.confirmedBy) ?? '', at: conf.confirmedAt, remarks: conf.remarks } : null,
  };
}

/**
 * The driver confirms the day's log (one of the people who drove it that day); the figures are kept
 * as confirmed. Confirming twice is refused.
 */
export async function confirmLog(db: DbOrTx, ctx: ServiceContext, vehicleId: string, day: string, remarks: string | null | undefined) {
  if (ctx.actor.kind !== 'staff') throw new AppError('auth.forbidden', 403);
  const userId = ctx.actor.userId;
  const log = await vehicleLog(db, ctx.tenant.id, vehicleId, day);
  if (!log.drivers.some((d) => d.userId === userId)) throw new AppError('fleet.log_not_your_day', 403);
  if (!log.trips.length) throw new AppError('fleet.log_empty', 400);
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(fleetLogConfirmations)
      .values({
        tenantId: ctx.tenant.id,
        vehicleId,
        day,
        confirmedBy: userId,
        snapshot: JSON.parse(JSON.stringify(log)),
        remarks: remarks ?? null,
      })
      .onConflictDoNothing()
      .returning();
    if (!row) throw new AppError('fleet.log_already_confirmed', 409);
    await audit(tx, ctx, { action: 'fleet.log.confirm', entity: 'fleet_vehicle', entityId: vehicleId, data: { day } });
    return row;
  });
}
