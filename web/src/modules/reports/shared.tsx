import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { PublicStatus } from './api';

/** Colours of the public statuses, chosen for contrast with white text (WCAG AA). */
export const STATUS_COLOR: Record<PublicStatus, string> = {
  open: '#1c5d99',
  planned: '#6741a8',
  in_progress: '#9a5b00',
  fixed: '#1f7a35',
  closed_not_fixed: '#a4262c',
  not_ours: '#4d5761',
};

export function StatusBadge({ status }: { status: PublicStatus }) {
  const { t } = useTranslation();
  return (
    <Badge color={STATUS_COLOR[status]} variant="filled" radius="sm" style={{ textTransform: 'none' }}>
      {t(`reports.st.${status}`)}
    </Badge>
  );
}

export const localized = (l: { el: string; en: string }, lang: string) => (lang === 'en' ? l.en : l.el);
