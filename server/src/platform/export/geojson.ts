/**
 * GeoJSON (RFC 7946): coordinates are [longitude, latitude] in WGS 84, rounded to 7 decimals
 * (about a centimetre); a coordinate out of range throws, so a broken row never leaves quietly.
 */

export type Position = [lon: number, lat: number] | [lon: number, lat: number, ele: number];
export type Geometry =
  | { type: 'Point'; coordinates: Position }
  | { type: 'LineString'; coordinates: Position[] }
  | { type: 'Polygon'; coordinates: Position[][] }
  | { type: 'MultiPoint'; coordinates: Position[] }
  | { type: 'MultiLineString'; coordinates: Position[][] }
  | { type: 'MultiPolygon'; coordinates: Position[][][] };
export type Feature<P = Record<string, unknown>> = { type: 'Feature'; id?: string | number; geometry: Geometry | null; properties: P };
export type FeatureCollection<P = Record<string, unknown>> = { type: 'FeatureCollection'; features: Feature<P>[] };

/** What `toGeoJson` takes: a geometry (or null) and its properties. */
export type FeatureInput<P> = { id?: string | number; geometry: Geometry | null; properties: P };

const round = (n: number) => Math.round(n * 1e7) / 1e7;

function pos(p: Position): Position {
  const [lon, lat, ele] = p;
  if (!Number.isFinite(lon) || lon < -180 || lon > 180) throw new RangeError(`longitude out of range: ${lon}`);
  if (!Number.isFinite(lat) || lat < -90 || lat > 90) throw new RangeError(`latitude out of range: ${lat}`);
  return ele === undefined ? [round(lon), round(lat)] : [round(lon), round(lat), Math.round(ele * 100) / 100];
}

function ring(r: Position[]): Position[] {
  const out = r.map(pos);
  const [first, last] = [out[0], out[out.length - 1]];
  // RFC 7946 §3.1.6: a linear ring is closed
  if (first && last && (first[0] !== last[0] || first[1] !== last[1])) out.push(first);
  if (out.length < 4) throw new RangeError('a polygon ring needs at least three distinct positions');
  return out;
}

function clean(g: Geometry): Geometry {
  switch (g.type) {
    case 'Point':
      return { type: 'Point', coordinates: pos(g.coordinates) };
    case 'LineString':
    case 'MultiPoint':
      return { type: g.type, coordinates: g.coordinates.map(pos) };
    case 'MultiLineString':
      return { type: g.type, coordinates: g.coordinates.map((l) => l.map(pos)) };
    case 'Polygon':
      return { type: 'Polygon', coordinates: g.coordinates.map(ring) };
    case 'MultiPolygon':
      return { type: 'MultiPolygon', coordinates: g.coordinates.map((p) => p.map(ring)) };
  }
}

type LatLon = { lat: number; lon: number };
const toPos = (p: LatLon | Position): Position => (Array.isArray(p) ? p : [p.lon, p.lat]);

/** A point from latitude and longitude (in the order people say them), or from a GeoJSON `[lon, lat]`. */
export function point(lat: number, lon: number): Geometry;
export function point(position: Position): Geometry;
export function point(a: number | Position, lon?: number): Geometry {
  return { type: 'Point', coordinates: Array.isArray(a) ? a : [lon as number, a] };
}
/** A line through `{lat, lon}` points or GeoJSON `[lon, lat]` positions. */
export const lineString = (pts: readonly (LatLon | Position)[]): Geometry => ({ type: 'LineString', coordinates: pts.map(toPos) });
/** A polygon with one outer ring of `{lat, lon}` points or `[lon, lat]` positions (closed for you). */
export const polygon = (pts: readonly (LatLon | Position)[]): Geometry => ({ type: 'Polygon', coordinates: [pts.map(toPos)] });

/** A FeatureCollection object; send it with `sendExport(reply, { kind: 'geojson', ... })` or `JSON.stringify`. */
export function toGeoJson<P>(features: Iterable<FeatureInput<P>>): FeatureCollection<P> {
  const out: Feature<P>[] = [];
  for (const f of features) {
    const feature: Feature<P> = { type: 'Feature', geometry: f.geometry ? clean(f.geometry) : null, properties: f.properties };
    if (f.id !== undefined) feature.id = f.id;
    out.push(feature);
  }
  return { type: 'FeatureCollection', features: out };
}
