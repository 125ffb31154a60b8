import { Badge, Button, Group } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../app/api/client';
import type { LifecycleTransition } from '../../app/components/lifecycle-list';
import { errorMessage } from '../../app/i18n';
import type { Verification } from './api';
import './i18n';

export const VERIFICATIONS: Verification[] = ['none', 'phone', 'taxisnet', 'resident'];

const TABS = [
  ['/staff/participation', 'consultations'],
  ['/staff/participation/surveys', 'surveys'],
  ['/staff/participation/budgets', 'budgets'],
  ['/staff/participation/ideas', 'ideas'],
  ['/staff/participation/manage', 'proposals'],
  ['/staff/participation/ratings', 'ratings'],
  ['/staff/participation/residents', 'residents'],
  ['/staff/participation/moderation', 'moderation'],
] as const;

/** The sections of staff participation, as links (the staff navigation has one entry for all of them). */
export function StaffTabs() {
  const { t } = useTranslation();
  return (
    <nav aria-label={t('participation.staff.sections')}>
      <Group gap={6} component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
        {TABS.map(([to, key]) => (
          <li key={key}>
            <Button
              size="compact-sm"
              variant="subtle"
              color="dark.7"
              renderRoot={(props) => (
                <Link
                  {...props}
                  to={to}
                  activeOptions={{ exact: to === '/staff/participation', includeSearch: false }}
                  activeProps={{ 'aria-current': 'page', style: { fontWeight: 700, textDecoration: 'underline', textUnderlineOffset: 4 } }}
                />
              )}
            >
              {t(`participation.staff.tab.${key}`)}
            </Button>
          </li>
        ))}
      </Group>
    </nav>
  );
}

/** The server's field errors, by field path (`questions.0.text`), already translated. */
export function fieldErrors(error: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (error instanceof ApiError) for (const f of error.body.fields ?? []) out[f.field] ??= f.message ?? errorMessage(f.code);
  return out;
}

/** Whether an error is only about fields shown on the form (so no general alert is needed). */
export function onlyFields(error: unknown, shown: (field: string) => boolean) {
  return error instanceof ApiError && (error.body.fields?.length ?? 0) > 0 && (error.body.fields ?? []).every((f) => shown(f.field));
}

/** `<input type="datetime-local">` value for a date (local time). */
export function localInput(d: Date) {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}`;
}

/** ΑΦΜ check digit (the same rule the server applies): 9 digits, Σ dᵢ·2⁸⁻ⁱ mod 11 mod 10. */
export function isValidAfm(input: string) {
  const s = input.replace(/[\s.\-\u00a0]/g, '');
  if (!/^\d{9}$/.test(s) || s === '000000000') return false;
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += Number(s[i]) * 2 ** (8 - i);
  return (sum % 11) % 10 === Number(s[8]);
}

/** A lifecycle state as a filled badge (contrast checked in every state). */
export function statusBadge(t: (k: string) => string, s: string) {
  return (
    <Badge variant="filled" color={s === 'open' ? '#1b6b2f' : s === 'draft' ? 'gray.8' : 'dark.6'}>
      {t(`participation.status.${s}`)}
    </Badge>
  );
}

/** The open / close moves of surveys, budgets and idea calls (open again from draft or closed). */
export function openClose(t: (k: string) => string): LifecycleTransition<string>[] {
  return [
    { action: 'open', label: t('participation.staff.open'), when: (s) => s !== 'open' },
    { action: 'closed', label: t('participation.staff.close'), when: (s) => s === 'open', variant: 'outline' },
  ];
}
