import { config } from '../config';

/**
 * The base map: the build-time defaults (`VITE_TILE_URL`, OpenStreetMap) at once, then what
 * the server says for this municipality (`GET /api/config/map`: the tenant's setting or the
 * server's `MAP_TILE_URL`). Fetched once per page load and shared by every map.
 */
export type MapConfig = {
  tileUrl: string;
  tileAttribution: string;
  maxZoom: number;
  /** [lat, lon] */
  center: [number, number];
  zoom: number;
};

export const defaultMapConfig: MapConfig = {
  tileUrl: config.tileUrl,
  tileAttribution: config.tileAttribution,
  maxZoom: 19,
  center: config.mapCenter,
  zoom: config.mapZoom,
};

type ServerMapConfig = { tileUrl: string; tileAttribution: string; maxZoom: number; center: [number, number] | null; zoom: number | null };

let current: MapConfig = defaultMapConfig;
let pending: Promise<MapConfig> | null = null;

/** Whether a base-map URL names one PMTiles archive rather than a `{z}/{x}/{y}` template. */
export const isPmtiles = (url: string) => /\.pmtiles(\?.*)?$/i.test(url);

/** The configuration known now (defaults until the server has answered). */
export function currentMapConfig(): MapConfig {
  return current;
}

/** Merges the server's answer over the defaults; anything missing or malformed keeps the default. */
export function mergeMapConfig(base: MapConfig, s: Partial<ServerMapConfig> | null | undefined): MapConfig {
  if (!s || typeof s !== 'object') return base;
  const okUrl = typeof s.tileUrl === 'string' && /^(https:\/\/|\/)/.test(s.tileUrl);
  return {
    tileUrl: okUrl ? (s.tileUrl as string) : base.tileUrl,
    tileAttribution: okUrl && typeof s.tileAttribution === 'string' ? s.tileAttribution : base.tileAttribution,
    maxZoom: typeof s.maxZoom === 'number' ? s.maxZoom : base.maxZoom,
    center: Array.isArray(s.center) && s.center.length === 2 ? s.center : base.center,
    zoom: typeof s.zoom === 'number' ? s.zoom : base.zoom,
  };
}

/** Asks the server once; a failure (offline, static host) keeps the defaults. */
export function loadMapConfig(fetcher: typeof fetch = fetch): Promise<MapConfig> {
  if (!pending) {
    pending = fetcher('/api/config/map', { credentials: 'same-origin', headers: { accept: 'application/json' } })
      .then(async (r) => (r.ok && (r.headers.get('content-type') ?? '').includes('json') ? ((await r.json()) as ServerMapConfig) : null))
      .catch(() => null)
      .then((s) => {
        current = mergeMapConfig(defaultMapConfig, s);
        return current;
      });
  }
  return pending;
}

/** For tests: forget the server's answer. */
export function resetMapConfig() {
  current = defaultMapConfig;
  pending = null;
}
