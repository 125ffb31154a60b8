import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseCvrplib, parseFile, parseSolomon } from '../src/parsers.js';
import { compile, ProblemError, validateProblem } from '../src/problem.js';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');

describe('parsers', () => {
  it('reads CVRPLIB: depot left out, customers numbered 1..n in file order, rounded distances', () => {
    const p = parseCvrplib(fixture('P-n16-k8.vrp'));
    expect(p.jobs).toHaveLength(15);
    expect(p.jobs[0]).toMatchObject({ id: 1, location: [37, 52], delivery: [19] });
    expect(p.vehicles[0]!.capacity).toEqual([35]);
    expect(p.options).toEqual({ metric: 'euclidean', round: true });
    const c = compile(p);
    // depot (30,40) to customer 1 (37,52): sqrt(49+144)=13.89 -> 14
    const N = c.model.nLoc;
    expect(c.model.dist[c.model.vehicles[0]!.startLoc * N + c.model.loc[1]!]).toBe(14);
  });

  it('reads Solomon: customer numbers kept, unrounded distances, file vehicle count as the fleet', () => {
    const p = parseSolomon(fixture('C101-12.txt'));
    expect(p.jobs.map((j) => j.id)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    expect(p.vehicles[0]).toMatchObject({ count: 25, capacity: [200], time_window: [0, 1236] });
    expect(p.jobs[0]).toMatchObject({ time_windows: [[912, 967]], service: 90, delivery: [10] });
    const c = compile(p);
    expect(c.model.vehicles).toHaveLength(25);
    const N = c.model.nLoc;
    expect(c.model.dist[c.model.vehicles[0]!.startLoc * N + c.model.loc[1]!]).toBeCloseTo(Math.hypot(5, 18), 10);
  });

  it('recognises the format by name and content', () => {
    expect(parseFile('x.vrp', fixture('P-n16-k8.vrp')).format).toBe('cvrplib');
    expect(parseFile('x.txt', fixture('C101-12.txt')).format).toBe('solomon');
    expect(parseFile('x.json', '{"vehicles":[],"jobs":[]}').format).toBe('json');
  });

  it('rejects a bad JSON problem naming the field', () => {
    const bad = { vehicles: [{ id: 1, start: [0, 0], capacity: [10] }], jobs: [{ id: 1, location: [1, 1], pickup: [1, 2] }] };
    expect(() => validateProblem(bad as never)).toThrow(ProblemError);
    try {
      validateProblem(bad as never);
    } catch (e) {
      expect((e as ProblemError).field).toBe('jobs[0].pickup');
    }
    expect(() => validateProblem({ vehicles: [], jobs: [] })).toThrow(/vehicle/);
    expect(() => validateProblem({ vehicles: [{ id: 1, start: [0, 0] }], jobs: [], shipments: [{}] })).toThrow(/shipments/);
  });
});
