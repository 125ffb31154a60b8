import booleanPointInPolygon from '@turf/boolean-point-in-polygon';
import { describe, expect, it } from 'vitest';
import { DEMO_BOUNDARY } from '../../seed/demo.js';
import { untrustedReason } from '../ingest.js';
import { demoStreets, distanceKm, rng, Vehicle } from './streets.js';

describe('simulated streets and vehicles', () => {
  it('builds a connected grid inside the demo municipality', () => {
    const nodes = demoStreets();
    expect(nodes.length).toBeGreaterThan(200);
    for (const n of nodes) expect(booleanPointInPolygon([n.lon, n.lat], DEMO_BOUNDARY)).toBe(true);
    for (const n of nodes) for (const m of n.next) expect(distanceKm(n, nodes.find((x) => x.id === m) ?? n)).toBeLessThan(0.4);
  });

  it('drives plausibly: inside the town, at town speeds, never a teleport, fuel falling with distance', () => {
    const nodes = demoStreets();
    const v = new Vehicle(nodes, rng(7));
    let prev: { lat: number; lon: number; fixTime: Date } | undefined;
    const fuel0 = v.fuel;
    const t0 = Date.parse('2025-12-06T08:00:00Z');
    for (let k = 1; k <= 720; k++) {
      const f = v.step(5, new Date(t0 + k * 5000));
      expect(booleanPointInPolygon([f.lon, f.lat], DEMO_BOUNDARY)).toBe(true);
      expect(f.speedKmh).toBeLessThanOrEqual(50);
      const fix = { lat: f.lat, lon: f.lon, fixTime: f.time };
      expect(untrustedReason(fix, prev, new Date(t0 + k * 5000))).toBeNull();
      prev = fix;
    }
    expect(v.fuel).toBeLessThan(fuel0);
  });
});
