import { formatLocalDate, parseLocalDate, publicHolidayDates, shiftDays, type TLocalDate, weekday } from './holidays.js';

/**
 * Working days as the municipality counts them: Monday to Friday in Athens,
 * minus national holidays and the tenant's own holidays and closures. An
 * instant (a `Date`) is first turned into its Athens calendar date, so a case
 * filed at 00:30 on Saturday in Athens (still Friday in UTC) counts as filed on
 * Saturday.
 */

export const TIME_ZONE = 'Europe/Athens';

/** Extra non-working days: `YYYY-MM-DD` strings or rows with a `date` (as `loadTenantHolidays` returns). */
export type TExtraDays = ReadonlySet<string> | Iterable<string | { date: string }>;

/** Anything that names a day: an instant (read in Athens), a local date, or `YYYY-MM-DD`. */
export type TDayLike = Date | TLocalDate | string;

const athensFmt = new Intl.DateTimeFormat('en-CA', {
  timeZone: TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

/** The Athens wall clock at an instant: year, month (1–12), day, hour (0–23), minute, second. */
export function athensWallClock(t: Date) {
  const p: Record<string, number> = {};
  for (const part of athensFmt.formatToParts(t)) if (part.type !== 'literal') p[part.type] = Number(part.value);
  return { y: p.year!, m: p.month!, d: p.day!, h: p.hour!, mi: p.minute!, s: p.second! };
}

/** The Athens calendar date of an instant. */
export function athensDate(t: Date): TLocalDate {
  if (Number.isNaN(t.getTime())) throw new RangeError('invalid Date');
  const { y, m, d } = athensWallClock(t);
  return { y, m, d };
}

/** Athens minus UTC at an instant, in milliseconds (+2h in winter, +3h in summer). */
function athensOffsetMs(t: Date): number {
  const w = athensWallClock(t);
  const asUtc = Date.UTC(w.y, w.m - 1, w.d, w.h, w.mi, w.s);
  return asUtc - (t.getTime() - t.getUTCMilliseconds());
}

/** The instant an Athens wall-clock time happens. Midnight is never in the DST gap (03:00–04:00), so it is always exact. */
export function athensInstant(d: TLocalDate, h = 0, mi = 0, s = 0, ms = 0): Date {
  const naive = Date.UTC(d.y, d.m - 1, d.d, h, mi, s, ms);
  const first = naive - athensOffsetMs(new Date(naive));
  return new Date(naive - athensOffsetMs(new Date(first)));
}

/** The last millisecond of an Athens calendar day. */
export function endOfAthensDay(d: TLocalDate): Date {
  return new Date(athensInstant(shiftDays(d, 1)).getTime() - 1);
}

export function toLocalDate(day: TDayLike): TLocalDate {
  if (day instanceof Date) return athensDate(day);
  if (typeof day === 'string') return parseLocalDate(day);
  return day;
}

function toSet(extra: TExtraDays | undefined): ReadonlySet<string> {
  if (!extra) return new Set();
  if (extra instanceof Set) return extra as ReadonlySet<string>;
  const out = new Set<string>();
  for (const e of extra as Iterable<string | { date: string }>) out.add(typeof e === 'string' ? e : e.date);
  return out;
}

function isWorking(d: TLocalDate, extra: ReadonlySet<string>): boolean {
  const wd = weekday(d);
  if (wd === 0 || wd === 6) return false;
  const key = formatLocalDate(d);
  return !publicHolidayDates(d.y).has(key) && !extra.has(key);
}

/** Monday–Friday in Athens, not a Greek public holiday, not one of `extra`. */
export function isWorkingDay(day: TDayLike, extra?: TExtraDays): boolean {
  return isWorking(toLocalDate(day), toSet(extra));
}

/**
 * The Athens date `n` working days after `start`'s day. Counting starts the
 * day after the start day (a deadline never includes the day of filing), so a
 * case filed on Friday evening with 1 working day is due on Monday, or Tuesday
 * when Monday is a holiday. With n = 0 the answer is the start day itself if it
 * is a working day, else the next working day.
 */
export function addWorkingDaysLocal(start: TDayLike, n: number, extra?: TExtraDays): string {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`addWorkingDays: n must be a whole number ≥ 0, got ${n}`);
  const set = toSet(extra);
  let d = toLocalDate(start);
  if (n === 0) {
    while (!isWorking(d, set)) d = shiftDays(d, 1);
    return formatLocalDate(d);
  }
  let left = n;
  while (left > 0) {
    d = shiftDays(d, 1);
    if (isWorking(d, set)) left--;
  }
  return formatLocalDate(d);
}

/**
 * Like `addWorkingDaysLocal`, as the instant the due day ends in Athens
 * (23:59:59.999 local): the citizen has the whole due day, and the instant is
 * right on either side of a DST change.
 */
export function addWorkingDays(start: TDayLike, n: number, extra?: TExtraDays): Date {
  return endOfAthensDay(parseLocalDate(addWorkingDaysLocal(start, n, extra)));
}

/**
 * Working days in (a, b]: the days after a's day up to and including b's day,
 * so that `workingDaysBetween(a, addWorkingDays(a, n)) === n`. Negative when
 * b is before a; 0 on the same day.
 */
export function workingDaysBetween(a: TDayLike, b: TDayLike, extra?: TExtraDays): number {
  const set = toSet(extra);
  const from = toLocalDate(a);
  const to = toLocalDate(b);
  const fromKey = formatLocalDate(from);
  const toKey = formatLocalDate(to);
  if (fromKey === toKey) return 0;
  const [lo, hi, sign] = fromKey < toKey ? [from, toKey, 1] : [to, fromKey, -1];
  let count = 0;
  let d = lo;
  for (;;) {
    d = shiftDays(d, 1);
    if (isWorking(d, set)) count++;
    if (formatLocalDate(d) === hi) break;
  }
  return sign * count;
}
