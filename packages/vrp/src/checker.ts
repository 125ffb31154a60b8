import type { Id, Location, Problem, VehicleSpec } from './problem.js';
import type { Solution } from './solution.js';

/**
 * Independent feasibility checker: recomputes every route from the problem as given (its own
 * travel computation, timeline and loads; nothing from the solver's model) and lists every
 * violation. Checks: every job exactly once (served or unassigned), known vehicles used once,
 * skills, capacity per trip (a facility visit empties the vehicle), time windows, shift end,
 * maximum duration and distance, facility opening hours and trip counts, and the reported costs.
 */
export interface CheckResult {
  ok: boolean;
  errors: string[];
  distance: number;
  cost: number;
}

const EPS = 1e-6;

function expand(p: Problem): VehicleSpec[] {
  const out: VehicleSpec[] = [];
  for (const v of p.vehicles) {
    const n = v.count ?? 1;
    if (n <= 1) out.push(v);
    else for (let i = 1; i <= n; i++) out.push({ ...v, id: `${v.id}-${i}` });
  }
  return out;
}

export function checkSolution(p: Problem, s: Solution): CheckResult {
  const errors: string[] = [];
  const dims = p.vehicles[0]?.capacity?.length ?? 1;
  const mat = p.matrices;
  const opts = p.options ?? {};
  const leg = (a: { loc?: Location; idx?: number }, b: { loc?: Location; idx?: number }) => {
    if (a.idx !== undefined && b.idx !== undefined && mat) {
      const dist = (mat.distances ?? mat.durations)![a.idx]![b.idx]!;
      const time = (mat.durations ?? mat.distances)![a.idx]![b.idx]!;
      return { dist, time };
    }
    const A = a.loc!;
    const B = b.loc!;
    if (opts.metric === 'haversine') {
      const r = Math.PI / 180;
      const h = Math.sin(((B[1] - A[1]) * r) / 2) ** 2 + Math.cos(A[1] * r) * Math.cos(B[1] * r) * Math.sin(((B[0] - A[0]) * r) / 2) ** 2;
      const dist = 2 * 6371008.8 * Math.asin(Math.min(1, Math.sqrt(h))) * (opts.detour_factor ?? 1.3);
      return { dist, time: dist / (((opts.speed_kmh ?? 30) * 1000) / 3600) };
    }
    let dist = Math.sqrt((A[0] - B[0]) ** 2 + (A[1] - B[1]) ** 2);
    if (opts.round) dist = Math.round(dist);
    return { dist, time: dist };
  };
  const jobs = new Map(p.jobs.map((j) => [String(j.id), j]));
  const facilities = new Map((p.facilities ?? []).map((f) => [String(f.id), f]));
  const vehicles = new Map(expand(p).map((v) => [String(v.id), v]));
  const seen = new Map<string, number>();
  const usedVehicles = new Set<string>();
  let totalDist = 0;
  let totalCost = 0;
  for (const route of s.routes) {
    const vid = String(route.vehicle);
    const v = vehicles.get(vid);
    if (!v) {
      errors.push(`route uses unknown vehicle ${vid}`);
      continue;
    }
    if (usedVehicles.has(vid)) errors.push(`vehicle ${vid} has two routes`);
    usedVehicles.add(vid);
    const skills = new Set((v.skills ?? []).map(String));
    const cap = v.capacity ?? new Array(dims).fill(Number.POSITIVE_INFINITY);
    const start = { loc: v.start ?? v.end, idx: v.start_index ?? (v.start ? undefined : v.end_index) };
    const end = { loc: v.end ?? v.start, idx: v.end_index ?? (v.end ? undefined : v.start_index) };
    const shiftStart = v.time_window?.[0] ?? 0;
    const shiftEnd = v.time_window?.[1] ?? Number.POSITIVE_INFINITY;
    let t = shiftStart;
    let dist = 0;
    let here = start;
    const load = new Array(dims).fill(0);
    let trips = 1;
    let jobsInTrip = 0;
    const steps = route.steps;
    if (steps[0]?.type !== 'start' || steps[steps.length - 1]?.type !== 'end')
      errors.push(`vehicle ${vid}: route must start and end at its depot`);
    for (const step of steps) {
      if (step.type === 'start') continue;
      if (step.type === 'end') {
        const l = leg(here, end);
        dist += l.dist;
        t += l.time;
        if (t > shiftEnd + EPS) errors.push(`vehicle ${vid}: back at ${t.toFixed(2)} after its shift ends (${shiftEnd})`);
        if (v.facility !== undefined && jobsInTrip > 0) errors.push(`vehicle ${vid}: returns loaded without unloading at its facility`);
        continue;
      }
      if (step.type === 'facility') {
        const f = facilities.get(String(step.id));
        if (!f || v.facility === undefined || String(v.facility) !== String(step.id)) {
          errors.push(`vehicle ${vid}: visits facility ${String(step.id)} it may not use`);
          continue;
        }
        const to = { loc: f.location, idx: f.location_index };
        const l = leg(here, to);
        dist += l.dist;
        t += l.time;
        const open = f.time_window?.[0] ?? 0;
        const close = f.time_window?.[1] ?? Number.POSITIVE_INFINITY;
        t = Math.max(t, open);
        if (t > close + EPS) errors.push(`vehicle ${vid}: reaches facility ${String(f.id)} at ${t.toFixed(2)} after it closes (${close})`);
        t += f.service ?? 0;
        load.fill(0);
        here = to;
        if (jobsInTrip > 0) trips++;
        jobsInTrip = 0;
        continue;
      }
      const key = String(step.id);
      const j = jobs.get(key);
      if (!j) {
        errors.push(`vehicle ${vid}: unknown job ${key}`);
        continue;
      }
      seen.set(key, (seen.get(key) ?? 0) + 1);
      if ((j.skills ?? []).some((k) => !skills.has(String(k)))) errors.push(`job ${key}: vehicle ${vid} lacks a required skill`);
      const to = { loc: j.location, idx: j.location_index };
      const l = leg(here, to);
      dist += l.dist;
      t += l.time;
      const tw = j.time_windows?.[0];
      if (tw) {
        t = Math.max(t, tw[0]);
        if (t > tw[1] + EPS) errors.push(`job ${key}: served at ${t.toFixed(2)} after its window closes (${tw[1]})`);
      }
      t += j.service ?? 0;
      for (let d = 0; d < dims; d++) {
        load[d] += (j.pickup?.[d] ?? 0) + (j.delivery?.[d] ?? 0);
        if (load[d] > cap[d]! + EPS)
          errors.push(`vehicle ${vid}: load ${load[d]} above capacity ${cap[d]} (dimension ${d + 1}) at job ${key}`);
      }
      here = to;
      jobsInTrip++;
    }
    const trueTrips = v.facility !== undefined ? Math.max(1, trips - (jobsInTrip === 0 ? 1 : 0)) : trips;
    if (v.max_trips !== undefined && trueTrips > v.max_trips) errors.push(`vehicle ${vid}: ${trueTrips} trips, at most ${v.max_trips}`);
    const duration = t - shiftStart;
    if (v.max_travel_time !== undefined && duration > v.max_travel_time + EPS)
      errors.push(`vehicle ${vid}: route lasts ${duration.toFixed(2)}, at most ${v.max_travel_time}`);
    if (v.max_distance !== undefined && dist > v.max_distance + EPS)
      errors.push(`vehicle ${vid}: route is ${dist.toFixed(2)} long, at most ${v.max_distance}`);
    if (Math.abs(dist - route.distance) > 1e-6 * Math.max(1, dist))
      errors.push(`vehicle ${vid}: reported distance ${route.distance} but it is ${dist}`);
    const perDist = v.costs?.per_distance ?? (v.costs?.per_km !== undefined ? v.costs.per_km / 1000 : 1);
    totalCost += (v.costs?.fixed ?? 0) + perDist * dist + ((v.costs?.per_hour ?? 0) / 3600) * duration;
    totalDist += dist;
  }
  for (const u of s.unassigned) seen.set(String(u.id), (seen.get(String(u.id)) ?? 0) + 1);
  for (const j of p.jobs) {
    const k = seen.get(String(j.id)) ?? 0;
    if (k === 0) errors.push(`job ${String(j.id)} is neither served nor reported unassigned`);
    if (k > 1) errors.push(`job ${String(j.id)} appears ${k} times`);
  }
  for (const [id] of seen) if (!jobs.has(id)) errors.push(`unknown job ${id}`);
  if (Math.abs(totalCost - s.cost) > 1e-6 * Math.max(1, totalCost)) errors.push(`reported cost ${s.cost} but it is ${totalCost}`);
  return { ok: errors.length === 0, errors, distance: totalDist, cost: totalCost };
}

export type { Id };
