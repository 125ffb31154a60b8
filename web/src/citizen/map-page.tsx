import 'leaflet/dist/leaflet.css';
import { Text } from '@mantine/core';
import L from 'leaflet';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { config } from '../app/config';
import { PageHeader } from './page-header';

export function MapPage() {
  const { t } = useTranslation();
  const el = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!el.current) return;
    const reduceMotion = window.matchMedia('(prefers-reduced-motion: reduce)').matches;
    const map = L.map(el.current, {
      center: config.mapCenter,
      zoom: config.mapZoom,
      zoomAnimation: !reduceMotion,
      fadeAnimation: !reduceMotion,
      markerZoomAnimation: !reduceMotion,
    });
    L.tileLayer(config.tileUrl, { attribution: config.tileAttribution, maxZoom: 19 }).addTo(map);
    // Leaflet's own attribution prefix links to leafletjs.com with a flag icon; keep it plain text.
    map.attributionControl.setPrefix('Leaflet');
    return () => {
      map.remove();
    };
  }, []);

  return (
    <>
      <PageHeader title={t('map.title')} intro={t('map.intro')} />
      <section aria-label={t('map.label')}>
        <div ref={el} className="map-container" />
      </section>
      <Text size="sm" c="dimmed" mt="sm">
        {t('map.textAlternative')}
      </Text>
    </>
  );
}
