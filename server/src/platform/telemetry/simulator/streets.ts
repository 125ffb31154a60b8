import booleanPointInPolygon from '@turf/boolean-point-in-polygon';
import { DEMO_BOUNDARY } from '../../seed/demo.js';

/**
 * A street network for simulated vehicles: a slightly skewed grid of blocks (about 270 × 280 m, like
 * the town plans of Attica's post-war municipalities) clipped to the demo municipality's boundary.
 * Nodes are junctions, edges street segments; vehicles drive edge to edge and never leave the town.
 */
export type Node = { id: number; lat: number; lon: number; next: number[] };

export function demoStreets(boundary: { type: 'Polygon'; coordinates: number[][][] } = DEMO_BOUNDARY): Node[] {
  const ring = boundary.coordinates[0] as number[][];
  const lons = ring.map((c) => c[0] as number);
  const lats = ring.map((c) => c[1] as number);
  const dLat = 0.0025;
  const dLon = 0.003;
  const index = new Map<string, Node>();
  const nodes: Node[] = [];
  for (let i = 0; ; i++) {
    const lat0 = Math.min(...lats) + dLat / 2 + i * dLat;
    if (lat0 > Math.max(...lats)) break;
    for (let j = 0; ; j++) {
      const lon = Math.min(...lons) + dLon / 2 + j * dLon + i * 0.0002; // the grid leans a little
      if (lon > Math.max(...lons)) break;
      const lat = lat0 + j * 0.00015;
      if (!booleanPointInPolygon([lon, lat], boundary)) continue;
      const n: Node = { id: nodes.length, lat, lon, next: [] };
      nodes.push(n);
      index.set(`${i},${j}`, n);
    }
  }
  for (const [key, n] of index) {
    const [i, j] = key.split(',').map(Number) as [number, number];
    for (const [a, b] of [
      [i + 1, j],
      [i - 1, j],
      [i, j + 1],
      [i, j - 1],
    ]) {
      const m = index.get(`${a},${b}`);
      if (m) n.next.push(m.id);
    }
  }
  return nodes.filter((n) => n.next.length > 0);
}

export function distanceKm(a: { lat: number; lon: number }, b: { lat: number; lon: number }) {
  const R = 6371;
  const dLat = ((b.lat - a.lat) * Math.PI) / 180;
  const dLon = ((b.lon - a.lon) * Math.PI) / 180;
  const s = Math.sin(dLat / 2) ** 2 + Math.cos((a.lat * Math.PI) / 180) * Math.cos((b.lat * Math.PI) / 180) * Math.sin(dLon / 2) ** 2;
  return 2 * R * Math.asin(Math.sqrt(s));
}

export function bearing(a: { lat: number; lon: number }, b: { lat: number; lon: number }) {
  const y = Math.sin(((b.lon - a.lon) * Math.PI) / 180) * Math.cos((b.lat * Math.PI) / 180);
  const x =
    Math.cos((a.lat * Math.PI) / 180) * Math.sin((b.lat * Math.PI) / 180) -
    Math.sin((a.lat * Math.PI) / 180) * Math.cos((b.lat * Math.PI) / 180) * Math.cos(((b.lon - a.lon) * Math.PI) / 180);
  return ((Math.atan2(y, x) * 180) / Math.PI + 360) % 360;
}

/** A deterministic random source (mulberry32), so a seeded simulation repeats itself. */
export function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type SimFix = {
  time: Date;
  lat: number;
  lon: number;
  speedKmh: number;
  course: number;
  ignition: boolean;
  motion: boolean;
  fuel: number;
  odometerKm: number;
};

/**
 * One vehicle driving the grid: 20–50 km/h on a segment, no U-turns unless at a dead end, a stop of
 * 30–120 s at one junction in eight (engine idling), fuel falling with distance.
 */
export class Vehicle {
  private from: Node;
  private to: Node;
  private along = 0; // km along the current edge
  private stopLeftS = 0;
  private speed: number;
  fuel: number;
  odometerKm: number;

  constructor(
    private nodes: Node[],
    private random: () => number,
    opts: { start?: number; tankL?: number; litresPer100Km?: number } = {},
  ) {
    this.from = nodes[opts.start ?? Math.floor(random() * nodes.length)] as Node;
    this.to = nodes[this.from.next[Math.floor(random() * this.from.next.length)] as number] as Node;
    this.speed = 20 + random() * 30;
    this.fuel = (opts.tankL ?? 120) * (0.5 + random() * 0.5);
    this.odometerKm = 20_000 + Math.floor(random() * 150_000);
    this.consumption = opts.litresPer100Km ?? 30;
  }
  private consumption: number;

  /** Advances `seconds` and returns the fix at the new time. */
  step(seconds: number, at: Date): SimFix {
    let left = seconds;
    let moved = 0;
    while (left > 0) {
      if (this.stopLeftS > 0) {
        const s = Math.min(this.stopLeftS, left);
        this.stopLeftS -= s;
        left -= s;
        continue;
      }
      const edge = distanceKm(this.from, this.to);
      const can = (this.speed / 3600) * left;
      if (this.along + can < edge) {
        this.along += can;
        moved += can;
        left = 0;
      } else {
        const used = ((edge - this.along) / this.speed) * 3600;
        moved += edge - this.along;
        left -= used;
        this.turn();
      }
    }
    this.odometerKm += moved;
    this.fuel = Math.max(0, this.fuel - (moved * this.consumption) / 100);
    const edge = distanceKm(this.from, this.to) || 1;
    const f = Math.min(1, this.along / edge);
    const stopped = this.stopLeftS > 0;
    return {
      time: at,
      lat: this.from.lat + (this.to.lat - this.from.lat) * f,
      lon: this.from.lon + (this.to.lon - this.from.lon) * f,
      speedKmh: stopped ? 0 : Math.round(this.speed * 10) / 10,
      course: Math.round(bearing(this.from, this.to)),
      ignition: true,
      motion: !stopped,
      fuel: Math.round(this.fuel * 10) / 10,
      odometerKm: Math.round(this.odometerKm * 100) / 100,
    };
  }

  private turn() {
    const back = this.from.id;
    this.from = this.to;
    const options = this.from.next.filter((n) => n !== back);
    const pick = options.length ? options : this.from.next;
    this.to = this.nodes[pick[Math.floor(this.random() * pick.length)] as number] as Node;
    this.along = 0;
    this.speed = 20 + this.random() * 30;
    if (this.random() < 1 / 8) this.stopLeftS = 30 + this.random() * 90;
  }
}
