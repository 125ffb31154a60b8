import { and, asc, desc, eq, gte, isNull, lte, or } from 'drizzle-orm';
import { z } from 'zod';
import { audit } from '../../platform/audit/audit.js';
import type { DbOrTx } from '../../platform/db/database.js';
import { AppError, fieldError } from '../../platform/http/errors.js';
import { users } from '../../platform/identity/identity.schema.js';
import type { ServiceContext } from '../../platform/service-context.js';
import { createDevice, getDevice, rotateDeviceSecret } from '../../platform/telemetry/index.js';
import { FUEL_TYPES, fleetDrivers, fleetShifts, fleetVehicles, VEHICLE_CATEGORIES } from './schema.js';

export type TVehicleRow = typeof fleetVehicles.$inferSelect;
export type TShiftRow = typeof fleetShifts.$inferSelect;

const LATIN_TO_GREEK: Record<string, string> = {
  A: 'Α',
  B: 'Β',
  E: 'Ε',
  Z: 'Ζ',
  H: 'Η',
  I: 'Ι',
  K: 'Κ',
  M: 'Μ',
  N: 'Ν',
  O: 'Ο',
  P: 'Ρ',
  T: 'Τ',
  Y: 'Υ',
  X: 'Χ',
};

/**
 * A Greek registration plate, normalised (Greek capitals, one dash), or null when it is not one:
 * three letters of the plate alphabet and 3–4 digits (cars, trucks, motorcycles: ΚΗΥ-1234, ΚΗΟ-123),
 * or ΜΕ and up to 6 digits (μηχανήματα έργου: ΜΕ-123456). Latin look-alikes are accepted.
 */
export function normalisePlate(input: string): string | null {
  const s = input
    .toUpperCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[\s.-]/g, '')
    .replace(/[A-Z]/g, (c) => LATIN_TO_GREEK[c] ?? c);
  let m = /^(ΜΕ)(\d{1,6})$/.exec(s);
  if (m) return `${m[1]}-${m[2]}`;
  m = /^([ΑΒΕΖΗΙΚΜΝΟΡΤΥΧ]{3})(\d{3,4})$/.exec(s);
  if (m) return `${m[1]}-${m[2]}`;
  return null;
}

export const ZVehicleBody = z.object({
  plate: z.string().trim().min(1).max(20),
  category: z.enum(VEHICLE_CATEGORIES),
  make: z.string().trim().max(80).nullish(),
  model: z.string().trim().max(80).nullish(),
  unitId: z.uuid().nullish(),
  fuelType: z.enum(FUEL_TYPES),
  tankLitres: z.number().positive().max(2000).nullish(),
  odometerKm: z.number().min(0).max(5_000_000).optional(),
  engineHours: z.number().min(0).max(500_000).optional(),
  deviceId: z.uuid().nullish(),
  speedLimitKmh: z.number().int().min(5).max(200).nullish(),
  normLPer100Km: z.number().positive().max(200).nullish(),
  normLPerHour: z.number().positive().max(200).nullish(),
  refuelThresholdL: z.number().positive().max(500).optional(),
  dropThresholdL: z.number().positive().max(500).optional(),
  active: z.boolean().optional(),
  notes: z.string().trim().max(2000).nullish(),
});
export type TVehicleBody = z.infer<typeof ZVehicleBody>;

export const ZVehicle = z.object({
  id: z.uuid(),
  plate: z.string(),
  category: z.enum(VEHICLE_CATEGORIES),
  make: z.string().nullable(),
  model: z.string().nullable(),
  unitId: z.uuid().nullable(),
  fuelType: z.enum(FUEL_TYPES),
  tankLitres: z.number().nullable(),
  odometerKm: z.number(),
  engineHours: z.number(),
  deviceId: z.uuid().nullable(),
  speedLimitKmh: z.number().nullable(),
  normLPer100Km: z.number().nullable(),
  normLPerHour: z.number().nullable(),
  refuelThresholdL: z.number(),
  dropThresholdL: z.number(),
  active: z.boolean(),
  notes: z.string().nullable(),
});

export function toVehicle(r: TVehicleRow): z.infer<typeof ZVehicle> {
  const { tenantId: _t, createdAt: _c, ...rest } = r;
  return rest;
}

function plateOf(input: string) {
  const plate = normalisePlate(input);
  if (!plate) throw fieldError('plate', 'fleet.plate_invalid');
  return plate;
}

export async function createVehicle(db: DbOrTx, ctx: ServiceContext, body: TVehicleBody) {
  const plate = plateOf(body.plate);
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(fleetVehicles)
      .values({ ...body, plate, tenantId: ctx.tenant.id })
      .onConflictDoNothing()
      .returning();
    if (!row) throw new AppError('fleet.vehicle_exists', 409, { plate }, [{ field: 'plate', code: 'fleet.vehicle_exists' }]);
    await audit(tx, ctx, { action: 'fleet.vehicle.create', entity: 'fleet_vehicle', entityId: row.id, data: { plate } });
    return row;
  });
}

export async function updateVehicle(db: DbOrTx, ctx: ServiceContext, id: string, body: Partial<TVehicleBody>) {
  const patch = { ...body, ...(body.plate !== undefined ? { plate: plateOf(body.plate) } : {}) };
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(fleetVehicles)
      .set(patch)
      .where(and(eq(fleetVehicles.tenantId, ctx.tenant.id), eq(fleetVehicles.id, id)))
      .returning();
    if (!row) throw new AppError('fleet.vehicle_not_found', 404);
    await audit(tx, ctx, { action: 'fleet.vehicle.update', entity: 'fleet_vehicle', entityId: id, data: { fields: Object.keys(body) } });
    return row;
  });
}

export async function listVehicles(db: DbOrTx, tenantId: string, opts: { activeOnly?: boolean } = {}) {
  return db
    .select()
    .from(fleetVehicles)
    .where(and(eq(fleetVehicles.tenantId, tenantId), opts.activeOnly ? eq(fleetVehicles.active, true) : undefined))
    .orderBy(asc(fleetVehicles.category), asc(fleetVehicles.plate));
}

export async function getVehicle(db: DbOrTx, tenantId: string, id: string) {
  const [row] = await db
    .select()
    .from(fleetVehicles)
    .where(and(eq(fleetVehicles.tenantId, tenantId), eq(fleetVehicles.id, id)));
  if (!row) throw new AppError('fleet.vehicle_not_found', 404);
  return row;
}

/** The vehicle a telemetry device tracks (its tracker, or a driver's phone during a shift). */
export async function vehicleOfDevice(db: DbOrTx, tenantId: string, deviceId: string): Promise<TVehicleRow | undefined> {
  const [row] = await db
    .select()
    .from(fleetVehicles)
    .where(and(eq(fleetVehicles.tenantId, tenantId), eq(fleetVehicles.deviceId, deviceId)));
  return row;
}

// ---- drivers ----

export const ZDriverBody = z.object({
  userId: z.uuid(),
  driverUniqueId: z.string().trim().min(1).max(64).nullish(),
  licenceCategories: z.array(z.string().trim().min(1).max(5)).max(20).default([]),
});

export async function setDriver(db: DbOrTx, ctx: ServiceContext, body: z.infer<typeof ZDriverBody>) {
  return db.transaction(async (tx) => {
    const [u] = await tx
      .select({ id: users.id, kind: users.kind })
      .from(users)
      .where(and(eq(users.tenantId, ctx.tenant.id), eq(users.id, body.userId)));
    if (u?.kind !== 'staff') throw fieldError('userId', 'fleet.driver_not_staff');
    const values = {
      userId: body.userId,
      tenantId: ctx.tenant.id,
      driverUniqueId: body.driverUniqueId ?? null,
      licenceCategories: body.licenceCategories,
    };
    const [row] = await tx
      .insert(fleetDrivers)
      .values(values)
      .onConflictDoUpdate({ target: fleetDrivers.userId, set: values })
      .returning()
      .catch((e: unknown) => {
        if (String((e as { cause?: { code?: string } }).cause?.code ?? (e as { code?: string }).code) === '23505')
          throw new AppError('fleet.card_taken', 409, {}, [{ field: 'driverUniqueId', code: 'fleet.card_taken' }]);
        throw e;
      });
    await audit(tx, ctx, { action: 'fleet.driver.set', entity: 'user', entityId: body.userId });
    return row;
  });
}

export async function listDrivers(db: DbOrTx, tenantId: string) {
  return db
    .select({
      userId: fleetDrivers.userId,
      driverUniqueId: fleetDrivers.driverUniqueId,
      licenceCategories: fleetDrivers.licenceCategories,
      givenName: users.givenName,
      familyName: users.familyName,
      email: users.email,
    })
    .from(fleetDrivers)
    .innerJoin(users, eq(users.id, fleetDrivers.userId))
    .where(eq(fleetDrivers.tenantId, tenantId))
    .orderBy(asc(users.familyName));
}

export async function driverByCard(db: DbOrTx, tenantId: string, driverUniqueId: string) {
  const [row] = await db
    .select()
    .from(fleetDrivers)
    .where(and(eq(fleetDrivers.tenantId, tenantId), eq(fleetDrivers.driverUniqueId, driverUniqueId)));
  return row;
}

// ---- shifts ----

/** The shift a person is on at `at` (or now), if any. */
export async function activeShift(db: DbOrTx, tenantId: string, userId: string, at: Date = new Date()): Promise<TShiftRow | undefined> {
  const [row] = await db
    .select()
    .from(fleetShifts)
    .where(
      and(
        eq(fleetShifts.tenantId, tenantId),
        eq(fleetShifts.userId, userId),
        lte(fleetShifts.startedAt, at),
        or(isNull(fleetShifts.endedAt), gte(fleetShifts.endedAt, at)),
      ),
    )
    .orderBy(desc(fleetShifts.startedAt))
    .limit(1);
  return row;
}

/** Shifts overlapping [from, to], of a person or of a vehicle: who drove what when. */
export async function shiftsOf(
  db: DbOrTx,
  tenantId: string,
  who: { userId?: string; vehicleId?: string },
  from: Date,
  to: Date,
): Promise<TShiftRow[]> {
  return db
    .select()
    .from(fleetShifts)
    .where(
      and(
        eq(fleetShifts.tenantId, tenantId),
        who.userId ? eq(fleetShifts.userId, who.userId) : undefined,
        who.vehicleId ? eq(fleetShifts.vehicleId, who.vehicleId) : undefined,
        lte(fleetShifts.startedAt, to),
        or(isNull(fleetShifts.endedAt), gte(fleetShifts.endedAt, from)),
      ),
    )
    .orderBy(asc(fleetShifts.startedAt));
}

function userOf(ctx: ServiceContext) {
  if (ctx.actor.kind !== 'staff') throw new AppError('auth.forbidden', 403);
  return ctx.actor.userId;
}

/** A driver starts a shift on a vehicle (one open shift per person and per vehicle). */
export async function startShift(
  db: DbOrTx,
  ctx: ServiceContext,
  input: { vehicleId: string; sharePhone: boolean; phoneDeviceId?: string | null },
) {
  const userId = userOf(ctx);
  return db.transaction(async (tx) => {
    const v = await getVehicle(tx, ctx.tenant.id, input.vehicleId);
    if (!v.active) throw fieldError('vehicleId', 'fleet.vehicle_inactive');
    const open = await tx
      .select()
      .from(fleetShifts)
      .where(
        and(
          eq(fleetShifts.tenantId, ctx.tenant.id),
          isNull(fleetShifts.endedAt),
          or(eq(fleetShifts.userId, userId), eq(fleetShifts.vehicleId, v.id)),
        ),
      )
      .for('update');
    if (open.some((s) => s.userId === userId)) throw new AppError('fleet.shift_already_open', 409);
    if (open.length) throw new AppError('fleet.vehicle_in_use', 409, {}, [{ field: 'vehicleId', code: 'fleet.vehicle_in_use' }]);
    const [row] = await tx
      .insert(fleetShifts)
      .values({
        tenantId: ctx.tenant.id,
        userId,
        vehicleId: v.id,
        source: 'phone',
        phoneDeviceId: input.sharePhone ? (input.phoneDeviceId ?? null) : null,
        startedAt: new Date(),
      })
      .returning();
    if (!row) throw new Error('shift insert');
    await audit(tx, ctx, {
      action: 'fleet.shift.start',
      entity: 'fleet_shift',
      entityId: row.id,
      data: { vehicleId: v.id, sharePhone: input.sharePhone },
    });
    return row;
  });
}

export async function endShift(db: DbOrTx, ctx: ServiceContext, shiftId: string) {
  const userId = userOf(ctx);
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(fleetShifts)
      .set({ endedAt: new Date() })
      .where(
        and(
          eq(fleetShifts.tenantId, ctx.tenant.id),
          eq(fleetShifts.id, shiftId),
          eq(fleetShifts.userId, userId),
          isNull(fleetShifts.endedAt),
        ),
      )
      .returning();
    if (!row) throw new AppError('fleet.shift_not_found', 404);
    await audit(tx, ctx, { action: 'fleet.shift.end', entity: 'fleet_shift', entityId: row.id });
    return row;
  });
}

export async function getShift(db: DbOrTx, tenantId: string, id: string) {
  const [row] = await db
    .select()
    .from(fleetShifts)
    .where(and(eq(fleetShifts.tenantId, tenantId), eq(fleetShifts.id, id)));
  return row;
}

/**
 * Registers a tracker for the vehicle (a telemetry device of kind `vehicle_tracker`) and links it;
 * the secret is shown once, to be entered in the tracker or the Traccar Client app. A vehicle that
 * already has a tracker gets a new secret for it instead.
 */
export async function provisionTracker(db: DbOrTx, ctx: ServiceContext, vehicleId: string) {
  const v = await getVehicle(db, ctx.tenant.id, vehicleId);
  if (v.deviceId) {
    const dev = await getDevice(db, ctx.tenant.id, v.deviceId);
    if (dev?.kind === 'vehicle_tracker') {
      const { secret } = await rotateDeviceSecret(db, ctx, dev.id);
      return { deviceId: dev.id, uniqueId: dev.uniqueId, secret };
    }
  }
  const uniqueId = `veh-${v.id.slice(0, 8)}-${Date.now().toString(36)}`;
  const { device, secret } = await createDevice(db, ctx, { kind: 'vehicle_tracker', uniqueId, name: `${v.plate}` });
  await db
    .update(fleetVehicles)
    .set({ deviceId: device.id })
    .where(and(eq(fleetVehicles.tenantId, ctx.tenant.id), eq(fleetVehicles.id, v.id)));
  await audit(db, ctx, { action: 'fleet.vehicle.tracker', entity: 'fleet_vehicle', entityId: v.id, data: { deviceId: device.id } });
  return { deviceId: device.id, uniqueId, secret };
}
