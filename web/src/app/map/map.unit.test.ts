import L from 'leaflet';
import { afterEach, describe, expect, it } from 'vitest';
import {
  bboxOf,
  circleMarker,
  clusterLayer,
  defaultMapConfig,
  escapeHtml,
  fitBounds,
  layerGroup,
  marker,
  mergeMapConfig,
  onMapClick,
} from './index';
import { loadMapConfig, resetMapConfig } from './map-config';

afterEach(() => resetMapConfig());

describe('map configuration', () => {
  it("takes the server's tiles, centre and zoom over the build defaults", () => {
    const c = mergeMapConfig(defaultMapConfig, {
      tileUrl: 'https://t.example.gr/{z}/{x}/{y}.png',
      tileAttribution: '© Δήμος',
      maxZoom: 18,
      center: [38.1, 23.8],
      zoom: 15,
    });
    expect(c).toEqual({
      tileUrl: 'https://t.example.gr/{z}/{x}/{y}.png',
      tileAttribution: '© Δήμος',
      maxZoom: 18,
      center: [38.1, 23.8],
      zoom: 15,
    });
    // null centre and zoom keep the app's own; an unsafe URL keeps the default tiles and attribution
    const d = mergeMapConfig(defaultMapConfig, { tileUrl: 'javascript:alert(1)', tileAttribution: 'x', center: null, zoom: null });
    expect(d).toEqual(defaultMapConfig);
    expect(mergeMapConfig(defaultMapConfig, null)).toEqual(defaultMapConfig);
  });

  it('asks the server once and keeps the defaults when it cannot answer', async () => {
    let asked = 0;
    const down = (async () => {
      asked++;
      throw new TypeError('offline');
    }) as unknown as typeof fetch;
    expect(await loadMapConfig(down)).toEqual(defaultMapConfig);
    await loadMapConfig(down);
    expect(asked).toBe(1);
  });
});

describe('accessible map layers', () => {
  const host = () => {
    const el = document.createElement('div');
    // jsdom lays nothing out: give the map a size so it has bounds
    Object.defineProperty(el, 'clientWidth', { value: 400 });
    Object.defineProperty(el, 'clientHeight', { value: 300 });
    document.body.append(el);
    return L.map(el, { center: [38, 23.7], zoom: 14 });
  };

  it('makes a named, keyboard-reachable marker that runs its action', () => {
    const map = host();
    let activated = 0;
    const m = marker({
      lat: 38,
      lon: 23.7,
      label: 'Δημαρχείο <κεντρικό>',
      html: `<span>${escapeHtml('<1>')}</span>`,
      onActivate: () => activated++,
    }).addTo(map);
    const el = m.getElement() as HTMLElement;
    expect(el.getAttribute('aria-label')).toBe('Δημαρχείο <κεντρικό>');
    expect(el.getAttribute('role')).toBe('button');
    expect(el.getAttribute('tabindex')).toBe('0');
    expect(el.innerHTML).toBe('<span>&lt;1&gt;</span>');
    m.fire('click');
    expect(activated).toBe(1);
    map.remove();
  });

  it('groups nearby items into a cluster named by its count', () => {
    const map = host();
    const clusters = clusterLayer<{ lat: number; lon: number; name: string }>(map, {
      item: (i) => ({ lat: i.lat, lon: i.lon, label: i.name }),
      clusterLabel: (n) => `${n} σημεία`,
    });
    clusters.setItems([
      { lat: 38, lon: 23.7, name: 'Α' },
      { lat: 38.0001, lon: 23.7001, name: 'Β' },
      { lat: 38.0002, lon: 23.7002, name: 'Γ' },
    ]);
    const titles = clusters.layer.getLayers().map((l) => (l as L.Marker).options.title);
    expect(titles).toEqual(['3 σημεία']);
    clusters.remove();
    map.remove();
  });
});

describe('kit helpers the module pages use instead of Leaflet', () => {
  const host = () => {
    const el = document.createElement('div');
    Object.defineProperty(el, 'clientWidth', { value: 400 });
    Object.defineProperty(el, 'clientHeight', { value: 300 });
    document.body.append(el);
    return L.map(el, { center: [38, 23.7], zoom: 14 });
  };

  it('gives the visible area as a clamped west,south,east,north string', () => {
    const map = host();
    const [w, s, e, n] = bboxOf(map).split(',').map(Number);
    expect(w! < 23.7 && 23.7 < e! && s! < 38 && 38 < n!).toBe(true);
    // the whole world and more in sight: longitudes are clamped to ±180
    map.setView([0, 0], 0, { animate: false });
    const [w0, , e0] = bboxOf(map, 1).split(',');
    expect([w0, e0]).toEqual(['-180.0', '180.0']);
    map.remove();
  });

  it('fits bounds of points (widened by pad, capped by maxZoom) and ignores none', () => {
    const map = host();
    fitBounds(map, [], { maxZoom: 3 });
    expect(map.getZoom()).toBe(14);
    fitBounds(map, [{ lat: 38, lon: 23.7 }], { maxZoom: 16, animate: false });
    expect(map.getZoom()).toBe(16);
    fitBounds(
      map,
      [
        { lat: 38, lon: 23.7 },
        { lat: 38.01, lon: 23.71 },
      ],
      { animate: false },
    );
    const tight = map.getZoom();
    fitBounds(
      map,
      [
        { lat: 38, lon: 23.7 },
        { lat: 38.01, lon: 23.71 },
      ],
      { pad: 2, animate: false },
    );
    expect(map.getZoom()).toBeLessThan(tight);
    map.remove();
  });

  it('hands a click on the map over as {lat, lon} until cleaned up', () => {
    const map = host();
    const got: { lat: number; lon: number }[] = [];
    const off = onMapClick(map, (p) => got.push(p));
    map.fire('click', { latlng: L.latLng(38.1, 23.8) });
    off();
    map.fire('click', { latlng: L.latLng(38.2, 23.9) });
    expect(got).toEqual([{ lat: 38.1, lon: 23.8 }]);
    map.remove();
  });

  it('puts a dot with its tooltip into a layer group', () => {
    const map = host();
    const g = layerGroup(map);
    const dot = circleMarker({ lat: 38, lon: 23.7 }, { radius: 9, tooltip: 'Πλατεία (3)' }).addTo(g);
    expect(map.hasLayer(g)).toBe(true);
    expect(dot.getTooltip()?.getContent()).toBe('Πλατεία (3)');
    expect(dot.options.radius).toBe(9);
    map.remove();
  });
});
