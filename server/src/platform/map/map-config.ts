import { z } from 'zod';
import type { TConfig } from '../config/config.js';
import type { Tenant } from '../tenancy/tenancy.js';

/**
 * Which base map the web app draws, decided on the server so a municipality can change it
 * without a new build: the tenant's `settings.map` first, then the `MAP_TILE_URL` /
 * `MAP_TILE_ATTRIBUTION` environment, then OpenStreetMap's standard tiles.
 */

export const OSM_TILES = 'https://tile.openstreetmap.org/{z}/{x}/{y}.png';
export const OSM_ATTRIBUTION = '© OpenStreetMap contributors';

/** One raster PMTiles archive on this server (`/tiles/area.pmtiles`): read by the app with range requests. */
export const PMTILES_PATH = /^\/(?!\/)[^?#\s]*\.pmtiles$/i;

/**
 * The base map: a raster tile URL template, https (or a path on this server) with {z}, {x} and {y},
 * or a raster PMTiles archive on this server (same origin, so the page's policy lets the app read it).
 */
export const ZTileUrl = z
  .string()
  .max(500)
  .refine((s) => PMTILES_PATH.test(s) || (/^(https:\/\/|\/)/.test(s) && ['{z}', '{x}', '{y}'].every((p) => s.includes(p))), {
    message: 'must be an https:// (or /path) template with {z}, {x} and {y}, or a /path/to/file.pmtiles on this server',
  });

/** What `settings.map` of a tenant may hold (other keys are ignored; a bad value falls back). */
export const ZTenantMapSettings = z.object({
  tileUrl: ZTileUrl.optional(),
  tileAttribution: z.string().max(300).optional(),
  maxZoom: z.number().int().min(1).max(22).optional(),
  center: z.tuple([z.number().min(-90).max(90), z.number().min(-180).max(180)]).optional(),
  zoom: z.number().int().min(1).max(22).optional(),
});

export const ZMapConfig = z.object({
  tileUrl: z.string(),
  tileAttribution: z.string(),
  maxZoom: z.number().int(),
  center: z.tuple([z.number(), z.number()]).nullable().meta({ description: '[lat, lon], or null: the app keeps its own default' }),
  zoom: z.number().int().nullable(),
});
export type TMapConfig = z.infer<typeof ZMapConfig>;

export function mapConfigOf(tenant: Pick<Tenant, 'settings'>, cfg: Pick<TConfig, 'MAP_TILE_URL' | 'MAP_TILE_ATTRIBUTION'>): TMapConfig {
  const raw = (tenant.settings as Record<string, unknown> | null)?.map;
  const parsed = ZTenantMapSettings.safeParse(raw ?? {});
  const own = parsed.success ? parsed.data : {};
  const envUrl = cfg.MAP_TILE_URL;
  const tileUrl = own.tileUrl ?? envUrl ?? OSM_TILES;
  const tileAttribution =
    (own.tileUrl ? own.tileAttribution : undefined) ??
    (envUrl && tileUrl === envUrl ? cfg.MAP_TILE_ATTRIBUTION : undefined) ??
    (tileUrl === OSM_TILES ? OSM_ATTRIBUTION : (own.tileAttribution ?? cfg.MAP_TILE_ATTRIBUTION ?? ''));
  return {
    tileUrl,
    tileAttribution,
    maxZoom: own.maxZoom ?? 19,
    center: own.center ?? null,
    zoom: own.zoom ?? null,
  };
}
