import { Badge, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../../app/i18n/format';
import { type Broadcast, FIGURES } from './api';

const STATUS_COLOR: Record<string, string> = {
  pending_approval: 'yellow',
  scheduled: 'blue',
  sending: 'cyan',
  sent: 'green',
  cancelled: 'gray',
};

export function StatusBadge({ status }: { status: string }) {
  const { t } = useTranslation();
  return (
    <Badge variant="light" color={STATUS_COLOR[status] ?? 'gray'} autoContrast>
      {t(`notify.status.${status}`)}
    </Badge>
  );
}

/** Delivery figures per channel: a short line each (compact) or a table. */
export function Figures({ b, compact }: { b: Broadcast; compact?: boolean }) {
  const { t } = useTranslation();
  const entries = Object.entries(b.figures ?? {});
  if (compact) {
    if (!entries.length) return <Text size="sm">{b.recipients != null ? formatNumber(b.recipients) : '—'}</Text>;
    return (
      <>
        {entries.map(([ch, f]) => (
          <Text size="sm" key={ch}>
            {t(`notify.channel.${ch}`)}: {FIGURES.map((k) => `${t(`notify.figure.${k}`)} ${formatNumber(f[k])}`).join(' · ')}
          </Text>
        ))}
      </>
    );
  }
  if (!entries.length) return <Text>{t('notify.detail.noFigures')}</Text>;
  return (
    <Table data-testid="figures">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t('notify.detail.channel')}</Table.Th>
          {FIGURES.map((k) => (
            <Table.Th key={k}>{t(`notify.figure.${k}`)}</Table.Th>
          ))}
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {entries.map(([ch, f]) => (
          <Table.Tr key={ch}>
            <Table.Th scope="row">{t(`notify.channel.${ch}`)}</Table.Th>
            {FIGURES.map((k) => (
              <Table.Td key={k}>{formatNumber(f[k])}</Table.Td>
            ))}
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
