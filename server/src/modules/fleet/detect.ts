import booleanPointInPolygon from '@turf/boolean-point-in-polygon';
import type { Position } from '../../platform/telemetry/index.js';

/**
 * The detector: turns one vehicle's fixes, in order, into trips, stops, area enter/exit, overspeed,
 * refuel and fuel-drop events. Pure (no database): its whole state is a JSON value the caller keeps
 * between batches, so processing can stop after any batch and go on later without losing or
 * repeating anything.
 */

/** The part of a stored fix the detector reads. */
export type TFix = Pick<
  Position,
  'fixTime' | 'lat' | 'lon' | 'speedKmh' | 'ignition' | 'motion' | 'fuelLevel' | 'odometerKm' | 'engineHours' | 'driverUniqueId' | 'trusted'
>;

export type TArea = { id: string; polygon: number[][][]; speedLimitKmh: number | null; kind: string };
export type TVehicleRules = {
  speedLimitKmh: number | null;
  refuelThresholdL: number;
  dropThresholdL: number;
};

export type TTripOut = {
  startAt: Date;
  endAt: Date;
  startLat: number;
  startLon: number;
  endLat: number;
  endLon: number;
  distanceKm: number;
  durationS: number;
  idleS: number;
  maxSpeedKmh: number;
  engineHours: number | null;
  fuelUsedL: number | null;
  driverUniqueId: string | null;
};
export type TStopOut = { startAt: Date; endAt: Date; lat: number; lon: number; durationS: number };
export type TEventOut = {
  kind: 'geofence_enter' | 'geofence_exit' | 'overspeed' | 'refuel' | 'fuel_drop';
  at: Date;
  lat: number;
  lon: number;
  geofenceId?: string;
  value?: number;
  limitKmh?: number;
  data?: Record<string, unknown>;
};

type TPoint = { t: number; lat: number; lon: number };
type TOpenTrip = TPoint & {
  distanceKm: number;
  idleS: number;
  maxSpeedKmh: number;
  startHours: number | null;
  driverUniqueId: string | null;
  fuelUsedL: number;
  fuelKnown: boolean;
};
export type TDetectorState = {
  last?: TPoint & { speed: number; moving: boolean; ignition: boolean | null; hours: number | null };
  trip?: TOpenTrip;
  /** When and where the vehicle last came to rest (end of the last trip). */
  restSince?: TPoint;
  /** Last time it was moving, while a trip is open (to end trips of trackers without ignition). */
  lastMoveT?: number;
  areas: string[];
  over?: TPoint & { max: number; limit: number; n: number };
  /** Fuel: the settled level, and the lowest/highest level since (to see a jump or a drop). */
  fuel?: { level: number; t: number; lat: number; lon: number };
};

/** Speeds below this are standing still (km/h). */
export const MOVING_KMH = 3;
/** A tracker without ignition ends a trip after this long without motion. */
export const STOP_AFTER_S = 5 * 60;
/** A gap in the fixes this long ends a trip at the last fix. */
export const GAP_S = 15 * 60;
/** Stops shorter than this are not listed. */
export const MIN_STOP_S = 60;
/** A level change counts only once it holds for this long (sloshing and sensor noise settle). */
export const FUEL_SETTLE_S = 120;

export function haversineKm(aLat: number, aLon: number, bLat: number, bLon: number) {
  const r = 6371.0088;
  const dLat = ((bLat - aLat) * Math.PI) / 180;
  const dLon = ((bLon - aLon) * Math.PI) / 180;
  const s = Math.sin(dLat / 2) ** 2 + Math.cos((aLat * Math.PI) / 180) * Math.cos((bLat * Math.PI) / 180) * Math.sin(dLon / 2) ** 2;
  return 2 * r * Math.asin(Math.min(1, Math.sqrt(s)));
}

export function newState(): TDetectorState {
  return { areas: [] };
}

export function inArea(area: TArea, lat: number, lon: number) {
  return booleanPointInPolygon([lon, lat], { type: 'Polygon', coordinates: area.polygon });
}

/** Feeds fixes (sorted by time) into the state; returns what they completed. Mutates `state`. */
export function detect(state: TDetectorState, fixes: TFix[], rules: TVehicleRules, areas: TArea[]) {
  const trips: TTripOut[] = [];
  const stops: TStopOut[] = [];
  const events: TEventOut[] = [];

  const closeTrip = (end: TPoint & { hours: number | null }) => {
    const tr = state.trip;
    if (!tr) return;
    const durationS = Math.round((end.t - tr.t) / 1000);
    if (durationS > 0 && tr.distanceKm > 0.05) {
      trips.push({
        startAt: new Date(tr.t),
        endAt: new Date(end.t),
        startLat: tr.lat,
        startLon: tr.lon,
        endLat: end.lat,
        endLon: end.lon,
        distanceKm: round(tr.distanceKm, 3),
        durationS,
        idleS: Math.round(tr.idleS),
        maxSpeedKmh: round(tr.maxSpeedKmh, 1),
        engineHours: end.hours != null && tr.startHours != null ? round(end.hours - tr.startHours, 2) : null,
        fuelUsedL: tr.fuelKnown ? round(tr.fuelUsedL, 2) : null,
        driverUniqueId: tr.driverUniqueId,
      });
      state.restSince = { t: end.t, lat: end.lat, lon: end.lon };
    }
    state.trip = undefined;
    state.lastMoveT = undefined;
  };

  for (const f of fixes) {
    if (!f.trusted) continue;
    const t = f.fixTime.getTime();
    const last = state.last;
    if (last && t <= last.t) continue; // late or repeated fix: the trip it belongs to is already counted
    const speed = f.speedKmh ?? (last ? (haversineKm(last.lat, last.lon, f.lat, f.lon) / Math.max(1, (t - last.t) / 1000)) * 3600 : 0);
    const moving = f.motion ?? speed >= MOVING_KMH;
    const hours = f.engineHours;

    // a gap ends the open trip at the last fix
    if (state.trip && last && (t - last.t) / 1000 > GAP_S) closeTrip({ t: last.t, lat: last.lat, lon: last.lon, hours: last.hours });

    // ---- trips and stops ----
    const engineOn = f.ignition ?? null;
    if (state.trip && last) {
      const dt = (t - last.t) / 1000;
      state.trip.distanceKm += haversineKm(last.lat, last.lon, f.lat, f.lon);
      if (!moving && (engineOn ?? true)) state.trip.idleS += dt;
      state.trip.maxSpeedKmh = Math.max(state.trip.maxSpeedKmh, speed);
      if (f.driverUniqueId && !state.trip.driverUniqueId) state.trip.driverUniqueId = f.driverUniqueId;
      if (moving) state.lastMoveT = t;
      const ends = engineOn === false || (engineOn === null && state.lastMoveT != null && (t - state.lastMoveT) / 1000 >= STOP_AFTER_S);
      if (ends) {
        // without ignition, the trip ended when it last moved
        const endT = engineOn === false ? t : (state.lastMoveT ?? t);
        // the idle tail after the last movement is part of the stop, not the trip
        if (engineOn === null) state.trip.idleS = Math.max(0, state.trip.idleS - (t - endT) / 1000);
        closeTrip({ t: endT, lat: f.lat, lon: f.lon, hours });
      }
    } else if (!state.trip) {
      const starts = engineOn === true ? true : engineOn === null && moving;
      if (starts) {
        if (state.restSince) {
          const durationS = Math.round((t - state.restSince.t) / 1000);
          if (durationS >= MIN_STOP_S)
            stops.push({
              startAt: new Date(state.restSince.t),
              endAt: f.fixTime,
              lat: state.restSince.lat,
              lon: state.restSince.lon,
              durationS,
            });
        }
        state.restSince = undefined;
        state.trip = {
          t,
          lat: f.lat,
          lon: f.lon,
          distanceKm: 0,
          idleS: 0,
          maxSpeedKmh: speed,
          startHours: hours,
          driverUniqueId: f.driverUniqueId,
          fuelUsedL: 0,
          fuelKnown: f.fuelLevel != null,
        };
        state.lastMoveT = moving ? t : undefined;
      } else if (!state.restSince) state.restSince = { t, lat: f.lat, lon: f.lon };
    }

    // ---- areas ----
    const now = areas.filter((a) => inArea(a, f.lat, f.lon)).map((a) => a.id);
    for (const id of now)
      if (!state.areas.includes(id)) events.push({ kind: 'geofence_enter', at: f.fixTime, lat: f.lat, lon: f.lon, geofenceId: id });
    for (const id of state.areas)
      if (!now.includes(id) && areas.some((a) => a.id === id))
        events.push({ kind: 'geofence_exit', at: f.fixTime, lat: f.lat, lon: f.lon, geofenceId: id });
    state.areas = now;

    // ---- overspeed: the lowest limit that applies here ----
    const limits = areas
      .filter((a) => a.speedLimitKmh != null && now.includes(a.id))
      .map((a) => a.speedLimitKmh as number)
      .concat(rules.speedLimitKmh != null ? [rules.speedLimitKmh] : []);
    const limit = limits.length ? Math.min(...limits) : null;
    if (limit != null && speed > limit) {
      if (state.over) {
        state.over.max = Math.max(state.over.max, speed);
        state.over.n += 1;
      } else state.over = { t, lat: f.lat, lon: f.lon, max: speed, limit, n: 1 };
    } else if (state.over) {
      // a single fix over the limit is noise; two or more in a row are an event
      if (state.over.n >= 2)
        events.push({
          kind: 'overspeed',
          at: new Date(state.over.t),
          lat: state.over.lat,
          lon: state.over.lon,
          value: round(state.over.max, 1),
          limitKmh: state.over.limit,
          data: { durationS: Math.round((t - state.over.t) / 1000) },
        });
      state.over = undefined;
    }

    // ---- fuel ----
    if (f.fuelLevel != null) {
      const lvl = f.fuelLevel;
      if (!state.fuel) state.fuel = { level: lvl, t, lat: f.lat, lon: f.lon };
      else {
        const diff = lvl - state.fuel.level;
        if (diff >= rules.refuelThresholdL) {
          events.push({
            kind: 'refuel',
            at: f.fixTime,
            lat: f.lat,
            lon: f.lon,
            value: round(diff, 1),
            data: { before: state.fuel.level, after: lvl },
          });
          state.fuel = { level: lvl, t, lat: f.lat, lon: f.lon };
        } else if (-diff >= rules.dropThresholdL && !moving && (t - state.fuel.t) / 1000 <= 30 * 60) {
          // a sudden fall while standing still: possible theft (driving burns a few litres an hour)
          events.push({
            kind: 'fuel_drop',
            at: f.fixTime,
            lat: f.lat,
            lon: f.lon,
            value: round(-diff, 1),
            data: { before: state.fuel.level, after: lvl },
          });
          if (state.trip) state.trip.fuelUsedL += -diff;
          state.fuel = { level: lvl, t, lat: f.lat, lon: f.lon };
        } else if (diff < 0) {
          // ordinary burning: count it, move the reference down
          if (state.trip) state.trip.fuelUsedL += -diff;
          state.fuel = { level: lvl, t, lat: f.lat, lon: f.lon };
        } else if (moving || (t - state.fuel.t) / 1000 >= FUEL_SETTLE_S) {
          // small rises are noise or sloshing: keep the reference, but let it age so a drop is judged against a recent level
          state.fuel.t = t;
        }
      }
    }

    state.last = { t, lat: f.lat, lon: f.lon, speed, moving, ignition: engineOn, hours };
  }
  return { trips, stops, events };
}

/**
 * Litres used over a run of level readings that stays right across refuels: the readings are cut at
 * every rise of at least `refuelThresholdL`, and the falls inside each part are added up (never
 * start minus end, which goes negative after a refuel).
 */
export function fuelUsedAcrossRefuels(levels: { t: Date; level: number }[], refuelThresholdL: number) {
  let used = 0;
  let refuelled = 0;
  let segStart: number | null = null;
  let prev: number | null = null;
  for (const r of levels) {
    if (prev != null && r.level - prev >= refuelThresholdL) {
      used += Math.max(0, (segStart ?? prev) - prev);
      refuelled += r.level - prev;
      segStart = r.level;
    } else if (segStart == null) segStart = r.level;
    prev = r.level;
  }
  if (segStart != null && prev != null) used += Math.max(0, segStart - prev);
  return { usedL: round(used, 2), refuelledL: round(refuelled, 2) };
}

export function round(n: number, d: number) {
  const k = 10 ** d;
  return Math.round(n * k) / k;
}
