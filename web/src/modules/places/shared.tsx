import { Badge, Group } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../../app/i18n/format';
import type { PlaceSummary } from './api';

/** Emoji icons for the categories' icon keys: no icon library in the citizen bundle. */
const ICONS: Record<string, string> = {
  building: '🏛',
  school: '🏫',
  baby: '🧸',
  ball: '⚽',
  theater: '🎭',
  tree: '🌳',
  parking: '🅿',
  pharmacy: '✚',
};
export const iconOf = (key: string) => ICONS[key] ?? '📍';

export function CategoryIcon({ icon, color }: { icon: string; color: string }) {
  return (
    <span className="places-icon" style={{ background: color }} aria-hidden="true">
      {iconOf(icon)}
    </span>
  );
}

export function useDistance() {
  const { t } = useTranslation();
  return (m: number) =>
    m < 1000
      ? t('places.m', { value: formatNumber(Math.round(m / 10) * 10) })
      : t('places.km', { value: formatNumber(m / 1000, { maximumFractionDigits: 1 }) });
}

export function StatusBadges({ p }: { p: Pick<PlaceSummary, 'openNow' | 'onDutyToday' | 'wheelchair'> }) {
  const { t } = useTranslation();
  return (
    <Group gap={6}>
      {p.openNow === true && (
        <Badge color="#1b5e20" variant="filled" style={{ textTransform: 'none' }}>
          {t('places.openNowBadge')}
        </Badge>
      )}
      {p.openNow === false && (
        <Badge color="#37474f" variant="filled" style={{ textTransform: 'none' }}>
          {t('places.closedNowBadge')}
        </Badge>
      )}
      {p.onDutyToday && (
        <Badge color="#b71c1c" variant="filled" style={{ textTransform: 'none' }}>
          {t('places.onDutyBadge')}
        </Badge>
      )}
      {p.wheelchair && (
        <Badge color="#0b4f8a" variant="filled" style={{ textTransform: 'none' }}>
          {t(`places.wheelchair.${p.wheelchair}`)}
        </Badge>
      )}
    </Group>
  );
}
