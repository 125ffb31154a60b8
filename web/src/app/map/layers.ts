import L from 'leaflet';
import Supercluster from 'supercluster';

/**
 * Map layer helpers that are reachable by keyboard and named for screen readers: a marker is a
 * focusable button-like icon with a title and alt text (Leaflet: Tab reaches it, Enter "clicks" it).
 */

export type LatLon = { lat: number; lon: number };

/** Leaflet's types, for pages that keep a map or a layer in a ref (pages never import Leaflet itself). */
export type { Circle, CircleMarker, GeoJSON, LayerGroup, Map as LeafletMap, Rectangle } from 'leaflet';

/** An empty group of layers on the map (clear and refill it when the data changes). */
export function layerGroup(map?: L.Map): L.LayerGroup {
  const g = L.layerGroup();
  if (map) g.addTo(map);
  return g;
}

/** A round dot of fixed pixel size (not focusable unless it has a popup); `tooltip` shows on hover. */
export function circleMarker(p: LatLon, opts: L.CircleMarkerOptions & { tooltip?: string } = {}): L.CircleMarker {
  const { tooltip, ...rest } = opts;
  const dot = L.circleMarker([p.lat, p.lon], rest);
  if (tooltip) dot.bindTooltip(tooltip);
  return dot;
}

/** A circle of `radius` metres (an alert's area, a search radius). */
export function circle(p: LatLon, radius: number, opts: L.CircleMarkerOptions = {}): L.Circle {
  return L.circle([p.lat, p.lon], { ...opts, radius });
}

/** A rectangle between two corners (a grid cell of a heat map). */
export function rectangle(southWest: LatLon, northEast: LatLon, opts: L.PolylineOptions = {}): L.Rectangle {
  return L.rectangle(
    [
      [southWest.lat, southWest.lon],
      [northEast.lat, northEast.lon],
    ],
    opts,
  );
}

/** A GeoJSON geometry or feature (a boundary, a district) as an outline; `getBounds()` gives its extent. */
export function geoJson(geometry: unknown, style: L.PathOptions = {}, interactive = false): L.GeoJSON {
  return L.geoJSON(geometry as never, { style, interactive });
}

/** The visible area as `west,south,east,north` (clamped to the world), `digits` decimals. */
export function bboxOf(map: L.Map, digits = 5): string {
  const b = map.getBounds();
  const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));
  return [clamp(b.getWest(), -180, 180), clamp(b.getSouth(), -90, 90), clamp(b.getEast(), -180, 180), clamp(b.getNorth(), -90, 90)]
    .map((x) => x.toFixed(digits))
    .join(',');
}

/** Calls `fn` with the point the user clicked (or tapped) on the map; returns the clean-up. */
export function onMapClick(map: L.Map, fn: (p: LatLon) => void): () => void {
  const handler = (e: L.LeafletMouseEvent) => fn({ lat: e.latlng.lat, lon: e.latlng.lng });
  map.on('click', handler);
  return () => map.off('click', handler);
}

export type MarkerSpec = LatLon & {
  /** Read by screen readers and shown as a tooltip; required: a marker without words is invisible to some. */
  label: string;
  /** HTML of a div icon (escape anything user-written with `escapeHtml`), or a default pin when unset. */
  html?: string;
  className?: string;
  size?: [number, number];
  /** Runs on click and on Enter when the marker has focus. */
  onActivate?: () => void;
  /** Popup content (text is escaped; pass an HTMLElement for rich content). */
  popup?: string | HTMLElement;
  /** Not reachable by Tab (decorative or duplicated by a list next to the map). */
  decorative?: boolean;
};

export const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);

export function marker(spec: MarkerSpec): L.Marker {
  const icon = spec.html
    ? L.divIcon({ className: spec.className ?? 'map-marker', html: spec.html, iconSize: spec.size ?? [28, 28] })
    : undefined;
  const m = L.marker([spec.lat, spec.lon], {
    title: spec.label,
    alt: spec.label,
    keyboard: !spec.decorative,
    interactive: Boolean(spec.onActivate || spec.popup),
    ...(icon ? { icon } : {}),
  });
  if (spec.popup) m.bindPopup(typeof spec.popup === 'string' ? escapeHtml(spec.popup) : spec.popup);
  if (spec.onActivate) m.on('click', spec.onActivate);
  // a div icon has no alt: give the focusable element its name
  m.on('add', () => {
    const el = m.getElement();
    if (el && spec.html) {
      el.setAttribute('aria-label', spec.label);
      if (!spec.decorative && (spec.onActivate || spec.popup)) el.setAttribute('role', 'button');
    }
  });
  return m;
}

export function polyline(points: readonly LatLon[], opts: L.PolylineOptions & { label?: string } = {}): L.Polyline {
  const { label, ...rest } = opts;
  const line = L.polyline(
    points.map((p) => [p.lat, p.lon] as L.LatLngTuple),
    { color: '#0b5394', weight: 3, interactive: false, ...rest },
  );
  if (label) line.on('add', () => line.getElement()?.setAttribute('aria-label', label));
  return line;
}

export function polygon(points: readonly LatLon[], opts: L.PolylineOptions & { label?: string } = {}): L.Polygon {
  const { label, ...rest } = opts;
  const shape = L.polygon(
    points.map((p) => [p.lat, p.lon] as L.LatLngTuple),
    { color: '#0b5394', weight: 2, interactive: false, ...rest },
  );
  if (label) shape.on('add', () => shape.getElement()?.setAttribute('aria-label', label));
  return shape;
}

/**
 * Fits the map to the bounds of points (Leaflet's `fitBounds`: one point zooms to `maxZoom`),
 * `pad` widens the bounds by that ratio; nothing happens when there are no points.
 */
export function fitBounds(map: L.Map, points: readonly LatLon[], opts: L.FitBoundsOptions & { pad?: number } = {}) {
  if (!points.length) return;
  const { pad, ...rest } = opts;
  const b = L.latLngBounds(points.map((p) => [p.lat, p.lon] as L.LatLngTuple));
  map.fitBounds(pad ? b.pad(pad) : b, rest);
}

/** Fits the map to points (no animation), keeping the view when there are none. */
export function fitTo(map: L.Map, points: readonly LatLon[], padding: [number, number] = [24, 24]) {
  if (!points.length) return;
  if (points.length === 1) map.setView([points[0]!.lat, points[0]!.lon], Math.max(map.getZoom(), 16), { animate: false });
  else map.fitBounds(L.latLngBounds(points.map((p) => [p.lat, p.lon] as L.LatLngTuple)), { padding, animate: false });
}

export type ClusterOptions<T> = {
  /** A marker for one item. */
  item: (item: T) => MarkerSpec;
  /** Words for a cluster of `count` items (e.g. t('places.cluster', { count })). */
  clusterLabel: (count: number) => string;
  /** The visible number (e.g. formatted for the language); default String(count). */
  formatCount?: (count: number) => string;
  radius?: number;
  maxZoom?: number;
  className?: string;
};

/**
 * Clustered markers (supercluster): redrawn on every move; a cluster is a focusable marker whose
 * name says how many it holds, and activating it zooms in to split it.
 */
export function clusterLayer<T extends LatLon>(map: L.Map, opts: ClusterOptions<T>) {
  const layer = L.layerGroup().addTo(map);
  let index = new Supercluster<{ item: T }>({ radius: opts.radius ?? 50, maxZoom: opts.maxZoom ?? 17 });
  const draw = () => {
    layer.clearLayers();
    const b = map.getBounds();
    for (const c of index.getClusters([b.getWest(), b.getSouth(), b.getEast(), b.getNorth()], Math.round(map.getZoom()))) {
      const [lon, lat] = c.geometry.coordinates as [number, number];
      const p = c.properties as { cluster?: boolean; cluster_id?: number; point_count?: number; item?: T };
      if (p.cluster && p.cluster_id !== undefined) {
        const count = p.point_count ?? 0;
        const id = p.cluster_id;
        const size: [number, number] = count < 10 ? [34, 34] : [42, 42];
        marker({
          lat,
          lon,
          label: opts.clusterLabel(count),
          html: `<span aria-hidden="true">${escapeHtml((opts.formatCount ?? String)(count))}</span>`,
          className: opts.className ?? 'map-cluster',
          size,
          onActivate: () => map.setView([lat, lon], Math.min(index.getClusterExpansionZoom(id), 18)),
        }).addTo(layer);
      } else if (p.item) marker(opts.item(p.item)).addTo(layer);
    }
  };
  map.on('moveend', draw);
  return {
    layer,
    /** Replaces the items and redraws. */
    setItems(items: readonly T[]) {
      index = new Supercluster<{ item: T }>({ radius: opts.radius ?? 50, maxZoom: opts.maxZoom ?? 17 });
      index.load(
        items.map((item) => ({
          type: 'Feature' as const,
          geometry: { type: 'Point' as const, coordinates: [item.lon, item.lat] },
          properties: { item },
        })),
      );
      draw();
    },
    remove() {
      map.off('moveend', draw);
      layer.remove();
    },
  };
}
