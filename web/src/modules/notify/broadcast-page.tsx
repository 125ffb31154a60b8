import { Alert, Anchor, Button, Card, Group, Loader, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../app/api/client';
import { useMe } from '../../app/auth/use-me';
import { ErrorState } from '../../app/components/error-state';
import { errorMessage } from '../../app/i18n';
import { formatDateTime, formatNumber } from '../../app/i18n/format';
import { approveBroadcast, type Broadcast, cancelBroadcast, getBroadcast } from './api';
import { Figures, StatusBadge } from './shared';
import './i18n';

const canApprove = (roles: { role: string }[]) => roles.some((r) => r.role === 'admin' || r.role === 'mayor_office');

/** One broadcast: its text, audience, live figures per channel, and Approve / Cancel. */
export function BroadcastPage() {
  const { id } = useParams({ strict: false }) as { id: string };
  const { t, i18n } = useTranslation();
  const { me } = useMe();
  const qc = useQueryClient();
  const [done, setDone] = useState<string | null>(null);
  const q = useQuery({
    queryKey: ['notify', 'broadcast', id],
    queryFn: () => getBroadcast(id),
    refetchInterval: (query) => {
      const s = query.state.data?.status;
      return s === 'sending' || s === 'scheduled' ? 3000 : false;
    },
  });
  const act = useMutation({
    mutationFn: (what: 'approve' | 'cancel') => (what === 'approve' ? approveBroadcast(id) : cancelBroadcast(id)),
    onSuccess: (b, what) => {
      qc.setQueryData(['notify', 'broadcast', id], (old: Broadcast | undefined) => ({ ...old, ...b }));
      qc.invalidateQueries({ queryKey: ['notify'] });
      setDone(t(what === 'approve' ? 'notify.detail.approved' : 'notify.detail.cancelled'));
    },
  });
  if (q.isPending) return <Loader aria-label={t('notify.loading')} />;
  if (q.isError) return <ErrorState error={q.error} onRetry={() => q.refetch()} />;
  const b = q.data;
  const en = i18n.language === 'en';
  const a = b.audience as { kind: string; topic?: string; subscriptionKind?: string; refId?: string };
  const own = !!me && me.id === b.createdBy;
  const pending = b.status === 'pending_approval';
  const cancellable = pending || b.status === 'scheduled';
  return (
    <Stack>
      <Anchor component={Link} to="/staff/broadcasts">
        {t('notify.detail.back')}
      </Anchor>
      <Group justify="space-between">
        <Title order={1} size="h2" lang={en ? 'en' : 'el'}>
          {en ? b.titleEn : b.titleEl}
        </Title>
        <StatusBadge status={b.status} />
      </Group>
      <div role="status" aria-live="polite">
        {done && <Alert color="green">{done}</Alert>}
      </div>
      {act.error && (
        <Alert color="red" role="alert">
          {errorMessage(act.error instanceof ApiError ? act.error.code : undefined)}
        </Alert>
      )}
      <Card withBorder>
        <Stack gap="xs">
          <Text>
            <strong>{t('notify.col.category')}:</strong> {t(`notify.category.${b.category}`)}
          </Text>
          <Text>
            <strong>{t('notify.detail.audience')}:</strong>{' '}
            {t(`notify.detail.audienceKind.${a.kind}`, { topic: a.topic, kind: a.subscriptionKind, ref: a.refId })}
          </Text>
          <Text>
            <strong>{t('notify.detail.channels')}:</strong> {b.channels.map((c) => t(`notify.channel.${c}`)).join(', ')}
          </Text>
          <Text>
            <strong>{t('notify.col.created')}:</strong> {formatDateTime(b.createdAt)}
          </Text>
          <Text>
            <strong>{t('notify.col.sendAt')}:</strong> {b.sendAt ? formatDateTime(b.sendAt) : t('notify.now')}
          </Text>
          {b.recipients != null && (
            <Text>
              <strong>{t('notify.detail.recipients')}:</strong> {formatNumber(b.recipients)}
            </Text>
          )}
          <Text fw={600} lang="el">
            {b.titleEl}
          </Text>
          <Text lang="el" style={{ whiteSpace: 'pre-wrap' }}>
            {b.textEl}
          </Text>
          <Text fw={600} lang="en">
            {b.titleEn}
          </Text>
          <Text lang="en" style={{ whiteSpace: 'pre-wrap' }}>
            {b.textEn}
          </Text>
        </Stack>
      </Card>
      <Title order={2} size="h3">
        {t('notify.col.figures')}
      </Title>
      {(b.status === 'sending' || b.status === 'scheduled') && <Text size="sm">{t('notify.detail.live')}</Text>}
      <Figures b={b} />
      {(pending || cancellable) && (
        <Group>
          {pending && me && canApprove(me.roles) && !own && (
            <Button loading={act.isPending && act.variables === 'approve'} onClick={() => act.mutate('approve')}>
              {t('notify.detail.approve')}
            </Button>
          )}
          {cancellable && (
            <Button color="red" variant="light" loading={act.isPending && act.variables === 'cancel'} onClick={() => act.mutate('cancel')}>
              {t('notify.detail.cancel')}
            </Button>
          )}
        </Group>
      )}
      {pending && own && <Text size="sm">{t('notify.detail.ownNote')}</Text>}
    </Stack>
  );
}
