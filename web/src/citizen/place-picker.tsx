import { Button, Fieldset, Group, Stack, Text, TextInput } from '@mantine/core';
import L from 'leaflet';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { createMap } from '../app/map';

export interface Place {
  lat: number;
  lon: number;
  address?: string;
}

const pinIcon = L.divIcon({
  className: 'dimos-pin',
  html: '<span style="display:block;width:28px;height:28px;border-radius:50% 50% 50% 0;background:#0b4f8a;border:3px solid #fff;box-shadow:0 1px 4px rgba(0,0,0,.5);transform:rotate(-45deg)"></span>',
  iconSize: [28, 28],
  iconAnchor: [14, 28],
});

const round = (n: number) => Number(n.toFixed(6));

/**
 * Where the problem is: "use my location" (GPS), a pin to drag or a tap on the map, and the address
 * in words. No outside geocoder is called: the address is what the citizen writes.
 */
export function PlacePicker({
  value,
  onChange,
  required,
  error,
}: {
  value: Place | undefined;
  onChange: (v: Place | undefined) => void;
  required?: boolean;
  error?: string;
}) {
  const { t } = useTranslation();
  const el = useRef<HTMLDivElement>(null);
  const map = useRef<L.Map | undefined>(undefined);
  const marker = useRef<L.Marker | undefined>(undefined);
  const latest = useRef(value);
  latest.current = value;
  const [geo, setGeo] = useState<{ busy: boolean; error?: string }>({ busy: false });

  const hasPoint = value && Number.isFinite(value.lat) && Number.isFinite(value.lon);

  const setPoint = (lat: number, lon: number) => onChange({ ...latest.current, lat: round(lat), lon: round(lon) });
  // map and marker handlers are bound once; they reach the current setPoint through this ref
  const setPointRef = useRef(setPoint);
  setPointRef.current = setPoint;

  useEffect(() => {
    if (!el.current) return;
    const m = createMap(el.current);
    m.on('click', (e: L.LeafletMouseEvent) => setPointRef.current(e.latlng.lat, e.latlng.lng));
    map.current = m;
    return () => {
      m.remove();
      map.current = undefined;
      marker.current = undefined;
    };
  }, []);

  useEffect(() => {
    const m = map.current;
    if (!m) return;
    if (!hasPoint) {
      marker.current?.remove();
      marker.current = undefined;
      return;
    }
    const at = L.latLng(value.lat, value.lon);
    if (!marker.current) {
      marker.current = L.marker(at, { draggable: true, icon: pinIcon, title: t('citizen.place.pin'), alt: t('citizen.place.pin') }).addTo(
        m,
      );
      marker.current.on('dragend', () => {
        const p = marker.current?.getLatLng();
        if (p) setPointRef.current(p.lat, p.lng);
      });
      m.setView(at, Math.max(m.getZoom(), 16));
    } else {
      marker.current.setLatLng(at);
    }
  }, [hasPoint, value?.lat, value?.lon, t]);

  const locate = () => {
    if (!('geolocation' in navigator)) {
      setGeo({ busy: false, error: t('citizen.place.unsupported') });
      return;
    }
    setGeo({ busy: true });
    navigator.geolocation.getCurrentPosition(
      (pos) => {
        setGeo({ busy: false });
        setPoint(pos.coords.latitude, pos.coords.longitude);
        map.current?.setView([pos.coords.latitude, pos.coords.longitude], 17);
      },
      () => setGeo({ busy: false, error: t('citizen.place.denied') }),
      { enableHighAccuracy: true, timeout: 15_000 },
    );
  };

  const pinCentre = () => {
    const c = map.current?.getCenter();
    if (c) setPoint(c.lat, c.lng);
  };

  return (
    <Fieldset legend={`${t('citizen.place.legend')}${required ? ' *' : ''}`}>
      <Stack gap="sm">
        <Text size="sm" c="dark.6">
          {t('citizen.place.hint')}
        </Text>
        <Group gap="xs">
          <Button variant="light" onClick={locate} loading={geo.busy}>
            {t('citizen.place.useMine')}
          </Button>
          <Button variant="default" onClick={pinCentre}>
            {t('citizen.place.pinCentre')}
          </Button>
          {hasPoint && (
            <Button variant="subtle" onClick={() => onChange(value?.address ? { ...value, lat: Number.NaN, lon: Number.NaN } : undefined)}>
              {t('citizen.place.clear')}
            </Button>
          )}
        </Group>
        {geo.error && (
          <Text size="sm" c="red.9" role="alert">
            {geo.error}
          </Text>
        )}
        <section aria-label={t('citizen.place.map')}>
          <div ref={el} style={{ height: 280, borderRadius: 8 }} data-testid="place-map" />
        </section>
        <Text size="sm" aria-live="polite" data-testid="place-coords">
          {hasPoint ? t('citizen.place.at', { lat: value.lat.toFixed(5), lon: value.lon.toFixed(5) }) : t('citizen.place.none')}
        </Text>
        <TextInput
          label={t('citizen.place.address')}
          description={t('citizen.place.addressHint')}
          value={value?.address ?? ''}
          maxLength={300}
          error={error}
          onChange={(e) => {
            const address = e.currentTarget.value;
            const base = latest.current ?? { lat: Number.NaN, lon: Number.NaN };
            onChange(!address && !Number.isFinite(base.lat) ? undefined : { ...base, address: address || undefined });
          }}
        />
      </Stack>
    </Fieldset>
  );
}
