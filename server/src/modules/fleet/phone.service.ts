import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Platform } from '../../platform/context.js';
import type { DbOrTx } from '../../platform/db/database.js';
import { AppError } from '../../platform/http/errors.js';
import type { ServiceContext } from '../../platform/service-context.js';
import { createDevice, getDevice, ingestPositions } from '../../platform/telemetry/index.js';
import { fleetVehicles } from './schema.js';
import { activeShift, getShift, getVehicle, listVehicles, startShift, toVehicle } from './vehicles.service.js';

/**
 * The driver's phone: start a shift on a vehicle and, when the vehicle has no tracker of its own,
 * let the phone be its tracker — only while the shift is open. Outside a shift nothing the phone
 * sends is taken (privacy: staff are never tracked outside their shifts).
 */

export const ZFixes = z.object({
  fixes: z
    .array(
      z.object({
        time: z.coerce.date(),
        lat: z.number().min(-90).max(90),
        lon: z.number().min(-180).max(180),
        speedKmh: z.number().min(0).max(400).nullish(),
        course: z.number().min(0).max(360).nullish(),
        accuracy: z.number().min(0).max(10_000).nullish(),
      }),
    )
    .min(1)
    .max(100),
});

export async function myDriverView(db: DbOrTx, ctx: ServiceContext) {
  if (ctx.actor.kind !== 'staff') throw new AppError('auth.forbidden', 403);
  const shift = await activeShift(db, ctx.tenant.id, ctx.actor.userId);
  const vehicles = (await listVehicles(db, ctx.tenant.id, { activeOnly: true })).map(toVehicle);
  return { shift: shift ?? null, vehicle: shift ? (vehicles.find((v) => v.id === shift.vehicleId) ?? null) : null, vehicles };
}

/** Starts the shift; with `sharePhone` and no tracker on the vehicle, a phone device becomes its tracker. */
export async function startDriverShift(platform: Platform, ctx: ServiceContext, input: { vehicleId: string; sharePhone: boolean }) {
  const { db } = platform;
  let phoneDeviceId: string | null = null;
  if (input.sharePhone) {
    const v = await getVehicle(db, ctx.tenant.id, input.vehicleId);
    const dev = v.deviceId ? await getDevice(db, ctx.tenant.id, v.deviceId) : undefined;
    if (dev?.kind === 'phone') phoneDeviceId = dev.id;
    else if (!dev) {
      const created = await createDevice(db, ctx, { kind: 'phone', uniqueId: `phone-${v.id}`, name: `Τηλέφωνο οδηγού — ${v.plate}` }).catch(
        async (e) => {
          if (e instanceof AppError && e.code === 'telemetry.device_exists') return null;
          throw e;
        },
      );
      phoneDeviceId = created?.device.id ?? null;
      if (phoneDeviceId)
        await db
          .update(fleetVehicles)
          .set({ deviceId: phoneDeviceId })
          .where(and(eq(fleetVehicles.tenantId, ctx.tenant.id), eq(fleetVehicles.id, v.id)));
    }
    // a vehicle with its own tracker does not need the phone: nothing is shared
  }
  return startShift(db, ctx, { vehicleId: input.vehicleId, sharePhone: phoneDeviceId != null, phoneDeviceId });
}

/** Fixes from the phone of a driver on an open, sharing shift, within the shift's time. */
export async function sharePosition(platform: Platform, ctx: ServiceContext, shiftId: string, body: z.infer<typeof ZFixes>) {
  if (ctx.actor.kind !== 'staff') throw new AppError('auth.forbidden', 403);
  const shift = await getShift(platform.db, ctx.tenant.id, shiftId);
  if (!shift || shift.userId !== ctx.actor.userId) throw new AppError('fleet.shift_not_found', 404);
  if (shift.endedAt || !shift.phoneDeviceId) throw new AppError('fleet.shift_not_sharing', 409);
  const now = Date.now();
  for (const f of body.fixes)
    if (f.time.getTime() < shift.startedAt.getTime() || f.time.getTime() > now + 60_000)
      throw new AppError('validation.failed', 400, {}, [{ field: 'fixes', code: 'fleet.fix_outside_shift' }]);
  return ingestPositions(
    platform,
    { tenantId: ctx.tenant.id, deviceId: shift.phoneDeviceId },
    body.fixes.map((f) => ({
      fixTime: f.time,
      lat: f.lat,
      lon: f.lon,
      speedKmh: f.speedKmh ?? null,
      course: f.course ?? null,
      altitude: null,
      accuracy: f.accuracy ?? null,
      battery: null,
      ignition: null,
      motion: null,
      fuelLevel: null,
      odometerKm: null,
      engineHours: null,
      driverUniqueId: null,
      attributes: { source: 'driver-phone' },
    })),
  );
}
