import { athensDate, athensInstant, formatLocalDate, parseLocalDate, shiftDays, TIME_ZONE } from '../../platform/calendar/index.js';
import type { TInterval } from './schema.js';

/** Wall-clock helpers for Athens: the unit's hours are local times, slots are instants. */

export const todayInAthens = (now = new Date()) => formatLocalDate(athensDate(now));

export const addDays = (date: string, n: number) => formatLocalDate(shiftDays(parseLocalDate(date), n));

export function minutesOf(hhmm: string): number {
  const m = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(hhmm);
  if (!m) return Number.NaN;
  return Number(m[1]) * 60 + Number(m[2]);
}

/** The instant `minutes` after midnight of an Athens date (DST-safe). */
export function instantAt(date: string, minutes: number): Date {
  return athensInstant(parseLocalDate(date), Math.floor(minutes / 60), minutes % 60);
}

/** A list of intervals is valid when every one is HH:MM–HH:MM, start < end, sorted and not overlapping. */
export function validIntervals(list: TInterval[]): boolean {
  let prevEnd = -1;
  for (const i of list) {
    const a = minutesOf(i.from);
    const b = minutesOf(i.to);
    if (Number.isNaN(a) || Number.isNaN(b) || a >= b || a < prevEnd) return false;
    prevEnd = b;
  }
  return true;
}

const timeFmt = new Intl.DateTimeFormat('el-GR', {
  timeZone: TIME_ZONE,
  weekday: 'long',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});
const timeFmtEn = new Intl.DateTimeFormat('en-GB', {
  timeZone: TIME_ZONE,
  weekday: 'long',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** "Τρίτη 3 Μαρτίου 2026, 09:30" for messages, in Athens time. */
export function formatWhen(t: Date, lang: 'el' | 'en') {
  return (lang === 'el' ? timeFmt : timeFmtEn).format(t);
}
