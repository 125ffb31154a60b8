import { Anchor, Badge, Button, Group, Loader, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { ErrorState } from '../../app/components/error-state';
import { formatDateTime } from '../../app/i18n/format';
import { type Broadcast, listBroadcasts } from './api';
import { Figures, StatusBadge } from './shared';
import './i18n';

/** All broadcasts of the municipality, newest first, with their status and delivery figures. */
export function BroadcastsPage() {
  const { t, i18n } = useTranslation();
  const q = useQuery({ queryKey: ['notify', 'broadcasts'], queryFn: listBroadcasts, refetchInterval: 10_000 });
  const en = i18n.language === 'en';
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={1} size="h2">
          {t('notify.title')}
        </Title>
        <Button component={Link} to="/staff/broadcasts/new">
          {t('notify.new')}
        </Button>
      </Group>
      {q.isPending ? (
        <Loader aria-label={t('notify.loading')} />
      ) : q.isError ? (
        <ErrorState error={q.error} onRetry={() => q.refetch()} />
      ) : q.data.items.length === 0 ? (
        <Text>{t('notify.empty')}</Text>
      ) : (
        <Table.ScrollContainer minWidth={720}>
          <Table>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('notify.col.title')}</Table.Th>
                <Table.Th>{t('notify.col.status')}</Table.Th>
                <Table.Th>{t('notify.col.category')}</Table.Th>
                <Table.Th>{t('notify.col.created')}</Table.Th>
                <Table.Th>{t('notify.col.sendAt')}</Table.Th>
                <Table.Th>{t('notify.col.figures')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {q.data.items.map((b: Broadcast) => (
                <Table.Tr key={b.id}>
                  <Table.Td>
                    <Anchor component={Link} to={`/staff/broadcasts/${b.id}`} lang={en ? 'en' : 'el'}>
                      {en ? b.titleEn : b.titleEl}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>
                    <StatusBadge status={b.status} />
                  </Table.Td>
                  <Table.Td>
                    <Badge variant="light" color={b.category === 'civil_protection' ? 'red' : 'gray'}>
                      {t(`notify.category.${b.category}`)}
                    </Badge>
                  </Table.Td>
                  <Table.Td>{formatDateTime(b.createdAt)}</Table.Td>
                  <Table.Td>{b.sendAt ? formatDateTime(b.sendAt) : t('notify.now')}</Table.Td>
                  <Table.Td>
                    <Figures b={b} compact />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}
