import { useTranslation } from 'react-i18next';
import { formatCurrency, formatDate, formatDateTime, formatNumber } from './format';

/** Formatting helpers that re-render when the language changes. */
export function useFormat() {
  const { i18n } = useTranslation();
  // i18n.language in the dependency path makes callers re-render on change
  void i18n.language;
  return { formatDate, formatDateTime, formatNumber, formatCurrency };
}
