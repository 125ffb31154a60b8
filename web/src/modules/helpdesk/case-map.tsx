import { useEffect, useRef } from 'react';
import { circleMarker, createMap, fitBounds, type LatLon, type LayerGroup, type LeafletMap, layerGroup, rectangle } from '../../app/map';

export interface MapPoint {
  id: string;
  lat: number;
  lon: number;
  label: string;
  color?: string;
}

export interface MapCell {
  lat: number;
  lon: number;
  n: number;
}

/**
 * A Leaflet map with case points (circle markers, a click opens the case) or grid cells (rectangles
 * shaded by count, for the heatmap). The list or table beside it is the text alternative.
 */
export function CaseMap({
  points = [],
  cells,
  cellSize = 0.005,
  onOpen,
  label,
  height = 420,
}: {
  points?: MapPoint[];
  cells?: MapCell[];
  cellSize?: number;
  onOpen?: (id: string) => void;
  label: string;
  height?: number;
}) {
  const el = useRef<HTMLDivElement>(null);
  const map = useRef<LeafletMap | null>(null);
  const layer = useRef<LayerGroup | null>(null);

  useEffect(() => {
    if (!el.current) return;
    const m = createMap(el.current);
    map.current = m;
    layer.current = layerGroup(m);
    return () => {
      m.remove();
      map.current = null;
    };
  }, []);

  useEffect(() => {
    const m = map.current;
    const g = layer.current;
    if (!m || !g) return;
    g.clearLayers();
    const bounds: LatLon[] = [];
    for (const p of points) {
      const marker = circleMarker(p, { radius: 8, color: p.color ?? '#1864ab', weight: 2, fillOpacity: 0.6, tooltip: p.label });
      if (onOpen) marker.on('click', () => onOpen(p.id));
      marker.addTo(g);
      bounds.push({ lat: p.lat, lon: p.lon });
    }
    if (cells?.length) {
      const max = Math.max(...cells.map((c) => c.n));
      for (const c of cells) {
        const t = c.n / max;
        const rect = rectangle(
          { lat: c.lat, lon: c.lon },
          { lat: c.lat + cellSize, lon: c.lon + cellSize },
          { color: '#c92a2a', weight: 1, fillColor: '#e03131', fillOpacity: 0.15 + 0.6 * t },
        );
        rect.bindTooltip(String(c.n));
        rect.addTo(g);
        bounds.push({ lat: c.lat, lon: c.lon }, { lat: c.lat + cellSize, lon: c.lon + cellSize });
      }
    }
    fitBounds(m, bounds, { maxZoom: 16, padding: [24, 24] });
  }, [points, cells, cellSize, onOpen]);

  return (
    <section aria-label={label}>
      <div ref={el} style={{ height, width: '100%', borderRadius: 8 }} />
    </section>
  );
}
