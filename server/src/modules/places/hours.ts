import { athensDateTime, parseLocalDate, weekday } from '../../platform/calendar/index.js';
import type { TWeeklyHours } from './schema.js';

export const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type TDay = (typeof DAYS)[number];
const TIME = /^([01]\d|2[0-3]):[0-5]\d$|^24:00$/;

/** Checks weekly hours: known days, HH:MM times, each interval opening before it closes, no overlaps. */
export function hoursValid(h: TWeeklyHours): boolean {
  for (const [day, list] of Object.entries(h)) {
    if (!(DAYS as readonly string[]).includes(day) || !Array.isArray(list)) return false;
    const sorted = [...list].sort((a, b) => a.open.localeCompare(b.open));
    let last = '';
    for (const i of sorted) {
      if (!TIME.test(i.open) || !TIME.test(i.close) || i.open >= i.close || i.open < last) return false;
      last = i.close;
    }
  }
  return true;
}

/**
 * Reads the text form used in CSV: `mon-fri 08:00-15:00, 17:00-20:00; sat 09:00-13:00`
 * (day ranges or single days, intervals separated by commas, day groups by semicolons).
 * Returns null when it cannot be read; an empty text is "no hours".
 */
export function parseHoursText(text: string): TWeeklyHours | null {
  const out: TWeeklyHours = {};
  const groups = text
    .split(';')
    .map((g) => g.trim())
    .filter(Boolean);
  for (const g of groups) {
    const m = g.match(/^([a-z]{3})(?:-([a-z]{3}))?\s+(.+)$/i);
    if (!m) return null;
    const from = DAYS.indexOf(m[1]?.toLowerCase() as TDay);
    const to = m[2] ? DAYS.indexOf(m[2].toLowerCase() as TDay) : from;
    if (from < 0 || to < 0 || to < from) return null;
    const intervals = (m[3] as string).split(',').map((s) => {
      const [open, close] = s.trim().split('-');
      return { open: open?.trim() ?? '', close: close?.trim() ?? '' };
    });
    for (let d = from; d <= to; d++) {
      const day = DAYS[d] as TDay;
      out[day] = [...(out[day] ?? []), ...intervals];
    }
  }
  return hoursValid(out) ? out : null;
}

/** The text form of weekly hours, grouping consecutive days with the same intervals. */
export function formatHoursText(h: TWeeklyHours | null | undefined): string {
  if (!h) return '';
  const key = (d: TDay) => (h[d] ?? []).map((i) => `${i.open}-${i.close}`).join(', ');
  const parts: string[] = [];
  let i = 0;
  while (i < DAYS.length) {
    const day = DAYS[i] as TDay;
    const k = key(day);
    let j = i;
    while (j + 1 < DAYS.length && key(DAYS[j + 1] as TDay) === k) j++;
    if (k) parts.push(`${i === j ? day : `${day}-${DAYS[j]}`} ${k}`);
    i = j + 1;
  }
  return parts.join('; ');
}

/** Weekday and "HH:MM" in Athens at a moment. */
export function athensClock(now: Date): { day: TDay; time: string; date: string } {
  const [date, time] = athensDateTime(now).split(' ') as [string, string];
  const day = (['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const)[weekday(parseLocalDate(date))] as TDay;
  return { day, time, date };
}

/** Open at this moment (Athens time)? null when the place has no hours. */
export function isOpenAt(h: TWeeklyHours | null | undefined, now: Date): boolean | null {
  if (!h || !Object.keys(h).length) return null;
  const { day, time } = athensClock(now);
  return (h[day] ?? []).some((i) => i.open <= time && time < i.close);
}
