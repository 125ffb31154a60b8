import { formatLocalDate } from './holidays.js';
import { athensDate, athensWallClock, TIME_ZONE } from './working-days.js';

/**
 * The Athens clock: what a wall clock in the town hall shows at an instant, whatever the
 * server's own zone. Modules use these instead of their own `Intl.DateTimeFormat(... 'Europe/Athens')`.
 */

const pad = (n: number) => String(n).padStart(2, '0');

/** The Athens calendar day of an instant as `YYYY-MM-DD` (default: now). */
export function athensDay(t: Date = new Date()): string {
  return formatLocalDate(athensDate(t));
}

/** The Athens calendar year of an instant. */
export function athensYear(t: Date = new Date()): number {
  return athensWallClock(t).y;
}

/** Minutes since Athens midnight (0–1439), e.g. for quiet hours. */
export function athensMinuteOfDay(t: Date = new Date()): number {
  const w = athensWallClock(t);
  return w.h * 60 + w.mi;
}

/** `YYYY-MM-DD HH:mm` on the Athens clock (sorts as text; for exports and reports). */
export function athensDateTime(t: Date): string {
  const w = athensWallClock(t);
  return `${w.y}-${pad(w.m)}-${pad(w.d)} ${pad(w.h)}:${pad(w.mi)}`;
}

/**
 * The Athens wall-clock time as a `Date` whose UTC fields carry it: for writers that store a
 * time without a zone (XLSX cells), so the sheet shows the time a reader in Greece expects.
 */
export function athensNaive(t: Date): Date {
  const w = athensWallClock(t);
  return new Date(Date.UTC(w.y, w.m - 1, w.d, w.h, w.mi, w.s, t.getUTCMilliseconds()));
}

/** Athens's offset from UTC at an instant as `+02:00` or `+03:00` (for ISO 8601 local times). */
export function athensOffset(t: Date = new Date()): string {
  const min = Math.round((athensNaive(t).getTime() - t.getTime()) / 60_000);
  const sign = min < 0 ? '-' : '+';
  const a = Math.abs(min);
  return `${sign}${pad(Math.floor(a / 60))}:${pad(a % 60)}`;
}

/** A date or date and time in the reader's language on the Athens clock (`el-GR` / `en-GB`). */
export function formatAthens(
  t: Date,
  lang: 'el' | 'en',
  opts: Intl.DateTimeFormatOptions = { dateStyle: 'medium', timeStyle: 'short' },
): string {
  return new Intl.DateTimeFormat(lang === 'el' ? 'el-GR' : 'en-GB', { ...opts, timeZone: TIME_ZONE }).format(t);
}
