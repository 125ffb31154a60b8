import { Alert } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../app/api/client';
import { errorMessage } from '../../app/i18n';
import './i18n';

/** An API error in words: our own text for the codes the screens expect, else the server's message. */
export function useErrorText() {
  const { t } = useTranslation();
  return (e: unknown) => {
    const code = e instanceof ApiError ? e.code : 'generic';
    const own = t(`appointments.errors.${code}`, { defaultValue: '' });
    if (own) return own;
    if (e instanceof ApiError && e.body.message && e.body.message !== code) return e.body.message;
    return errorMessage(code);
  };
}

export function ErrorAlert({ error }: { error: unknown }) {
  const text = useErrorText();
  if (!error) return null;
  return (
    <Alert color="red" variant="light" role="alert">
      {text(error)}
    </Alert>
  );
}

/** Athens wall-clock time of an instant, e.g. "09:20". */
export const timeOf = (iso: string | null, locale: string) =>
  iso
    ? new Intl.DateTimeFormat(locale, { timeZone: 'Europe/Athens', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(
        new Date(iso),
      )
    : '';

/** A YYYY-MM-DD calendar date in words (read as a date, no time zone shift). */
export const dayOf = (
  date: string,
  locale: string,
  opts: Intl.DateTimeFormatOptions = { weekday: 'long', day: 'numeric', month: 'long' },
) => new Intl.DateTimeFormat(locale, { timeZone: 'UTC', ...opts }).format(new Date(`${date}T12:00:00Z`));

/** A wide table that scrolls sideways on small screens; the scroll region is focusable so keyboards can scroll it. */
export function ScrollTable({ label, minWidth, children }: { label: string; minWidth: number; children: ReactNode }) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard (WCAG 2.1.1)
    <section aria-label={label} tabIndex={0} style={{ overflowX: 'auto' }}>
      <div style={{ minWidth }}>{children}</div>
    </section>
  );
}
