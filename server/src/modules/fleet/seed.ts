import { eq } from 'drizzle-orm';
import { athensDay, athensInstant, formatLocalDate, parseLocalDate, shiftDays } from '../../platform/calendar/index.js';
import type { Platform } from '../../platform/context.js';
import { systemContext } from '../../platform/service-context.js';
import { createDevice, type IncomingPosition, ingestPositions } from '../../platform/telemetry/index.js';
import { tenants } from '../../platform/tenancy/tenancy.schema.js';
import { savePaper } from './papers.service.js';
import { processAll } from './process.service.js';
import { fleetGeofences, fleetRefuels, fleetServicePlans, fleetServiceRecords, fleetVehicles, type TVehicleCategory } from './schema.js';

/**
 * Δήμος Νέας Αρκαδίας: 12 vehicles, the depot, the landfill, three districts and a school zone at
 * 30 km/h, and three working days of tracks on a street grid (a fix a minute, from 07:00), sent
 * through telemetry's ingest and processed into trips, stops and events: refuels, and one suspicious
 * fuel drop at night (ΚΗΟ-4521 at the depot).
 */

/** A fix a minute keeps the demo seed quick on PGlite (a real tracker sends every 10–30 s). */
const STEP_S = 60;
const DEPOT = { lat: 38.003, lon: 23.705 };
const LANDFILL = { lat: 38.045, lon: 23.685 };
const STATION = { lat: 38.012, lon: 23.741 };

const FLEET: [string, TVehicleCategory, string, string, number, number | null, number | null, boolean][] = [
  // plate, category, make, model, tank, norm l/100km, norm l/h, fuel sensor
  ['ΚΗΟ-4521', 'garbage_truck', 'Mercedes-Benz', 'Econic 2630', 300, 55, null, true],
  ['ΚΗΟ-4522', 'garbage_truck', 'Mercedes-Benz', 'Econic 2630', 300, 55, null, true],
  ['ΚΗΟ-4530', 'garbage_truck', 'Iveco', 'Eurocargo 180', 200, 45, null, true],
  ['ΚΗΟ-4610', 'sweeper', 'Bucher', 'CityCat 5006', 120, 30, null, false],
  ['ΚΗΟ-3110', 'truck', 'Isuzu', 'NPR 75', 140, 22, null, true],
  ['ΚΗΟ-3115', 'truck', 'Mitsubishi', 'Canter', 100, 18, null, false],
  ['ΚΗΟ-2201', 'car', 'Toyota', 'Yaris Hybrid', 36, 5.5, null, false],
  ['ΚΗΟ-2202', 'car', 'Hyundai', 'i20', 40, 6.5, null, false],
  ['ΚΗΟ-2310', 'van', 'Ford', 'Transit Custom', 70, 9.5, null, false],
  ['ΜΕ-118745', 'machinery', 'JCB', '3CX', 160, null, 9, true],
  ['ΜΕ-121302', 'machinery', 'Caterpillar', '262D3', 90, null, 6, false],
  ['ΚΗΟ-915', 'motorcycle', 'Honda', 'SH 150', 8, 3, null, false],
];

const rect = (w: number, s: number, e: number, n: number) => [
  [
    [w, s],
    [e, s],
    [e, n],
    [w, n],
    [w, s],
  ],
];

/** A deterministic pseudo-random sequence (demo data is the same on every seed). */
function rng(seed: number) {
  let x = seed;
  return () => {
    x = (x * 1103515245 + 12345) % 2147483648;
    return x / 2147483648;
  };
}

/** Streets every 0.004° in the centre: a trip follows them (first along a street, then across). */
function streetPath(from: { lat: number; lon: number }, to: { lat: number; lon: number }) {
  const snap = (v: number) => Math.round(v / 0.004) * 0.004;
  const a = { lat: snap(from.lat), lon: snap(from.lon) };
  const b = { lat: snap(to.lat), lon: snap(to.lon) };
  return [from, a, { lat: a.lat, lon: b.lon }, b, to];
}

function km(a: { lat: number; lon: number }, b: { lat: number; lon: number }) {
  const dy = (b.lat - a.lat) * 111.2;
  const dx = (b.lon - a.lon) * 111.2 * Math.cos((a.lat * Math.PI) / 180);
  return Math.sqrt(dx * dx + dy * dy);
}

type TFuel = { level: number; sensor: boolean };

/** Drives a path: a fix every 30 s at about `kmh`; burns `lPerKm` litres per km. */
function drive(
  out: IncomingPosition[],
  t: { ms: number },
  path: { lat: number; lon: number }[],
  kmh: number,
  fuel: TFuel,
  lPerKm: number,
  r: () => number,
) {
  for (let i = 1; i < path.length; i++) {
    const a = path[i - 1] as { lat: number; lon: number };
    const b = path[i] as { lat: number; lon: number };
    const d = km(a, b);
    const steps = Math.max(1, Math.ceil(d / ((kmh * STEP_S) / 3600)));
    for (let s = 1; s <= steps; s++) {
      t.ms += STEP_S * 1000;
      fuel.level = Math.max(5, fuel.level - (d / steps) * lPerKm);
      out.push(
        fix(t.ms, a.lat + ((b.lat - a.lat) * s) / steps, a.lon + ((b.lon - a.lon) * s) / steps, kmh * (0.8 + r() * 0.4), true, fuel),
      );
    }
  }
}

function idle(
  out: IncomingPosition[],
  t: { ms: number },
  at: { lat: number; lon: number },
  minutes: number,
  ignition: boolean,
  fuel: TFuel,
) {
  for (let m = 0; m < (minutes * 60) / STEP_S; m++) {
    t.ms += STEP_S * 1000;
    if (ignition) fuel.level -= (1.5 * STEP_S) / 3600; // 1.5 l/h idling
    out.push(fix(t.ms, at.lat, at.lon, 0, ignition, fuel));
  }
}

function fix(ms: number, lat: number, lon: number, speed: number, ignition: boolean, fuel: TFuel): IncomingPosition {
  return {
    fixTime: new Date(ms),
    lat: Math.round(lat * 1e6) / 1e6,
    lon: Math.round(lon * 1e6) / 1e6,
    speedKmh: Math.round(speed * 10) / 10,
    course: null,
    altitude: null,
    accuracy: 5,
    battery: null,
    ignition,
    motion: speed >= 3,
    fuelLevel: fuel.sensor ? Math.round(fuel.level * 10) / 10 : null,
    odometerKm: null,
    engineHours: null,
    driverUniqueId: null,
    attributes: {},
  };
}

export async function seedFleetDemo(platform: Platform, tenantId: string, opts: { days?: number } = {}) {
  const { db } = platform;
  const [tenant] = await db.select().from(tenants).where(eq(tenants.id, tenantId));
  if (!tenant) return;
  const ctx = systemContext(tenant, { kind: 'seed', name: 'fleet' });
  const existing = await db.select({ id: fleetVehicles.id }).from(fleetVehicles).where(eq(fleetVehicles.tenantId, tenantId)).limit(1);
  if (existing.length) return;

  await db.insert(fleetGeofences).values([
    { tenantId, name: 'Αμαξοστάσιο Δήμου', kind: 'depot', polygon: rect(23.702, 38.0, 23.708, 38.006) },
    { tenantId, name: 'ΧΥΤΥ Νέας Αρκαδίας', kind: 'landfill', polygon: rect(23.68, 38.041, 23.69, 38.049) },
    { tenantId, name: 'Κέντρο', kind: 'district', polygon: rect(23.72, 37.99, 23.75, 38.05) },
    { tenantId, name: 'Δυτικές Συνοικίες', kind: 'district', polygon: rect(23.68, 37.99, 23.72, 38.05) },
    { tenantId, name: 'Ανατολικές Συνοικίες', kind: 'district', polygon: rect(23.75, 37.99, 23.79, 38.05) },
    {
      tenantId,
      name: 'Ζώνη σχολείων οδού Ελευθερίας (30 km/h)',
      kind: 'road',
      polygon: rect(23.728, 38.014, 23.736, 38.022),
      speedLimitKmh: 30,
    },
  ]);

  const days = opts.days ?? 3;
  const today = parseLocalDate(athensDay());
  const r = rng(42);
  const vehicles = [];
  for (const [i, [plate, category, make, model, tank, norm, normH, sensor]] of FLEET.entries()) {
    const { device } = await createDevice(db, ctx, {
      kind: 'vehicle_tracker',
      uniqueId: `demo-${plate.replace(/[^0-9]/g, '')}-${i}`,
      name: `Tracker ${plate}`,
    });
    const [v] = await db
      .insert(fleetVehicles)
      .values({
        tenantId,
        plate,
        category,
        make,
        model,
        fuelType: category === 'motorcycle' || category === 'car' ? 'petrol' : 'diesel',
        tankLitres: tank,
        odometerKm: 20_000 + Math.round(r() * 150_000),
        engineHours: category === 'machinery' ? 3000 + Math.round(r() * 4000) : 0,
        deviceId: device.id,
        speedLimitKmh: category === 'garbage_truck' || category === 'machinery' ? 50 : 80,
        normLPer100Km: norm,
        normLPerHour: normH,
      })
      .returning();
    if (v) vehicles.push({ v, sensor });
  }

  // tracks: each working day a round from the depot (refuse trucks also to the landfill)
  for (const [i, { v, sensor }] of vehicles.entries()) {
    const fuel: TFuel = { level: (v.tankLitres ?? 100) * 0.8, sensor };
    const lPerKm = (v.normLPer100Km ?? 20) / 100;
    for (let d = days; d >= 1; d--) {
      const day = shiftDays(today, -d);
      const out: IncomingPosition[] = [];
      const t = { ms: athensInstant(day, 7, (i * 7) % 40).getTime() };
      out.push(fix(t.ms, DEPOT.lat, DEPOT.lon, 0, false, fuel));
      idle(out, t, DEPOT, 3, true, fuel);
      let here = DEPOT;
      const stops = 3 + Math.floor(r() * 4);
      for (let k = 0; k < stops; k++) {
        const next = { lat: 37.995 + r() * 0.05, lon: 23.69 + r() * 0.095 };
        drive(out, t, streetPath(here, next), v.category === 'machinery' ? 20 : 30 + r() * 15, fuel, lPerKm, r);
        idle(out, t, next, v.category === 'machinery' ? 40 : 4 + Math.floor(r() * 10), true, fuel);
        here = next;
      }
      if (v.category === 'garbage_truck') {
        drive(out, t, streetPath(here, LANDFILL), 40, fuel, lPerKm, r);
        idle(out, t, LANDFILL, 15, true, fuel);
        here = LANDFILL;
      }
      // refuel on the second day, at the station, when below half
      if (d === 2 && v.tankLitres) {
        drive(out, t, streetPath(here, STATION), 35, fuel, lPerKm, r);
        idle(out, t, STATION, 2, false, fuel);
        const litres = Math.round((v.tankLitres * 0.95 - fuel.level) * 10) / 10;
        fuel.level += litres;
        idle(out, t, STATION, 2, false, fuel);
        await db.insert(fleetRefuels).values({
          tenantId,
          vehicleId: v.id,
          at: new Date(t.ms),
          litres,
          cost: Math.round(litres * (v.fuelType === 'petrol' ? 1.82 : 1.62) * 100) / 100,
          station: 'Πρατήριο Λεωφ. Δημοκρατίας 120',
          fullTank: true,
        });
        here = STATION;
      }
      drive(out, t, streetPath(here, DEPOT), 35, fuel, lPerKm, r);
      t.ms += STEP_S * 1000;
      out.push(fix(t.ms, DEPOT.lat, DEPOT.lon, 0, false, fuel));
      // the night after day 2, ΚΗΟ-4521 loses 38 litres while parked at the depot
      if (d === 2 && i === 0) {
        const night = athensInstant(day, 23, 10).getTime();
        out.push(fix(night, DEPOT.lat, DEPOT.lon, 0, false, fuel));
        fuel.level -= 38;
        out.push(fix(night + 8 * 60_000, DEPOT.lat, DEPOT.lon, 0, false, fuel));
      }
      for (let k = 0; k < out.length; k += 500)
        await ingestPositions(platform, { tenantId, deviceId: v.deviceId as string }, out.slice(k, k + 500));
    }
  }
  await processAll(platform, { settleMs: 0 });

  // papers, plans, the service book
  const dayStr = (n: number) => formatLocalDate(shiftDays(today, n));
  for (const [i, { v }] of vehicles.entries()) {
    await savePaper(db, ctx, { vehicleId: v.id, kind: 'kteo', validUntil: dayStr(i === 1 ? 10 : 40 + i * 25), remindDays: [30, 7, 0] });
    await savePaper(db, ctx, {
      vehicleId: v.id,
      kind: 'insurance',
      validUntil: dayStr(i === 4 ? -3 : 90 + i * 11),
      remindDays: [30, 7, 0],
    });
    if (v.category !== 'machinery' && v.category !== 'motorcycle')
      await savePaper(db, ctx, { vehicleId: v.id, kind: 'emissions_card', validUntil: dayStr(120 + i * 9), remindDays: [30, 0] });
    const [plan] = await db
      .insert(fleetServicePlans)
      .values({
        tenantId,
        vehicleId: v.id,
        name: v.category === 'machinery' ? 'Σέρβις 500 ωρών' : 'Σέρβις λαδιών και φίλτρων',
        everyKm: v.category === 'machinery' ? null : 15_000,
        everyHours: v.category === 'machinery' ? 500 : null,
        everyMonths: 12,
        lastKm: v.odometerKm - (i === 2 ? 15_300 : 4000 + i * 900),
        lastHours: Math.max(0, v.engineHours - (i === 9 ? 480 : 120)),
        lastDate: dayStr(-120 - i * 10),
      })
      .returning();
    await db.insert(fleetServiceRecords).values({
      tenantId,
      vehicleId: v.id,
      planId: plan?.id ?? null,
      doneOn: dayStr(-120 - i * 10),
      odometerKm: plan?.lastKm ?? null,
      description: 'Αλλαγή λαδιών, φίλτρα λαδιού και αέρα',
      parts: [
        { name: 'Λάδι κινητήρα 10W-40 (λίτρα)', qty: v.category === 'car' ? 4 : 20, cost: 7.5 },
        { name: 'Φίλτρο λαδιού', qty: 1, cost: 28 },
        { name: 'Φίλτρο αέρα', qty: 1, cost: 45 },
      ],
      labourCost: 60,
      totalCost: Math.round(((v.category === 'car' ? 4 : 20) * 7.5 + 28 + 45 + 60) * 100) / 100,
    });
  }
}
