import 'leaflet/dist/leaflet.css';
import { Button, Group, Stack, Text } from '@mantine/core';
import L from 'leaflet';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { config } from '../../app/config';

export type Polygon = { type: 'Polygon' | 'MultiPolygon'; coordinates: unknown[] };
type LatLon = [number, number];

/** The first ring of a GeoJSON polygon as [lat, lon] points, without the closing repeat. */
function ringOf(p: Polygon | null): LatLon[] {
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

function toPolygon(pts: LatLon[]): Polygon | null {
  if (pts.length < 3) return null;
  const ring = pts.map(([lat, lon]) => [Number(lon.toFixed(6)), Number(lat.toFixed(6))]);
  const first = ring[0];
  return { type: 'Polygon', coordinates: [[...ring, first]] };
}

/**
 * Draws a routing area on the map: each click (or "add the map centre", for keyboard users who pan
 * with the arrow keys) adds a corner; the polygon closes itself. `boundary` outlines the municipality.
 */
export function PolygonMap({
  value,
  onChange,
  boundary,
  label,
}: {
  value: Polygon | null;
  onChange: (p: Polygon | null) => void;
  boundary: Polygon | null;
  label: string;
}) {
  const { t } = useTranslation();
  const el = useRef<HTMLDivElement>(null);
  const mapRef = useRef<L.Map | null>(null);
  const layerRef = useRef<L.LayerGroup | null>(null);
  const [points, setPoints] = useState<LatLon[]>(() => ringOf(value));
  const pointsRef = useRef(points);
  pointsRef.current = points;
  const onChangeRef = useRef(onChange);
  onChangeRef.current = onChange;

  const update = (pts: LatLon[]) => {
    setPoints(pts);
    onChangeRef.current(toPolygon(pts));
  };
  const updateRef = useRef(update);
  updateRef.current = update;

  useEffect(() => {
    if (!el.current) return;
    const reduceMotion = window.matchMedia('(prefers-reduced-motion: reduce)').matches;
    const map = L.map(el.current, {
      center: config.mapCenter,
      zoom: config.mapZoom - 1,
      zoomAnimation: !reduceMotion,
      fadeAnimation: !reduceMotion,
    });
    L.tileLayer(config.tileUrl, { attribution: config.tileAttribution, maxZoom: 19 }).addTo(map);
    map.attributionControl.setPrefix('Leaflet');
    const outline = ringOf(boundary);
    if (outline.length) {
      const b = L.polygon(outline, { color: '#555', weight: 1, fill: false, dashArray: '4 4', interactive: false }).addTo(map);
      map.fitBounds(b.getBounds(), { animate: false });
    }
    const start = pointsRef.current;
    if (start.length >= 3) map.fitBounds(L.latLngBounds(start), { animate: false });
    layerRef.current = L.layerGroup().addTo(map);
    map.on('click', (e: L.LeafletMouseEvent) => updateRef.current([...pointsRef.current, [e.latlng.lat, e.latlng.lng]]));
    mapRef.current = map;
    return () => {
      map.remove();
      mapRef.current = null;
    };
  }, [boundary]);

  useEffect(() => {
    const layer = layerRef.current;
    if (!layer) return;
    layer.clearLayers();
    if (points.length >= 3) L.polygon(points, { color: '#0b5394', weight: 2, interactive: false }).addTo(layer);
    else if (points.length === 2) L.polyline(points, { color: '#0b5394', weight: 2, interactive: false }).addTo(layer);
    for (const p of points) L.circleMarker(p, { radius: 4, color: '#0b5394', interactive: false }).addTo(layer);
  }, [points]);

  return (
    <Stack gap="xs">
      <section aria-label={label}>
        <div ref={el} style={{ height: 320, borderRadius: 8, cursor: 'crosshair' }} data-testid="polygon-map" />
      </section>
      <Group gap="xs">
        <Button
          size="compact-sm"
          variant="light"
          onClick={() => {
            const c = mapRef.current?.getCenter();
            if (c) update([...points, [c.lat, c.lng]]);
          }}
        >
          {t('admin.routing.addCentre')}
        </Button>
        <Button size="compact-sm" variant="subtle" disabled={!points.length} onClick={() => update(points.slice(0, -1))}>
          {t('admin.routing.undo')}
        </Button>
        <Button size="compact-sm" variant="subtle" color="red" disabled={!points.length} onClick={() => update([])}>
          {t('admin.routing.clear')}
        </Button>
      </Group>
      <Text size="sm" c="dimmed" role="status" aria-live="polite">
        {points.length >= 3 ? t('admin.routing.corners', { count: points.length }) : t('admin.routing.drawHint', { count: points.length })}
      </Text>
    </Stack>
  );
}
