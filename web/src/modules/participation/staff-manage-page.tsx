import { Alert, Button, Card, Group, Loader, NumberInput, Stack, Text, Textarea, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../app/api/client';
import { listProposals, type Proposal } from './api';
import { ActionError } from './shared';
import { StaffTabs } from './staff-shared';
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

/** Staff: answer proposals and set their thresholds (budget progress lives on each budget's staff page). */
export function StaffManagePage() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const proposals = useQuery({ queryKey: ['participation', 'proposals', 'staff'], queryFn: () => listProposals() });
  return (
    <Stack>
      <StaffTabs />
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
    </Stack>
  );
}
