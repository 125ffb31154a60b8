import type { Model, VehicleModel } from './model.js';

/** A point: [x, y] for Euclidean problems, [lon, lat] for geographic ones. */
export type Location = [number, number];
export type Id = number | string;

export interface VehicleSpec {
  id: Id;
  /** Start and end: a coordinate or an index into the matrices. Missing end = back to start. */
  start?: Location;
  start_index?: number;
  end?: Location;
  end_index?: number;
  /** One number per capacity dimension (for example [kg, litres]). */
  capacity?: number[];
  skills?: Id[];
  /** Shift [start, end] in seconds (or benchmark time units). */
  time_window?: [number, number];
  /** Longest route duration (travel, service and waiting), in seconds. */
  max_travel_time?: number;
  /** Longest route distance, in metres (or benchmark units). */
  max_distance?: number;
  costs?: { fixed?: number; per_hour?: number; per_km?: number; per_distance?: number };
  /** Multi-trip: the facility where the vehicle unloads between trips (and at the end of its day). */
  facility?: Id;
  max_trips?: number;
  /** Several identical vehicles: ids become `${id}-1`, `${id}-2`, ... */
  count?: number;
}

export interface JobSpec {
  id: Id;
  location?: Location;
  location_index?: number;
  /** Service duration in seconds. */
  service?: number;
  /** Amount collected (pickup) or brought (delivery), one number per capacity dimension. */
  pickup?: number[];
  delivery?: number[];
  skills?: Id[];
  /** 0–100: a higher priority is kept when not every job fits. */
  priority?: number;
  /** Allowed arrival windows; only the first is used. */
  time_windows?: [number, number][];
}

export interface FacilitySpec {
  id: Id;
  location?: Location;
  location_index?: number;
  /** Unloading time in seconds. */
  service?: number;
  /** Opening hours [open, close] in seconds. */
  time_window?: [number, number];
}

export interface ProblemOptions {
  /** How to compute travel when no matrix is given: `euclidean` (benchmark files) or `haversine` (lon/lat). */
  metric?: 'euclidean' | 'haversine';
  /** Round Euclidean distances to the nearest integer (CVRPLIB's EUC_2D). */
  round?: boolean;
  /** Road distance / great-circle distance (haversine only; default 1.3). */
  detour_factor?: number;
  /** Average speed for haversine travel times (km/h; default 30). */
  speed_kmh?: number;
}

export interface Problem {
  name?: string;
  vehicles: VehicleSpec[];
  jobs: JobSpec[];
  /** VROOM's shipments are not supported; present only to give a clear error. */
  shipments?: unknown[];
  facilities?: FacilitySpec[];
  /** Square matrices indexed by `*_index` fields: durations in seconds, distances in metres. */
  matrices?: { durations?: number[][]; distances?: number[][] };
  options?: ProblemOptions;
}

export class ProblemError extends Error {
  constructor(
    message: string,
    public field: string,
  ) {
    super(message);
  }
}

/** Vehicles after expanding `count`. */
export function expandVehicles(p: Problem): VehicleSpec[] {
  const out: VehicleSpec[] = [];
  for (const v of p.vehicles) {
    const count = v.count ?? 1;
    if (count <= 1) out.push(v);
    else for (let i = 1; i <= count; i++) out.push({ ...v, id: `${v.id}-${i}`, count: 1 });
  }
  return out;
}

function isLoc(l: unknown): l is Location {
  return Array.isArray(l) && l.length === 2 && l.every((x) => typeof x === 'number' && Number.isFinite(x));
}

/** Checks the shape of a problem; throws ProblemError naming the field. */
export function validateProblem(p: Problem): void {
  if (!p || typeof p !== 'object') throw new ProblemError('problem must be an object', '');
  if (!Array.isArray(p.vehicles) || p.vehicles.length === 0) throw new ProblemError('at least one vehicle is needed', 'vehicles');
  if (!Array.isArray(p.jobs)) throw new ProblemError('jobs must be a list', 'jobs');
  if (p.shipments?.length) throw new ProblemError('shipments are not supported', 'shipments');
  const hasMatrix = !!p.matrices && !!(p.matrices.durations || p.matrices.distances);
  const size = hasMatrix ? (p.matrices!.durations ?? p.matrices!.distances)!.length : 0;
  if (hasMatrix) {
    for (const key of ['durations', 'distances'] as const) {
      const mat = p.matrices![key];
      if (!mat) continue;
      if (mat.length !== size || mat.some((row) => !Array.isArray(row) || row.length !== size || row.some((x) => !(x >= 0))))
        throw new ProblemError(`matrix must be square with non-negative numbers`, `matrices.${key}`);
    }
  }
  const checkPlace = (o: { location?: unknown; location_index?: unknown }, field: string, required: boolean) => {
    if (o.location_index !== undefined) {
      if (!hasMatrix || !Number.isInteger(o.location_index) || (o.location_index as number) < 0 || (o.location_index as number) >= size)
        throw new ProblemError('location_index out of the matrix', `${field}.location_index`);
    } else if (o.location !== undefined) {
      if (!isLoc(o.location)) throw new ProblemError('location must be [x, y]', `${field}.location`);
    } else if (required) throw new ProblemError('location or location_index is required', field);
  };
  const dims = p.vehicles[0]?.capacity?.length ?? 1;
  const ids = new Set<Id>();
  p.jobs.forEach((j, i) => {
    const f = `jobs[${i}]`;
    if (j.id === undefined || j.id === null) throw new ProblemError('id is required', `${f}.id`);
    if (ids.has(j.id)) throw new ProblemError('duplicate job id', `${f}.id`);
    ids.add(j.id);
    checkPlace(j, f, true);
    for (const key of ['pickup', 'delivery'] as const) {
      const a = j[key];
      if (a !== undefined && (!Array.isArray(a) || a.length !== dims || a.some((x) => !(x >= 0))))
        throw new ProblemError(`${key} must have ${dims} non-negative numbers`, `${f}.${key}`);
    }
    if (j.service !== undefined && !(j.service >= 0)) throw new ProblemError('service must be ≥ 0', `${f}.service`);
    if (j.priority !== undefined && !(j.priority >= 0 && j.priority <= 100))
      throw new ProblemError('priority must be 0–100', `${f}.priority`);
    if (j.time_windows !== undefined) {
      if (!Array.isArray(j.time_windows) || j.time_windows.some((w) => !Array.isArray(w) || w.length !== 2 || !(w[0] <= w[1])))
        throw new ProblemError('time windows must be [start, end] with start ≤ end', `${f}.time_windows`);
    }
  });
  const facIds = new Set<Id>();
  (p.facilities ?? []).forEach((fa, i) => {
    checkPlace(fa, `facilities[${i}]`, true);
    facIds.add(fa.id);
  });
  p.vehicles.forEach((v, i) => {
    const f = `vehicles[${i}]`;
    if (v.id === undefined || v.id === null) throw new ProblemError('id is required', `${f}.id`);
    if (v.capacity !== undefined && (!Array.isArray(v.capacity) || v.capacity.length !== dims || v.capacity.some((x) => !(x >= 0))))
      throw new ProblemError(`capacity must have ${dims} non-negative numbers`, `${f}.capacity`);
    if (v.start === undefined && v.start_index === undefined && v.end === undefined && v.end_index === undefined)
      throw new ProblemError('start or end is required', `${f}.start`);
    if (v.start !== undefined || v.start_index !== undefined)
      checkPlace({ location: v.start, location_index: v.start_index }, `${f}.start`, false);
    if (v.end !== undefined || v.end_index !== undefined) checkPlace({ location: v.end, location_index: v.end_index }, `${f}.end`, false);
    if (v.time_window && !(v.time_window[0] <= v.time_window[1])) throw new ProblemError('shift must be [start, end]', `${f}.time_window`);
    if (v.facility !== undefined && !facIds.has(v.facility)) throw new ProblemError('unknown facility', `${f}.facility`);
    if (v.count !== undefined && !(Number.isInteger(v.count) && v.count >= 1)) throw new ProblemError('count must be ≥ 1', `${f}.count`);
  });
}

const R = 6371008.8;
function haversine(a: Location, b: Location): number {
  const toRad = Math.PI / 180;
  const dLat = (b[1] - a[1]) * toRad;
  const dLon = (b[0] - a[0]) * toRad;
  const s = Math.sin(dLat / 2) ** 2 + Math.cos(a[1] * toRad) * Math.cos(b[1] * toRad) * Math.sin(dLon / 2) ** 2;
  return 2 * R * Math.asin(Math.min(1, Math.sqrt(s)));
}

/** Travel distance and time between two coordinates under the problem's options. */
export function travel(opts: ProblemOptions | undefined, a: Location, b: Location): { dist: number; time: number } {
  if ((opts?.metric ?? 'euclidean') === 'haversine') {
    const d = haversine(a, b) * (opts?.detour_factor ?? 1.3);
    return { dist: d, time: d / (((opts?.speed_kmh ?? 30) * 1000) / 3600) };
  }
  let d = Math.hypot(a[0] - b[0], a[1] - b[1]);
  if (opts?.round) d = Math.round(d);
  return { dist: d, time: d };
}

export interface Compiled {
  model: Model;
  /** Model client index (1..) → index in problem.jobs. */
  jobIndex: number[];
  /** Jobs left out before solving, with the reason. */
  unassigned: { index: number; reason: string }[];
  vehicles: VehicleSpec[];
  /** Ids of all jobs, by index in problem.jobs. */
  jobIds: Id[];
}

/** Turns a problem into the solver's index-based model. */
export function compile(p: Problem): Compiled {
  validateProblem(p);
  const vehicles = expandVehicles(p);
  const dims = p.vehicles[0]?.capacity?.length ?? 1;
  const hasMatrix = !!p.matrices && !!(p.matrices.durations || p.matrices.distances);
  // locations
  const coords: Location[] = [];
  const locKey = new Map<string, number>();
  const place = (loc: Location | undefined, index: number | undefined): number => {
    if (index !== undefined) return index;
    const key = `${loc![0]},${loc![1]}`;
    let k = locKey.get(key);
    if (k === undefined) {
      k = coords.length;
      coords.push(loc!);
      locKey.set(key, k);
    }
    return k;
  };
  const jobLoc = p.jobs.map((j) => place(j.location, j.location_index));
  const facLoc = new Map<Id, number>();
  for (const f of p.facilities ?? []) facLoc.set(f.id, place(f.location, f.location_index));
  const vStart = vehicles.map((v) => place(v.start ?? v.end, v.start_index ?? (v.start ? undefined : v.end_index)));
  const vEnd = vehicles.map((v) => place(v.end ?? v.start, v.end_index ?? (v.end ? undefined : v.start_index)));
  let nLoc: number;
  let dist: Float64Array;
  let time: Float64Array;
  if (hasMatrix) {
    const dm = p.matrices!.distances;
    const tm = p.matrices!.durations;
    nLoc = (tm ?? dm)!.length;
    dist = new Float64Array(nLoc * nLoc);
    time = new Float64Array(nLoc * nLoc);
    for (let i = 0; i < nLoc; i++)
      for (let j = 0; j < nLoc; j++) {
        dist[i * nLoc + j] = (dm ?? tm)![i]![j]!;
        time[i * nLoc + j] = (tm ?? dm)![i]![j]!;
      }
  } else {
    nLoc = coords.length;
    dist = new Float64Array(nLoc * nLoc);
    time = new Float64Array(nLoc * nLoc);
    for (let i = 0; i < nLoc; i++)
      for (let j = 0; j < nLoc; j++) {
        const t = travel(p.options, coords[i]!, coords[j]!);
        dist[i * nLoc + j] = t.dist;
        time[i * nLoc + j] = t.time;
      }
  }
  const facilities = new Map((p.facilities ?? []).map((f) => [f.id, f]));
  const vms: VehicleModel[] = vehicles.map((v, i) => {
    const fac = v.facility !== undefined ? facilities.get(v.facility) : undefined;
    return {
      index: i,
      id: v.id,
      startLoc: vStart[i]!,
      endLoc: vEnd[i]!,
      capacity: Float64Array.from(v.capacity ?? new Array(dims).fill(Number.POSITIVE_INFINITY)),
      shiftStart: v.time_window?.[0] ?? 0,
      shiftEnd: v.time_window?.[1] ?? Number.POSITIVE_INFINITY,
      maxDuration: v.max_travel_time ?? Number.POSITIVE_INFINITY,
      maxDistance: v.max_distance ?? Number.POSITIVE_INFINITY,
      fixedCost: v.costs?.fixed ?? 0,
      costPerDistance: v.costs?.per_distance ?? (v.costs?.per_km !== undefined ? v.costs.per_km / 1000 : 1),
      costPerTime: (v.costs?.per_hour ?? 0) / 3600,
      skills: new Set((v.skills ?? []).map(String)),
      facilityLoc: fac ? facLoc.get(fac.id)! : -1,
      facilityService: fac?.service ?? 0,
      facilityOpen: fac?.time_window?.[0] ?? 0,
      facilityClose: fac?.time_window?.[1] ?? Number.POSITIVE_INFINITY,
      maxTrips: v.max_trips ?? Number.POSITIVE_INFINITY,
    };
  });
  const multiTrip = vms.some((v) => v.facilityLoc >= 0);
  const timed =
    multiTrip ||
    p.jobs.some((j) => j.time_windows?.length) ||
    vms.some((v) => v.shiftEnd < Number.POSITIVE_INFINITY || v.maxDuration < Number.POSITIVE_INFINITY || v.costPerTime > 0);

  // jobs no vehicle can ever serve are left out with a reason
  const unassigned: { index: number; reason: string }[] = [];
  const jobIndex: number[] = [0];
  const N = nLoc;
  const allowedRows: Uint8Array[] = [];
  let anySkills = false;
  p.jobs.forEach((j, idx) => {
    const demand = sumDemand(j, dims);
    const e = j.time_windows?.[0]?.[0] ?? 0;
    const l = j.time_windows?.[0]?.[1] ?? Number.POSITIVE_INFINITY;
    const row = new Uint8Array(vms.length);
    let bySkill = 0;
    let byCap = 0;
    let byTime = 0;
    vms.forEach((v, vi) => {
      const skills = (j.skills ?? []).map(String);
      if (skills.some((s) => !v.skills.has(s))) return;
      bySkill++;
      if (demand.some((d, k) => d > v.capacity[k]!)) return;
      byCap++;
      const arrive = Math.max(v.shiftStart + time[v.startLoc * N + jobLoc[idx]!]!, e);
      const back = arrive + (j.service ?? 0) + time[jobLoc[idx]! * N + v.endLoc]!;
      if (arrive > l || back > v.shiftEnd || back - v.shiftStart > v.maxDuration) return;
      const d = dist[v.startLoc * N + jobLoc[idx]!]! + dist[jobLoc[idx]! * N + v.endLoc]!;
      if (d > v.maxDistance) return;
      byTime++;
      row[vi] = 1;
    });
    if (byTime === 0) {
      unassigned.push({
        index: idx,
        reason: bySkill === 0 ? 'skills' : byCap === 0 ? 'capacity' : 'time_window',
      });
      return;
    }
    if (row.some((x) => x === 0)) anySkills = true;
    allowedRows.push(row);
    jobIndex.push(idx);
  });
  const n = jobIndex.length - 1;
  const loc = new Int32Array(n + 1);
  const demand = new Float64Array((n + 1) * dims);
  const service = new Float64Array(n + 1);
  const twEarly = new Float64Array(n + 1);
  const twLate = new Float64Array(n + 1).fill(Number.POSITIVE_INFINITY);
  const priority = new Float64Array(n + 1);
  const clientId: Id[] = [0];
  for (let c = 1; c <= n; c++) {
    const j = p.jobs[jobIndex[c]!]!;
    loc[c] = jobLoc[jobIndex[c]!]!;
    sumDemand(j, dims).forEach((d, k) => {
      demand[c * dims + k] = d;
    });
    service[c] = j.service ?? 0;
    twEarly[c] = j.time_windows?.[0]?.[0] ?? 0;
    twLate[c] = j.time_windows?.[0]?.[1] ?? Number.POSITIVE_INFINITY;
    priority[c] = j.priority ?? 0;
    clientId.push(j.id);
  }
  let allowed: Uint8Array | undefined;
  if (anySkills) {
    allowed = new Uint8Array((n + 1) * vms.length).fill(1);
    for (let c = 1; c <= n; c++) allowed.set(allowedRows[c - 1]!, c * vms.length);
  }
  const x = !hasMatrix && coords.length ? Float64Array.from(coords.map((c) => c[0])) : undefined;
  const y = !hasMatrix && coords.length ? Float64Array.from(coords.map((c) => c[1])) : undefined;
  return {
    model: {
      n,
      dims,
      nLoc,
      dist,
      time,
      loc,
      demand,
      service,
      twEarly,
      twLate,
      priority,
      clientId,
      x,
      y,
      vehicles: vms,
      allowed,
      timed,
      multiTrip,
      fleetSize: vms.length,
    },
    jobIndex,
    unassigned,
    vehicles,
    jobIds: p.jobs.map((j) => j.id),
  };
}

export function sumDemand(j: JobSpec, dims: number): number[] {
  const out = new Array(dims).fill(0);
  for (let k = 0; k < dims; k++) out[k] = (j.pickup?.[k] ?? 0) + (j.delivery?.[k] ?? 0);
  return out;
}
