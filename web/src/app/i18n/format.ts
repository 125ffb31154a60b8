import { currentLanguage } from './index';

/** BCP 47 locale for Intl: Greek formatting is el-GR; English uses en-GB (day-month order, 24h, € after the number style of the EU). */
export const localeOf = (lng = currentLanguage()) => (lng === 'en' ? 'en-GB' : 'el-GR');

export const formatDate = (d: Date | string | number, opts: Intl.DateTimeFormatOptions = { dateStyle: 'long' }) =>
  new Intl.DateTimeFormat(localeOf(), { timeZone: 'Europe/Athens', ...opts }).format(new Date(d));

export const formatDateTime = (d: Date | string | number) => formatDate(d, { dateStyle: 'medium', timeStyle: 'short' });

export const formatNumber = (n: number, opts?: Intl.NumberFormatOptions) => new Intl.NumberFormat(localeOf(), opts).format(n);

export const formatCurrency = (amount: number, currency = 'EUR') =>
  new Intl.NumberFormat(localeOf(), { style: 'currency', currency }).format(amount);
