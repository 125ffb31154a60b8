import './i18n';
import { Alert, Anchor, Loader, Stack, Table, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useParams } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { ErrorState } from '../../app/components/error-state';
import { PageHeader } from '../../app/components/page-header';
import { codeOf, type Ranking, ranking, rankingCsvHref } from './api';

/** /nursery/ranking/$callId: the published ranking, anonymised codes only, one table per age group. */
export function RankingPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'el';
  const { callId } = useParams({ strict: false }) as { callId: string };
  const q = useQuery({ queryKey: ['nursery-ranking', callId], queryFn: () => ranking(callId), retry: false });
  if (q.isPending) return <Loader aria-label={t('app.loading')} />;
  if (q.isError) {
    return (
      <Stack>
        <PageHeader title={t('nursery.title')} />
        {codeOf(q.error) === 'nursery.not_published' ? (
          <Alert color="gray">{t('nursery.ranking.notPublished')}</Alert>
        ) : (
          <ErrorState error={q.error} onRetry={() => void q.refetch()} />
        )}
      </Stack>
    );
  }
  const r = q.data;
  return (
    <Stack>
      <PageHeader title={t('nursery.ranking.title', { title: r.call.title[lang] })} intro={t('nursery.ranking.intro')} />
      <Anchor href={rankingCsvHref(callId)} download>
        {t('nursery.ranking.csv')}
      </Anchor>
      {(['infant', 'toddler'] as const).map((g) => (
        <GroupTable key={g} r={r} group={g} />
      ))}
    </Stack>
  );
}

function GroupTable({ r, group }: { r: Ranking; group: 'infant' | 'toddler' }) {
  const { t } = useTranslation();
  const items = r.items.filter((i) => i.ageGroup === group);
  const name = new Map(r.stations.map((s) => [s.id, s.name]));
  if (!items.length) return null;
  return (
    <section aria-labelledby={`rank-${group}`}>
      <Title order={2} size="h3" id={`rank-${group}`} mb="xs">
        {t(`nursery.groups.${group}`)}
      </Title>
      <Table.ScrollContainer minWidth={560}>
        <Table striped data-testid={`ranking-${group}`}>
          <caption
            className="visually-hidden"
            style={{ position: 'absolute', width: 1, height: 1, overflow: 'hidden', clip: 'rect(0 0 0 0)' }}
          >
            {t('nursery.ranking.caption', { group: t(`nursery.groups.${group}`) })}
          </caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('nursery.ranking.rank')}</Table.Th>
              <Table.Th scope="col">{t('nursery.ranking.code')}</Table.Th>
              <Table.Th scope="col">{t('nursery.ranking.points')}</Table.Th>
              <Table.Th scope="col">{t('nursery.ranking.result')}</Table.Th>
              <Table.Th scope="col">{t('nursery.ranking.station')}</Table.Th>
              <Table.Th scope="col">{t('nursery.ranking.positions')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((i) => (
              <Table.Tr key={i.code}>
                <Table.Td>{i.rank}</Table.Td>
                <Table.Th scope="row">{i.code}</Table.Th>
                <Table.Td>{i.points}</Table.Td>
                <Table.Td>{t(`nursery.ranking.results.${i.result}`)}</Table.Td>
                <Table.Td>{i.stationId ? name.get(i.stationId) : '—'}</Table.Td>
                <Table.Td>{i.positions.map((p) => `${name.get(p.stationId)}: ${p.position}`).join(' · ') || '—'}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </section>
  );
}
