import { Button, Group, Stack, Text } from '@mantine/core';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { config } from '../config';
import { circleMarker, createMap, fitBounds, type LayerGroup, type LeafletMap, layerGroup, onMapClick, polygon, polyline } from '../map';
import type { LatLon } from './area-polygon';

const pt = ([lat, lon]: LatLon) => ({ lat, lon });

/**
 * Draws an area on the map: each click adds a corner, and so does the "corner at the map centre" button
 * for keyboard users, who pan the focused map with the arrow keys; undo drops the last corner, clear all.
 * The polygon closes itself from three corners. `outline` (the municipality) is drawn dashed and the map
 * fits it; with `fitPoints` the map then fits the corners it opened with. The words are the screen's own,
 * under `texts` in its catalog: `addCentre`, `undo`, `clear`, `corners` and `drawHint` (both with `count`).
 */
export function AreaDrawMap({
  points,
  onChange,
  label,
  texts,
  testId,
  zoom = config.mapZoom,
  outline,
  fitPoints = false,
  error,
}: {
  points: LatLon[];
  onChange: (points: LatLon[]) => void;
  label: string;
  /** Catalog prefix of the screen's words, e.g. `admin.routing`. */
  texts: string;
  testId: string;
  zoom?: number;
  /** Must keep its identity between renders (memoise it): a new one redraws the map. */
  outline?: LatLon[];
  fitPoints?: boolean;
  error?: string;
}) {
  const { t } = useTranslation();
  const el = useRef<HTMLDivElement>(null);
  const mapRef = useRef<LeafletMap | null>(null);
  const layerRef = useRef<LayerGroup | null>(null);
  const pointsRef = useRef(points);
  pointsRef.current = points;
  const onChangeRef = useRef(onChange);
  onChangeRef.current = onChange;

  useEffect(() => {
    if (!el.current) return;
    const map = createMap(el.current, { zoom });
    if (outline?.length) {
      const b = polygon(outline.map(pt), { color: '#555', weight: 1, fill: false, dashArray: '4 4', interactive: false }).addTo(map);
      map.fitBounds(b.getBounds(), { animate: false });
    }
    const start = pointsRef.current;
    if (fitPoints && start.length >= 3) fitBounds(map, start.map(pt), { animate: false });
    layerRef.current = layerGroup(map);
    onMapClick(map, (p) => onChangeRef.current([...pointsRef.current, [p.lat, p.lon]]));
    mapRef.current = map;
    return () => {
      map.remove();
      mapRef.current = null;
    };
  }, [zoom, outline, fitPoints]);

  useEffect(() => {
    const layer = layerRef.current;
    if (!layer) return;
    layer.clearLayers();
    if (points.length >= 3) polygon(points.map(pt), { color: '#0b5394', weight: 2, interactive: false }).addTo(layer);
    else if (points.length === 2) polyline(points.map(pt), { color: '#0b5394', weight: 2, interactive: false }).addTo(layer);
    for (const p of points) circleMarker(pt(p), { radius: 4, color: '#0b5394', interactive: false }).addTo(layer);
  }, [points]);

  return (
    <Stack gap="xs">
      <section aria-label={label}>
        <div ref={el} style={{ height: 320, borderRadius: 8, cursor: 'crosshair' }} data-testid={testId} />
      </section>
      <Group gap="xs">
        <Button
          size="compact-sm"
          variant="light"
          onClick={() => {
            const c = mapRef.current?.getCenter();
            if (c) onChange([...points, [c.lat, c.lng]]);
          }}
        >
          {t(`${texts}.addCentre`)}
        </Button>
        <Button size="compact-sm" variant="subtle" disabled={!points.length} onClick={() => onChange(points.slice(0, -1))}>
          {t(`${texts}.undo`)}
        </Button>
        <Button size="compact-sm" variant="subtle" color="red" disabled={!points.length} onClick={() => onChange([])}>
          {t(`${texts}.clear`)}
        </Button>
      </Group>
      <Text size="sm" role="status" aria-live="polite">
        {t(`${texts}.${points.length >= 3 ? 'corners' : 'drawHint'}`, { count: points.length })}
      </Text>
      {error && (
        <Text size="sm" c="red.8" role="alert">
          {error}
        </Text>
      )}
    </Stack>
  );
}
