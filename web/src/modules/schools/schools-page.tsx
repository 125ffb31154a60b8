import './i18n';
import { Alert, Anchor, Badge, Button, Group, Loader, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { hasRole, useMe } from '../../app/auth/use-me';
import { ErrorState } from '../../app/components/error-state';
import { formatNumber } from '../../app/i18n/format';
import { listSchools, schoolStats } from './api';
import { SchoolForm } from './school-form';

/** The schools registry: search, figures per school, and (for those who manage it) a new school. */
export function SchoolsPage() {
  const { t } = useTranslation();
  const { me } = useMe();
  const canManage = hasRole(me, 'admin') || hasRole(me, 'head');
  const [q, setQ] = useState('');
  const [adding, setAdding] = useState(false);
  const [created, setCreated] = useState<string>();
  const list = useQuery({ queryKey: ['schools', q], queryFn: () => listSchools(q.trim() || undefined) });
  const stats = useQuery({ queryKey: ['schools-stats', 'all'], queryFn: () => schoolStats() });
  const figures = new Map((stats.data?.bySchool ?? []).map((s) => [s.schoolId, s.figures]));

  return (
    <Stack>
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={1} size="h2">
            {t('schools.registry.title')}
          </Title>
          <Text c="dimmed">{t('schools.registry.intro')}</Text>
        </div>
        <Group>
          <Button component={Link} to="/staff/schools/overview" variant="light">
            {t('schools.registry.overview')}
          </Button>
          {canManage && !adding && <Button onClick={() => setAdding(true)}>{t('schools.registry.add')}</Button>}
        </Group>
      </Group>
      {created && (
        <Alert
          color="green"
          role="status"
          withCloseButton
          onClose={() => setCreated(undefined)}
          closeButtonLabel={t('schools.form.cancel')}
        >
          {t('schools.form.saved')} {created}
        </Alert>
      )}
      {adding && (
        <section aria-labelledby="new-school-title">
          <Title order={2} size="h3" id="new-school-title" mb="sm">
            {t('schools.form.title')}
          </Title>
          <SchoolForm
            onDone={(s) => {
              setAdding(false);
              if (s) {
                setCreated(s.name);
                void list.refetch();
              }
            }}
          />
        </section>
      )}
      <TextInput label={t('schools.registry.search')} value={q} onChange={(e) => setQ(e.currentTarget.value)} maw={360} type="search" />
      {list.isPending && <Loader aria-label={t('app.loading')} />}
      {list.isError && <ErrorState error={list.error} onRetry={() => void list.refetch()} />}
      {list.data && list.data.items.length === 0 && <Text>{t('schools.registry.empty')}</Text>}
      {list.data && list.data.items.length > 0 && (
        <Table.ScrollContainer minWidth={640}>
          <Table striped highlightOnHover aria-label={t('schools.registry.listLabel')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('schools.registry.name')}</Table.Th>
                <Table.Th scope="col">{t('schools.registry.level')}</Table.Th>
                <Table.Th scope="col">{t('schools.registry.address')}</Table.Th>
                <Table.Th scope="col" ta="right">
                  {t('schools.registry.open')}
                </Table.Th>
                <Table.Th scope="col" ta="right">
                  {t('schools.registry.overdue')}
                </Table.Th>
                <Table.Th scope="col" ta="right">
                  {t('schools.registry.avgDays')}
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.data.items.map((s) => {
                const f = figures.get(s.id);
                return (
                  <Table.Tr key={s.id}>
                    <Table.Th scope="row" fw={500}>
                      <Anchor component={Link} to={`/staff/schools/${s.id}`}>
                        {s.name}
                      </Anchor>{' '}
                      {!s.active && (
                        <Badge color="gray" variant="light" c="dark.7">
                          {t('schools.registry.inactive')}
                        </Badge>
                      )}
                    </Table.Th>
                    <Table.Td>{t(`schools.levels.${s.level}`)}</Table.Td>
                    <Table.Td>{s.address ?? ''}</Table.Td>
                    <Table.Td ta="right">{f ? formatNumber(f.open) : '–'}</Table.Td>
                    <Table.Td ta="right">{f ? formatNumber(f.overdue) : '–'}</Table.Td>
                    <Table.Td ta="right">{f?.avgCompletionDays != null ? formatNumber(f.avgCompletionDays) : '–'}</Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}
