import { Button, Fieldset, Group, Loader, Stack, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import L from 'leaflet';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { createMap } from '../map';
import { checkBoundary, normaliseAddress, type PlaceHit, searchable, searchPlaces } from './address-search';

export interface Place {
  lat: number;
  lon: number;
  address?: string;
}

/** The pin; at the kiosk 48 px, a touch target like every other. */
const pinIcon = (px: number) =>
  L.divIcon({
    className: 'dimos-pin',
    html: `<span style="display:block;width:${px}px;height:${px}px;border-radius:50% 50% 50% 0;background:#0b4f8a;border:3px solid #fff;box-shadow:0 1px 4px rgba(0,0,0,.5);transform:rotate(-45deg)"></span>`,
    iconSize: [px, px],
    iconAnchor: [px / 2, px],
  });

const round = (n: number) => Number(n.toFixed(6));

/**
 * Where something is, the same on every channel (citizen form, call centre, kiosk, a form's
 * location field): search the municipality's own address register (street and number, accents and
 * case ignored) and its places of interest ("near the 2nd Primary School"), tap the map or drag the
 * pin, or use the device's location; the address in words stays editable. The boundary check says
 * at once when the point is outside the municipality. No outside geocoder is called.
 *
 * `size="lg"` is the kiosk's: large targets, and nothing to type but letters and a house number.
 */
export function PlacePicker({
  value,
  onChange,
  required,
  error,
  legend,
  help,
  size = 'md',
}: {
  value: Place | undefined;
  onChange: (v: Place | undefined) => void;
  required?: boolean;
  error?: string;
  legend?: string;
  help?: string;
  size?: 'md' | 'lg';
}) {
  const { t, i18n } = useTranslation();
  const en = i18n.language === 'en';
  const el = useRef<HTMLDivElement>(null);
  const map = useRef<L.Map | undefined>(undefined);
  const marker = useRef<L.Marker | undefined>(undefined);
  const latest = useRef(value);
  latest.current = value;
  const [geo, setGeo] = useState<{ busy: boolean; error?: string }>({ busy: false });
  const [text, setText] = useState('');
  const [debounced] = useDebouncedValue(normaliseAddress(text), 250);

  const hasPoint = value && Number.isFinite(value.lat) && Number.isFinite(value.lon);

  const setPoint = (lat: number, lon: number) => onChange({ ...latest.current, lat: round(lat), lon: round(lon) });
  // map and marker handlers are bound once; they reach the current setPoint through this ref
  const setPointRef = useRef(setPoint);
  setPointRef.current = setPoint;

  const hits = useQuery({
    queryKey: ['place-picker', 'search', debounced],
    queryFn: () => searchPlaces(debounced),
    enabled: searchable(debounced),
    staleTime: 60_000,
  });
  const boundary = useQuery({
    queryKey: ['place-picker', 'boundary', value?.lat, value?.lon],
    queryFn: () => checkBoundary(value?.lat as number, value?.lon as number),
    enabled: Boolean(hasPoint),
    staleTime: 5 * 60_000,
  });

  useEffect(() => {
    if (!el.current) return;
    // the kiosk gets its own large zoom buttons instead of Leaflet's 30 px ones
    const m = createMap(el.current, { zoomControl: size !== 'lg' });
    m.on('click', (e: L.LeafletMouseEvent) => setPointRef.current(e.latlng.lat, e.latlng.lng));
    map.current = m;
    return () => {
      m.remove();
      map.current = undefined;
      marker.current = undefined;
    };
  }, [size]);

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
      marker.current = L.marker(at, {
        draggable: true,
        icon: pinIcon(size === 'lg' ? 48 : 28),
        title: t('place.pin'),
        alt: t('place.pin'),
      }).addTo(m);
      marker.current.on('dragend', () => {
        const p = marker.current?.getLatLng();
        if (p) setPointRef.current(p.lat, p.lng);
      });
      m.setView(at, Math.max(m.getZoom(), 16));
    } else {
      marker.current.setLatLng(at);
    }
  }, [hasPoint, value?.lat, value?.lon, t, size]);

  const locate = () => {
    if (!('geolocation' in navigator)) {
      setGeo({ busy: false, error: t('place.unsupported') });
      return;
    }
    setGeo({ busy: true });
    navigator.geolocation.getCurrentPosition(
      (pos) => {
        setGeo({ busy: false });
        setPoint(pos.coords.latitude, pos.coords.longitude);
        map.current?.setView([pos.coords.latitude, pos.coords.longitude], 17);
      },
      () => setGeo({ busy: false, error: t('place.denied') }),
      { enableHighAccuracy: true, timeout: 15_000 },
    );
  };

  const pinCentre = () => {
    const c = map.current?.getCenter();
    if (c) setPoint(c.lat, c.lng);
  };

  const choose = (h: PlaceHit) => {
    const address = h.kind === 'address' ? h.label : t('place.nearPlace', { name: en ? h.name.en : h.name.el, address: h.address });
    onChange({ lat: round(h.lat), lon: round(h.lon), address });
    setText('');
    map.current?.setView([h.lat, h.lon], Math.max(map.current.getZoom(), 17));
  };

  const items = searchable(debounced) ? (hits.data ?? []) : [];
  const searching = searchable(debounced) && hits.isFetching;
  const big = size === 'lg';

  return (
    <Fieldset legend={`${legend ?? t('place.legend')}${required ? ' *' : ''}`}>
      <Stack gap="sm">
        <Text size={big ? 'md' : 'sm'} c="dark.6">
          {help ?? t('place.hint')}
        </Text>
        <TextInput
          type="search"
          size={big ? 'lg' : 'md'}
          label={t('place.search')}
          description={t('place.searchHint')}
          value={text}
          onChange={(e) => setText(e.currentTarget.value)}
          onKeyDown={(e) => {
            // Enter picks the first result; it must not submit the form the picker sits in
            if (e.key !== 'Enter') return;
            e.preventDefault();
            if (items[0]) choose(items[0]);
          }}
          autoComplete="off"
          rightSection={searching ? <Loader size="xs" /> : undefined}
          data-testid="place-search"
        />
        <Text size="sm" aria-live="polite" data-testid="place-search-status">
          {searchable(debounced) && hits.isSuccess && !searching
            ? items.length
              ? t('place.found', { count: items.length })
              : t('place.notFound')
            : ''}
        </Text>
        {items.length > 0 && (
          <ul aria-label={t('place.results')} style={{ listStyle: 'none', margin: 0, padding: 0, display: 'grid', gap: 6 }}>
            {items.map((h) => (
              <li key={`${h.kind}-${h.id}`}>
                <Button
                  variant="default"
                  size={big ? 'lg' : 'sm'}
                  fullWidth
                  justify="flex-start"
                  styles={{ label: { whiteSpace: 'normal', textAlign: 'start' }, root: { height: 'auto', minHeight: big ? 56 : 36 } }}
                  onClick={() => choose(h)}
                >
                  {h.kind === 'address' ? h.label : t('place.nearPlace', { name: en ? h.name.en : h.name.el, address: h.address })}
                </Button>
              </li>
            ))}
          </ul>
        )}
        <Group gap="xs">
          <Button variant="light" size={big ? 'lg' : 'sm'} onClick={locate} loading={geo.busy}>
            {t('place.useMine')}
          </Button>
          <Button variant="default" size={big ? 'lg' : 'sm'} onClick={pinCentre}>
            {t('place.pinCentre')}
          </Button>
          {big && (
            <>
              <Button variant="default" size="lg" onClick={() => map.current?.zoomIn()}>
                {t('place.zoomIn')}
              </Button>
              <Button variant="default" size="lg" onClick={() => map.current?.zoomOut()}>
                {t('place.zoomOut')}
              </Button>
            </>
          )}
          {hasPoint && (
            <Button
              variant="subtle"
              size={big ? 'lg' : 'sm'}
              onClick={() => onChange(value?.address ? { ...value, lat: Number.NaN, lon: Number.NaN } : undefined)}
            >
              {t('place.clear')}
            </Button>
          )}
        </Group>
        {geo.error && (
          <Text size="sm" c="red.9" role="alert">
            {geo.error}
          </Text>
        )}
        <section aria-label={t('place.map')}>
          <div ref={el} style={{ height: big ? 360 : 280, borderRadius: 8 }} data-testid="place-map" />
        </section>
        <Text size="sm" aria-live="polite" data-testid="place-coords">
          {hasPoint ? t('place.at', { lat: value.lat.toFixed(5), lon: value.lon.toFixed(5) }) : t('place.none')}
        </Text>
        {hasPoint && boundary.data && !boundary.data.inside && (
          <Text size="sm" c="red.9" role="alert" data-testid="place-outside">
            {boundary.data.neighbour
              ? t('place.outsideNeighbour', { municipality: en ? boundary.data.neighbour.en : boundary.data.neighbour.el })
              : t('place.outside')}
          </Text>
        )}
        <TextInput
          size={big ? 'lg' : 'md'}
          label={t('place.address')}
          description={t('place.addressHint')}
          value={value?.address ?? ''}
          maxLength={300}
          error={error}
          autoComplete="off"
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
