import { Alert, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ApiError, type ApiErrorBody } from '../../app/api/client';
import { errorMessage, registerTranslations } from '../../app/i18n';
import el from './i18n/el.json';
import en from './i18n/en.json';

registerTranslations('admin', { el, en });

/** Picks the el or en text of a pair, following the interface language. */
export function useLoc() {
  const { i18n } = useTranslation();
  return (el: string | null | undefined, en: string | null | undefined) => (i18n.language === 'en' ? en || el : el || en) ?? '';
}

/** The server's field errors by path (`snapshot.form.fields.0.label.el`). */
export function fieldErrors(error: unknown): Record<string, string> {
  if (!(error instanceof ApiError)) return {};
  const out: Record<string, string> = {};
  for (const f of (error.body as ApiErrorBody).fields ?? []) out[f.field] = f.message ?? errorMessage(f.code);
  return out;
}

/** A field error by exact path, or the first one under it. */
export function errorAt(errors: Record<string, string>, ...paths: string[]): string | undefined {
  for (const p of paths) {
    if (errors[p]) return errors[p];
  }
  return undefined;
}

/** The request's error as one alert (the message the server gave, in the interface language). */
export function ErrorAlert({ error }: { error: unknown }) {
  const { t } = useTranslation();
  if (!error) return null;
  const message = error instanceof ApiError ? error.body.message || errorMessage(error.code) : t('errors.generic');
  return (
    <Alert color="red" variant="light" role="alert">
      {message}
    </Alert>
  );
}

export function PageTitle({ children }: { children: string }) {
  return (
    <Title order={1} size="h2">
      {children}
    </Title>
  );
}
