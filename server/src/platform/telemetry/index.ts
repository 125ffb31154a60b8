/**
 * Telemetry: the one device-ingest pipeline every module uses (a platform area: imports no module).
 * Devices (trackers, truck lift units, BLE gateways, phones) send over MQTT (embedded broker or an
 * external one), the OsmAnd HTTP protocol, or a JSON batch endpoint; everything passes one validated
 * write path into `positions` (partitioned by month) and `device_messages`. See README.md.
 */
import type { z } from 'zod';
import type { Platform } from '../context.js';
import type { DbOrTx } from '../db/database.js';
import type { ApiPart } from '../http/app.js';
import type { ServiceContext } from '../service-context.js';
import * as devices from './devices.js';
import * as ingest from './ingest.js';
import * as messageTypes from './message-types.js';
import * as queries from './queries.js';
import { setupTelemetry, telemetryRoutes } from './routes.js';
import type { DeviceInfo, DeviceKind, DeviceMessage, IncomingPosition, Position } from './types.js';

export { DEVICE_KINDS } from './telemetry.schema.js';
export { startTelemetryTransports, type TelemetryTransports } from './transports.js';
export type { DeviceInfo, DeviceKind, DeviceMessage, IncomingPosition, LivePosition, Position, RefusalReason } from './types.js';

export function createDevice(
  db: DbOrTx,
  ctx: ServiceContext,
  input: { kind: DeviceKind; uniqueId: string; name: string },
): Promise<{ device: DeviceInfo; secret: string }> {
  return devices.createDevice(db, ctx, input);
}
export function rotateDeviceSecret(db: DbOrTx, ctx: ServiceContext, deviceId: string): Promise<{ secret: string }> {
  return devices.rotateDeviceSecret(db, ctx, deviceId);
}
export function setDeviceDisabled(db: DbOrTx, ctx: ServiceContext, deviceId: string, disabled: boolean): Promise<DeviceInfo> {
  return devices.setDeviceDisabled(db, ctx, deviceId, disabled);
}
export function getDevice(db: DbOrTx, tenantId: string, id: string): Promise<DeviceInfo | undefined> {
  return devices.getDevice(db, tenantId, id);
}
export function listDevices(db: DbOrTx, tenantId: string, opts?: { kind?: DeviceKind }): Promise<DeviceInfo[]> {
  return devices.listDevices(db, tenantId, opts);
}

/** In-process callers (e.g. the fleet's driver phone view) push fixes through the same validated path. */
export function ingestPositions(
  platform: Platform,
  device: { tenantId: string; deviceId: string },
  items: IncomingPosition[],
): Promise<{ stored: number; duplicates: number }> {
  return ingest.ingestPositions(platform, device, items);
}
/** A device's fixes between two times, by fix time. */
export function positionsOf(db: DbOrTx, tenantId: string, deviceId: string, from: Date, to: Date): Promise<Position[]> {
  return queries.positionsOf(db, tenantId, deviceId, from, to);
}
/** One per device: its latest fix. */
export function latestPositions(db: DbOrTx, tenantId: string): Promise<Position[]> {
  return queries.latestPositions(db, tenantId);
}
/** For modules' durable processing cursors (trips, geofences, fuel events): all tenants, seq order. */
export function positionsAfter(db: DbOrTx, opts: { afterSeq: string; limit: number }): Promise<Position[]> {
  return queries.positionsAfter(db, opts);
}

/** A module declares a message type and its zod schema; ingest validates payloads before storing. */
export function defineMessageType<T>(type: string, schema: z.ZodType<T>): void {
  messageTypes.defineMessageType(type, schema);
}
export function messagesAfter<T>(db: DbOrTx, opts: { type: string; afterSeq: string; limit: number }): Promise<DeviceMessage<T>[]> {
  return queries.messagesAfter<T>(db, opts);
}
/** In-process, after commit, best effort (low latency): durable consumers use the cursors above. */
export function onIngested(listener: (batch: { positions: Position[]; messages: DeviceMessage[] }) => void): () => void {
  return ingest.onIngested(listener);
}

/** The telemetry API part: device registry, OsmAnd and batch endpoints, live SSE, partition and retention jobs. */
export const telemetryApi: ApiPart = {
  name: 'telemetry',
  plugin: telemetryRoutes,
  setup: setupTelemetry,
};
