import { Alert, Anchor, Badge, Button, Card, Group, Loader, Progress, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorState } from '../../app/components/error-state';
import { PageHeader } from '../../app/components/page-header';
import { formatDate, formatNumber } from '../../app/i18n/format';
import { addProposal, listProposals, type Proposal, supportProposal } from './api';
import { ActionError, ReportAbuse } from './shared';
import './i18n';

function ProposalCard({ p: initial }: { p: Proposal }) {
  const { t } = useTranslation();
  const [p, setP] = useState(initial);
  const support = useMutation({ mutationFn: () => supportProposal(p.id), onSuccess: setP });
  const pct = Math.min(100, (p.supportCount / Math.max(1, p.threshold)) * 100);
  return (
    <Card component="li" withBorder radius="lg" padding="lg">
      <Group justify="space-between" align="start" wrap="nowrap">
        <Title order={3} size="h4">
          {p.title}
        </Title>
        <Badge variant="light" color={p.status === 'open' ? 'aegean.9' : '#1b6b2f'}>
          {t(`participation.proposalStatus.${p.status}`)}
        </Badge>
      </Group>
      <Text size="xs" c="dimmed">
        {formatDate(p.createdAt)}
      </Text>
      <Text size="sm" my="xs" style={{ whiteSpace: 'pre-wrap' }}>
        {p.body}
      </Text>
      <Text size="sm" fw={600}>
        {t('participation.supportsOf', { count: p.supportCount, threshold: formatNumber(p.threshold) })}
      </Text>
      <Progress value={pct} mt={4} aria-hidden />
      {p.answer && (
        <Card withBorder bg="gray.0" p="xs" mt="xs">
          <Text size="sm" fw={600}>
            {t('participation.municipalityAnswer')}
          </Text>
          <Text size="sm">{p.answer}</Text>
        </Card>
      )}
      <Group mt="sm" gap="sm">
        {support.isSuccess ? (
          <Text size="sm" role="status">
            {t('participation.supported')}
          </Text>
        ) : (
          <Button
            size="sm"
            variant="light"
            onClick={() => support.mutate()}
            loading={support.isPending}
            aria-label={`${t('participation.supportProposal')}: ${p.title}`}
          >
            {t('participation.supportProposal')}
          </Button>
        )}
        <ReportAbuse kind="proposal" id={p.id} />
      </Group>
      <ActionError error={support.error} />
    </Card>
  );
}

/** Citizens' proposals: supports toward a threshold the municipality must answer; file a new one. */
export function ProposalsPage() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const list = useInfiniteQuery({
    queryKey: ['participation', 'proposals'],
    queryFn: ({ pageParam }) => listProposals(pageParam || undefined),
    initialPageParam: '',
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const [title, setTitle] = useState('');
  const [body, setBody] = useState('');
  const add = useMutation({
    mutationFn: () => addProposal({ title: title.trim(), body: body.trim() }),
    onSuccess: () => {
      setTitle('');
      setBody('');
      void qc.invalidateQueries({ queryKey: ['participation', 'proposals'] });
    },
  });
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <Stack gap="lg">
      <PageHeader title={t('participation.proposals')} intro={t('participation.proposalsIntro')} />
      <Card withBorder radius="lg" padding="lg" component="section" aria-labelledby="new-proposal">
        <Title order={2} size="h4" id="new-proposal" mb="sm">
          {t('participation.newProposal')}
        </Title>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            add.mutate();
          }}
        >
          <Stack>
            <TextInput
              label={t('participation.proposalTitle')}
              value={title}
              onChange={(e) => setTitle(e.currentTarget.value)}
              required
              minLength={5}
              maxLength={300}
            />
            <Textarea
              label={t('participation.proposalBody')}
              value={body}
              onChange={(e) => setBody(e.currentTarget.value)}
              required
              minLength={10}
              autosize
              minRows={4}
            />
            <ActionError error={add.error} />
            {add.isSuccess && (
              <Alert color="green" variant="light" role="status" c="dark.8">
                {t('participation.proposalFiled')}
              </Alert>
            )}
            <Button type="submit" w="fit-content" loading={add.isPending}>
              {t('participation.fileProposal')}
            </Button>
          </Stack>
        </form>
      </Card>
      <section aria-labelledby="proposal-list">
        <Title order={2} size="h4" id="proposal-list" mb="sm">
          {t('participation.allProposals')}
        </Title>
        {list.isPending && <Loader aria-label={t('app.loading')} />}
        {list.error && <ErrorState error={list.error} onRetry={() => void list.refetch()} />}
        {list.data && items.length === 0 && <Text c="dimmed">{t('participation.noProposals')}</Text>}
        <Stack component="ul" gap="sm" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
          {items.map((p) => (
            <ProposalCard key={p.id} p={p} />
          ))}
        </Stack>
        {list.hasNextPage && (
          <Anchor underline="always" component="button" type="button" onClick={() => void list.fetchNextPage()} mt="sm">
            {t('participation.more')}
          </Anchor>
        )}
      </section>
    </Stack>
  );
}
