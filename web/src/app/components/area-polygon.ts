/** A map point as Leaflet takes it: [lat, lon]. */
export type LatLon = [number, number];

/** A GeoJSON area as the server stores it ([lon, lat] corners, closed rings). */
export type AreaPolygon = { type: 'Polygon' | 'MultiPolygon'; coordinates: unknown[] };

/** A closed GeoJSON polygon ([lon, lat] corners, 6 decimals) from drawn corners, or null under three. */
export function toPolygon(pts: LatLon[]): { type: 'Polygon'; coordinates: [number, number][][] } | null {
  if (pts.length < 3) return null;
  const ring = pts.map(([lat, lon]) => [Number(lon.toFixed(6)), Number(lat.toFixed(6))] as [number, number]);
  return { type: 'Polygon', coordinates: [[...ring, ring[0] as [number, number]]] };
}

/** The first ring of a GeoJSON polygon as [lat, lon] corners, without the closing repeat. */
export function ringOf(p: AreaPolygon | null | undefined): LatLon[] {
  if (!p) return [];
  const ring = (p.type === 'Polygon' ? p.coordinates[0] : (p.coordinates[0] as unknown[] | undefined)?.[0]) as
    | [number, number][]
    | undefined;
  if (!ring?.length) return [];
  const pts = ring.map(([lon, lat]) => [lat, lon] as LatLon);
  const [a, b] = [pts[0], pts[pts.length - 1]];
  if (pts.length > 1 && a && b && a[0] === b[0] && a[1] === b[1]) pts.pop();
  return pts;
}
