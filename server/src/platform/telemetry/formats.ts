import { z } from 'zod';
import type { IncomingPosition } from './types.js';

/**
 * Payload formats, decoded to `IncomingPosition`s. Pure functions (no database): a payload either
 * decodes completely or is refused as `malformed`.
 */

const KNOTS_TO_KMH = 1.852;

/** A time as unix seconds, unix milliseconds (numbers above 1e12) or an ISO 8601 string. */
export function parseTime(v: unknown): Date | null {
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : v;
  let n: number | null = null;
  if (typeof v === 'number') n = v;
  else if (typeof v === 'string' && /^\d+(\.\d+)?$/.test(v.trim())) n = Number(v);
  if (n !== null) {
    if (!Number.isFinite(n) || n <= 0) return null;
    return new Date(n > 1e12 ? n : n * 1000);
  }
  if (typeof v === 'string' && v.length <= 40) {
    const ms = Date.parse(v);
    return Number.isNaN(ms) ? null : new Date(ms);
  }
  return null;
}

const num = (v: unknown): number | null => {
  if (v === undefined || v === null || v === '') return null;
  const n = typeof v === 'number' ? v : typeof v === 'string' ? Number(v) : Number.NaN;
  return Number.isFinite(n) ? n : null;
};
const bool = (v: unknown): boolean | null => {
  if (v === true || v === 'true' || v === '1' || v === 1) return true;
  if (v === false || v === 'false' || v === '0' || v === 0) return false;
  return null;
};

function validCoords(lat: number | null, lon: number | null): lat is number {
  return lat !== null && lon !== null && lat >= -90 && lat <= 90 && lon >= -180 && lon <= 180;
}

function empty(fixTime: Date, lat: number, lon: number): IncomingPosition {
  return {
    fixTime,
    lat,
    lon,
    speedKmh: null,
    course: null,
    altitude: null,
    accuracy: null,
    battery: null,
    ignition: null,
    motion: null,
    fuelLevel: null,
    odometerKm: null,
    engineHours: null,
    driverUniqueId: null,
    attributes: {},
  };
}

/** Our JSON position (MQTT topic `…/position`, the HTTP batch endpoint). Speed in km/h, fuel in litres. */
export const ZJsonPosition = z
  .object({
    time: z.union([z.string().max(40), z.number()]),
    lat: z.number().min(-90).max(90),
    lon: z.number().min(-180).max(180),
    speed: z.number().min(0).max(2000).nullish(),
    course: z.number().min(0).max(360).nullish(),
    altitude: z.number().nullish(),
    accuracy: z.number().min(0).nullish(),
    battery: z.number().min(0).max(100).nullish(),
    ignition: z.boolean().nullish(),
    motion: z.boolean().nullish(),
    fuel: z.number().min(0).nullish(),
    odometer: z.number().min(0).nullish(),
    hours: z.number().min(0).nullish(),
    driver: z.string().max(64).nullish(),
    attributes: z.record(z.string(), z.unknown()).optional(),
  })
  .meta({ id: 'TelemetryJsonPosition', description: 'A position in the Dimos JSON format' });
export type TJsonPosition = z.infer<typeof ZJsonPosition>;

export function fromJson(p: TJsonPosition): IncomingPosition | null {
  const t = parseTime(p.time);
  if (!t) return null;
  const out = empty(t, p.lat, p.lon);
  out.speedKmh = p.speed ?? null;
  out.course = p.course ?? null;
  out.altitude = p.altitude ?? null;
  out.accuracy = p.accuracy ?? null;
  out.battery = p.battery ?? null;
  out.ignition = p.ignition ?? null;
  out.motion = p.motion ?? null;
  out.fuelLevel = p.fuel ?? null;
  out.odometerKm = p.odometer ?? null;
  out.engineHours = p.hours ?? null;
  out.driverUniqueId = p.driver ?? null;
  out.attributes = p.attributes ?? {};
  return out;
}

/** A JSON position payload: one position, an array, or `{positions: [...]}`. Null when malformed. */
export function decodeJsonPositions(body: unknown): IncomingPosition[] | null {
  const list = Array.isArray(body)
    ? body
    : body && typeof body === 'object' && 'positions' in body
      ? (body as { positions: unknown }).positions
      : [body];
  if (!Array.isArray(list) || list.length === 0 || list.length > 5000) return null;
  const out: IncomingPosition[] = [];
  for (const item of list) {
    const r = ZJsonPosition.safeParse(item);
    if (!r.success) return null;
    const p = fromJson(r.data);
    if (!p) return null;
    out.push(p);
  }
  return out;
}

/**
 * OwnTracks JSON (`_type: location`: lat, lon, tst in unix seconds, acc m, vel km/h, cog, alt, batt %).
 * Returns `[]` for the other OwnTracks types (lwt, transition, card, ...), which carry no fix.
 */
export function decodeOwnTracks(body: unknown): IncomingPosition[] | null {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return null;
  const o = body as Record<string, unknown>;
  if (typeof o._type !== 'string') return null;
  if (o._type !== 'location') return [];
  const lat = num(o.lat);
  const lon = num(o.lon);
  const t = parseTime(o.tst);
  if (!validCoords(lat, lon) || !t) return null;
  const out = empty(t, lat, lon as number);
  out.accuracy = num(o.acc);
  out.speedKmh = num(o.vel);
  out.course = num(o.cog);
  out.altitude = num(o.alt);
  out.battery = num(o.batt);
  const attrs: Record<string, unknown> = {};
  for (const k of ['tid', 'conn', 'm', 't', 'bs']) if (o[k] !== undefined) attrs[`owntracks.${k}`] = o[k];
  out.attributes = attrs;
  return [out];
}

const OSMAND_KNOWN = new Set([
  'id',
  'deviceid',
  'lat',
  'lon',
  'timestamp',
  'speed',
  'bearing',
  'heading',
  'altitude',
  'accuracy',
  'batt',
  'location',
  'ignition',
  'driverUniqueId',
  'fuel',
  'odometer',
  'hours',
]);

/**
 * The OsmAnd protocol as the Traccar Client sends it: `id, timestamp` (unix seconds or ISO),
 * `lat, lon` (or `location=lat,lon`), `speed` in KNOTS, `bearing`, `altitude` (m), `accuracy` (m),
 * `batt` (%), plus optional `ignition`, `driverUniqueId`, `fuel`, `odometer` (m), `hours`, `charge`, `mock`...
 * (unknown keys go to `attributes`). Null when malformed.
 */
export function decodeOsmAnd(q: Record<string, unknown>): IncomingPosition | null {
  let lat = num(q.lat);
  let lon = num(q.lon);
  if ((lat === null || lon === null) && typeof q.location === 'string') {
    const [a, b] = q.location.split(',');
    lat = num(a);
    lon = num(b);
  }
  const t = q.timestamp === undefined ? new Date() : parseTime(q.timestamp);
  if (!validCoords(lat, lon) || !t) return null;
  const out = empty(t, lat, lon as number);
  const knots = num(q.speed);
  out.speedKmh = knots === null ? null : Math.round(knots * KNOTS_TO_KMH * 100) / 100;
  out.course = num(q.bearing ?? q.heading);
  out.altitude = num(q.altitude);
  out.accuracy = num(q.accuracy);
  out.battery = num(q.batt);
  out.ignition = bool(q.ignition);
  out.driverUniqueId = typeof q.driverUniqueId === 'string' && q.driverUniqueId ? q.driverUniqueId.slice(0, 64) : null;
  out.fuelLevel = num(q.fuel);
  const odo = num(q.odometer);
  out.odometerKm = odo === null ? null : odo / 1000;
  out.engineHours = num(q.hours);
  const attrs: Record<string, unknown> = {};
  let extra = 0;
  for (const [k, v] of Object.entries(q)) {
    if (OSMAND_KNOWN.has(k) || typeof v !== 'string' || ++extra > 20) continue;
    attrs[k.slice(0, 40)] = v.slice(0, 200);
  }
  out.attributes = attrs;
  return out;
}

/** A declared message's time: its `time` (or `ts`) field when it has one, else when it arrived. */
export function messageTime(payload: unknown, receivedAt: Date): Date | null {
  if (payload && typeof payload === 'object' && !Array.isArray(payload)) {
    const o = payload as Record<string, unknown>;
    const v = o.time ?? o.ts;
    if (v !== undefined) return parseTime(v);
  }
  return receivedAt;
}
