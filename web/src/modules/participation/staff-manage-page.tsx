import { Alert, Button, Card, Group, Loader, NativeSelect, NumberInput, Stack, Text, Textarea, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../app/api/client';
import { ErrorState } from '../../app/components/error-state';
import { formatCurrency } from '../../app/i18n/format';
import { type Budget, getBudget, listBudgets, listProposals, type Proposal } from './api';
import { ActionError } from './shared';
import './i18n';

function ProposalAdmin({ p, onSaved }: { p: Proposal; onSaved: () => void }) {
  const { t } = useTranslation();
  const [threshold, setThreshold] = useState<number>(p.threshold);
  const [answer, setAnswer] = useState(p.answer ?? '');
  const save = useMutation({
    mutationFn: () =>
      unwrap(
        api.PATCH('/api/participation/proposals/{id}', {
          params: { path: { id: p.id } },
          body: { threshold, ...(answer.trim().length >= 2 && answer.trim() !== (p.answer ?? '') ? { answer: answer.trim() } : {}) },
        }),
      ),
    onSuccess: onSaved,
  });
  return (
    <Card withBorder component="li">
      <Text fw={700}>{p.title}</Text>
      <Text size="sm">
        {t('participation.supportsOf', { count: p.supportCount, threshold: p.threshold })} · {t(`participation.proposalStatus.${p.status}`)}
      </Text>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate();
        }}
      >
        <Group align="end" mt="xs">
          <NumberInput
            label={t('participation.staff.threshold')}
            value={threshold}
            min={1}
            allowDecimal={false}
            onChange={(v) => setThreshold(Number(v) || 1)}
            w={160}
          />
          <Textarea
            label={t('participation.municipalityAnswer')}
            value={answer}
            onChange={(e) => setAnswer(e.currentTarget.value)}
            autosize
            minRows={1}
            style={{ flex: 1, minWidth: 240 }}
          />
          <Button type="submit" loading={save.isPending}>
            {t('participation.staff.saveAnswer')}
          </Button>
        </Group>
        <ActionError error={save.error} />
      </form>
    </Card>
  );
}

type Project = Budget['projects'][number];
const STATUSES = ['planned', 'in_progress', 'completed', 'cancelled'] as const;

function ProjectAdmin({ p, onSaved }: { p: Project; onSaved: () => void }) {
  const { t } = useTranslation();
  const [status, setStatus] = useState<Project['progressStatus']>(p.progressStatus);
  const [percent, setPercent] = useState<number>(p.progressPercent);
  const [update, setUpdate] = useState('');
  const save = useMutation({
    mutationFn: () =>
      unwrap(
        api.POST('/api/participation/projects/{id}/progress', {
          params: { path: { id: p.id } },
          body: { status, percent, ...(update.trim() ? { update: update.trim() } : {}) },
        }),
      ),
    onSuccess: () => {
      setUpdate('');
      onSaved();
    },
  });
  return (
    <Card withBorder component="li">
      <Group justify="space-between">
        <Text fw={700}>{p.title}</Text>
        <Text>{formatCurrency(p.costCents / 100)}</Text>
      </Group>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate();
        }}
      >
        <Group align="end" mt="xs">
          <NativeSelect
            label={t('participation.staff.progressStatus')}
            value={status}
            onChange={(e) => setStatus(e.currentTarget.value as Project['progressStatus'])}
            data={STATUSES.map((s) => ({ value: s, label: t(`participation.progress.${s}`) }))}
          />
          <NumberInput
            label={t('participation.staff.percent')}
            value={percent}
            min={0}
            max={100}
            allowDecimal={false}
            onChange={(v) => setPercent(Number(v) || 0)}
            w={120}
          />
          <Textarea
            label={t('participation.staff.update')}
            value={update}
            onChange={(e) => setUpdate(e.currentTarget.value)}
            autosize
            minRows={1}
            style={{ flex: 1, minWidth: 240 }}
          />
          <Button type="submit" loading={save.isPending}>
            {t('participation.staff.saveAnswer')}
          </Button>
        </Group>
        <ActionError error={save.error} />
        {save.isSuccess && (
          <Text size="sm" role="status">
            {t('participation.staff.saved')}
          </Text>
        )}
      </form>
    </Card>
  );
}

function BudgetAdmin({ id }: { id: string }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const b = useQuery({ queryKey: ['participation', 'budget', id], queryFn: () => getBudget(id) });
  if (b.isPending) return <Loader size="sm" aria-label={t('app.loading')} />;
  if (!b.data) return <ErrorState error={b.error} />;
  return (
    <Stack component="ul" gap="xs" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
      {b.data.projects.map((p) => (
        <ProjectAdmin key={p.id} p={p} onSaved={() => void qc.invalidateQueries({ queryKey: ['participation', 'budget', id] })} />
      ))}
    </Stack>
  );
}

/** Staff: answer proposals and set their thresholds; report the progress of budget projects (accountability). */
export function StaffManagePage() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const proposals = useQuery({ queryKey: ['participation', 'proposals', 'staff'], queryFn: () => listProposals() });
  const budgets = useQuery({ queryKey: ['participation', 'budgets'], queryFn: listBudgets });
  const [budgetId, setBudgetId] = useState('');
  const chosen = budgetId || budgets.data?.[0]?.id || '';
  return (
    <Stack>
      <Title order={1} size="h2">
        {t('participation.staff.manageTitle')}
      </Title>
      <section aria-labelledby="staff-proposals">
        <Title order={2} size="h4" id="staff-proposals" mb="xs">
          {t('participation.proposals')}
        </Title>
        {proposals.isPending && <Loader size="sm" aria-label={t('app.loading')} />}
        {proposals.data?.items.length === 0 && <Alert variant="light">{t('participation.noProposals')}</Alert>}
        <Stack component="ul" gap="xs" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
          {proposals.data?.items.map((p) => (
            <ProposalAdmin key={p.id} p={p} onSaved={() => void qc.invalidateQueries({ queryKey: ['participation', 'proposals'] })} />
          ))}
        </Stack>
      </section>
      <section aria-labelledby="staff-budgets">
        <Title order={2} size="h4" id="staff-budgets" mb="xs">
          {t('participation.staff.progressTitle')}
        </Title>
        {budgets.data && budgets.data.length > 0 && (
          <NativeSelect
            label={t('participation.budgets')}
            value={chosen}
            onChange={(e) => setBudgetId(e.currentTarget.value)}
            data={budgets.data.map((b) => ({ value: b.id, label: b.title }))}
            maw={420}
            mb="sm"
          />
        )}
        {chosen && <BudgetAdmin id={chosen} />}
      </section>
    </Stack>
  );
}
