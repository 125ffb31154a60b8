import { athensDay } from '../../platform/calendar/index.js';
import type { TCaseTypeSnapshot } from '../cases/index.js';

/** What a case type asks the applicant to pay, for a given filing date. */
export type TQuote = {
  required: boolean;
  cents: number;
  /** The e-παράβολο type code (κωδικός τύπου παραβόλου), when the case type names one. */
  eParavoloCode: string | null;
  reason: 'fee' | 'late';
  /** For a late fine: the threshold it applies after. */
  afterDays?: number;
  /** For a late fine: whole calendar days between the `lateFrom` date and the filing date. */
  lateDays?: number;
};

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A calendar date (YYYY-MM-DD) as days since 1970-01-01, or null when it is no real date. */
export function dayNumber(date: string): number | null {
  const m = DATE.exec(date);
  if (!m) return null;
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  const d = new Date(ms);
  if (d.getUTCFullYear() !== Number(m[1]) || d.getUTCMonth() !== Number(m[2]) - 1 || d.getUTCDate() !== Number(m[3])) return null;
  return Math.round(ms / 86_400_000);
}

/** The Europe/Athens calendar date of an instant, YYYY-MM-DD. */
export function athensDate(at: Date): string {
  return athensDay(at);
}

/**
 * The fee of a case type: the base fee, or — when the type has late fines and `lateFrom` (the date
 * the legal deadline runs from, e.g. the day a court decision became final) lies more than
 * `afterDays` Athens calendar days before the filing date — the fine with the largest `afterDays`
 * among those exceeded, instead of the base fee. `required` is false when nothing is owed.
 */
export function quoteFee(fee: TCaseTypeSnapshot['fee'], lateFrom: string | null | undefined, filingDate: string): TQuote {
  if (!fee) return { required: false, cents: 0, eParavoloCode: null, reason: 'fee' };
  const base: TQuote = { required: fee.cents > 0, cents: fee.cents, eParavoloCode: fee.eParavoloCode ?? null, reason: 'fee' };
  if (!fee.lateFines?.length || !lateFrom) return base;
  const from = dayNumber(lateFrom);
  const filed = dayNumber(filingDate);
  if (from === null || filed === null) return base;
  const days = filed - from;
  const fine = fee.lateFines.filter((f) => f.afterDays < days).sort((a, b) => b.afterDays - a.afterDays || b.cents - a.cents)[0];
  if (!fine) return base;
  return {
    required: fine.cents > 0,
    cents: fine.cents,
    eParavoloCode: fine.eParavoloCode,
    reason: 'late',
    afterDays: fine.afterDays,
    lateDays: days,
  };
}

/** The `lateFrom` date answered in a case's form, when the type has one. */
export function lateFromOf(fee: TCaseTypeSnapshot['fee'], data: Record<string, unknown>): string | null {
  if (!fee?.lateFrom) return null;
  const v = data[fee.lateFrom];
  return typeof v === 'string' ? v.slice(0, 10) : null;
}

/** 3000 → "30,00 €" (el) or "€30.00" (en). */
export function formatEuros(cents: number, lang: 'el' | 'en') {
  return new Intl.NumberFormat(lang === 'el' ? 'el-GR' : 'en-IE', { style: 'currency', currency: 'EUR' }).format(cents / 100);
}
