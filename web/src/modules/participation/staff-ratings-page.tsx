import { Card, Loader, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../app/api/client';
import { ErrorState } from '../../app/components/error-state';
import { ScrollTable } from '../../app/components/scroll-table';
import { formatDate, formatNumber } from '../../app/i18n/format';
import { Bars } from './shared';
import { StaffTabs } from './staff-shared';
import './i18n';

const targetName = (t: TFunction, kind: string, ref: string) =>
  kind === 'service' ? t(`participation.services.${ref}`, { defaultValue: ref }) : `${kind}: ${ref}`;

/** Staff: how citizens rate municipal services and actions — a table per target and each target's distribution. */
export function StaffRatingsPage() {
  const { t } = useTranslation();
  const list = useQuery({
    queryKey: ['participation', 'rating-targets'],
    queryFn: () => unwrap(api.GET('/api/participation/evaluations/targets')),
  });
  const mean = (m: number | null) => (m == null ? '—' : formatNumber(m, { maximumFractionDigits: 2 }));
  return (
    <Stack>
      <StaffTabs />
      <Title order={1} size="h2">
        {t('participation.staff.ratingsTitle')}
      </Title>
      {list.isPending && <Loader aria-label={t('app.loading')} />}
      {list.error && <ErrorState error={list.error} />}
      {list.data?.length === 0 && <Text c="dimmed">{t('participation.noRatings')}</Text>}
      {list.data && list.data.length > 0 && (
        <>
          <ScrollTable label={t('participation.staff.ratingsTitle')} minWidth={640}>
            <Table>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('participation.staff.target')}</Table.Th>
                  <Table.Th>{t('participation.staff.ratingsCount')}</Table.Th>
                  <Table.Th>{t('participation.staff.meanRating')}</Table.Th>
                  <Table.Th>{t('participation.staff.withComment')}</Table.Th>
                  <Table.Th>{t('participation.staff.hiddenRatings')}</Table.Th>
                  <Table.Th>{t('participation.staff.lastRating')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {list.data.map((r) => (
                  <Table.Tr key={`${r.targetKind}/${r.targetRef}`}>
                    <Table.Td>{targetName(t, r.targetKind, r.targetRef)}</Table.Td>
                    <Table.Td>{r.count}</Table.Td>
                    <Table.Td>{mean(r.mean)}</Table.Td>
                    <Table.Td>{r.comments}</Table.Td>
                    <Table.Td>{r.hidden}</Table.Td>
                    <Table.Td>{r.lastAt ? formatDate(r.lastAt) : '—'}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </ScrollTable>
          <SimpleGrid cols={{ base: 1, md: 2 }}>
            {list.data.map((r) => (
              <Card withBorder key={`${r.targetKind}/${r.targetRef}`}>
                <Bars
                  caption={t('participation.staff.distributionOf', { name: targetName(t, r.targetKind, r.targetRef), mean: mean(r.mean) })}
                  rows={[...r.histogram].reverse().map((h) => ({
                    label: t('participation.staff.stars', { count: h.rating }),
                    count: h.count,
                    percent: r.count ? (100 * h.count) / r.count : 0,
                  }))}
                />
              </Card>
            ))}
          </SimpleGrid>
        </>
      )}
    </Stack>
  );
}
