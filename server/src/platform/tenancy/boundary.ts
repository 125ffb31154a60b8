import type { FieldError } from '../http/errors.js';
import { registerMessages } from '../i18n/i18n.js';
import type { TBoundary } from './tenancy.schema.js';

/**
 * Checks a municipality boundary: a GeoJSON Polygon or MultiPolygon in WGS84 (RFC 7946).
 * Every ring has at least four positions, is closed (first position equals the last),
 * stays within lon [-180, 180] / lat [-90, 90], encloses an area, and does not cross itself.
 * Map features (reports inside the municipality, broadcasts by area) rely on it, so a bad
 * shape is refused with the exact place named, e.g. `boundary.coordinates.0.2`.
 *
 * Written here rather than pulled in (@turf/boolean-valid) to name the failing ring and
 * position in the error and to keep the check linear-ish on large boundaries.
 */
export function validateBoundary(input: unknown, field = 'boundary'): { boundary: TBoundary; errors: [] } | { errors: FieldError[] } {
  const errors: FieldError[] = [];
  const fail = (path: string, code: string, params: Record<string, unknown> = {}) => {
    errors.push({ field: path, code, params });
    return { errors };
  };
  if (!isObject(input)) return fail(field, 'validation.invalid_type');
  if (input.type !== 'Polygon' && input.type !== 'MultiPolygon') return fail(`${field}.type`, 'boundary.type');
  const coords = input.coordinates;
  const cpath = `${field}.coordinates`;
  if (!Array.isArray(coords) || coords.length === 0) return fail(cpath, 'boundary.empty');
  const polygons: unknown[] = input.type === 'Polygon' ? [coords] : coords;
  let positions = 0;
  polygons.forEach((poly, pi) => {
    const ppath = input.type === 'Polygon' ? cpath : `${cpath}.${pi}`;
    if (!Array.isArray(poly) || poly.length === 0) {
      errors.push({ field: ppath, code: 'boundary.empty' });
      return;
    }
    poly.forEach((ring, ri) => {
      const rpath = `${ppath}.${ri}`;
      if (!Array.isArray(ring) || ring.length < 4) {
        errors.push({ field: rpath, code: 'boundary.ring_too_short' });
        return;
      }
      positions += ring.length;
      for (let i = 0; i < ring.length; i++) {
        const p = ring[i];
        if (!Array.isArray(p) || p.length < 2 || p.length > 3 || !p.every((n) => typeof n === 'number' && Number.isFinite(n))) {
          errors.push({ field: `${rpath}.${i}`, code: 'boundary.position' });
          return;
        }
        const [lon, lat] = p as number[];
        if ((lon as number) < -180 || (lon as number) > 180 || (lat as number) < -90 || (lat as number) > 90) {
          errors.push({ field: `${rpath}.${i}`, code: 'boundary.out_of_range' });
          return;
        }
      }
      const pts = ring as number[][];
      const first = pts[0] as number[];
      const last = pts[pts.length - 1] as number[];
      if (first[0] !== last[0] || first[1] !== last[1]) {
        errors.push({ field: rpath, code: 'boundary.not_closed' });
        return;
      }
      const crossing = selfIntersection(pts);
      if (crossing !== null) {
        errors.push({ field: `${rpath}.${crossing}`, code: 'boundary.self_intersecting' });
        return;
      }
      if (Math.abs(ringArea(pts)) < 1e-12) {
        errors.push({ field: rpath, code: 'boundary.no_area' });
      }
    });
  });
  if (positions > 100_000) errors.push({ field: cpath, code: 'boundary.too_many_positions', params: { max: 100_000 } });
  if (errors.length) return { errors };
  return { boundary: { type: input.type, coordinates: coords }, errors: [] };
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Shoelace area in degrees², signed; only its being non-zero matters here. */
function ringArea(pts: number[][]) {
  let a = 0;
  for (let i = 0; i < pts.length - 1; i++) {
    const [x1, y1] = pts[i] as [number, number];
    const [x2, y2] = pts[i + 1] as [number, number];
    a += x1 * y2 - x2 * y1;
  }
  return a / 2;
}

type Seg = { i: number; p: number; ax: number; ay: number; bx: number; by: number; minX: number; maxX: number; minY: number; maxY: number };

/**
 * Index of the first position of a segment that crosses or touches another non-adjacent
 * segment of the same ring, or null. A sweep over segments sorted by x keeps it fast for
 * real-world boundaries with thousands of vertices.
 */
export function selfIntersection(pts: number[][]): number | null {
  const n = pts.length - 1; // segments
  const segs: Seg[] = [];
  for (let i = 0; i < n; i++) {
    const [ax, ay] = pts[i] as [number, number];
    const [bx, by] = pts[i + 1] as [number, number];
    if (ax === bx && ay === by) continue; // repeated position: harmless, skip the empty segment
    segs.push({
      i,
      p: segs.length,
      ax,
      ay,
      bx,
      by,
      minX: Math.min(ax, bx),
      maxX: Math.max(ax, bx),
      minY: Math.min(ay, by),
      maxY: Math.max(ay, by),
    });
  }
  const m = segs.length;
  const order = [...segs].sort((a, b) => a.minX - b.minX);
  for (let k = 0; k < order.length; k++) {
    const s = order[k] as Seg;
    for (let l = k + 1; l < order.length; l++) {
      const t = order[l] as Seg;
      if (t.minX > s.maxX) break;
      if (t.minY > s.maxY || t.maxY < s.minY) continue;
      const gap = Math.abs(s.p - t.p);
      const adjacent = gap === 1 || gap === m - 1;
      if (adjacent) {
        // neighbours share one end; they are bad only when they fold back over each other
        if (collinearOverlap(s, t)) return Math.min(s.i, t.i);
        continue;
      }
      if (segmentsIntersect(s, t)) return Math.min(s.i, t.i);
    }
  }
  return null;
}

const orient = (ax: number, ay: number, bx: number, by: number, cx: number, cy: number) => {
  const v = (bx - ax) * (cy - ay) - (by - ay) * (cx - ax);
  return v > 0 ? 1 : v < 0 ? -1 : 0;
};
const onSegment = (s: Seg, x: number, y: number) => x >= s.minX && x <= s.maxX && y >= s.minY && y <= s.maxY;

function segmentsIntersect(s: Seg, t: Seg) {
  const o1 = orient(s.ax, s.ay, s.bx, s.by, t.ax, t.ay);
  const o2 = orient(s.ax, s.ay, s.bx, s.by, t.bx, t.by);
  const o3 = orient(t.ax, t.ay, t.bx, t.by, s.ax, s.ay);
  const o4 = orient(t.ax, t.ay, t.bx, t.by, s.bx, s.by);
  if (o1 !== o2 && o3 !== o4) return true;
  if (o1 === 0 && onSegment(s, t.ax, t.ay)) return true;
  if (o2 === 0 && onSegment(s, t.bx, t.by)) return true;
  if (o3 === 0 && onSegment(t, s.ax, s.ay)) return true;
  if (o4 === 0 && onSegment(t, s.bx, s.by)) return true;
  return false;
}

/** Two neighbouring segments on one line that overlap by more than their shared end (a spike). */
function collinearOverlap(s: Seg, t: Seg) {
  if (orient(s.ax, s.ay, s.bx, s.by, t.ax, t.ay) !== 0 || orient(s.ax, s.ay, s.bx, s.by, t.bx, t.by) !== 0) return false;
  const dot = (s.bx - s.ax) * (t.bx - t.ax) + (s.by - s.ay) * (t.by - t.ay);
  // consecutive segments s→t share s.b = t.a; going back along the same line means a negative dot product
  return dot < 0;
}

registerMessages({
  'boundary.type': { el: 'Το όριο πρέπει να είναι Polygon ή MultiPolygon.', en: 'The boundary must be a Polygon or MultiPolygon.' },
  'boundary.empty': { el: 'Το πεδίο «{field}» δεν έχει συντεταγμένες.', en: 'The field “{field}” has no coordinates.' },
  'boundary.ring_too_short': {
    el: 'Ο δακτύλιος «{field}» χρειάζεται τουλάχιστον 4 σημεία.',
    en: 'The ring “{field}” needs at least 4 positions.',
  },
  'boundary.position': {
    el: 'Το σημείο «{field}» πρέπει να είναι [γεωγρ. μήκος, γεωγρ. πλάτος].',
    en: 'The position “{field}” must be [longitude, latitude].',
  },
  'boundary.out_of_range': {
    el: 'Το σημείο «{field}» είναι εκτός ορίων (μήκος −180…180, πλάτος −90…90).',
    en: 'The position “{field}” is out of range (longitude −180…180, latitude −90…90).',
  },
  'boundary.not_closed': {
    el: 'Ο δακτύλιος «{field}» δεν κλείνει: το πρώτο και το τελευταίο σημείο πρέπει να ταυτίζονται.',
    en: 'The ring “{field}” is not closed: the first and last positions must be the same.',
  },
  'boundary.no_area': { el: 'Ο δακτύλιος «{field}» δεν περικλείει έκταση.', en: 'The ring “{field}” encloses no area.' },
  'boundary.self_intersecting': {
    el: 'Ο δακτύλιος τέμνει τον εαυτό του στο «{field}».',
    en: 'The ring crosses itself at “{field}”.',
  },
  'boundary.too_many_positions': {
    el: 'Το όριο έχει πάρα πολλά σημεία (το πολύ {max}).',
    en: 'The boundary has too many positions (at most {max}).',
  },
});
