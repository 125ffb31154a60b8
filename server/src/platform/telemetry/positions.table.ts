import { sql } from 'drizzle-orm';
import { bigint, boolean, doublePrecision, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * The `positions` table for queries. Its DDL (partitioned by month on `fix_time`, unique
 * `(device_id, fix_time)`, `seq` from the `positions_seq` sequence) is in the custom migration
 * `telemetry_positions`; this file is outside drizzle-kit's schema globs on purpose.
 */
export const positions = pgTable('positions', {
  seq: bigint('seq', { mode: 'bigint' }).notNull().default(sql`nextval('positions_seq')`),
  tenantId: uuid('tenant_id').notNull(),
  deviceId: uuid('device_id').notNull(),
  fixTime: timestamp('fix_time', { withTimezone: true }).notNull(),
  receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
  lat: doublePrecision('lat').notNull(),
  lon: doublePrecision('lon').notNull(),
  speedKmh: doublePrecision('speed_kmh'),
  course: doublePrecision('course'),
  altitude: doublePrecision('altitude'),
  accuracy: doublePrecision('accuracy'),
  battery: doublePrecision('battery'),
  ignition: boolean('ignition'),
  motion: boolean('motion'),
  fuelLevel: doublePrecision('fuel_level'),
  odometerKm: doublePrecision('odometer_km'),
  engineHours: doublePrecision('engine_hours'),
  driverUniqueId: text('driver_unique_id'),
  trusted: boolean('trusted').notNull().default(true),
  untrustedReason: text('untrusted_reason'),
  attributes: jsonb('attributes').$type<Record<string, unknown>>().notNull().default({}),
});
