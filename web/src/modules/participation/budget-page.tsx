import { Alert, Badge, Button, Card, Checkbox, Group, List, Loader, Progress, Stack, Table, Text, Title } from '@mantine/core';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useParams } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorState } from '../../app/components/error-state';
import { PageHeader } from '../../app/components/page-header';
import { ScrollTable } from '../../app/components/scroll-table';
import { formatCurrency, formatDate, formatNumber } from '../../app/i18n/format';
import { type Budget, budgetResults, castBallot, getBudget, projectProgress } from './api';
import { ActionError, Deadline, VerificationNote } from './shared';
import './i18n';

const euro = (cents: number) => formatCurrency(cents / 100);

function ProjectProgress({ id }: { id: string }) {
  const { t } = useTranslation();
  const p = useQuery({ queryKey: ['participation', 'progress', id], queryFn: () => projectProgress(id) });
  if (p.isPending) return <Loader size="sm" aria-label={t('app.loading')} />;
  if (!p.data) return <ActionError error={p.error} />;
  return (
    <Stack gap="xs" mt="xs">
      {p.data.milestones.length > 0 && (
        <List size="sm">
          {p.data.milestones.map((m) => (
            <List.Item key={m.id}>
              {m.title} — {t(`participation.milestone.${m.status}`, { defaultValue: m.status })} ({m.percent}%)
              {m.dueDate ? ` · ${formatDate(m.dueDate)}` : ''}
            </List.Item>
          ))}
        </List>
      )}
      {p.data.updates.map((u) => (
        <Text size="sm" key={u.id}>
          <Text span c="dimmed">
            {formatDate(u.createdAt)}:
          </Text>{' '}
          {u.body}
        </Text>
      ))}
      {p.data.milestones.length === 0 && p.data.updates.length === 0 && <Text size="sm">{t('participation.noUpdates')}</Text>}
    </Stack>
  );
}

function ProjectCard({
  p,
  budget,
  checked,
  onToggle,
  canVote,
}: {
  p: Budget['projects'][number];
  budget: Budget;
  checked: boolean;
  onToggle: () => void;
  canVote: boolean;
}) {
  const { t } = useTranslation();
  const [details, setDetails] = useState(false);
  return (
    <Card component="li" withBorder radius="lg" padding="md">
      <Group justify="space-between" align="start" wrap="nowrap">
        {canVote ? (
          <Checkbox checked={checked} onChange={onToggle} label={<Text fw={700}>{p.title}</Text>} />
        ) : (
          <Text fw={700}>{p.title}</Text>
        )}
        <Text fw={700} style={{ whiteSpace: 'nowrap' }}>
          {euro(p.costCents)}
        </Text>
      </Group>
      {p.description && (
        <Text size="sm" mt={4}>
          {p.description}
        </Text>
      )}
      {budget.status === 'closed' && (
        <>
          <Group gap="xs" mt="xs">
            <Badge variant="light" color="aegean.9" c="aegean.9">
              {t(`participation.progress.${p.progressStatus}`)}
            </Badge>
            <Text size="sm">{formatNumber(p.progressPercent / 100, { style: 'percent' })}</Text>
          </Group>
          <Progress value={p.progressPercent} mt={4} aria-hidden />
          <Button size="compact-sm" variant="subtle" mt={4} onClick={() => setDetails(!details)} aria-expanded={details}>
            {t('participation.followProgress')}
          </Button>
          {details && <ProjectProgress id={p.id} />}
        </>
      )}
    </Card>
  );
}

/** Participatory budgeting: choose projects within the budget (or up to N), then results and the winners' progress. */
export function BudgetPage() {
  const { t } = useTranslation();
  const { id } = useParams({ strict: false }) as { id: string };
  const budget = useQuery({ queryKey: ['participation', 'budget', id], queryFn: () => getBudget(id) });
  const [picked, setPicked] = useState<string[]>([]);
  const [showResults, setShowResults] = useState(false);
  const results = useQuery({ queryKey: ['participation', 'budget-results', id], queryFn: () => budgetResults(id), enabled: showResults });
  const vote = useMutation({ mutationFn: () => castBallot(id, picked), onSuccess: () => setShowResults(true) });
  if (budget.isPending) return <Loader aria-label={t('app.loading')} />;
  if (budget.error || !budget.data) return <ErrorState error={budget.error} onRetry={() => void budget.refetch()} />;
  const b = budget.data;
  const open = b.status === 'open' && new Date(b.closesAt).getTime() > Date.now();
  const spent = b.projects.filter((p) => picked.includes(p.id)).reduce((s, p) => s + p.costCents, 0);
  const over = b.mode === 'budget' ? spent > b.totalCents : picked.length > (b.maxProjects ?? 0);
  const canVote = open && !vote.isSuccess;

  return (
    <Stack gap="lg">
      <PageHeader title={b.title} intro={b.description} />
      <div>
        <Text fw={600}>{t('participation.budgetTotal', { amount: euro(b.totalCents) })}</Text>
        <Text size="sm">
          {b.mode === 'budget' ? t('participation.modeBudget') : t('participation.modeApprove', { count: b.maxProjects ?? 0 })}
        </Text>
        {b.mode === 'budget' && b.minSharePercent ? (
          <Text size="sm">
            {t('participation.minShareNote', { percent: b.minSharePercent })} ({euro(Math.ceil((b.totalCents * b.minSharePercent) / 100))})
          </Text>
        ) : null}
        <Deadline closesAt={b.closesAt} closed={!open} />
        <VerificationNote level={b.verification} />
      </div>
      {canVote && (
        <Card withBorder radius="lg" padding="md" style={{ position: 'sticky', top: 0, zIndex: 2 }}>
          <Text aria-live="polite" fw={600} c={over ? 'red.9' : undefined} data-testid="ballot-total">
            {b.mode === 'budget'
              ? t('participation.spent', { spent: euro(spent), total: euro(b.totalCents), left: euro(b.totalCents - spent) })
              : t('participation.picked', { count: picked.length, max: b.maxProjects ?? 0 })}
          </Text>
          <Progress
            value={
              b.mode === 'budget'
                ? Math.min(100, (spent / b.totalCents) * 100)
                : Math.min(100, (picked.length / (b.maxProjects || 1)) * 100)
            }
            color={over ? 'red.9' : 'aegean.7'}
            mt={4}
            aria-hidden
          />
        </Card>
      )}
      <Stack component="ul" gap="sm" style={{ listStyle: 'none', padding: 0, margin: 0 }} aria-label={t('participation.projects')}>
        {b.projects.map((p) => (
          <ProjectCard
            key={p.id}
            p={p}
            budget={b}
            canVote={canVote}
            checked={picked.includes(p.id)}
            onToggle={() => setPicked((s) => (s.includes(p.id) ? s.filter((x) => x !== p.id) : [...s, p.id]))}
          />
        ))}
      </Stack>
      {canVote && (
        <>
          <ActionError error={vote.error} />
          <Button w="fit-content" disabled={over || picked.length === 0} onClick={() => vote.mutate()} loading={vote.isPending}>
            {t('participation.castBallot')}
          </Button>
        </>
      )}
      {vote.isSuccess && (
        <Alert color="green" variant="light" role="status" c="dark.8">
          {t('participation.ballotThanks')}
        </Alert>
      )}
      {!showResults && (
        <Button variant="subtle" w="fit-content" onClick={() => setShowResults(true)}>
          {t('participation.seeResults')}
        </Button>
      )}
      {results.data && (
        <Card withBorder radius="lg" padding="lg" component="section" aria-labelledby="bresults-title">
          <Title order={2} size="h3" id="bresults-title">
            {t('participation.results')}
          </Title>
          <Text size="sm" mb="sm">
            {t('participation.ballots', { count: results.data.ballots })} ·{' '}
            {t('participation.allocated', { amount: euro(results.data.allocatedCents) })}
          </Text>
          <ScrollTable label={t('participation.results')} minWidth={480}>
            <Table>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>#</Table.Th>
                  <Table.Th>{t('participation.project')}</Table.Th>
                  <Table.Th>{t('participation.cost')}</Table.Th>
                  <Table.Th>{t('participation.votes')}</Table.Th>
                  <Table.Th>{t('participation.winner')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {results.data.projects.map((p) => (
                  <Table.Tr key={p.projectId}>
                    <Table.Td>{p.rank}</Table.Td>
                    <Table.Td>{p.title}</Table.Td>
                    <Table.Td>{euro(p.costCents)}</Table.Td>
                    <Table.Td>
                      {p.votes} ({formatNumber(p.percent / 100, { style: 'percent', maximumFractionDigits: 1 })})
                    </Table.Td>
                    <Table.Td>{p.winner ? t('participation.yes') : t('participation.no')}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </ScrollTable>
        </Card>
      )}
    </Stack>
  );
}
