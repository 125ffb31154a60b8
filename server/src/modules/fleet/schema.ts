import { boolean, date, doublePrecision, index, integer, jsonb, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, tenantId, ts } from '../../platform/db/columns.js';
import { users } from '../../platform/identity/identity.schema.js';
import { orgUnits } from '../../platform/tenancy/org.schema.js';

export const VEHICLE_CATEGORIES = ['garbage_truck', 'sweeper', 'truck', 'van', 'car', 'machinery', 'motorcycle', 'bus', 'other'] as const;
export type TVehicleCategory = (typeof VEHICLE_CATEGORIES)[number];
export const FUEL_TYPES = ['diesel', 'petrol', 'lpg', 'cng', 'electric'] as const;
export const PAPER_KINDS = ['kteo', 'insurance', 'emissions_card', 'road_tax', 'licence', 'other'] as const;
export type TPaperKind = (typeof PAPER_KINDS)[number];
export const GEOFENCE_KINDS = ['depot', 'landfill', 'district', 'road', 'other'] as const;

/** A municipal vehicle. `deviceId` is its telemetry tracker (platform/telemetry), if it has one. */
export const fleetVehicles = pgTable(
  'fleet_vehicles',
  {
    id: id(),
    tenantId: tenantId(),
    plate: text('plate').notNull(),
    category: text('category', { enum: VEHICLE_CATEGORIES }).notNull(),
    make: text('make'),
    model: text('model'),
    unitId: uuid('unit_id').references(() => orgUnits.id, { onDelete: 'set null' }),
    fuelType: text('fuel_type', { enum: FUEL_TYPES }).notNull(),
    tankLitres: doublePrecision('tank_litres'),
    odometerKm: doublePrecision('odometer_km').notNull().default(0),
    engineHours: doublePrecision('engine_hours').notNull().default(0),
    deviceId: uuid('device_id'),
    /** Its own speed limit (km/h); road geofences may set a lower one. */
    speedLimitKmh: integer('speed_limit_kmh'),
    /** The official consumption norm (ΥΑ 1450/550/1982): litres per 100 km, and per engine hour for machinery. */
    normLPer100Km: doublePrecision('norm_l_per_100km'),
    normLPerHour: doublePrecision('norm_l_per_hour'),
    /** Level changes (litres) that count as a refuel or a drop. */
    refuelThresholdL: doublePrecision('refuel_threshold_l').notNull().default(10),
    dropThresholdL: doublePrecision('drop_threshold_l').notNull().default(8),
    active: boolean('active').notNull().default(true),
    notes: text('notes'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('fleet_vehicles_plate').on(t.tenantId, t.plate), uniqueIndex('fleet_vehicles_device').on(t.deviceId)],
);

/** A staff user who drives: the card (RFID/iButton) the tracker reports, and the licence. */
export const fleetDrivers = pgTable(
  'fleet_drivers',
  {
    userId: uuid('user_id')
      .primaryKey()
      .references(() => users.id, { onDelete: 'cascade' }),
    tenantId: tenantId(),
    driverUniqueId: text('driver_unique_id'),
    licenceCategories: jsonb('licence_categories').$type<string[]>().notNull().default([]),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('fleet_drivers_card').on(t.tenantId, t.driverUniqueId)],
);

/** Who drove what when. Open while `endedAt` is null. `phoneDeviceId`: the phone shares its position as the tracker. */
export const fleetShifts = pgTable(
  'fleet_shifts',
  {
    id: id(),
    tenantId: tenantId(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'restrict' }),
    vehicleId: uuid('vehicle_id')
      .notNull()
      .references(() => fleetVehicles.id, { onDelete: 'restrict' }),
    source: text('source', { enum: ['phone', 'card'] }).notNull(),
    phoneDeviceId: uuid('phone_device_id'),
    startedAt: ts('started_at').notNull(),
    endedAt: ts('ended_at'),
  },
  (t) => [index('fleet_shifts_user').on(t.tenantId, t.userId, t.startedAt), index('fleet_shifts_vehicle').on(t.vehicleId, t.startedAt)],
);

/** Papers with an expiry date (ΚΤΕΟ, insurance, κάρτα καυσαερίων, a driver's licence); reminders through notify's obligations. */
export const fleetPapers = pgTable(
  'fleet_papers',
  {
    id: id(),
    tenantId: tenantId(),
    vehicleId: uuid('vehicle_id').references(() => fleetVehicles.id, { onDelete: 'cascade' }),
    driverUserId: uuid('driver_user_id').references(() => users.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: PAPER_KINDS }).notNull(),
    number: text('number'),
    validUntil: date('valid_until', { mode: 'string' }).notNull(),
    remindDays: jsonb('remind_days').$type<number[]>().notNull().default([30, 7, 0]),
    fileId: uuid('file_id'),
    createdAt: createdAt(),
  },
  (t) => [index('fleet_papers_vehicle').on(t.tenantId, t.vehicleId)],
);

/** Areas: depots, the landfill, districts (enter/exit events) and roads with a speed limit. */
export const fleetGeofences = pgTable('fleet_geofences', {
  id: id(),
  tenantId: tenantId(),
  name: text('name').notNull(),
  kind: text('kind', { enum: GEOFENCE_KINDS }).notNull(),
  /** GeoJSON Polygon coordinates ([lon, lat] rings). */
  polygon: jsonb('polygon').$type<number[][][]>().notNull(),
  speedLimitKmh: integer('speed_limit_kmh'),
  createdAt: createdAt(),
});

/** The processing cursor over telemetry's positions (one row per consumer). */
export const fleetCursor = pgTable('fleet_cursor', {
  name: text('name').primaryKey(),
  seq: text('seq').notNull().default('0'),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

/** The detector's state per vehicle between batches (an open trip, areas it is in, fuel window). */
export const fleetVehicleState = pgTable('fleet_vehicle_state', {
  vehicleId: uuid('vehicle_id')
    .primaryKey()
    .references(() => fleetVehicles.id, { onDelete: 'cascade' }),
  tenantId: tenantId(),
  state: jsonb('state').$type<Record<string, unknown>>().notNull(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

export const fleetTrips = pgTable(
  'fleet_trips',
  {
    id: id(),
    tenantId: tenantId(),
    vehicleId: uuid('vehicle_id')
      .notNull()
      .references(() => fleetVehicles.id, { onDelete: 'cascade' }),
    startAt: ts('start_at').notNull(),
    endAt: ts('end_at').notNull(),
    startLat: doublePrecision('start_lat').notNull(),
    startLon: doublePrecision('start_lon').notNull(),
    endLat: doublePrecision('end_lat').notNull(),
    endLon: doublePrecision('end_lon').notNull(),
    distanceKm: doublePrecision('distance_km').notNull(),
    durationS: integer('duration_s').notNull(),
    idleS: integer('idle_s').notNull(),
    maxSpeedKmh: doublePrecision('max_speed_kmh').notNull(),
    engineHours: doublePrecision('engine_hours'),
    fuelUsedL: doublePrecision('fuel_used_l'),
    driverUniqueId: text('driver_unique_id'),
    driverUserId: uuid('driver_user_id'),
  },
  (t) => [uniqueIndex('fleet_trips_start').on(t.vehicleId, t.startAt), index('fleet_trips_tenant').on(t.tenantId, t.startAt)],
);

export const fleetStops = pgTable(
  'fleet_stops',
  {
    id: id(),
    tenantId: tenantId(),
    vehicleId: uuid('vehicle_id')
      .notNull()
      .references(() => fleetVehicles.id, { onDelete: 'cascade' }),
    startAt: ts('start_at').notNull(),
    endAt: ts('end_at').notNull(),
    lat: doublePrecision('lat').notNull(),
    lon: doublePrecision('lon').notNull(),
    durationS: integer('duration_s').notNull(),
  },
  (t) => [uniqueIndex('fleet_stops_start').on(t.vehicleId, t.startAt)],
);

/** Geofence enter/exit, overspeed, refuel and fuel-drop events. */
export const fleetEvents = pgTable(
  'fleet_events',
  {
    id: id(),
    tenantId: tenantId(),
    vehicleId: uuid('vehicle_id')
      .notNull()
      .references(() => fleetVehicles.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: ['geofence_enter', 'geofence_exit', 'overspeed', 'refuel', 'fuel_drop'] }).notNull(),
    at: ts('at').notNull(),
    lat: doublePrecision('lat').notNull(),
    lon: doublePrecision('lon').notNull(),
    geofenceId: uuid('geofence_id'),
    /** Litres (fuel), top speed (overspeed). */
    value: doublePrecision('value'),
    limitKmh: integer('limit_kmh'),
    data: jsonb('data').$type<Record<string, unknown>>().notNull().default({}),
  },
  (t) => [
    uniqueIndex('fleet_events_once').on(t.vehicleId, t.kind, t.at, t.geofenceId),
    index('fleet_events_tenant').on(t.tenantId, t.kind, t.at),
  ],
);

/** Refuelling entered by the driver (or the office). `clientKey` makes a retried submission store once. */
export const fleetRefuels = pgTable(
  'fleet_refuels',
  {
    id: id(),
    tenantId: tenantId(),
    vehicleId: uuid('vehicle_id')
      .notNull()
      .references(() => fleetVehicles.id, { onDelete: 'cascade' }),
    userId: uuid('user_id').references(() => users.id, { onDelete: 'set null' }),
    at: ts('at').notNull(),
    litres: doublePrecision('litres').notNull(),
    cost: doublePrecision('cost'),
    odometerKm: doublePrecision('odometer_km'),
    station: text('station'),
    fullTank: boolean('full_tank').notNull().default(true),
    receiptFileId: uuid('receipt_file_id'),
    clientKey: text('client_key'),
    createdAt: createdAt(),
  },
  (t) => [
    index('fleet_refuels_vehicle').on(t.tenantId, t.vehicleId, t.at),
    uniqueIndex('fleet_refuels_client').on(t.tenantId, t.clientKey),
  ],
);

/** The δελτίο κίνησης of one vehicle and day, as the driver confirmed it (the figures are kept as confirmed). */
export const fleetLogConfirmations = pgTable(
  'fleet_log_confirmations',
  {
    id: id(),
    tenantId: tenantId(),
    vehicleId: uuid('vehicle_id')
      .notNull()
      .references(() => fleetVehicles.id, { onDelete: 'cascade' }),
    day: date('day', { mode: 'string' }).notNull(),
    confirmedBy: uuid('confirmed_by')
      .notNull()
      .references(() => users.id, { onDelete: 'restrict' }),
    remarks: text('remarks'),
    snapshot: jsonb('snapshot').$type<Record<string, unknown>>().notNull(),
    confirmedAt: createdAt(),
  },
  (t) => [uniqueIndex('fleet_log_day').on(t.vehicleId, t.day)],
);

/** Service plans: every N km, N engine hours or N months, whichever comes first. */
export const fleetServicePlans = pgTable('fleet_service_plans', {
  id: id(),
  tenantId: tenantId(),
  vehicleId: uuid('vehicle_id')
    .notNull()
    .references(() => fleetVehicles.id, { onDelete: 'cascade' }),
  name: text('name').notNull(),
  everyKm: doublePrecision('every_km'),
  everyHours: doublePrecision('every_hours'),
  everyMonths: integer('every_months'),
  lastKm: doublePrecision('last_km').notNull().default(0),
  lastHours: doublePrecision('last_hours').notNull().default(0),
  lastDate: date('last_date', { mode: 'string' }).notNull(),
  createdAt: createdAt(),
});

/** The service book: what was done, when, at what odometer, with parts and costs. */
export const fleetServiceRecords = pgTable(
  'fleet_service_records',
  {
    id: id(),
    tenantId: tenantId(),
    vehicleId: uuid('vehicle_id')
      .notNull()
      .references(() => fleetVehicles.id, { onDelete: 'cascade' }),
    planId: uuid('plan_id').references(() => fleetServicePlans.id, { onDelete: 'set null' }),
    doneOn: date('done_on', { mode: 'string' }).notNull(),
    odometerKm: doublePrecision('odometer_km'),
    engineHours: doublePrecision('engine_hours'),
    description: text('description').notNull(),
    parts: jsonb('parts').$type<{ name: string; qty: number; cost: number }[]>().notNull().default([]),
    labourCost: doublePrecision('labour_cost').notNull().default(0),
    totalCost: doublePrecision('total_cost').notNull().default(0),
    createdBy: uuid('created_by'),
    createdAt: createdAt(),
  },
  (t) => [index('fleet_service_vehicle').on(t.tenantId, t.vehicleId, t.doneOn)],
);

/** A fault a driver reported: filed as a case for the garage unit. */
export const fleetFaults = pgTable(
  'fleet_faults',
  {
    id: id(),
    tenantId: tenantId(),
    vehicleId: uuid('vehicle_id')
      .notNull()
      .references(() => fleetVehicles.id, { onDelete: 'cascade' }),
    reportedBy: uuid('reported_by').references(() => users.id, { onDelete: 'set null' }),
    description: text('description').notNull(),
    fileIds: jsonb('file_ids').$type<string[]>().notNull().default([]),
    caseId: uuid('case_id'),
    /** The phone's key (its outbox item's Idempotency-Key): a replay finds this row and stores no photo again. */
    clientKey: text('client_key'),
    createdAt: createdAt(),
  },
  (t) => [index('fleet_faults_vehicle').on(t.tenantId, t.vehicleId), uniqueIndex('fleet_faults_client').on(t.tenantId, t.clientKey)],
);
