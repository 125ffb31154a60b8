import { Alert, Anchor, Card, Group, Progress, Select, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../../app/i18n/format';
import { exportUrl, getHeatmap, getStats, reportUrl, type StatsQuery } from './api';
import { CaseMap } from './case-map';
import { problem, useLoc, useUnits } from './shared';

const iso = (d: Date) => d.toLocaleDateString('sv-SE', { timeZone: 'Europe/Athens' });

/** Volume, backlog, resolution times, SLA, satisfaction and the heatmap; CSV/XLSX export and the monthly PDF. */
export function DashboardPage() {
  const { t } = useTranslation();
  const loc = useLoc();
  const { units } = useUnits();
  const today = new Date();
  const [query, setQuery] = useState<StatsQuery>({ from: iso(new Date(today.getTime() - 29 * 86_400_000)), to: iso(today) });
  const [month, setMonth] = useState(iso(today).slice(0, 7));
  const stats = useQuery({ queryKey: ['helpdesk', 'stats', query], queryFn: () => getStats(query) });
  const heat = useQuery({ queryKey: ['helpdesk', 'heatmap', query], queryFn: () => getHeatmap(query) });
  const s = stats.data;

  // periods × channels, as a table (the accessible form of a chart)
  const series = useMemo(() => {
    const periods = [...new Set(s?.volume.series.map((r) => r.period) ?? [])].sort();
    const channels = [...new Set(s?.volume.series.map((r) => r.channel) ?? [])].sort();
    const n = (p: string, c: string) => s?.volume.series.find((r) => r.period === p && r.channel === c)?.n ?? 0;
    return { periods, channels, n };
  }, [s]);
  const hours = (h: number | null) =>
    h === null ? '–' : t('helpdesk.dashboard.hours', { n: formatNumber(h, { maximumFractionDigits: 1 }) });

  return (
    <Stack>
      <Title order={1} size="h2">
        {t('helpdesk.dashboard.title')}
      </Title>
      <Card withBorder padding="sm">
        <Group align="flex-end" wrap="wrap">
          <TextInput
            type="date"
            label={t('helpdesk.dashboard.from')}
            value={query.from ?? ''}
            onChange={(e) => setQuery({ ...query, from: e.currentTarget.value || undefined })}
          />
          <TextInput
            type="date"
            label={t('helpdesk.dashboard.to')}
            value={query.to ?? ''}
            onChange={(e) => setQuery({ ...query, to: e.currentTarget.value || undefined })}
          />
          <Select
            label={t('helpdesk.dashboard.unit')}
            placeholder={t('helpdesk.dashboard.allUnits')}
            clearable
            searchable
            value={query.unitId ?? null}
            onChange={(v) => setQuery({ ...query, unitId: v ?? undefined })}
            data={units.map((u) => ({ value: u.id, label: loc(u.name) }))}
          />
          <Select
            label={t('helpdesk.dashboard.interval')}
            clearable
            value={query.interval ?? null}
            onChange={(v) => setQuery({ ...query, interval: (v as StatsQuery['interval']) ?? undefined })}
            data={(['day', 'week', 'month'] as const).map((i) => ({ value: i, label: t(`helpdesk.dashboard.${i}`) }))}
          />
        </Group>
        <Group mt="sm" gap="md" wrap="wrap">
          <Text size="sm" fw={600}>
            {t('helpdesk.dashboard.export')}:
          </Text>
          <Anchor href={exportUrl(query, 'csv')} download>
            {t('helpdesk.dashboard.csv')}
          </Anchor>
          <Anchor href={exportUrl(query, 'xlsx')} download>
            {t('helpdesk.dashboard.xlsx')}
          </Anchor>
          <TextInput
            type="month"
            aria-label={t('helpdesk.dashboard.reportMonth')}
            value={month}
            onChange={(e) => setMonth(e.currentTarget.value)}
            w={170}
            size="xs"
          />
          <Anchor href={reportUrl(month, query.unitId)} target="_blank" rel="noopener">
            {t('helpdesk.dashboard.report')}
          </Anchor>
        </Group>
      </Card>
      {stats.isError && <Alert color="red">{problem(stats.error)}</Alert>}
      {s && (
        <>
          <SimpleGrid cols={{ base: 2, md: 3, lg: 6 }}>
            <Kpi label={t('helpdesk.dashboard.total')} value={formatNumber(s.volume.total)} />
            <Kpi label={t('helpdesk.dashboard.open')} value={formatNumber(s.backlog.open)} />
            <Kpi label={t('helpdesk.dashboard.overdue')} value={formatNumber(s.backlog.overdue)} />
            <Kpi label={t('helpdesk.dashboard.median')} value={hours(s.resolution.medianHours)} />
            <Kpi label={t('helpdesk.dashboard.p80')} value={hours(s.resolution.p80Hours)} />
            <Kpi
              label={t('helpdesk.dashboard.sla')}
              value={
                s.sla.rate === null
                  ? '–'
                  : `${formatNumber(s.sla.rate * 100, { maximumFractionDigits: 0 })}% (${s.sla.onTime}/${s.sla.resolvedWithDue})`
              }
            />
          </SimpleGrid>
          <Card withBorder>
            <Title order={2} size="h4">
              {t('helpdesk.dashboard.satisfaction')}
            </Title>
            <Text size="sm">
              {s.satisfaction.available ? formatNumber(s.satisfaction.average ?? 0) : t('helpdesk.dashboard.noRatings')}
            </Text>
          </Card>
          {s.volume.total === 0 && <Text c="dimmed">{t('helpdesk.dashboard.noData')}</Text>}
          <SimpleGrid cols={{ base: 1, md: 3 }}>
            <Breakdown title={t('helpdesk.dashboard.byType')} rows={s.volume.byType.map((r) => ({ label: loc(r.name), n: r.n }))} />
            <Breakdown
              title={t('helpdesk.dashboard.byUnit')}
              rows={s.volume.byUnit.map((r) => ({ label: r.name ? loc(r.name) : t('helpdesk.dashboard.noUnit'), n: r.n }))}
            />
            <Breakdown
              title={t('helpdesk.dashboard.byChannel')}
              rows={s.volume.byChannel.map((r) => ({ label: t(`helpdesk.channel.${r.channel}`), n: r.n }))}
            />
          </SimpleGrid>
          <Card withBorder>
            <Title order={2} size="h4" mb="sm">
              {t('helpdesk.dashboard.overTime')}
            </Title>
            <Table.ScrollContainer minWidth={400}>
              <Table striped aria-label={t('helpdesk.dashboard.overTime')}>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('helpdesk.dashboard.period')}</Table.Th>
                    {series.channels.map((c) => (
                      <Table.Th key={c}>{t(`helpdesk.channel.${c}`)}</Table.Th>
                    ))}
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {series.periods.map((p) => (
                    <Table.Tr key={p}>
                      <Table.Td>{p}</Table.Td>
                      {series.channels.map((c) => (
                        <Table.Td key={c}>{series.n(p, c)}</Table.Td>
                      ))}
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          </Card>
          <Breakdown
            title={t('helpdesk.dashboard.backlog')}
            rows={Object.entries(s.backlog.byCategory).map(([k, n]) => ({ label: t(`helpdesk.category.${k}`), n }))}
          />
        </>
      )}
      <Card withBorder>
        <Title order={2} size="h4" mb="xs">
          {t('helpdesk.dashboard.heatmap')}
        </Title>
        <Text size="sm" c="dimmed" mb="xs">
          {t('helpdesk.dashboard.heatmapHint', { count: heat.data?.cells.length ?? 0 })}
        </Text>
        <CaseMap label={t('helpdesk.dashboard.heatmap')} cells={heat.data?.cells ?? []} cellSize={heat.data?.cell ?? 0.005} height={380} />
      </Card>
    </Stack>
  );
}

function Kpi({ label, value }: { label: string; value: string }) {
  return (
    <Card withBorder padding="sm">
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text fw={700} size="lg">
        {value}
      </Text>
    </Card>
  );
}

function Breakdown({ title, rows }: { title: string; rows: { label: string; n: number }[] }) {
  const { t } = useTranslation();
  const max = Math.max(1, ...rows.map((r) => r.n));
  return (
    <Card withBorder>
      <Title order={2} size="h4" mb="sm">
        {title}
      </Title>
      <Table aria-label={title}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{title}</Table.Th>
            <Table.Th>{t('helpdesk.dashboard.count')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((r) => (
            <Table.Tr key={r.label}>
              <Table.Td>
                <Text size="sm">{r.label}</Text>
                <Progress value={(r.n / max) * 100} size="sm" aria-hidden />
              </Table.Td>
              <Table.Td>{r.n}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Card>
  );
}
