import './i18n';
import { Anchor, Card, Loader, NativeSelect, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorState } from '../../app/components/error-state';
import { formatNumber } from '../../app/i18n/format';
import { circleMarker, createMap, fitBounds, type LatLon } from '../../app/map';
import { type Figures, type MapData, schoolStats, schoolsMap } from './api';

const thisYear = () => Number(new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Athens', year: 'numeric' }).format(new Date()));
const num = (n: number | null | undefined) => (n == null ? '–' : formatNumber(n));

/** The municipality's view: totals, per school and per unit figures, and the map of schools with open requests. */
export function OverviewPage() {
  const { t, i18n } = useTranslation();
  const en = i18n.language === 'en';
  const [year, setYear] = useState<string>('');
  const stats = useQuery({ queryKey: ['schools-stats', year], queryFn: () => schoolStats(year ? Number(year) : undefined) });
  const map = useQuery({ queryKey: ['schools-map'], queryFn: schoolsMap });
  const years = Array.from({ length: 5 }, (_, i) => String(thisYear() - i));

  return (
    <Stack>
      <div>
        <Title order={1} size="h2">
          {t('schools.overview.title')}
        </Title>
        <Text c="dimmed">{t('schools.overview.intro')}</Text>
      </div>
      <NativeSelect
        label={t('schools.overview.year')}
        value={year}
        onChange={(e) => setYear(e.currentTarget.value)}
        data={[{ value: '', label: t('schools.overview.allYears') }, ...years.map((y) => ({ value: y, label: y }))]}
        maw={220}
      />
      {stats.isPending && <Loader aria-label={t('app.loading')} />}
      {stats.isError && <ErrorState error={stats.error} onRetry={() => void stats.refetch()} />}
      {stats.data && (
        <>
          <Totals f={stats.data.totals} />
          <section aria-labelledby="by-school">
            <Title order={2} size="h3" id="by-school" mb="sm">
              {t('schools.overview.bySchool')}
            </Title>
            <FiguresTable
              label={t('schools.overview.school')}
              rows={stats.data.bySchool.map((s) => ({
                key: s.schoolId,
                name: (
                  <Anchor component={Link} to={`/staff/schools/${s.schoolId}`}>
                    {s.name}
                  </Anchor>
                ),
                f: s.figures,
              }))}
            />
          </section>
          <section aria-labelledby="by-unit">
            <Title order={2} size="h3" id="by-unit" mb="sm">
              {t('schools.overview.byUnit')}
            </Title>
            <FiguresTable
              label={t('schools.overview.unit')}
              rows={stats.data.byUnit.map((u) => ({
                key: u.unitId ?? 'none',
                name: u.name ? (en ? u.name.en : u.name.el) : t('schools.overview.noUnit'),
                f: u.figures,
              }))}
            />
          </section>
        </>
      )}
      <section aria-labelledby="schools-map">
        <Title order={2} size="h3" id="schools-map" mb="sm">
          {t('schools.overview.map')}
        </Title>
        {map.data && <SchoolsMap data={map.data} />}
        <Text size="sm" c="dimmed" mt="xs">
          {t('schools.overview.mapText')}
        </Text>
      </section>
    </Stack>
  );
}

function Totals({ f }: { f: Figures }) {
  const { t } = useTranslation();
  const items: [string, number | null][] = [
    [t('schools.overview.total'), f.total],
    [t('schools.overview.open'), f.open],
    [t('schools.overview.overdue'), f.overdue],
    [t('schools.overview.urgentOpen'), f.urgentOpen],
    [t('schools.overview.completed'), f.completed],
    [t('schools.overview.avgDays'), f.avgCompletionDays],
  ];
  return (
    <SimpleGrid cols={{ base: 2, sm: 3, lg: 6 }} component="dl" m={0}>
      {items.map(([label, value]) => (
        <Card key={label} withBorder padding="sm">
          <Text component="dt" size="sm" c="dark.6">
            {label}
          </Text>
          <Text component="dd" m={0} fw={700} size="xl">
            {num(value)}
          </Text>
        </Card>
      ))}
    </SimpleGrid>
  );
}

function FiguresTable({ label, rows }: { label: string; rows: { key: string; name: React.ReactNode; f: Figures }[] }) {
  const { t } = useTranslation();
  return (
    <Table.ScrollContainer minWidth={640}>
      <Table striped>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{label}</Table.Th>
            <Table.Th scope="col" ta="right">
              {t('schools.overview.total')}
            </Table.Th>
            <Table.Th scope="col" ta="right">
              {t('schools.overview.open')}
            </Table.Th>
            <Table.Th scope="col" ta="right">
              {t('schools.overview.overdue')}
            </Table.Th>
            <Table.Th scope="col" ta="right">
              {t('schools.overview.completed')}
            </Table.Th>
            <Table.Th scope="col" ta="right">
              {t('schools.overview.avgDays')}
            </Table.Th>
            <Table.Th scope="col" ta="right">
              {t('schools.overview.oldest')}
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((r) => (
            <Table.Tr key={r.key}>
              <Table.Th scope="row" fw={500}>
                {r.name}
              </Table.Th>
              <Table.Td ta="right">{num(r.f.total)}</Table.Td>
              <Table.Td ta="right">{num(r.f.open)}</Table.Td>
              <Table.Td ta="right">{num(r.f.overdue)}</Table.Td>
              <Table.Td ta="right">{num(r.f.completed)}</Table.Td>
              <Table.Td ta="right">{num(r.f.avgCompletionDays)}</Table.Td>
              <Table.Td ta="right">{num(r.f.oldestOpenDays)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** The map answer as the markers need it (the generated type loses the coordinates' pair shape). */
type MapPoints = { features: { geometry: { coordinates: number[] }; properties: MapData['features'][number]['properties'] }[] };

/** Circle markers sized by open requests, red when one is urgent; the tables above carry the same facts. */
function SchoolsMap({ data }: { data: MapPoints }) {
  const { t } = useTranslation();
  const el = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!el.current) return;
    const map = createMap(el.current);
    const points: LatLon[] = [];
    for (const f of data.features) {
      const [lon, lat] = f.geometry.coordinates as [number, number];
      const p = f.properties;
      points.push({ lat, lon });
      circleMarker(
        { lat, lon },
        {
          radius: 6 + Math.min(14, p.open * 2),
          color: p.urgentOpen ? '#b00020' : '#0b5394',
          fillOpacity: 0.6,
          tooltip: t('schools.overview.marker', { name: p.name, open: p.open, urgent: p.urgentOpen }),
        },
      ).addTo(map);
    }
    fitBounds(map, points, { padding: [30, 30], maxZoom: 15 });
    return () => {
      map.remove();
    };
  }, [data, t]);
  return <div ref={el} className="map-container" />;
}
