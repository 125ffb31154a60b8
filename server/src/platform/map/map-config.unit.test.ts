import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config/config.js';
import { mapConfigOf, OSM_ATTRIBUTION, OSM_TILES } from './map-config.js';

describe('the base map of a municipality', () => {
  it('defaults to OpenStreetMap, leaving the centre to the app', () => {
    const c = mapConfigOf({ settings: {} }, {});
    expect(c).toEqual({ tileUrl: OSM_TILES, tileAttribution: OSM_ATTRIBUTION, maxZoom: 19, center: null, zoom: null });
  });

  it('takes MAP_TILE_URL from the environment, and the tenant setting over it', () => {
    const env = { MAP_TILE_URL: 'https://tiles.example.gr/{z}/{x}/{y}.png', MAP_TILE_ATTRIBUTION: '© Κτηματολόγιο' };
    expect(mapConfigOf({ settings: {} }, env)).toMatchObject({ tileUrl: env.MAP_TILE_URL, tileAttribution: '© Κτηματολόγιο' });
    const own = { map: { tileUrl: '/tiles/{z}/{x}/{y}.png', tileAttribution: 'Δήμος', center: [38.02, 23.74], zoom: 15, maxZoom: 18 } };
    expect(mapConfigOf({ settings: own }, env)).toEqual({
      tileUrl: '/tiles/{z}/{x}/{y}.png',
      tileAttribution: 'Δήμος',
      maxZoom: 18,
      center: [38.02, 23.74],
      zoom: 15,
    });
  });

  it('ignores a tenant setting that is not a safe tile template', () => {
    for (const tileUrl of ['http://plain.example/{z}/{x}/{y}.png', 'javascript:alert(1)//{z}{x}{y}', 'https://x.example/tile.png']) {
      expect(mapConfigOf({ settings: { map: { tileUrl } } }, {}).tileUrl).toBe(OSM_TILES);
    }
  });

  it('refuses a bad MAP_TILE_URL at start, naming the variable', () => {
    expect(() => loadConfig({ MAP_TILE_URL: 'http://tiles.example/{z}/{x}/{y}.png' })).toThrow(/MAP_TILE_URL/);
    expect(loadConfig({ MAP_TILE_URL: 'https://tiles.example/{z}/{x}/{y}.png' }).MAP_TILE_URL).toContain('tiles.example');
  });

  it('takes an offline PMTiles archive on this server, not one elsewhere', () => {
    expect(loadConfig({ MAP_TILE_URL: '/tiles/nea-arkadia.pmtiles' }).MAP_TILE_URL).toBe('/tiles/nea-arkadia.pmtiles');
    expect(() => loadConfig({ MAP_TILE_URL: 'https://cdn.example/area.pmtiles' })).toThrow(/MAP_TILE_URL/);
    expect(() => loadConfig({ MAP_TILE_URL: '//cdn.example/area.pmtiles' })).toThrow(/MAP_TILE_URL/);
    expect(mapConfigOf({ settings: { map: { tileUrl: '/tiles/area.pmtiles' } } }, {}).tileUrl).toBe('/tiles/area.pmtiles');
    for (const tileUrl of ['https://cdn.example/area.pmtiles', '/tiles/area.pmtiles?x=1', '//evil.example/a.pmtiles']) {
      expect(mapConfigOf({ settings: { map: { tileUrl } } }, {}).tileUrl).toBe(OSM_TILES);
    }
  });
});
