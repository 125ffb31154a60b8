import { Badge, Group } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../app/api/client';
import type { Localized } from '../../app/api/endpoints';
import { errorMessage, registerTranslations } from '../../app/i18n';
import { type CaseSummary, flattenUnits, listColleagues, listUnits } from './api';
import el from './i18n/el.json';
import en from './i18n/en.json';

registerTranslations('helpdesk', { el, en });

/** The text of a Localized in the current language. */
export function useLoc() {
  const { i18n } = useTranslation();
  return (l: Localized | null | undefined) => (l ? (i18n.language === 'en' ? l.en : l.el) : '');
}

/** A server error as the user should read it: the server's own localized message, else the app's. */
export function problem(e: unknown): string {
  if (e instanceof ApiError) {
    const field = e.body.fields?.[0];
    return [e.body.message ?? errorMessage(e.code), field?.message].filter(Boolean).join(' ');
  }
  return errorMessage('generic');
}

export function useUnits() {
  const q = useQuery({ queryKey: ['helpdesk', 'units'], queryFn: listUnits, staleTime: 5 * 60_000 });
  const flat = q.data ? flattenUnits(q.data.items) : [];
  return { units: flat, byId: new Map(flat.map((u) => [u.id, u])) };
}

export function useColleagues() {
  const q = useQuery({ queryKey: ['helpdesk', 'staff'], queryFn: listColleagues, staleTime: 5 * 60_000 });
  const list = q.data ?? [];
  return { colleagues: list, byId: new Map(list.map((c) => [c.id, c])) };
}

const CATEGORY_COLOR: Record<string, string> = {
  new: 'blue',
  open: 'cyan',
  in_progress: 'indigo',
  waiting_citizen: 'yellow',
  resolved: 'green',
  rejected: 'gray',
  closed: 'gray',
};

const CLOSED = ['resolved', 'rejected', 'closed'];

/** Days from today (Athens) to a date; negative when past. */
export function daysUntil(date: string) {
  const today = new Date().toLocaleDateString('sv-SE', { timeZone: 'Europe/Athens' });
  return Math.round((Date.parse(`${date}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000);
}

export const DUE_SOON_DAYS = 2;

export function isDueSoon(c: Pick<CaseSummary, 'dueDate' | 'stateCategory' | 'overdue'>) {
  if (!c.dueDate || c.overdue || CLOSED.includes(c.stateCategory)) return false;
  return daysUntil(c.dueDate) <= DUE_SOON_DAYS;
}

/** State, overdue and due-soon marks of a case, as text (colour is never the only signal). */
export function CaseMarks({ c }: { c: CaseSummary }) {
  const { t } = useTranslation();
  const loc = useLoc();
  return (
    <Group gap={4} wrap="wrap">
      <Badge color={CATEGORY_COLOR[c.stateCategory] ?? 'gray'} variant="light" c="dark.8">
        {loc(c.stateName)}
      </Badge>
      {c.overdue && (
        <Badge color="red" variant="filled">
          {t('helpdesk.inbox.overdue')}
        </Badge>
      )}
      {isDueSoon(c) && (
        <Badge color="orange" variant="light" c="dark.8">
          {t('helpdesk.inbox.dueSoon')}
        </Badge>
      )}
      {c.priority !== 'normal' && (
        <Badge color={c.priority === 'urgent' || c.priority === 'high' ? 'red' : 'gray'} variant="outline" c="dark.8">
          {t(`helpdesk.priority.${c.priority}`)}
        </Badge>
      )}
    </Group>
  );
}
