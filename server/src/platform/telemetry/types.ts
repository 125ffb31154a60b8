import type { z } from 'zod';
import type { DEVICE_KINDS } from './telemetry.schema.js';

export type DeviceKind = (typeof DEVICE_KINDS)[number];

export interface DeviceInfo {
  id: string;
  tenantId: string;
  kind: DeviceKind;
  uniqueId: string;
  name: string;
  disabledAt: Date | null;
  lastSeenAt: Date | null;
  accepted: number;
  refused: number;
}

/** A stored fix. `seq` is the ingest order (bigint as string), increasing across all tenants. */
export interface Position {
  seq: string;
  tenantId: string;
  deviceId: string;
  fixTime: Date;
  receivedAt: Date;
  lat: number;
  lon: number;
  speedKmh: number | null;
  course: number | null;
  altitude: number | null;
  accuracy: number | null;
  battery: number | null;
  ignition: boolean | null;
  motion: boolean | null;
  /** litres */
  fuelLevel: number | null;
  odometerKm: number | null;
  engineHours: number | null;
  driverUniqueId: string | null;
  trusted: boolean;
  untrustedReason: string | null;
  attributes: Record<string, unknown>;
}

export type IncomingPosition = Omit<Position, 'seq' | 'tenantId' | 'deviceId' | 'receivedAt' | 'trusted' | 'untrustedReason'> &
  Partial<Pick<Position, never>>;

export interface DeviceMessage<T = unknown> {
  seq: string;
  tenantId: string;
  deviceId: string;
  type: string;
  time: Date;
  receivedAt: Date;
  payload: T;
}

export interface IncomingMessage {
  type: string;
  time: Date;
  payload: unknown;
}

/** Why input was refused (counted per device, or per tenant for unknown devices; never stored). */
export type RefusalReason =
  | 'malformed'
  | 'unknown_device'
  | 'bad_secret'
  | 'foreign_topic'
  | 'disabled'
  | 'unknown_type'
  | 'invalid_payload';

/** The compact form of a position pushed to live maps. */
export interface LivePosition {
  seq: string;
  deviceId: string;
  fixTime: string;
  lat: number;
  lon: number;
  speedKmh: number | null;
  course: number | null;
  ignition: boolean | null;
  trusted: boolean;
}

export type MessageSchema<T> = z.ZodType<T>;
