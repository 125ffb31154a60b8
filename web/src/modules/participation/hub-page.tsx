import { Anchor, Badge, Card, Group, Loader, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorState } from '../../app/components/error-state';
import { PageHeader } from '../../app/components/page-header';
import { formatCurrency } from '../../app/i18n/format';
import { listBudgets, listConsultations, listIdeaCalls, listSurveys } from './api';
import { Deadline } from './shared';
import './i18n';

function Section<T>({
  id,
  title,
  query,
  empty,
  render,
}: {
  id: string;
  title: string;
  query: { data?: T[]; isPending: boolean; error: unknown; refetch: () => unknown };
  empty: string;
  render: (item: T) => ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby={id}>
      <Title order={2} size="h3" id={id} mb="sm">
        {title}
      </Title>
      {query.isPending && <Loader size="sm" aria-label={t('app.loading')} />}
      {query.error ? <ErrorState error={query.error} onRetry={() => void query.refetch()} /> : null}
      {query.data?.length === 0 && <Text c="dimmed">{empty}</Text>}
      <SimpleGrid cols={{ base: 1, sm: 2 }} component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
        {query.data?.map((item) => render(item))}
      </SimpleGrid>
    </section>
  );
}

/** Everything open for participation: consultations, surveys, budgets, ideas, proposals, ratings. */
export function HubPage() {
  const { t } = useTranslation();
  const consultations = useQuery({ queryKey: ['participation', 'consultations'], queryFn: listConsultations });
  const surveys = useQuery({ queryKey: ['participation', 'surveys'], queryFn: listSurveys });
  const budgets = useQuery({ queryKey: ['participation', 'budgets'], queryFn: listBudgets });
  const calls = useQuery({ queryKey: ['participation', 'idea-calls'], queryFn: listIdeaCalls });
  const status = (s: string) => (
    <Badge variant="filled" color={s === 'open' ? '#1b6b2f' : 'gray.8'}>
      {t(`participation.status.${s}`, { defaultValue: s })}
    </Badge>
  );
  return (
    <Stack gap="xl">
      <PageHeader title={t('participation.title')} intro={t('participation.intro')} />
      <Group>
        <Anchor underline="always" component={Link} to="/participation/proposals">
          {t('participation.proposals')}
        </Anchor>
        <Anchor underline="always" component={Link} to="/participation/evaluate">
          {t('participation.evaluate')}
        </Anchor>
      </Group>
      <Section
        id="consultations-title"
        title={t('participation.consultations')}
        query={consultations}
        empty={t('participation.noneOpen')}
        render={(c) => (
          <Card component="li" key={c.id} withBorder radius="lg" padding="lg">
            <Group justify="space-between" align="start" wrap="nowrap">
              <Anchor underline="always" component={Link} to={`/participation/consultations/${c.id}`} fw={700}>
                {c.title}
              </Anchor>
              {status(c.status)}
            </Group>
            <Text size="sm" my={4} lineClamp={3}>
              {c.summary}
            </Text>
            <Deadline closesAt={c.closesAt} closed={c.status !== 'open'} />
            <Text size="sm">{t('participation.commentCount', { count: c.commentCount })}</Text>
          </Card>
        )}
      />
      <Section
        id="surveys-title"
        title={t('participation.surveys')}
        query={surveys}
        empty={t('participation.noneOpen')}
        render={(s) => (
          <Card component="li" key={s.id} withBorder radius="lg" padding="lg">
            <Group justify="space-between" align="start" wrap="nowrap">
              <Anchor underline="always" component={Link} to={`/participation/surveys/${s.id}`} fw={700}>
                {s.title}
              </Anchor>
              {status(s.status)}
            </Group>
            <Text size="sm" my={4}>
              {s.description}
            </Text>
            <Deadline closesAt={s.closesAt} closed={s.status !== 'open'} />
          </Card>
        )}
      />
      <Section
        id="budgets-title"
        title={t('participation.budgets')}
        query={budgets}
        empty={t('participation.noneOpen')}
        render={(b) => (
          <Card component="li" key={b.id} withBorder radius="lg" padding="lg">
            <Group justify="space-between" align="start" wrap="nowrap">
              <Anchor underline="always" component={Link} to={`/participation/budgets/${b.id}`} fw={700}>
                {b.title}
              </Anchor>
              {status(b.status)}
            </Group>
            <Text size="sm" my={4}>
              {t('participation.budgetTotal', { amount: formatCurrency(b.totalCents / 100) })}
            </Text>
            <Deadline closesAt={b.closesAt} closed={b.status !== 'open'} />
          </Card>
        )}
      />
      <Section
        id="ideas-title"
        title={t('participation.ideas')}
        query={calls}
        empty={t('participation.noneOpen')}
        render={(c) => (
          <Card component="li" key={c.id} withBorder radius="lg" padding="lg">
            <Group justify="space-between" align="start" wrap="nowrap">
              <Anchor underline="always" component={Link} to={`/participation/ideas/${c.id}`} fw={700}>
                {c.title}
              </Anchor>
              {status(c.status)}
            </Group>
            <Text size="sm" my={4}>
              {c.description}
            </Text>
            <Deadline closesAt={c.closesAt} closed={c.status !== 'open'} />
          </Card>
        )}
      />
    </Stack>
  );
}
