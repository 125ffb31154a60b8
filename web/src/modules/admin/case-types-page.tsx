import { Badge, Button, Group, Stack, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../app/api/client';
import { ErrorAlert, PageTitle, useLoc } from './shared';

export const CASE_TYPES_KEY = ['admin', 'case-types'] as const;
export const listAdminCaseTypes = () => unwrap(api.GET('/api/admin/case-types'));

export function CaseTypesPage() {
  const { t } = useTranslation();
  const loc = useLoc();
  const types = useQuery({ queryKey: CASE_TYPES_KEY, queryFn: listAdminCaseTypes });
  return (
    <Stack>
      <Group justify="space-between">
        <PageTitle>{t('admin.caseTypes.title')}</PageTitle>
        <Button renderRoot={(props) => <Link {...props} to="/staff/admin/case-types/$id" params={{ id: 'new' }} />}>
          {t('admin.caseTypes.create')}
        </Button>
      </Group>
      <Text c="dimmed">{t('admin.caseTypes.intro')}</Text>
      <ErrorAlert error={types.error} />
      <Table striped highlightOnHover>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('admin.caseTypes.name')}</Table.Th>
            <Table.Th>{t('admin.caseTypes.group')}</Table.Th>
            <Table.Th>{t('admin.caseTypes.version')}</Table.Th>
            <Table.Th>{t('admin.caseTypes.fields')}</Table.Th>
            <Table.Th>{t('admin.staff.status')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {(types.data ?? []).map((ct) => (
            <Table.Tr key={ct.id}>
              <Table.Td>
                <Link to="/staff/admin/case-types/$id" params={{ id: ct.id }}>
                  {loc(ct.snapshot.nameEl, ct.snapshot.nameEn)}
                </Link>
                <Text size="xs" c="dimmed">
                  {ct.key}
                </Text>
              </Table.Td>
              <Table.Td>{t(`request.groups.${ct.group}`, { defaultValue: ct.group })}</Table.Td>
              <Table.Td>{ct.version}</Table.Td>
              <Table.Td>{ct.snapshot.form.fields.length}</Table.Td>
              <Table.Td>
                <Group gap={4}>
                  {!ct.active && (
                    <Badge color="dark.6" variant="outline">
                      {t('admin.caseTypes.inactive')}
                    </Badge>
                  )}
                  <Badge color={ct.snapshot.public ? 'teal.9' : 'grape.9'} variant="outline">
                    {ct.snapshot.public ? t('admin.caseTypes.public') : t('admin.caseTypes.private')}
                  </Badge>
                </Group>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}
