import { Alert, Anchor, Button, Card, Group, NativeSelect, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../app/api/client';
import { PageHeader } from '../../app/components/page-header';
import { createAlert, deleteAlert, listAreas, myAlerts, type Alert as TAlert } from './api';
import { localized } from './shared';
import './i18n';
import { type Circle, circle, createMap, geoJson, type LeafletMap, onMapClick } from '../../app/map';

const RADII = [200, 500, 1000, 2000];

/** Area alerts: a district or a point with a radius; each has its RSS feed, and push/e-mail go by the person's preferences. */
export function AlertsPage() {
  const { t, i18n } = useTranslation();
  const qc = useQueryClient();
  const areas = useQuery({ queryKey: ['reports', 'areas'], queryFn: listAreas });
  const alerts = useQuery({ queryKey: ['reports', 'alerts'], queryFn: myAlerts });
  const districts = (areas.data ?? []).filter((a) => a.kind === 'district');
  const [district, setDistrict] = useState('');
  const [point, setPoint] = useState<{ lat: number; lon: number } | null>(null);
  const [radius, setRadius] = useState(500);
  const mapEl = useRef<HTMLDivElement>(null);
  const mapRef = useRef<LeafletMap | null>(null);
  const pinRef = useRef<Circle | null>(null);

  const add = useMutation({
    mutationFn: createAlert,
    onSuccess: () => qc.invalidateQueries({ queryKey: ['reports', 'alerts'] }),
  });
  const remove = useMutation({
    mutationFn: deleteAlert,
    onSuccess: () => qc.invalidateQueries({ queryKey: ['reports', 'alerts'] }),
  });

  useEffect(() => {
    if (!mapEl.current) return;
    const map = createMap(mapEl.current);
    onMapClick(map, setPoint);
    mapRef.current = map;
    return () => {
      map.remove();
      mapRef.current = null;
    };
  }, []);
  useEffect(() => {
    const boundary = areas.data?.find((a) => a.kind === 'boundary');
    if (boundary && mapRef.current) mapRef.current.fitBounds(geoJson(boundary.geometry).getBounds(), { animate: false });
  }, [areas.data]);
  useEffect(() => {
    const map = mapRef.current;
    if (!map) return;
    pinRef.current?.remove();
    pinRef.current = point ? circle(point, radius, { color: '#0b5394', interactive: false }).addTo(map) : null;
  }, [point, radius]);

  const nameOf = (a: TAlert) => {
    if (a.kind === 'district') {
      const d = districts.find((x) => x.key === a.district);
      return t('reports.alertDistrict', { name: d ? localized(d.name, i18n.language) : (a.label ?? '') });
    }
    return t('reports.alertPoint', { radius: a.radiusM });
  };

  return (
    <>
      <PageHeader title={t('reports.alertsTitle')} intro={t('reports.alertsIntro')} />
      <Stack gap="xl">
        <section aria-labelledby="my-alerts">
          <Title order={2} size="h3" id="my-alerts" mb="sm">
            {t('reports.myAlerts')}
          </Title>
          {alerts.data?.length === 0 && <Text>{t('reports.noAlerts')}</Text>}
          <Stack component="ul" gap="xs" p={0} style={{ listStyle: 'none' }}>
            {alerts.data?.map((a) => (
              <Card component="li" key={a.id} withBorder padding="sm" radius="md">
                <Group justify="space-between">
                  <Text fw={600}>{nameOf(a)}</Text>
                  <Group gap="sm">
                    <Anchor href={a.rssPath} aria-label={t('reports.rssOf', { name: nameOf(a) })}>
                      {t('reports.rss')}
                    </Anchor>
                    <Button
                      size="compact-sm"
                      variant="light"
                      color="red"
                      onClick={() => remove.mutate(a.id)}
                      aria-label={t('reports.removeAlert', { name: nameOf(a) })}
                    >
                      {t('reports.remove')}
                    </Button>
                  </Group>
                </Group>
              </Card>
            ))}
          </Stack>
        </section>

        {add.isSuccess && (
          <Alert color="green" role="status">
            {t('reports.subscribed')}
          </Alert>
        )}
        {add.isError && (
          <Alert color="red" role="alert">
            {add.error instanceof ApiError ? add.error.message : t('reports.error')}
          </Alert>
        )}

        <section aria-labelledby="add-district">
          <Title order={2} size="h3" id="add-district" mb="sm">
            {t('reports.addDistrict')}
          </Title>
          <form
            onSubmit={(e) => {
              e.preventDefault();
              if (district) add.mutate({ kind: 'district', district });
            }}
          >
            <Group align="end" gap="sm">
              <NativeSelect
                label={t('reports.chooseDistrict')}
                value={district}
                onChange={(e) => setDistrict(e.currentTarget.value)}
                data={[{ value: '', label: '—' }, ...districts.map((d) => ({ value: d.key, label: localized(d.name, i18n.language) }))]}
              />
              <Button type="submit" disabled={!district} loading={add.isPending}>
                {t('reports.subscribe')}
              </Button>
            </Group>
          </form>
        </section>

        <section aria-labelledby="add-point">
          <Title order={2} size="h3" id="add-point" mb="sm">
            {t('reports.addPoint')}
          </Title>
          <Text size="sm" mb="xs">
            {point ? t('reports.pointChosen') : t('reports.pointHelp')}
          </Text>
          <div ref={mapEl} className="map-container" style={{ height: 320 }} />
          <form
            onSubmit={(e) => {
              e.preventDefault();
              if (point) add.mutate({ kind: 'point', ...point, radiusM: radius });
            }}
          >
            <Group align="end" gap="sm" mt="sm">
              <NativeSelect
                label={t('reports.radius')}
                value={String(radius)}
                onChange={(e) => setRadius(Number(e.currentTarget.value))}
                data={RADII.map((r) => ({ value: String(r), label: t('reports.metres', { n: r }) }))}
              />
              <Button type="submit" disabled={!point} loading={add.isPending}>
                {t('reports.subscribe')}
              </Button>
            </Group>
          </form>
        </section>

        <section aria-labelledby="district-feeds">
          <Title order={2} size="h3" id="district-feeds" mb="sm">
            {t('reports.districtFeeds')}
          </Title>
          <Stack component="ul" gap={4}>
            {districts.map((d) => (
              <li key={d.key}>
                <Anchor href={`/api/reports/rss/districts/${d.key}`}>
                  {t('reports.rssOf', { name: localized(d.name, i18n.language) })}
                </Anchor>
              </li>
            ))}
          </Stack>
        </section>
      </Stack>
    </>
  );
}
