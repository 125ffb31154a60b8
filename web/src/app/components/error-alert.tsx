import { Alert } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client';
import { errorMessage } from '../i18n';

/**
 * An API error in words: with `ns`, the screen's own text for a code (`<ns>.errors.<code>`) comes
 * first; else the server's message, else the app-wide text for the code.
 */
export function useApiErrorText(ns?: string) {
  const { t } = useTranslation();
  return (e: unknown) => {
    const code = e instanceof ApiError ? e.code : 'generic';
    const own = ns ? t(`${ns}.errors.${code}`, { defaultValue: '' }) : '';
    if (own) return own;
    if (e instanceof ApiError && e.body.message && e.body.message !== code) return e.body.message;
    return errorMessage(code);
  };
}

/** A failed action's error as one alert (nothing when there is no error). */
export function ErrorAlert({ error, ns }: { error: unknown; ns?: string }) {
  const text = useApiErrorText(ns);
  if (!error) return null;
  return (
    <Alert color="red" variant="light" role="alert">
      {text(error)}
    </Alert>
  );
}
