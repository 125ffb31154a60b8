import { Alert, Anchor, Button, Card, Checkbox, Group, Loader, NativeSelect, Stack, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { Link, useNavigate } from '@tanstack/react-router';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorState } from '../../app/components/error-state';
import { PageHeader } from '../../app/components/page-header';
import { formatNumber } from '../../app/i18n/format';
import { listCategories, type PlaceSummary, searchPlaces } from './api';
import { CategoryIcon, iconOf, StatusBadges, useDistance } from './shared';
import './i18n';
import './places.css';
import { clusterLayer, createMap, escapeHtml, fitBounds, type LeafletMap, type MarkerSpec } from '../../app/map';

type Near = { lat: number; lon: number; source: 'gps' | 'map' };

/** Places of interest: a clustered map and a list of the same places, with search, category, on duty, open now and "near me". */
export function PlacesPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'el';
  const navigate = useNavigate();
  const [text, setText] = useState('');
  const [q] = useDebouncedValue(text.trim(), 300);
  const [category, setCategory] = useState('');
  const [onDuty, setOnDuty] = useState(false);
  const [openNow, setOpenNow] = useState(false);
  const [near, setNear] = useState<Near | null>(null);
  const [geo, setGeo] = useState<'idle' | 'locating' | 'failed'>('idle');
  const distance = useDistance();
  const mapEl = useRef<HTMLDivElement>(null);
  const mapRef = useRef<LeafletMap | null>(null);
  const clustersRef = useRef<ReturnType<typeof clusterLayer<PlaceSummary>> | null>(null);
  const fitted = useRef(false);
  const itemRef = useRef<(p: PlaceSummary) => MarkerSpec>(() => ({ lat: 0, lon: 0, label: '' }));
  const tRef = useRef(t);
  tRef.current = t;

  const categories = useQuery({ queryKey: ['places', 'categories'], queryFn: listCategories });
  const filter = { q: q || undefined, category: category || undefined, onDuty, openNow, near: near ?? undefined };
  const places = useQuery({ queryKey: ['places', 'list', filter], queryFn: () => searchPlaces(filter), placeholderData: (prev) => prev });

  useEffect(() => {
    if (!mapEl.current) return;
    const map = createMap(mapEl.current);
    clustersRef.current = clusterLayer<PlaceSummary>(map, {
      item: (p) => itemRef.current(p),
      clusterLabel: (count) => tRef.current('places.cluster', { count }),
      formatCount: (count) => formatNumber(count),
      className: 'places-cluster',
    });
    mapRef.current = map;
    return () => {
      clustersRef.current?.remove();
      clustersRef.current = null;
      map.remove();
      mapRef.current = null;
    };
  }, []);

  // the first answer decides the view: every place in sight
  useEffect(() => {
    const map = mapRef.current;
    if (!map || fitted.current || !places.data?.length) return;
    fitted.current = true;
    fitBounds(map, places.data, { padding: [24, 24], animate: false });
  }, [places.data]);

  // a place is a named marker in its category's colour that opens its page
  itemRef.current = (p) => ({
    lat: p.lat,
    lon: p.lon,
    label: `${p.name[lang]} (${p.category.name[lang]})`,
    className: 'places-marker',
    html: `<span style="background:${escapeHtml(p.category.color)}" aria-hidden="true">${iconOf(p.category.icon)}</span>`,
    size: [28, 28],
    onActivate: () => navigate({ to: '/places/$id', params: { id: p.id } }),
  });
  // biome-ignore lint/correctness/useExhaustiveDependencies: redrawn in the reader's language too
  useEffect(() => {
    clustersRef.current?.setItems(places.data ?? []);
  }, [places.data, lang, navigate]);

  const locate = () => {
    if (!('geolocation' in navigator)) {
      setGeo('failed');
      return;
    }
    setGeo('locating');
    navigator.geolocation.getCurrentPosition(
      (pos) => {
        setGeo('idle');
        setNear({ lat: pos.coords.latitude, lon: pos.coords.longitude, source: 'gps' });
      },
      () => setGeo('failed'),
      { enableHighAccuracy: false, timeout: 8000, maximumAge: 60_000 },
    );
  };
  const useMapCentre = () => {
    const c = mapRef.current?.getCenter();
    if (c) {
      setNear({ lat: c.lat, lon: c.lng, source: 'map' });
      setGeo('idle');
    }
  };

  return (
    <Stack gap="md">
      <PageHeader title={t('places.title')} intro={t('places.intro')} />
      <Group component="fieldset" style={{ border: 0, padding: 0, margin: 0 }} gap="md" align="end" aria-label={t('places.search')}>
        <TextInput
          type="search"
          label={t('places.search')}
          placeholder={t('places.searchPlaceholder')}
          value={text}
          onChange={(e) => setText(e.currentTarget.value)}
          data-testid="places-search"
        />
        <NativeSelect
          label={t('places.category')}
          value={category}
          onChange={(e) => setCategory(e.currentTarget.value)}
          data={[
            { value: '', label: t('places.allCategories') },
            ...(categories.data ?? []).filter((c) => c.count > 0).map((c) => ({ value: c.key, label: `${c.name[lang]} (${c.count})` })),
          ]}
        />
        <Checkbox label={t('places.onDuty')} checked={onDuty} onChange={(e) => setOnDuty(e.currentTarget.checked)} />
        <Checkbox label={t('places.openNow')} checked={openNow} onChange={(e) => setOpenNow(e.currentTarget.checked)} />
      </Group>
      <Group gap="sm">
        {near ? (
          <>
            <Text size="sm" role="status">
              {near.source === 'gps' ? t('places.nearMeActive') : t('places.useMapCentre')}
            </Text>
            <Button variant="default" size="xs" onClick={() => setNear(null)}>
              {t('places.clearNear')}
            </Button>
          </>
        ) : (
          <Button variant="light" onClick={locate} loading={geo === 'locating'} data-testid="near-me">
            {t('places.nearMe')}
          </Button>
        )}
      </Group>
      {geo === 'locating' && (
        <Text size="sm" role="status">
          {t('places.locating')}
        </Text>
      )}
      {geo === 'failed' && (
        <Alert color="yellow" variant="light" role="alert">
          <Text size="sm">{t('places.geoUnavailable')}</Text>
          <Button mt="xs" size="xs" variant="default" onClick={useMapCentre}>
            {t('places.useMapCentre')}
          </Button>
        </Alert>
      )}
      <section aria-label={t('places.mapLabel')}>
        <div ref={mapEl} className="places-map" />
        <Text size="sm" c="dimmed" mt={4}>
          {t('places.mapHint')}
        </Text>
      </section>
      <section aria-labelledby="places-list-title">
        <Group justify="space-between" mb="xs">
          <Title order={2} size="h3" id="places-list-title">
            {t('places.listTitle')}
          </Title>
          {places.data && (
            <Text size="sm" aria-live="polite" data-testid="places-count">
              {t('places.results', { count: places.data.length })}
            </Text>
          )}
        </Group>
        {places.isPending && <Loader aria-label={t('app.loading')} />}
        {places.error && <ErrorState error={places.error} onRetry={() => void places.refetch()} />}
        {places.data?.length === 0 && <Alert variant="light">{t('places.none')}</Alert>}
        <Stack component="ul" className="places-list" gap="sm">
          {places.data?.map((p) => (
            <li key={p.id}>
              <Card withBorder radius="md" padding="sm">
                <Group wrap="nowrap" align="flex-start" gap="sm">
                  <CategoryIcon icon={p.category.icon} color={p.category.color} />
                  <Stack gap={2} style={{ flex: 1 }}>
                    <Anchor component={Link} to={`/places/${p.id}`} fw={700} underline="always" data-testid="place-link">
                      {p.name[lang]}
                    </Anchor>
                    <Text size="sm">
                      {p.category.name[lang]} · {p.address}
                    </Text>
                    {p.distanceM != null && <Text size="sm">{t('places.distance', { distance: distance(p.distanceM) })}</Text>}
                    <StatusBadges p={p} />
                  </Stack>
                </Group>
              </Card>
            </li>
          ))}
        </Stack>
      </section>
    </Stack>
  );
}
