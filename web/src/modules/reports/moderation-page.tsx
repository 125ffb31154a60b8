import { Alert, Badge, Button, Card, Checkbox, Group, Image, Loader, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../app/api/client';
import { ErrorState } from '../../app/components/error-state';
import { formatDateTime } from '../../app/i18n/format';
import { moderate, moderationQueue, type QueueItem } from './api';
import { localized } from './shared';
import './i18n';

type Action = Parameters<typeof moderate>[1];

function Item({ item, onDone }: { item: QueueItem; onDone: () => void }) {
  const { t, i18n } = useTranslation();
  const [reason, setReason] = useState('');
  const [title, setTitle] = useState(item.publicTitle ?? item.title);
  const act = useMutation({
    mutationFn: (a: Omit<Action, 'reason'>) => moderate(item.id, { ...a, reason: reason.trim() }),
    onSuccess: onDone,
  });
  const ok = reason.trim().length >= 3;
  const reasonId = `reason-${item.id}`;
  return (
    <Card withBorder component="li" padding="md" radius="md">
      <Group justify="space-between" align="start">
        <Stack gap={2}>
          <Title order={2} size="h4">
            {item.title}
          </Title>
          <Text size="sm">
            {localized(item.categoryName, i18n.language)}
            {item.protocolNumber ? ` · ${item.protocolNumber}` : ''} · {formatDateTime(item.submittedAt)}
          </Text>
        </Stack>
        <Group gap="xs">
          {item.reviewed && <Badge color="green.9">{t('reports.modReviewed')}</Badge>}
          {item.hidden && <Badge color="gray.8">{t('reports.modHidden', { reason: item.hiddenReason ?? '' })}</Badge>}
        </Group>
      </Group>
      {item.description && (
        <Text my="xs" style={{ whiteSpace: 'pre-wrap' }}>
          {item.description}
        </Text>
      )}
      {item.fileIds.length > 0 && (
        <Group gap="sm" my="xs">
          {item.fileIds.map((f, i) => (
            <Stack key={f} gap={4} align="center">
              <Image src={`/api/files/${f}/thumb`} alt={t('reports.photoAlt', { n: i + 1 })} w={120} h={90} radius="sm" fit="cover" />
              {!item.redactedFileIds.includes(f) && (
                <Button
                  size="compact-xs"
                  variant="light"
                  color="red"
                  disabled={!ok}
                  onClick={() => act.mutate({ action: 'redact_photo', fileId: f })}
                >
                  {t('reports.modRedactPhoto', { n: i + 1 })}
                </Button>
              )}
            </Stack>
          ))}
        </Group>
      )}
      <Stack gap="xs" mt="sm">
        <TextInput
          id={reasonId}
          label={t('reports.modReason')}
          required
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
          description={t('reports.modReasonNeeded')}
        />
        <Group gap="sm" align="end">
          <Button
            disabled={!ok}
            onClick={() => act.mutate({ action: 'approve' })}
            loading={act.isPending && act.variables?.action === 'approve'}
          >
            {t('reports.modApprove')}
          </Button>
          {item.hidden ? (
            <Button variant="light" disabled={!ok} onClick={() => act.mutate({ action: 'unhide' })}>
              {t('reports.modUnhide')}
            </Button>
          ) : (
            <Button variant="light" color="red" disabled={!ok} onClick={() => act.mutate({ action: 'hide' })}>
              {t('reports.modHide')}
            </Button>
          )}
        </Group>
        <Group gap="sm" align="end">
          <TextInput
            label={t('reports.modPublicTitle')}
            value={title}
            onChange={(e) => setTitle(e.currentTarget.value)}
            style={{ flex: 1 }}
          />
          <Button
            variant="light"
            disabled={!ok || !title.trim()}
            onClick={() => act.mutate({ action: 'redact_text', title: title.trim() })}
          >
            {t('reports.modRedactText')}
          </Button>
        </Group>
        {act.isError && (
          <Alert color="red" role="alert">
            {act.error instanceof ApiError ? act.error.message : t('reports.error')}
          </Alert>
        )}
      </Stack>
    </Card>
  );
}

/** The staff queue of street reports to moderate: what the public sees, with a reason for each action. */
export function ModerationPage() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [all, setAll] = useState(false);
  const queue = useQuery({ queryKey: ['reports', 'moderation', all], queryFn: () => moderationQueue(all) });
  const [done, setDone] = useState(false);
  return (
    <Stack gap="md">
      <Title order={1} size="h2">
        {t('reports.modTitle')}
      </Title>
      <Text>{t('reports.modIntro')}</Text>
      <Checkbox label={t('reports.modAll')} checked={all} onChange={(e) => setAll(e.currentTarget.checked)} />
      {done && (
        <Alert color="green" role="status">
          {t('reports.modDone')}
        </Alert>
      )}
      {queue.isLoading && <Loader aria-label="…" />}
      {queue.isError && <ErrorState error={queue.error} onRetry={() => queue.refetch()} />}
      {queue.data?.length === 0 && <Text>{t('reports.modEmpty')}</Text>}
      <Stack component="ul" gap="md" p={0} style={{ listStyle: 'none' }}>
        {queue.data?.map((item) => (
          <Item
            key={item.id}
            item={item}
            onDone={() => {
              setDone(true);
              void qc.invalidateQueries({ queryKey: ['reports', 'moderation'] });
            }}
          />
        ))}
      </Stack>
    </Stack>
  );
}
