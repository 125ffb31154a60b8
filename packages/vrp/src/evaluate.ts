import type { Model, VehicleModel } from './model.js';

/** Penalty weights for infeasibility (adapted during the search). */
export interface Penalties {
  cap: number;
  tw: number;
}

/** What one route costs, and how far it is from feasible. */
export interface RouteEval {
  dist: number;
  duration: number;
  /** Sum over dimensions of the load above capacity (per trip when multi-trip). */
  excessLoad: number;
  /** Time warp plus duration above the maximum. */
  timeWarp: number;
  /** Distance above the maximum. */
  excessDist: number;
  trips: number;
  /** Cost without penalties. */
  cost: number;
  penalised: number;
}

export function capExcess(load: Float64Array | number[], cap: Float64Array, dims: number): number {
  let e = 0;
  for (let d = 0; d < dims; d++) {
    const over = load[d]! - cap[d]!;
    if (over > 0) e += over;
  }
  return e;
}

/** Plain cost of a non-empty route from its distance and duration. */
export function baseCost(v: VehicleModel, dist: number, duration: number): number {
  return v.fixedCost + v.costPerDistance * dist + v.costPerTime * duration;
}

export function penalisedCost(
  v: VehicleModel,
  pen: Penalties,
  dist: number,
  duration: number,
  excessLoad: number,
  timeWarp: number,
): number {
  let c = baseCost(v, dist, duration) + pen.cap * excessLoad;
  const durEx = duration - v.maxDuration;
  const tw = durEx > 0 ? timeWarp + durEx : timeWarp;
  if (tw > 0) c += pen.tw * tw;
  const dEx = dist - v.maxDistance;
  if (dEx > 0) c += pen.tw * dEx;
  return c;
}

/**
 * A time-window segment (Vidal et al. 2013): duration, time warp, earliest and latest start.
 * `merge` appends segment B (first location `lb`) to segment A (last location `la`).
 */
export class Seg {
  dur = 0;
  tw = 0;
  e = 0;
  l = 0;

  set(dur: number, tw: number, e: number, l: number): this {
    this.dur = dur;
    this.tw = tw;
    this.e = e;
    this.l = l;
    return this;
  }

  merge(t: number, bDur: number, bTw: number, bE: number, bL: number): void {
    const delta = this.dur - this.tw + t;
    const dWait = bE - delta - this.l > 0 ? bE - delta - this.l : 0;
    const dTw = this.e + delta - bL > 0 ? this.e + delta - bL : 0;
    this.dur = this.dur + bDur + t + dWait;
    this.tw = this.tw + bTw + dTw;
    const ne = bE - delta > this.e ? bE - delta : this.e;
    const nl = bL - delta < this.l ? bL - delta : this.l;
    this.e = ne - dWait;
    this.l = nl + dTw;
  }
}

/**
 * Simulates one multi-trip route: the truck unloads at its facility whenever the next job would
 * overflow it, and once more before returning to its end depot. Returns the visit plan when asked.
 */
const mt = { t: 0, tw: 0, dist: 0, last: 0 };
let mtLoad = new Float64Array(1);

function unloadAt(m: Model, v: VehicleModel): void {
  const N = m.nLoc;
  const fac = v.facilityLoc;
  mt.dist += m.dist[mt.last * N + fac]!;
  mt.t += m.time[mt.last * N + fac]!;
  if (mt.t < v.facilityOpen) mt.t = v.facilityOpen;
  if (mt.t > v.facilityClose) {
    mt.tw += mt.t - v.facilityClose;
    mt.t = v.facilityClose;
  }
  mt.t += v.facilityService;
  mt.last = fac;
  mtLoad.fill(0);
}

/**
 * Simulates one multi-trip route: the truck unloads at its facility whenever the next job would
 * overflow it, and once more before returning to its end depot. Fills in the visit plan when asked.
 */
export function simulateMultiTrip(
  m: Model,
  v: VehicleModel,
  clients: ArrayLike<number>,
  len: number,
  out?: { facilityBefore: boolean[]; finalUnload: boolean },
): { dist: number; duration: number; excessLoad: number; timeWarp: number; trips: number } {
  const dims = m.dims;
  const N = m.nLoc;
  if (mtLoad.length !== dims) mtLoad = new Float64Array(dims);
  const load = mtLoad;
  load.fill(0);
  mt.t = v.shiftStart;
  mt.tw = 0;
  mt.dist = 0;
  mt.last = v.startLoc;
  let excess = 0;
  let trips = 1;
  let inTrip = 0;
  for (let i = 0; i < len; i++) {
    const c = clients[i]!;
    let fits = true;
    for (let d = 0; d < dims; d++) if (load[d]! + m.demand[c * dims + d]! > v.capacity[d]! + 1e-9) fits = false;
    const before = !fits && inTrip > 0;
    if (before) {
      excess += capExcess(load, v.capacity, dims);
      unloadAt(m, v);
      trips++;
      inTrip = 0;
    }
    if (out) out.facilityBefore.push(before);
    const lc = m.loc[c]!;
    mt.dist += m.dist[mt.last * N + lc]!;
    mt.t += m.time[mt.last * N + lc]!;
    if (mt.t < m.twEarly[c]!) mt.t = m.twEarly[c]!;
    if (mt.t > m.twLate[c]!) {
      mt.tw += mt.t - m.twLate[c]!;
      mt.t = m.twLate[c]!;
    }
    mt.t += m.service[c]!;
    for (let d = 0; d < dims; d++) load[d]! += m.demand[c * dims + d]!;
    inTrip++;
    mt.last = lc;
  }
  excess += capExcess(load, v.capacity, dims);
  if (len > 0) unloadAt(m, v);
  if (out) out.finalUnload = len > 0;
  mt.dist += m.dist[mt.last * N + v.endLoc]!;
  mt.t += m.time[mt.last * N + v.endLoc]!;
  if (mt.t > v.shiftEnd) mt.tw += mt.t - v.shiftEnd;
  if (trips > v.maxTrips) excess += (trips - v.maxTrips) * (v.capacity[0] ?? 1);
  return { dist: mt.dist, duration: mt.t - v.shiftStart, excessLoad: excess, timeWarp: mt.tw, trips };
}

const tmpSeg = new Seg();
let loadTmp = new Float64Array(1);

/** Evaluates a route given as a list of clients (the first `len` entries of `clients`). */
export function evalRoute(m: Model, v: VehicleModel, pen: Penalties, clients: ArrayLike<number>, len: number): RouteEval {
  if (len === 0) {
    return { dist: 0, duration: 0, excessLoad: 0, timeWarp: 0, excessDist: 0, trips: 0, cost: 0, penalised: 0 };
  }
  if (v.facilityLoc >= 0) {
    const s = simulateMultiTrip(m, v, clients, len);
    const cost = baseCost(v, s.dist, s.duration);
    const pc = penalisedCost(v, pen, s.dist, s.duration, s.excessLoad, s.timeWarp);
    return {
      dist: s.dist,
      duration: s.duration,
      excessLoad: s.excessLoad,
      timeWarp: s.timeWarp + Math.max(0, s.duration - v.maxDuration),
      excessDist: Math.max(0, s.dist - v.maxDistance),
      trips: s.trips,
      cost,
      penalised: pc,
    };
  }
  const N = m.nLoc;
  const dims = m.dims;
  let dist = 0;
  let last = v.startLoc;
  if (loadTmp.length < dims) loadTmp = new Float64Array(dims);
  const load = loadTmp;
  load.fill(0);
  const seg = tmpSeg.set(0, 0, v.shiftStart, v.shiftEnd);
  for (let i = 0; i < len; i++) {
    const c = clients[i]!;
    const lc = m.loc[c]!;
    dist += m.dist[last * N + lc]!;
    if (m.timed) seg.merge(m.time[last * N + lc]!, m.service[c]!, 0, m.twEarly[c]!, m.twLate[c]!);
    for (let d = 0; d < dims; d++) load[d]! += m.demand[c * dims + d]!;
    last = lc;
  }
  dist += m.dist[last * N + v.endLoc]!;
  let duration = 0;
  let tw = 0;
  if (m.timed) {
    seg.merge(m.time[last * N + v.endLoc]!, 0, 0, v.shiftStart, v.shiftEnd);
    duration = seg.dur;
    tw = seg.tw;
  }
  const excessLoad = capExcess(load, v.capacity, dims);
  return {
    dist,
    duration,
    excessLoad,
    timeWarp: tw + Math.max(0, duration - v.maxDuration),
    excessDist: Math.max(0, dist - v.maxDistance),
    trips: 1,
    cost: baseCost(v, dist, duration),
    penalised: penalisedCost(v, pen, dist, duration, excessLoad, tw),
  };
}
