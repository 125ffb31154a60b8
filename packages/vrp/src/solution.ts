import { evalRoute, simulateMultiTrip } from './evaluate.js';
import type { Model } from './model.js';
import type { Compiled, Id } from './problem.js';

export interface Step {
  type: 'start' | 'job' | 'facility' | 'end';
  /** Job or facility id. */
  id?: Id;
  /** Arrival time; service starts at max(arrival, window start). */
  arrival: number;
  waiting: number;
  service: number;
  /** Load on board after the step, per dimension. */
  load: number[];
  /** Distance driven since the start of the route. */
  distance: number;
}

export interface RouteOut {
  vehicle: Id;
  steps: Step[];
  distance: number;
  duration: number;
  trips: number;
  cost: number;
}

export interface Solution {
  routes: RouteOut[];
  unassigned: { id: Id; reason: string }[];
  cost: number;
  summary: {
    cost: number;
    distance: number;
    duration: number;
    fixed: number;
    variable_distance: number;
    variable_time: number;
    routes: number;
    assigned: number;
    unassigned: number;
  };
}

const ZERO = { cap: 0, tw: 0 };

/** Removes jobs from infeasible routes (lowest priority and biggest relief first) until each is feasible. */
export function repairByRemoval(m: Model, routes: number[][]): { client: number; reason: string }[] {
  const removed: { client: number; reason: string }[] = [];
  const probe = { cap: 1, tw: 1 };
  routes.forEach((route, r) => {
    const v = m.vehicles[r]!;
    for (;;) {
      const ev = evalRoute(m, v, probe, route, route.length);
      const bad = ev.excessLoad > 1e-9 || ev.timeWarp > 1e-9 || ev.excessDist > 1e-9;
      if (!bad || route.length === 0) break;
      const reason = ev.excessLoad > 1e-9 ? 'capacity' : ev.excessDist > 1e-9 ? 'max_distance' : 'time_window';
      let bestI = 0;
      let bestScore = Number.POSITIVE_INFINITY;
      const viol = ev.excessLoad + ev.timeWarp + ev.excessDist;
      for (let i = 0; i < route.length; i++) {
        const rest = route.filter((_, k) => k !== i);
        const e2 = evalRoute(m, v, probe, rest, rest.length);
        const relief = viol - (e2.excessLoad + e2.timeWarp + e2.excessDist);
        const score = m.priority[route[i]!]! * 1e6 - relief;
        if (score < bestScore) {
          bestScore = score;
          bestI = i;
        }
      }
      removed.push({ client: route[bestI]!, reason });
      route.splice(bestI, 1);
    }
  });
  return removed;
}

/** Turns solver routes (client indices per vehicle) into the documented answer. */
export function buildSolution(c: Compiled, routes: number[][], extraUnassigned: { client: number; reason: string }[] = []): Solution {
  const m = c.model;
  const out: RouteOut[] = [];
  const N = m.nLoc;
  const dims = m.dims;
  let totalDist = 0;
  let totalDur = 0;
  let fixed = 0;
  let varD = 0;
  let varT = 0;
  let assigned = 0;
  routes.forEach((route, r) => {
    if (!route.length) return;
    const v = m.vehicles[r]!;
    const ev = evalRoute(m, v, ZERO, route, route.length);
    const plan = { facilityBefore: [] as boolean[], finalUnload: false };
    if (v.facilityLoc >= 0) simulateMultiTrip(m, v, route, route.length, plan);
    const steps: Step[] = [];
    const load = new Array(dims).fill(0);
    // deliveries of a trip are on board from the start only for single-trip routes without facility;
    // we report the collected (or delivered) amount accumulated since the last unloading
    let t = v.shiftStart;
    let dist = 0;
    let last = v.startLoc;
    steps.push({ type: 'start', arrival: t, waiting: 0, service: 0, load: [...load], distance: 0 });
    const facilityId = v.facilityLoc >= 0 ? c.vehicles[r]!.facility : undefined;
    const unload = () => {
      dist += m.dist[last * N + v.facilityLoc]!;
      t += m.time[last * N + v.facilityLoc]!;
      const arrival = t;
      const start = Math.max(t, v.facilityOpen);
      t = start + v.facilityService;
      load.fill(0);
      last = v.facilityLoc;
      steps.push({
        type: 'facility',
        id: facilityId,
        arrival,
        waiting: start - arrival,
        service: v.facilityService,
        load: [...load],
        distance: dist,
      });
    };
    route.forEach((cl, i) => {
      if (plan.facilityBefore[i]) unload();
      const lc = m.loc[cl]!;
      dist += m.dist[last * N + lc]!;
      t += m.time[last * N + lc]!;
      const arrival = t;
      const start = Math.max(t, m.twEarly[cl]!);
      t = start + m.service[cl]!;
      for (let d = 0; d < dims; d++) load[d] += m.demand[cl * dims + d]!;
      last = lc;
      steps.push({
        type: 'job',
        id: m.clientId[cl]!,
        arrival,
        waiting: start - arrival,
        service: m.service[cl]!,
        load: [...load],
        distance: dist,
      });
      assigned++;
    });
    if (plan.finalUnload) unload();
    dist += m.dist[last * N + v.endLoc]!;
    t += m.time[last * N + v.endLoc]!;
    steps.push({ type: 'end', arrival: t, waiting: 0, service: 0, load: [...load], distance: dist });
    const duration = t - v.shiftStart;
    const cost = v.fixedCost + v.costPerDistance * ev.dist + v.costPerTime * duration;
    fixed += v.fixedCost;
    varD += v.costPerDistance * ev.dist;
    varT += v.costPerTime * duration;
    totalDist += ev.dist;
    totalDur += duration;
    out.push({ vehicle: v.id, steps, distance: ev.dist, duration, trips: ev.trips, cost });
  });
  const unassigned = [
    ...c.unassigned.map((u) => ({ id: c.jobIds[u.index]!, reason: u.reason })),
    ...extraUnassigned.map((u) => ({ id: m.clientId[u.client]!, reason: u.reason })),
  ];
  const cost = fixed + varD + varT;
  return {
    routes: out,
    unassigned,
    cost,
    summary: {
      cost,
      distance: totalDist,
      duration: totalDur,
      fixed,
      variable_distance: varD,
      variable_time: varT,
      routes: out.length,
      assigned,
      unassigned: unassigned.length,
    },
  };
}
