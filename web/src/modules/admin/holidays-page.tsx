import { ActionIcon, Button, Group, NumberInput, Select, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../app/api/client';
import { formatDate } from '../../app/i18n/format';
import { ErrorAlert, fieldErrors, PageTitle, useLoc } from './shared';

const thisYear = () => Number(new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Athens', year: 'numeric' }).format(new Date()));
const day = (d: string) => formatDate(`${d}T12:00:00Z`, { weekday: 'short', day: 'numeric', month: 'long' });

/** National holidays (computed) and the municipality's own days off, which stop SLA clocks. */
export function HolidaysPage() {
  const { t } = useTranslation();
  const loc = useLoc();
  const qc = useQueryClient();
  const [year, setYear] = useState(thisYear());
  const key = ['admin', 'holidays', year];
  const cal = useQuery({ queryKey: key, queryFn: () => unwrap(api.GET('/api/holidays', { params: { query: { year } } })) });
  const [form, setForm] = useState({ date: '', nameEl: '', nameEn: '', kind: 'holiday' as 'holiday' | 'closure' });
  const add = useMutation({
    mutationFn: () => unwrap(api.POST('/api/holidays', { body: form })),
    onSuccess: async () => {
      setForm({ date: '', nameEl: '', nameEn: '', kind: 'holiday' });
      await qc.invalidateQueries({ queryKey: ['admin', 'holidays'] });
    },
  });
  const remove = useMutation({
    mutationFn: (id: string) => unwrap(api.DELETE('/api/holidays/{id}', { params: { path: { id } } })),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['admin', 'holidays'] }),
  });
  const errors = fieldErrors(add.error);

  return (
    <Stack>
      <Group justify="space-between" align="flex-end">
        <PageTitle>{t('admin.holidays.title')}</PageTitle>
        <NumberInput
          label={t('admin.holidays.year')}
          value={year}
          min={1900}
          max={2099}
          onChange={(v) => typeof v === 'number' && v >= 1900 && v <= 2099 && setYear(v)}
          w={140}
        />
      </Group>
      <Text c="dimmed">{t('admin.holidays.intro')}</Text>
      <ErrorAlert error={cal.error ?? remove.error} />
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="xl">
        <Stack>
          <Title order={2} size="h4">
            {t('admin.holidays.tenant')}
          </Title>
          <form
            onSubmit={(e) => {
              e.preventDefault();
              add.mutate();
            }}
            aria-label={t('admin.holidays.add')}
          >
            <Stack gap="xs">
              <Group grow align="flex-start">
                <TextInput
                  label={t('admin.holidays.date')}
                  type="date"
                  required
                  value={form.date}
                  onChange={(e) => setForm({ ...form, date: e.currentTarget.value })}
                  error={errors.date}
                />
                <Select
                  label={t('admin.holidays.kind')}
                  allowDeselect={false}
                  value={form.kind}
                  onChange={(v) => v && setForm({ ...form, kind: v as 'holiday' | 'closure' })}
                  data={[
                    { value: 'holiday', label: t('admin.holidays.kinds.holiday') },
                    { value: 'closure', label: t('admin.holidays.kinds.closure') },
                  ]}
                />
              </Group>
              <Group grow align="flex-start">
                <TextInput
                  label={t('admin.nameEl')}
                  required
                  value={form.nameEl}
                  onChange={(e) => setForm({ ...form, nameEl: e.currentTarget.value })}
                  error={errors.nameEl}
                />
                <TextInput
                  label={t('admin.nameEn')}
                  required
                  value={form.nameEn}
                  onChange={(e) => setForm({ ...form, nameEn: e.currentTarget.value })}
                  error={errors.nameEn}
                />
              </Group>
              {add.error && !errors.date && <ErrorAlert error={add.error} />}
              <Button type="submit" loading={add.isPending} w="fit-content">
                {t('admin.holidays.add')}
              </Button>
            </Stack>
          </form>
          <Table>
            <Table.Caption>{t('admin.holidays.tenantCaption', { year })}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('admin.holidays.date')}</Table.Th>
                <Table.Th>{t('admin.holidays.name')}</Table.Th>
                <Table.Th>{t('admin.holidays.kind')}</Table.Th>
                <Table.Th>{t('admin.actions')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {(cal.data?.tenant ?? []).map((h) => (
                <Table.Tr key={h.id}>
                  <Table.Td>{day(h.date)}</Table.Td>
                  <Table.Td>{loc(h.nameEl, h.nameEn)}</Table.Td>
                  <Table.Td>{t(`admin.holidays.kinds.${h.kind}`)}</Table.Td>
                  <Table.Td>
                    <ActionIcon
                      variant="subtle"
                      color="red"
                      onClick={() => remove.mutate(h.id)}
                      loading={remove.isPending && remove.variables === h.id}
                      aria-label={t('admin.holidays.removeOf', { name: loc(h.nameEl, h.nameEn), date: day(h.date) })}
                    >
                      ×
                    </ActionIcon>
                  </Table.Td>
                </Table.Tr>
              ))}
              {cal.data && cal.data.tenant.length === 0 && (
                <Table.Tr>
                  <Table.Td colSpan={4}>
                    <Text c="dimmed">{t('admin.holidays.none')}</Text>
                  </Table.Td>
                </Table.Tr>
              )}
            </Table.Tbody>
          </Table>
        </Stack>
        <Stack>
          <Title order={2} size="h4">
            {t('admin.holidays.national')}
          </Title>
          <Table striped>
            <Table.Caption>{t('admin.holidays.nationalCaption', { year })}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('admin.holidays.date')}</Table.Th>
                <Table.Th>{t('admin.holidays.name')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {(cal.data?.national ?? []).map((h) => (
                <Table.Tr key={h.key}>
                  <Table.Td>{day(h.date)}</Table.Td>
                  <Table.Td>{loc(h.nameEl, h.nameEn)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Stack>
      </SimpleGrid>
    </Stack>
  );
}
