import 'leaflet/dist/leaflet.css';
import { Button, Group, Stack, Text } from '@mantine/core';
import L from 'leaflet';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { config } from '../../app/config';
import type { LatLon } from './api';

/** Draws the audience area: each map click, or the keyboard button, adds a corner at that point. */
export function AreaMap({ points, onChange, error }: { points: LatLon[]; onChange: (p: LatLon[]) => void; error?: string }) {
  const { t } = useTranslation();
  const el = useRef<HTMLDivElement>(null);
  const mapRef = useRef<L.Map | null>(null);
  const layerRef = useRef<L.LayerGroup | null>(null);
  const pointsRef = useRef(points);
  pointsRef.current = points;
  const onChangeRef = useRef(onChange);
  onChangeRef.current = onChange;

  useEffect(() => {
    if (!el.current) return;
    const reduceMotion = window.matchMedia('(prefers-reduced-motion: reduce)').matches;
    const map = L.map(el.current, {
      center: config.mapCenter,
      zoom: config.mapZoom,
      zoomAnimation: !reduceMotion,
      fadeAnimation: !reduceMotion,
    });
    L.tileLayer(config.tileUrl, { attribution: config.tileAttribution, maxZoom: 19 }).addTo(map);
    map.attributionControl.setPrefix('Leaflet');
    layerRef.current = L.layerGroup().addTo(map);
    map.on('click', (e: L.LeafletMouseEvent) => onChangeRef.current([...pointsRef.current, [e.latlng.lat, e.latlng.lng]]));
    mapRef.current = map;
    return () => {
      map.remove();
      mapRef.current = null;
    };
  }, []);

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
      <section aria-label={t('notify.form.map')}>
        <div ref={el} style={{ height: 320, borderRadius: 8, cursor: 'crosshair' }} data-testid="area-map" />
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
          {t('notify.form.addCentre')}
        </Button>
        <Button size="compact-sm" variant="subtle" disabled={!points.length} onClick={() => onChange(points.slice(0, -1))}>
          {t('notify.form.undo')}
        </Button>
        <Button size="compact-sm" variant="subtle" color="red" disabled={!points.length} onClick={() => onChange([])}>
          {t('notify.form.clear')}
        </Button>
      </Group>
      <Text size="sm" role="status" aria-live="polite">
        {points.length >= 3 ? t('notify.form.corners', { count: points.length }) : t('notify.form.drawHint', { count: points.length })}
      </Text>
      {error && (
        <Text size="sm" c="red.8" role="alert">
          {error}
        </Text>
      )}
    </Stack>
  );
}
