import { Button, Group, NativeSelect, Stack, Table, TextInput, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { callJson } from '../../app/api/client';
import './i18n';

const COLS = [
  'plate',
  'category',
  'startAt',
  'endAt',
  'at',
  'kind',
  'doneOn',
  'description',
  'vehicles',
  'distanceKm',
  'durationS',
  'maxSpeedKmh',
  'engineHours',
  'refuelledL',
  'usedL',
  'per100Km',
  'perHour',
  'normL',
  'dropL',
  'value',
  'totalCost',
];
const KINDS = ['trips', 'stops', 'fuel', 'maintenance', 'categories', 'events'] as const;
const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toLocaleDateString('sv-SE', { timeZone: 'Europe/Athens' });

/** Staff: fleet reports for a period, on screen and as CSV, XLSX and PDF. */
export function ReportsPage() {
  const { t, i18n } = useTranslation('translation', { keyPrefix: 'fleet' });
  const [kind, setKind] = useState<(typeof KINDS)[number]>('fuel');
  const [from, setFrom] = useState(day(-7));
  const [to, setTo] = useState(day(0));
  const q = `from=${encodeURIComponent(new Date(`${from}T00:00:00`).toISOString())}&to=${encodeURIComponent(new Date(`${to}T23:59:59`).toISOString())}`;
  const rep = useQuery({
    queryKey: ['fleet', 'report', kind, q],
    queryFn: () => callJson<{ title: string; items: Record<string, unknown>[] }>('GET', `/api/fleet/reports/${kind}?${q}`),
  });
  const cols = rep.data?.items[0] ? COLS.filter((k) => k in (rep.data?.items[0] ?? {})) : [];
  return (
    <Stack>
      <Title order={1}>{t('reportsTitle')}</Title>
      <Group align="end">
        <NativeSelect
          label={t('report')}
          value={kind}
          onChange={(e) => setKind(e.currentTarget.value as (typeof KINDS)[number])}
          data={KINDS.map((k) => ({ value: k, label: t(`reportKinds.${k}`) }))}
        />
        <TextInput type="date" label={t('from')} value={from} onChange={(e) => e.currentTarget.value && setFrom(e.currentTarget.value)} />
        <TextInput type="date" label={t('to')} value={to} onChange={(e) => e.currentTarget.value && setTo(e.currentTarget.value)} />
      </Group>
      <Group>
        {(['csv', 'xlsx', 'pdf'] as const).map((f) => (
          <Button key={f} component="a" variant="default" href={`/api/fleet/reports/${kind}?${q}&format=${f}`}>
            {t('download', { kind: t(`reportKinds.${kind}`), format: f.toUpperCase() })}
          </Button>
        ))}
      </Group>
      <Title order={2}>{t(`reportKinds.${kind}`)}</Title>
      <Table striped>
        <Table.Thead>
          <Table.Tr>
            {cols.map((c) => (
              <Table.Th key={c}>{t(`cols.${c}`)}</Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {(rep.data?.items ?? []).slice(0, 200).map((r, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: report rows have no stable key of their own in every kind
            <Table.Tr key={i}>
              {cols.map((c) => (
                <Table.Td key={c}>
                  {c === 'category'
                    ? t(`categories.${String(r[c])}`)
                    : c === 'kind'
                      ? t(`events.${String(r[c])}`)
                      : /At$/.test(c)
                        ? new Date(String(r[c])).toLocaleString(i18n.language === 'en' ? 'en-GB' : 'el-GR')
                        : String(r[c] ?? '—')}
                </Table.Td>
              ))}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}
