import { ErrorAlert as AppErrorAlert } from '../../app/components/error-alert';
import './i18n';

/** An API error as an alert, with our own text for the codes the appointment screens expect. */
export function ErrorAlert({ error }: { error: unknown }) {
  return <AppErrorAlert error={error} ns="appointments" />;
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
