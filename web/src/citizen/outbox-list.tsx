import { Badge, Button, Card, Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../app/i18n';
import { formatDateTime } from '../app/i18n/format';
import type { OutboxItem } from '../app/pwa/outbox';
import type { RequestDraft } from '../modules/forms';

const statusColor = { draft: 'gray', queued: 'yellow', failed: 'red' } as const;

export function OutboxList({
  items,
  onSend,
  onRemove,
  onOpen,
}: {
  items: OutboxItem<RequestDraft>[];
  onSend: (item: OutboxItem<RequestDraft>) => void;
  onRemove: (id: string) => void;
  onOpen?: (item: OutboxItem<RequestDraft>) => void;
}) {
  const { t, i18n } = useTranslation();
  if (items.length === 0) return <Text c="dimmed">{t('outbox.empty')}</Text>;
  return (
    <Stack gap="sm" component="ul" p={0} style={{ listStyle: 'none' }}>
      {items.map((item) => (
        <Card component="li" key={item.id} withBorder radius="md" padding="md">
          <Group justify="space-between" align="flex-start" wrap="nowrap">
            <div style={{ minWidth: 0 }}>
              <Text fw={600} truncate>
                {item.body.typeName
                  ? item.body.typeName[i18n.language === 'en' ? 'en' : 'el']
                  : item.body.category
                    ? t(`request.categories.${item.body.category}`)
                    : t('request.title')}
              </Text>
              <Text size="sm" lineClamp={2}>
                {item.body.description}
              </Text>
              <Text size="xs" c="dimmed" mt={4}>
                {t('outbox.updated', { date: formatDateTime(item.updatedAt) })}
              </Text>
              {item.status === 'failed' && item.lastError && (
                <Text size="xs" c="red.9">
                  {errorMessage(item.lastError)}
                </Text>
              )}
            </div>
            <Badge color={statusColor[item.status]} variant="light" c="dark.7" style={{ flexShrink: 0 }}>
              {t(`outbox.status.${item.status}`)}
            </Badge>
          </Group>
          <Group gap="xs" mt="sm">
            {onOpen && item.status === 'draft' && (
              <Button size="xs" variant="light" onClick={() => onOpen(item)}>
                {t('request.title')}
              </Button>
            )}
            {item.status !== 'draft' && (
              <Button size="xs" variant="light" onClick={() => onSend(item)}>
                {t('outbox.sendNow')}
              </Button>
            )}
            <Button size="xs" variant="subtle" color="red.9" c="red.9" onClick={() => onRemove(item.id)}>
              {t('outbox.remove')}
            </Button>
          </Group>
        </Card>
      ))}
    </Stack>
  );
}
