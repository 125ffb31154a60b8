import { Button, Group, Loader, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../app/api/client';
import { ErrorState } from '../../app/components/error-state';
import { ScrollTable } from '../../app/components/scroll-table';
import { formatNumber } from '../../app/i18n/format';
import { todayAthens } from './staff-api';
import { UnitPicker } from './unit-picker';
import './i18n';

const monthAgo = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Athens' }).format(new Date(Date.now() - 30 * 86400_000));
const pct = (v: number | null) => (v === null ? '—' : formatNumber(v, { style: 'percent', maximumFractionDigits: 1 }));
const num = (v: number | null) => (v === null ? '—' : formatNumber(v, { maximumFractionDigits: 1 }));

/** Bookings, utilisation, days to the first free time, no-shows and service time per service, with a CSV export. */
export function StaffStatsPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'el';
  const [unitId, setUnitId] = useState<string | null>(null);
  const [from, setFrom] = useState(monthAgo());
  const [to, setTo] = useState(todayAthens());
  const query = { from, to, ...(unitId ? { unitId } : {}) };
  const stats = useQuery({
    queryKey: ['appointments', 'stats', query],
    queryFn: () => unwrap(api.GET('/api/appointments/admin/stats', { params: { query } })),
    enabled: !!unitId,
  });
  const csv = `/api/appointments/admin/stats.csv?${new URLSearchParams(query).toString()}`;
  return (
    <Stack>
      <Title order={1} size="h2">
        {t('appointments.staff.statsTitle')}
      </Title>
      <Group align="end">
        <UnitPicker value={unitId} onChange={setUnitId} />
        <TextInput type="date" label={t('appointments.staff.from')} value={from} onChange={(e) => setFrom(e.currentTarget.value)} />
        <TextInput type="date" label={t('appointments.staff.to')} value={to} onChange={(e) => setTo(e.currentTarget.value)} />
        <Button component="a" href={csv} download variant="outline">
          {t('appointments.staff.exportCsv')}
        </Button>
      </Group>
      {stats.isPending && unitId && <Loader aria-label={t('app.loading')} />}
      {stats.error && <ErrorState error={stats.error} />}
      {stats.data && stats.data.length === 0 && <Text>{t('appointments.staff.noStats')}</Text>}
      {stats.data && stats.data.length > 0 && (
        <ScrollTable label={t('appointments.staff.statsTitle')} minWidth={900}>
          <Table striped>
            <Table.Thead>
              <Table.Tr>
                {[
                  'service',
                  'bookings',
                  'places',
                  'utilisation',
                  'daysToFirstFree',
                  'served',
                  'noShowRate',
                  'avgServiceMin',
                  'walkIns',
                ].map((k) => (
                  <Table.Th key={k}>{t(`appointments.staff.stat.${k}`)}</Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {stats.data.map((s) => (
                <Table.Tr key={s.serviceId}>
                  <Table.Td>{lang === 'en' ? s.nameEn : s.nameEl}</Table.Td>
                  <Table.Td>{num(s.bookings)}</Table.Td>
                  <Table.Td>
                    {num(s.taken)} / {num(s.places)}
                  </Table.Td>
                  <Table.Td>{pct(s.utilisation)}</Table.Td>
                  <Table.Td>{num(s.daysToFirstFree)}</Table.Td>
                  <Table.Td>{num(s.served)}</Table.Td>
                  <Table.Td>
                    {pct(s.noShowRate)} ({num(s.noShows)})
                  </Table.Td>
                  <Table.Td>{num(s.avgServiceMin)}</Table.Td>
                  <Table.Td>{num(s.walkIns)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollTable>
      )}
    </Stack>
  );
}
