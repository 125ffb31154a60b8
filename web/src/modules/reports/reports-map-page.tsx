import { Button, Card, Group, Loader, NativeSelect, Stack, Text, Title } from '@mantine/core';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { Link, useNavigate } from '@tanstack/react-router';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorState } from '../../app/components/error-state';
import { PageHeader } from '../../app/components/page-header';
import { formatDate, formatNumber } from '../../app/i18n/format';
import { type Filter, listAreas, listCategories, listReports, mapItems, STATUSES } from './api';
import { localized, STATUS_COLOR, StatusBadge } from './shared';
import './i18n';
import './reports.css';
import { bboxOf, createMap, geoJson, type LayerGroup, type LeafletMap, layerGroup, marker } from '../../app/map';

/** The public map of street problems: clusters computed by the server, a list of the same reports below. */
export function ReportsMapPage() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const [filter, setFilter] = useState<Filter>({});
  const [view, setView] = useState<{ bbox: string; zoom: number } | null>(null);
  const mapEl = useRef<HTMLDivElement>(null);
  const mapRef = useRef<LeafletMap | null>(null);
  const layerRef = useRef<LayerGroup | null>(null);
  const categories = useQuery({ queryKey: ['reports', 'categories'], queryFn: listCategories });
  const areas = useQuery({ queryKey: ['reports', 'areas'], queryFn: listAreas });

  useEffect(() => {
    if (!mapEl.current) return;
    const map = createMap(mapEl.current);
    layerRef.current = layerGroup(map);
    const update = () => setView({ bbox: bboxOf(map), zoom: map.getZoom() });
    map.on('moveend', update);
    mapRef.current = map;
    update();
    return () => {
      map.remove();
      mapRef.current = null;
    };
  }, []);

  // show the whole municipality once its boundary is known
  useEffect(() => {
    const boundary = areas.data?.find((a) => a.kind === 'boundary');
    if (!boundary || !mapRef.current) return;
    const layer = geoJson(boundary.geometry, { color: '#0b5394', weight: 2, fill: false });
    layer.addTo(mapRef.current);
    mapRef.current.fitBounds(layer.getBounds(), { animate: false });
  }, [areas.data]);

  const items = useQuery({
    queryKey: ['reports', 'map', view, filter],
    queryFn: () => mapItems(view?.bbox as string, view?.zoom as number, filter),
    enabled: view !== null,
    placeholderData: (prev) => prev,
  });

  useEffect(() => {
    const layer = layerRef.current;
    const map = mapRef.current;
    if (!layer || !map || !items.data) return;
    layer.clearLayers();
    const catName = (key: string) => {
      const c = categories.data?.find((x) => x.key === key);
      return c ? localized(c.name, i18n.language) : key;
    };
    for (const it of items.data.items) {
      if (it.kind === 'cluster') {
        const size = it.count < 10 ? 34 : it.count < 100 ? 42 : 52;
        marker({
          lat: it.lat,
          lon: it.lon,
          label: t('reports.cluster', { count: it.count }),
          className: 'reports-cluster',
          html: `<span aria-hidden="true">${formatNumber(it.count)}</span>`,
          size: [size, size],
          onActivate: () => map.setView([it.lat, it.lon], Math.max(it.expansionZoom, map.getZoom() + 1)),
        }).addTo(layer);
      } else {
        marker({
          lat: it.lat,
          lon: it.lon,
          label: `${catName(it.category)}: ${t(`reports.st.${it.status}`)}`,
          className: 'reports-point',
          html: `<span style="background:${STATUS_COLOR[it.status]}"></span>`,
          size: [22, 22],
          onActivate: () => navigate({ to: '/reports/$id', params: { id: it.id } }),
        }).addTo(layer);
      }
    }
  }, [items.data, categories.data, i18n.language, t, navigate]);

  const list = useInfiniteQuery({
    queryKey: ['reports', 'list', filter],
    queryFn: ({ pageParam }) => listReports({ ...filter, offset: pageParam, limit: 20 }),
    initialPageParam: 0,
    getNextPageParam: (last) => last.nextOffset ?? undefined,
  });
  const catName = (key: string) => {
    const c = categories.data?.find((x) => x.key === key);
    return c ? localized(c.name, i18n.language) : key;
  };

  return (
    <>
      <PageHeader title={t('reports.mapTitle')} intro={t('reports.mapIntro')} />
      <Group mb="md" gap="sm">
        <Button component={Link} to="/new" variant="filled">
          {t('reports.newReport')}
        </Button>
        <Button component={Link} to="/reports/alerts" variant="light">
          {t('reports.alertsLink')}
        </Button>
      </Group>
      <Group component="fieldset" aria-label={t('reports.filters')} style={{ border: 0, padding: 0 }} mb="md" gap="md" align="end">
        <NativeSelect
          label={t('reports.category')}
          value={filter.category ?? ''}
          onChange={(e) => {
            const category = e.currentTarget.value || undefined;
            setFilter((f) => ({ ...f, category }));
          }}
          data={[
            { value: '', label: t('reports.allCategories') },
            ...(categories.data ?? []).map((c) => ({ value: c.key, label: localized(c.name, i18n.language) })),
          ]}
        />
        <NativeSelect
          label={t('reports.status')}
          value={filter.status ?? ''}
          onChange={(e) => {
            const status = e.currentTarget.value || undefined;
            setFilter((f) => ({ ...f, status }));
          }}
          data={[{ value: '', label: t('reports.allStatuses') }, ...STATUSES.map((s) => ({ value: s, label: t(`reports.st.${s}`) }))]}
        />
      </Group>
      <section aria-label={t('reports.mapLabel')}>
        <div ref={mapEl} className="map-container" />
      </section>
      <Text size="sm" c="dimmed" mt="sm">
        {t('reports.mapTextAlternative')}
      </Text>

      <Stack component="section" aria-labelledby="reports-list-title" mt="xl" gap="sm">
        <Group justify="space-between">
          <Title order={2} size="h3" id="reports-list-title">
            {t('reports.listTitle')}
          </Title>
          {list.data && <Text c="dimmed">{t('reports.listCount', { count: list.data.pages[0]?.total ?? 0 })}</Text>}
        </Group>
        {list.isLoading && <Loader aria-label="…" />}
        {list.isError && <ErrorState error={list.error} onRetry={() => list.refetch()} />}
        {list.data && (list.data.pages[0]?.total ?? 0) === 0 && <Text>{t('reports.empty')}</Text>}
        <Stack component="ul" gap="xs" p={0} style={{ listStyle: 'none' }}>
          {list.data?.pages.flatMap((p) =>
            p.items.map((r) => (
              <Card component="li" key={r.id} withBorder padding="sm" radius="md">
                <Group justify="space-between" wrap="nowrap" align="start">
                  <Stack gap={2}>
                    <Link to="/reports/$id" params={{ id: r.id }} style={{ fontWeight: 700 }}>
                      {r.title}
                    </Link>
                    <Text size="sm">
                      {catName(r.category)}
                      {r.address ? ` · ${r.address}` : ''}
                    </Text>
                    <Text size="sm" c="dimmed">
                      {t('reports.reportedOn', { date: formatDate(r.submittedAt) })}
                    </Text>
                  </Stack>
                  <StatusBadge status={r.status} />
                </Group>
              </Card>
            )),
          )}
        </Stack>
        {list.hasNextPage && (
          <Button variant="light" onClick={() => list.fetchNextPage()} loading={list.isFetchingNextPage} style={{ alignSelf: 'start' }}>
            {t('reports.loadMore')}
          </Button>
        )}
      </Stack>
    </>
  );
}
