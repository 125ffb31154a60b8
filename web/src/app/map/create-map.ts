import 'leaflet/dist/leaflet.css';
import L from 'leaflet';
import { currentMapConfig, loadMapConfig } from './map-config';

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
  const tiles = L.tileLayer(cfg.tileUrl, { attribution: cfg.tileAttribution, maxZoom: cfg.maxZoom }).addTo(map);
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
    if (!(map as unknown as { _loaded?: boolean })._loaded || !map.getContainer().isConnected) return;
    if (c.tileUrl !== cfg.tileUrl || c.tileAttribution !== cfg.tileAttribution) {
      map.attributionControl.removeAttribution(cfg.tileAttribution);
      tiles.options.attribution = c.tileAttribution;
      map.attributionControl.addAttribution(c.tileAttribution);
      tiles.setUrl(c.tileUrl);
    }
    tiles.options.maxZoom = c.maxZoom;
    if (!moved && center === undefined && (c.center !== cfg.center || c.zoom !== cfg.zoom))
      map.setView(c.center, zoom ?? c.zoom, { animate: false });
  });
  return map;
}
