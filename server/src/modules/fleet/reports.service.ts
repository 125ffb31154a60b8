import { and, asc, eq, gte, inArray, lte, sql } from 'drizzle-orm';
import { athensDateTime } from '../../platform/calendar/index.js';
import type { DbOrTx } from '../../platform/db/database.js';
import { type Column, lineString, point, toCsv, toGeoJson, toGpx, toPdfTable, toXlsx } from '../../platform/export/index.js';
import type { Lang } from '../../platform/i18n/i18n.js';
import { latestPositions, positionsOf } from '../../platform/telemetry/index.js';
import { round } from './detect.js';
import { byCategory, fuelFigures } from './fuel.service.js';
import { serviceBook } from './maintenance.service.js';
import { fleetEvents, fleetShifts, fleetStops, fleetTrips, fleetVehicles } from './schema.js';
import { getVehicle, listVehicles } from './vehicles.service.js';

export const REPORT_KINDS = ['trips', 'stops', 'fuel', 'maintenance', 'categories', 'events'] as const;
export type TReportKind = (typeof REPORT_KINDS)[number];

/** A vehicle on the live map: where, when last seen, and what it is doing. */
export type TLiveVehicle = {
  vehicleId: string;
  plate: string;
  category: string;
  lat: number | null;
  lon: number | null;
  speedKmh: number | null;
  course: number | null;
  fixTime: Date | null;
  state: 'moving' | 'idle' | 'parked' | 'offline' | 'no_device';
  onShift: boolean;
};

/** No fix for this long: offline. */
export const OFFLINE_AFTER_MS = 15 * 60_000;

export async function liveVehicles(db: DbOrTx, tenantId: string, now = new Date()): Promise<TLiveVehicle[]> {
  const vehicles = await listVehicles(db, tenantId, { activeOnly: true });
  const latest = await latestPositions(db, tenantId);
  const open = await db
    .select({ vehicleId: fleetShifts.vehicleId })
    .from(fleetShifts)
    .where(and(eq(fleetShifts.tenantId, tenantId), sql`${fleetShifts.endedAt} is null`));
  return vehicles.map((v) => {
    const p = v.deviceId ? latest.find((x) => x.deviceId === v.deviceId) : undefined;
    let state: TLiveVehicle['state'] = 'no_device';
    if (v.deviceId) {
      if (!p || now.getTime() - p.fixTime.getTime() > OFFLINE_AFTER_MS) state = 'offline';
      else if ((p.speedKmh ?? 0) >= 3 || p.motion === true) state = 'moving';
      else if (p.ignition === true) state = 'idle';
      else state = 'parked';
    }
    return {
      vehicleId: v.id,
      plate: v.plate,
      category: v.category,
      lat: p?.lat ?? null,
      lon: p?.lon ?? null,
      speedKmh: p?.speedKmh ?? null,
      course: p?.course ?? null,
      fixTime: p?.fixTime ?? null,
      state,
      onShift: open.some((s) => s.vehicleId === v.id),
    };
  });
}

/** The vehicle's fixes for replay (trusted ones only). */
export async function track(db: DbOrTx, tenantId: string, vehicleId: string, from: Date, to: Date) {
  const v = await getVehicle(db, tenantId, vehicleId);
  if (!v.deviceId) return { vehicle: v, points: [] };
  const ps = await positionsOf(db, tenantId, v.deviceId, from, to);
  return {
    vehicle: v,
    points: ps
      .filter((p) => p.trusted)
      .map((p) => ({ t: p.fixTime, lat: p.lat, lon: p.lon, speedKmh: p.speedKmh, ignition: p.ignition, fuelLevel: p.fuelLevel })),
  };
}

export async function trips(db: DbOrTx, tenantId: string, opts: { vehicleId?: string; from: Date; to: Date }) {
  return db
    .select({ t: fleetTrips, plate: fleetVehicles.plate, category: fleetVehicles.category })
    .from(fleetTrips)
    .innerJoin(fleetVehicles, eq(fleetVehicles.id, fleetTrips.vehicleId))
    .where(
      and(
        eq(fleetTrips.tenantId, tenantId),
        opts.vehicleId ? eq(fleetTrips.vehicleId, opts.vehicleId) : undefined,
        gte(fleetTrips.startAt, opts.from),
        lte(fleetTrips.startAt, opts.to),
      ),
    )
    .orderBy(asc(fleetTrips.startAt))
    .then((rows) => rows.map(({ t, plate, category }) => ({ ...t, plate, category })));
}

export async function stops(db: DbOrTx, tenantId: string, opts: { vehicleId?: string; from: Date; to: Date }) {
  return db
    .select({ s: fleetStops, plate: fleetVehicles.plate })
    .from(fleetStops)
    .innerJoin(fleetVehicles, eq(fleetVehicles.id, fleetStops.vehicleId))
    .where(
      and(
        eq(fleetStops.tenantId, tenantId),
        opts.vehicleId ? eq(fleetStops.vehicleId, opts.vehicleId) : undefined,
        gte(fleetStops.startAt, opts.from),
        lte(fleetStops.startAt, opts.to),
      ),
    )
    .orderBy(asc(fleetStops.startAt))
    .then((rows) => rows.map(({ s, plate }) => ({ ...s, plate })));
}

export async function events(db: DbOrTx, tenantId: string, opts: { vehicleId?: string; from: Date; to: Date; kinds?: string[] }) {
  return db
    .select({ e: fleetEvents, plate: fleetVehicles.plate })
    .from(fleetEvents)
    .innerJoin(fleetVehicles, eq(fleetVehicles.id, fleetEvents.vehicleId))
    .where(
      and(
        eq(fleetEvents.tenantId, tenantId),
        opts.vehicleId ? eq(fleetEvents.vehicleId, opts.vehicleId) : undefined,
        opts.kinds?.length ? inArray(fleetEvents.kind, opts.kinds as (typeof fleetEvents.kind.enumValues)[number][]) : undefined,
        gte(fleetEvents.at, opts.from),
        lte(fleetEvents.at, opts.to),
      ),
    )
    .orderBy(asc(fleetEvents.at))
    .then((rows) => rows.map(({ e, plate }) => ({ ...e, plate })));
}

const W = {
  plate: { el: 'Αρ. κυκλοφορίας', en: 'Plate' },
  category: { el: 'Κατηγορία', en: 'Category' },
  start: { el: 'Έναρξη', en: 'Start' },
  end: { el: 'Λήξη', en: 'End' },
  km: { el: 'Χιλιόμετρα', en: 'Kilometres' },
  duration: { el: 'Διάρκεια (λεπτά)', en: 'Duration (min)' },
  idle: { el: 'Σε στάση με μηχανή (λεπτά)', en: 'Idling (min)' },
  top: { el: 'Μέγιστη ταχύτητα (km/h)', en: 'Top speed (km/h)' },
  fuel: { el: 'Καύσιμο (λίτρα)', en: 'Fuel (litres)' },
  place: { el: 'Θέση', en: 'Position' },
  kind: { el: 'Συμβάν', en: 'Event' },
  value: { el: 'Τιμή', en: 'Value' },
  hours: { el: 'Ώρες μηχανής', en: 'Engine hours' },
  refuelled: { el: 'Ανεφοδιασμός (λίτρα)', en: 'Refuelled (litres)' },
  cost: { el: 'Κόστος (€)', en: 'Cost (€)' },
  per100: { el: 'Λίτρα/100 km', en: 'Litres/100 km' },
  perHour: { el: 'Λίτρα/ώρα', en: 'Litres/hour' },
  norm: { el: 'Κατά τον κανόνα (λίτρα)', en: 'By the norm (litres)' },
  drops: { el: 'Πτώσεις στάθμης (λίτρα)', en: 'Level drops (litres)' },
  date: { el: 'Ημερομηνία', en: 'Date' },
  work: { el: 'Εργασία', en: 'Work' },
  vehicles: { el: 'Οχήματα', en: 'Vehicles' },
} as const;

export const CATEGORY_NAMES: Record<string, { el: string; en: string }> = {
  garbage_truck: { el: 'Απορριμματοφόρο', en: 'Refuse truck' },
  sweeper: { el: 'Σάρωθρο', en: 'Street sweeper' },
  truck: { el: 'Φορτηγό', en: 'Truck' },
  van: { el: 'Βαν', en: 'Van' },
  car: { el: 'Επιβατικό', en: 'Car' },
  machinery: { el: 'Μηχάνημα έργου', en: 'Construction machine' },
  motorcycle: { el: 'Δίκυκλο', en: 'Motorcycle' },
  bus: { el: 'Λεωφορείο', en: 'Bus' },
  other: { el: 'Άλλο', en: 'Other' },
};
const EVENT_NAMES: Record<string, { el: string; en: string }> = {
  geofence_enter: { el: 'Είσοδος σε περιοχή', en: 'Entered area' },
  geofence_exit: { el: 'Έξοδος από περιοχή', en: 'Left area' },
  overspeed: { el: 'Υπέρβαση ορίου ταχύτητας', en: 'Over the speed limit' },
  refuel: { el: 'Ανεφοδιασμός', en: 'Refuel' },
  fuel_drop: { el: 'Απότομη πτώση στάθμης καυσίμου', en: 'Sudden fuel drop' },
};

/** A report's title, rows and columns, in the caller's language. */
export async function buildReport(
  db: DbOrTx,
  tenantId: string,
  kind: TReportKind,
  opts: { vehicleId?: string; from: Date; to: Date; lang: Lang },
) {
  const L = opts.lang;
  const h = (k: keyof typeof W) => W[k][L];
  const when = (d: Date) => athensDateTime(d);
  const min = (s: number) => round(s / 60, 1);
  const title = {
    trips: { el: 'Διαδρομές', en: 'Trips' },
    stops: { el: 'Στάσεις', en: 'Stops' },
    fuel: { el: 'Καύσιμα', en: 'Fuel' },
    maintenance: { el: 'Κόστος συντήρησης', en: 'Maintenance cost' },
    categories: { el: 'Χρήση ανά κατηγορία', en: 'Use per category' },
    events: { el: 'Συμβάντα', en: 'Events' },
  }[kind][L];
  const subtitle = `${when(opts.from)} – ${when(opts.to)}`;
  if (kind === 'trips') {
    const rows = await trips(db, tenantId, opts);
    const columns: Column<(typeof rows)[number]>[] = [
      { header: h('plate'), value: (r) => r.plate },
      { header: h('start'), value: (r) => when(r.startAt) },
      { header: h('end'), value: (r) => when(r.endAt) },
      { header: h('km'), value: (r) => r.distanceKm },
      { header: h('duration'), value: (r) => min(r.durationS) },
      { header: h('idle'), value: (r) => min(r.idleS) },
      { header: h('top'), value: (r) => r.maxSpeedKmh },
      { header: h('fuel'), value: (r) => r.fuelUsedL },
    ];
    return { title, subtitle, rows, columns };
  }
  if (kind === 'stops') {
    const rows = await stops(db, tenantId, opts);
    const columns: Column<(typeof rows)[number]>[] = [
      { header: h('plate'), value: (r) => r.plate },
      { header: h('start'), value: (r) => when(r.startAt) },
      { header: h('end'), value: (r) => when(r.endAt) },
      { header: h('duration'), value: (r) => min(r.durationS) },
      { header: h('place'), value: (r) => `${r.lat.toFixed(5)}, ${r.lon.toFixed(5)}` },
    ];
    return { title, subtitle, rows, columns };
  }
  if (kind === 'events') {
    const rows = await events(db, tenantId, opts);
    const columns: Column<(typeof rows)[number]>[] = [
      { header: h('plate'), value: (r) => r.plate },
      { header: h('start'), value: (r) => when(r.at) },
      { header: h('kind'), value: (r) => EVENT_NAMES[r.kind]?.[L] ?? r.kind },
      { header: h('value'), value: (r) => r.value },
      { header: h('place'), value: (r) => `${r.lat.toFixed(5)}, ${r.lon.toFixed(5)}` },
    ];
    return { title, subtitle, rows, columns };
  }
  if (kind === 'fuel') {
    const rows = await fuelFigures(db, tenantId, opts.from, opts.to, opts.vehicleId);
    const columns: Column<(typeof rows)[number]>[] = [
      { header: h('plate'), value: (r) => r.plate },
      { header: h('category'), value: (r) => CATEGORY_NAMES[r.category]?.[L] ?? r.category },
      { header: h('km'), value: (r) => r.distanceKm },
      { header: h('hours'), value: (r) => r.engineHours },
      { header: h('refuelled'), value: (r) => r.refuelledL },
      { header: h('cost'), value: (r) => r.refuelCost },
      { header: h('fuel'), value: (r) => r.usedL },
      { header: h('per100'), value: (r) => r.per100Km },
      { header: h('perHour'), value: (r) => r.perHour },
      { header: h('norm'), value: (r) => r.normL },
      { header: h('drops'), value: (r) => r.dropL },
    ];
    return { title, subtitle, rows, columns };
  }
  if (kind === 'categories') {
    const rows = byCategory(await fuelFigures(db, tenantId, opts.from, opts.to));
    const columns: Column<(typeof rows)[number]>[] = [
      { header: h('category'), value: (r) => CATEGORY_NAMES[r.category]?.[L] ?? r.category },
      { header: h('vehicles'), value: (r) => r.vehicles },
      { header: h('km'), value: (r) => r.distanceKm },
      { header: h('hours'), value: (r) => r.engineHours },
      { header: h('fuel'), value: (r) => r.usedL },
      { header: h('per100'), value: (r) => r.per100Km },
      { header: h('perHour'), value: (r) => r.perHour },
      { header: h('cost'), value: (r) => r.refuelCost },
    ];
    return { title, subtitle, rows, columns };
  }
  const fromDay = opts.from.toISOString().slice(0, 10);
  const toDay = opts.to.toISOString().slice(0, 10);
  const rows = await serviceBook(db, tenantId, { vehicleId: opts.vehicleId, from: fromDay, to: toDay });
  const columns: Column<(typeof rows)[number]>[] = [
    { header: h('plate'), value: (r) => r.plate },
    { header: h('date'), value: (r) => r.doneOn },
    { header: h('work'), value: (r) => r.description },
    { header: h('km'), value: (r) => r.odometerKm },
    { header: h('cost'), value: (r) => r.totalCost },
  ];
  return { title, subtitle, rows, columns };
}

export async function renderReport(report: Awaited<ReturnType<typeof buildReport>>, format: 'csv' | 'xlsx' | 'pdf', lang: Lang) {
  // the rows' types differ per kind; the columns always match their rows
  const r = report as unknown as { title: string; subtitle: string; rows: unknown[]; columns: Column<unknown>[] };
  if (format === 'csv') return toCsv(r.rows, r.columns);
  if (format === 'xlsx') return toXlsx([{ name: r.title, rows: r.rows, columns: r.columns }] as never);
  return toPdfTable({ title: r.title, subtitle: r.subtitle, rows: r.rows, columns: r.columns, lang });
}

export async function trackExport(db: DbOrTx, tenantId: string, vehicleId: string, from: Date, to: Date, format: 'gpx' | 'geojson') {
  const { vehicle, points } = await track(db, tenantId, vehicleId, from, to);
  const tr = await trips(db, tenantId, { vehicleId, from, to });
  if (format === 'gpx') {
    const segments = tr
      .map((t) => points.filter((p) => p.t >= t.startAt && p.t <= t.endAt).map((p) => ({ lat: p.lat, lon: p.lon, time: p.t })))
      .filter((s) => s.length > 1);
    return toGpx(
      [{ name: vehicle.plate, segments: segments.length ? segments : [points.map((p) => ({ lat: p.lat, lon: p.lon, time: p.t }))] }],
      {
        name: vehicle.plate,
      },
    );
  }
  const features = tr
    .map((t) => {
      const coords = points.filter((p) => p.t >= t.startAt && p.t <= t.endAt).map((p) => ({ lat: p.lat, lon: p.lon }));
      return coords.length > 1
        ? {
            geometry: lineString(coords),
            properties: { plate: vehicle.plate, start: t.startAt.toISOString(), end: t.endAt.toISOString(), km: t.distanceKm },
          }
        : null;
    })
    .filter((f): f is NonNullable<typeof f> => f !== null);
  if (!features.length && points.length)
    features.push({
      geometry: point(points[0]?.lat as number, points[0]?.lon as number),
      properties: { plate: vehicle.plate, start: '', end: '', km: 0 },
    });
  return toGeoJson(features);
}
