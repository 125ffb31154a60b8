import { sql } from 'drizzle-orm';
import { bigint, index, integer, jsonb, pgTable, text, timestamp, unique, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, tenantId, ts } from '../db/columns.js';

export const DEVICE_KINDS = ['vehicle_tracker', 'lift_unit', 'ble_gateway', 'phone'] as const;

/**
 * Devices that send telemetry (trackers, truck lift units, BLE gateways, phones), one row per device
 * per tenant. The secret is random (32 bytes) and stored only as its SHA-256 hash: a fast hash is enough
 * for a high-entropy secret and keeps per-message authentication cheap.
 */
export const telemetryDevices = pgTable(
  'telemetry_devices',
  {
    id: id(),
    tenantId: tenantId(),
    kind: text('kind', { enum: DEVICE_KINDS }).notNull(),
    uniqueId: text('unique_id').notNull(),
    name: text('name').notNull(),
    secretHash: text('secret_hash').notNull(),
    secretRotatedAt: ts('secret_rotated_at').notNull().defaultNow(),
    disabledAt: ts('disabled_at'),
    lastSeenAt: ts('last_seen_at'),
    accepted: bigint('accepted', { mode: 'number' }).notNull().default(0),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('telemetry_devices_tenant_unique').on(t.tenantId, t.uniqueId)],
);

/**
 * Refused input, counted (never stored): per device, or with `device_id` null for a tenant's unknown
 * devices. `reason` is one of `malformed`, `unknown_device`, `bad_secret`, `foreign_topic`,
 * `disabled`, `unknown_type`, `invalid_payload`.
 */
export const telemetryRefusals = pgTable(
  'telemetry_refusals',
  {
    id: id(),
    tenantId: tenantId(),
    deviceId: uuid('device_id').references(() => telemetryDevices.id, { onDelete: 'cascade' }),
    reason: text('reason').notNull(),
    count: bigint('count', { mode: 'number' }).notNull().default(0),
    lastAt: timestamp('last_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique('telemetry_refusals_key').on(t.tenantId, t.deviceId, t.reason).nullsNotDistinct()],
);

/** Per-tenant telemetry settings: how long positions and device messages are kept. */
export const telemetrySettings = pgTable('telemetry_settings', {
  tenantId: tenantId().primaryKey(),
  retentionDays: integer('retention_days').notNull().default(365),
});

/**
 * Non-position payloads (truck lifts, BLE scans, ...), validated against their declared type before
 * storing; stored once per (device, type, time, payload). `seq` is the ingest order for durable cursors.
 */
export const deviceMessages = pgTable(
  'device_messages',
  {
    seq: bigint('seq', { mode: 'bigint' }).primaryKey().generatedAlwaysAsIdentity(),
    tenantId: tenantId(),
    deviceId: uuid('device_id')
      .notNull()
      .references(() => telemetryDevices.id, { onDelete: 'cascade' }),
    type: text('type').notNull(),
    time: ts('time').notNull(),
    receivedAt: ts('received_at').notNull().defaultNow(),
    payload: jsonb('payload').notNull(),
  },
  (t) => [
    uniqueIndex('device_messages_once').on(t.deviceId, t.type, t.time, sql`md5(${t.payload}::text)`),
    index('device_messages_type_seq').on(t.type, t.seq),
    index('device_messages_tenant_time').on(t.tenantId, t.time),
  ],
);
