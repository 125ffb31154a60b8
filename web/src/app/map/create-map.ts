import 'leaflet/dist/leaflet.css';
import L from 'leaflet';
import { currentMapConfig, isPmtiles, loadMapConfig } from './map-config';

const alive = (map: L.Map) => Boolean((map as unknown as { _loaded?: boolean })._loaded) && map.getContainer().isConnected;

/**
 * Puts the base layer for a configured URL under everything else and returns a way to take it off:
 * a `{z}/{x}/{y}` tile template at once, or one `.pmtiles` archive once its reader (a separate
 * chunk, loaded only by municipalities that use one) has arrived.
 */
function addBase(map: L.Map, url: string, attribution: string, maxZoom: number): () => void {
  if (!isPmtiles(url)) {
    const layer = L.tileLayer(url, { attribution, maxZoom }).addTo(map);
    layer.bringToBack();
    return () => layer.remove();
  }
  let layer: L.GridLayer | null = null;
  let gone = false;
  void import('./pmtiles-layer').then(({ pmtilesLayer }) => {
    if (gone || !map.getContainer().isConnected) return;
    layer = pmtilesLayer(url, { attribution, maxZoom }).addTo(map);
    layer.bringToBack();
  });
  return () => {
    gone = true;
    layer?.remove();
  };
}

export type CreateMapOptions = L.MapOptions & {
  /** [lat, lon]; default the municipality's centre from configuration. */
  center?: L.LatLngExpression;
  zoom?: number;
  /**
   * An accessible name for the focusable map itself (it gets role="region"). Leave unset when an
   * enclosing landmark already names it (e.g. `<section aria-label>`).
   */
  label?: string;
};

/**
 * One Leaflet map with the municipality's base tiles: reduced motion respected (no zoom or fade
 * animation when the system asks for less motion), the attribution kept as plain text, keyboard
 * panning and zooming (Leaflet's default: the map is focusable, arrows pan, +/- zoom). The tiles
 * start from the build-time default and switch to the server's configuration when it arrives;
 * the centre and zoom follow the server only if the caller gave none and the user has not moved.
 */
export function createMap(el: HTMLElement, opts: CreateMapOptions = {}): L.Map {
  const { label, center, zoom, ...rest } = opts;
  const reduceMotion = typeof window.matchMedia === 'function' && window.matchMedia('(prefers-reduced-motion: reduce)').matches;
  const cfg = currentMapConfig();
  const map = L.map(el, {
    center: center ?? cfg.center,
    zoom: zoom ?? cfg.zoom,
    zoomAnimation: !reduceMotion,
    fadeAnimation: !reduceMotion,
    markerZoomAnimation: !reduceMotion,
    ...rest,
  });
  let removeBase = addBase(map, cfg.tileUrl, cfg.tileAttribution, cfg.maxZoom);
  // Leaflet's own attribution prefix links to leafletjs.com with a flag icon; keep it plain text.
  map.attributionControl.setPrefix('Leaflet');
  if (label) {
    el.setAttribute('role', 'region');
    el.setAttribute('aria-label', label);
  }
  let moved = false;
  map.once('dragstart zoomstart', () => {
    moved = true;
  });
  void loadMapConfig().then((c) => {
    // the map may be gone (page left) by the time the server answers
    if (!alive(map)) return;
    if (c.tileUrl !== cfg.tileUrl || c.tileAttribution !== cfg.tileAttribution || c.maxZoom !== cfg.maxZoom) {
      // a new layer (a template and an archive are different kinds); its attribution replaces the old one
      removeBase();
      removeBase = addBase(map, c.tileUrl, c.tileAttribution, c.maxZoom);
    }
    if (!moved && center === undefined && (c.center !== cfg.center || c.zoom !== cfg.zoom))
      map.setView(c.center, zoom ?? c.zoom, { animate: false });
  });
  return map;
}
