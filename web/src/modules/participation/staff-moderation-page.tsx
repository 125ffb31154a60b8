import { Badge, Button, Card, Group, Loader, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../app/api/client';
import { ErrorState } from '../../app/components/error-state';
import { formatDateTime } from '../../app/i18n/format';
import { ActionError } from './shared';
import { StaffTabs } from './staff-shared';
import './i18n';

type Item = Awaited<ReturnType<typeof loadQueue>>[number];
const loadQueue = () => unwrap(api.GET('/api/participation/moderation', { params: { query: { limit: 100 } } }));

function QueueItem({ item, onDone }: { item: Item; onDone: () => void }) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const act = useMutation({
    mutationFn: (action: 'hide' | 'restore') =>
      unwrap(
        api.POST('/api/participation/moderation/{kind}/{id}', {
          params: { path: { kind: item.kind, id: item.id } },
          body: { action, reason: reason.trim() },
        }),
      ),
    onSuccess: onDone,
  });
  return (
    <Card withBorder component="li">
      <Group justify="space-between">
        <Group gap="xs">
          <Badge variant="light">{t(`participation.staff.kind.${item.kind}`)}</Badge>
          {item.hidden && <Badge color="gray.8">{t('participation.staff.hidden')}</Badge>}
          <Text size="sm">{t('participation.staff.reports', { count: item.reportCount })}</Text>
        </Group>
        <Text size="xs">{formatDateTime(item.createdAt)}</Text>
      </Group>
      <Text my="xs" style={{ whiteSpace: 'pre-wrap' }}>
        {item.text}
      </Text>
      {item.reasons.length > 0 && (
        <Text size="sm" c="dimmed">
          {t('participation.staff.reasons')}: {item.reasons.filter(Boolean).join(' · ')}
        </Text>
      )}
      {item.hiddenReason && (
        <Text size="sm" c="dimmed">
          {t('participation.staff.hiddenBecause')}: {item.hiddenReason}
        </Text>
      )}
      <Group align="end" mt="xs">
        <TextInput
          label={t('participation.staff.modReason')}
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
          minLength={3}
          style={{ flex: 1 }}
        />
        <Button
          color="red.9"
          disabled={reason.trim().length < 3}
          onClick={() => act.mutate('hide')}
          loading={act.isPending && act.variables === 'hide'}
        >
          {t('participation.staff.hide')}
        </Button>
        <Button
          variant="outline"
          disabled={reason.trim().length < 3}
          onClick={() => act.mutate('restore')}
          loading={act.isPending && act.variables === 'restore'}
        >
          {t('participation.staff.restore')}
        </Button>
      </Group>
      <ActionError error={act.error} />
    </Card>
  );
}

/** Staff: reported and hidden comments, proposals, ideas and ratings; hide or restore with a reason. */
export function StaffModerationPage() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const q = useQuery({ queryKey: ['participation', 'moderation'], queryFn: loadQueue });
  return (
    <Stack>
      <StaffTabs />
      <Title order={1} size="h2">
        {t('participation.staff.moderationTitle')}
      </Title>
      {q.isPending && <Loader aria-label={t('app.loading')} />}
      {q.error && <ErrorState error={q.error} />}
      {q.data?.length === 0 && <Text>{t('participation.staff.queueEmpty')}</Text>}
      <Stack component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }} aria-label={t('participation.staff.moderationTitle')}>
        {q.data?.map((i) => (
          <QueueItem
            key={`${i.kind}-${i.id}`}
            item={i}
            onDone={() => void qc.invalidateQueries({ queryKey: ['participation', 'moderation'] })}
          />
        ))}
      </Stack>
    </Stack>
  );
}
