import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkSolution } from '../src/checker.js';
import { parseCvrplib, parseSolomon } from '../src/parsers.js';
import type { Problem } from '../src/problem.js';
import { type SolveResult, solve } from '../src/solve.js';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');

function expectValid(p: Problem, s: SolveResult) {
  const r = checkSolution(p, s);
  expect(r.errors).toEqual([]);
  return r;
}

const routesOf = (s: SolveResult) => s.routes.map((r) => r.steps.filter((x) => x.type === 'job').map((x) => x.id));

describe('solve', () => {
  it('finds the proven optimum of P-n16-k8 (450) and the checker agrees', async () => {
    const p = parseCvrplib(fixture('P-n16-k8.vrp'));
    const s = await solve(p, { seed: 1 });
    expectValid(p, s);
    expect(s.cost).toBe(450);
  });

  it('solves a VRPTW (Solomon C101, first 12 customers) feasibly', async () => {
    const p = parseSolomon(fixture('C101-12.txt'));
    const s = await solve(p, { seed: 2 });
    expectValid(p, s);
    expect(s.feasible).toBe(true);
    expect(s.unassigned).toEqual([]);
  });

  it('is deterministic for a seed, also with two threads', async () => {
    const p = parseCvrplib(fixture('P-n16-k8.vrp'));
    const a = await solve(p, { seed: 7, maxIterNoImprove: 150 });
    const b = await solve(p, { seed: 7, maxIterNoImprove: 150 });
    expect(routesOf(a)).toEqual(routesOf(b));
    const c = await solve(p, { seed: 7, threads: 2, maxIterNoImprove: 150 });
    const d = await solve(p, { seed: 7, threads: 2, maxIterNoImprove: 150 });
    expect(routesOf(c)).toEqual(routesOf(d));
    expectValid(p, c);
  });

  it('stops when cancelled and still answers with a checked plan', async () => {
    const p = parseSolomon(fixture('C101-12.txt'));
    const ac = new AbortController();
    const progress: number[] = [];
    const run = solve(p, {
      seed: 1,
      timeLimit: 600,
      signal: ac.signal,
      onProgress: (e) => {
        progress.push(e.bestCost);
        ac.abort();
      },
    });
    const s = await run;
    expect(progress.length).toBeGreaterThan(0);
    expectValid(p, s);
    // cancelled long before the 600 s limit: the answer is there, the search did not run on
    expect(s.elapsedMs).toBeLessThan(600_000);
  });

  it('reports progress as a falling best cost', async () => {
    const p = parseCvrplib(fixture('P-n16-k8.vrp'));
    const costs: number[] = [];
    await solve(p, { seed: 3, onProgress: (e) => costs.push(e.bestCost) });
    expect(costs.length).toBeGreaterThan(0);
    for (let i = 1; i < costs.length; i++) expect(costs[i]!).toBeLessThan(costs[i - 1]!);
    expect(costs[costs.length - 1]).toBe(450);
  });

  it('plans several trips per truck with unloading at the landfill within its opening hours', async () => {
    const p: Problem = {
      vehicles: [{ id: 'truck', start: [0, 0], capacity: [1000], time_window: [0, 10_000], facility: 'landfill', max_trips: 4 }],
      facilities: [{ id: 'landfill', location: [50, 0], service: 30, time_window: [0, 9000] }],
      jobs: Array.from({ length: 12 }, (_, i) => ({
        id: `bin-${i + 1}`,
        location: [10 + (i % 4) * 5, Math.floor(i / 4) * 5] as [number, number],
        pickup: [300],
        service: 5,
      })),
    };
    const s = await solve(p, { seed: 1 });
    expectValid(p, s);
    const route = s.routes[0]!;
    const visits = route.steps.filter((x) => x.type === 'facility');
    expect(visits.length).toBe(4); // 3600 kg in 1000 kg trips: four unloadings, the last before going home
    expect(route.trips).toBe(4);
    for (const st of route.steps) expect(st.load[0]).toBeLessThanOrEqual(1000);
    expect(s.unassigned).toEqual([]);
  });

  it('leaves jobs unassigned with a reason: skills, capacity, time window, and not enough fleet', async () => {
    const p: Problem = {
      vehicles: [{ id: 'v', start: [0, 0], capacity: [10], time_window: [0, 100], skills: ['crane'] }],
      jobs: [
        { id: 'ok', location: [1, 0], delivery: [2], priority: 50 },
        { id: 'needs-fridge', location: [1, 1], delivery: [1], skills: ['fridge'] },
        { id: 'too-heavy', location: [2, 0], delivery: [11] },
        { id: 'too-far', location: [60, 0], delivery: [1] },
        { id: 'low', location: [3, 0], delivery: [5], priority: 0 },
        { id: 'high', location: [3, 1], delivery: [5], priority: 80 },
      ],
    };
    const s = await solve(p, { seed: 1 });
    expectValid(p, s);
    const reasons = Object.fromEntries(s.unassigned.map((u) => [u.id, u.reason]));
    expect(reasons['needs-fridge']).toBe('skills');
    expect(reasons['too-heavy']).toBe('capacity');
    expect(reasons['too-far']).toBe('time_window');
    // 2 + 5 + 5 > 10: one of the two 5s must go, and it is the lower priority one
    expect(reasons.low).toBe('capacity');
    expect(reasons.high).toBeUndefined();
    expect(s.feasible).toBe(false);
  });

  it('plans the demo municipality’s garbage trucks (haversine, two dimensions, skills, landfill hours)', async () => {
    const full = JSON.parse(readFileSync(new URL('../examples/nea-arkadia-waste.json', import.meta.url), 'utf8')) as Problem;
    const p = { ...full, jobs: full.jobs.slice(0, 24) };
    const s = await solve(p, { seed: 1, maxIterNoImprove: 100 });
    expectValid(p, s);
    expect(s.unassigned).toEqual([]);
    const crane = new Set(p.jobs.filter((j) => j.skills?.includes('crane')).map((j) => j.id));
    for (const r of s.routes) if (r.vehicle !== 'ΚΗΥ-4521') for (const st of r.steps) expect(crane.has(st.id as string)).toBe(false);
    expect(s.routes.some((r) => r.steps.some((st) => st.type === 'facility'))).toBe(true);
  }, 180_000);

  it('uses a mixed fleet with several capacity dimensions and fixed costs', async () => {
    const p: Problem = {
      vehicles: [
        { id: 'small', start: [0, 0], capacity: [10, 2], costs: { fixed: 100 } },
        { id: 'big', start: [0, 0], capacity: [40, 10], costs: { fixed: 150 } },
      ],
      jobs: Array.from({ length: 8 }, (_, i) => ({ id: i + 1, location: [10 + i, (i % 2) * 3] as [number, number], delivery: [4, 1] })),
    };
    const s = await solve(p, { seed: 1 });
    expectValid(p, s);
    // one big truck for all (32 ≤ 40, 8 ≤ 10) is cheaper than two vehicles
    expect(s.routes.map((r) => r.vehicle)).toEqual(['big']);
  });

  it('warm start keeps yesterday’s plan and only inserts the new job', async () => {
    const base: Problem = {
      vehicles: [
        { id: 'a', start: [0, 0], capacity: [100] },
        { id: 'b', start: [0, 0], capacity: [100] },
      ],
      jobs: [
        { id: 1, location: [10, 0], delivery: [1] },
        { id: 2, location: [20, 0], delivery: [1] },
        { id: 3, location: [0, 10], delivery: [1] },
        { id: 4, location: [0, 20], delivery: [1] },
        { id: 5, location: [21, 1], delivery: [1] },
      ],
    };
    // yesterday: a serves 1,2 and b serves 3,4 (not optimal with one vehicle, but kept)
    const s = await solve(base, {
      seed: 1,
      initialRoutes: [
        { vehicle: 'a', jobs: [1, 2] },
        { vehicle: 'b', jobs: [3, 4] },
      ],
      warmStartMode: 'keep',
    });
    expectValid(base, s);
    expect(routesOf(s)).toEqual([
      [1, 2, 5],
      [3, 4],
    ]);
  });
});
