/**
 * Greek public holidays, computed rather than typed in each year: the fixed
 * dates plus those that move with Orthodox Easter. Dates here are calendar
 * dates with no time of day (`YYYY-MM-DD`), because a holiday is a whole day
 * in Athens whatever the server's clock zone.
 */

/** A calendar date with no time and no zone: month and day are 1-based. */
export type TLocalDate = { y: number; m: number; d: number };

export type TPublicHoliday = {
  /** `YYYY-MM-DD` */
  date: string;
  /** Stable key, for code and tests (`clean_monday`, `labour_day`). */
  key: string;
  name: { el: string; en: string };
};

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

export function formatLocalDate(d: TLocalDate): string {
  return `${pad(d.y, 4)}-${pad(d.m)}-${pad(d.d)}`;
}

export function parseLocalDate(s: string): TLocalDate {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) throw new RangeError(`not a YYYY-MM-DD date: ${s}`);
  const d = { y: Number(m[1]), m: Number(m[2]), d: Number(m[3]) };
  // Round-trip through UTC to refuse 2026-02-30 and friends.
  if (formatLocalDate(shiftDays(d, 0)) !== s) throw new RangeError(`not a calendar date: ${s}`);
  return d;
}

/** Calendar arithmetic in UTC, where every day has 24 hours, so DST never shifts a date. */
export function shiftDays(d: TLocalDate, days: number): TLocalDate {
  const t = new Date(Date.UTC(d.y, d.m - 1, d.d + days));
  return { y: t.getUTCFullYear(), m: t.getUTCMonth() + 1, d: t.getUTCDate() };
}

/** 0 = Sunday … 6 = Saturday. */
export function weekday(d: TLocalDate): number {
  return new Date(Date.UTC(d.y, d.m - 1, d.d)).getUTCDay();
}

/**
 * Orthodox Easter Sunday (Gregorian date), by Meeus's Julian algorithm plus the
 * 13 days between the calendars. The 13-day gap holds from 1 March 1900 to
 * 28 February 2100, so other years are refused rather than answered wrong.
 */
export function orthodoxEaster(year: number): TLocalDate {
  if (!Number.isInteger(year) || year < 1900 || year > 2099) throw new RangeError(`orthodoxEaster: year out of range 1900–2099: ${year}`);
  const a = year % 4;
  const b = year % 7;
  const c = year % 19;
  const d = (19 * c + 15) % 30;
  const e = (2 * a + 4 * b - d + 34) % 7;
  const month = Math.floor((d + e + 114) / 31);
  const day = ((d + e + 114) % 31) + 1;
  return shiftDays({ y: year, m: month, d: day }, 13);
}

const FIXED: { m: number; d: number; key: string; el: string; en: string }[] = [
  { m: 1, d: 1, key: 'new_year', el: 'Πρωτοχρονιά', en: "New Year's Day" },
  { m: 1, d: 6, key: 'epiphany', el: 'Θεοφάνια', en: 'Epiphany' },
  { m: 3, d: 25, key: 'independence_day', el: 'Εθνική Επέτειος 25ης Μαρτίου / Ευαγγελισμός', en: 'Independence Day / Annunciation' },
  { m: 8, d: 15, key: 'dormition', el: 'Κοίμηση της Θεοτόκου', en: 'Dormition of the Virgin Mary' },
  { m: 10, d: 28, key: 'ochi_day', el: 'Εθνική Επέτειος 28ης Οκτωβρίου', en: 'Ochi Day' },
  { m: 12, d: 25, key: 'christmas', el: 'Χριστούγεννα', en: 'Christmas Day' },
  { m: 12, d: 26, key: 'synaxis', el: 'Σύναξη της Θεοτόκου', en: 'Synaxis of the Virgin Mary (Boxing Day)' },
];

/** Offsets from Orthodox Easter Sunday. */
const MOVING: { offset: number; key: string; el: string; en: string }[] = [
  { offset: -48, key: 'clean_monday', el: 'Καθαρά Δευτέρα', en: 'Clean Monday' },
  { offset: -2, key: 'good_friday', el: 'Μεγάλη Παρασκευή', en: 'Good Friday' },
  { offset: 0, key: 'easter_sunday', el: 'Κυριακή του Πάσχα', en: 'Easter Sunday' },
  { offset: 1, key: 'easter_monday', el: 'Δευτέρα του Πάσχα', en: 'Easter Monday' },
  { offset: 50, key: 'whit_monday', el: 'Αγίου Πνεύματος', en: 'Whit Monday (Holy Spirit Monday)' },
];

/**
 * Where Labour Day is observed. The state moves it by decision each time
 * 1 May falls in Holy Week or on Easter Monday; in every such year so far
 * (2013, 2016, 2021, 2024) it went to the Tuesday after Easter, so that
 * is the rule here. A different decision is a tenant closure away.
 */
export function labourDay(year: number): TLocalDate {
  const easter = orthodoxEaster(year);
  const mayFirst = { y: year, m: 5, d: 1 };
  const holyMonday = shiftDays(easter, -6);
  const easterMonday = shiftDays(easter, 1);
  const key = formatLocalDate(mayFirst);
  if (key >= formatLocalDate(holyMonday) && key <= formatLocalDate(easterMonday)) return shiftDays(easter, 2);
  return mayFirst;
}

/**
 * The national public holidays of one year, sorted by date: the days public
 * services (municipalities included) are closed by law. Holy Saturday is left
 * out: it is not a public-service holiday and is a Saturday anyway. The
 * municipality's patron saint's day is local, so it lives in tenant_holidays.
 */
export function greekPublicHolidays(year: number): TPublicHoliday[] {
  const easter = orthodoxEaster(year);
  const out: TPublicHoliday[] = [
    ...FIXED.map((h) => ({ date: formatLocalDate({ y: year, m: h.m, d: h.d }), key: h.key, name: { el: h.el, en: h.en } })),
    ...MOVING.map((h) => ({ date: formatLocalDate(shiftDays(easter, h.offset)), key: h.key, name: { el: h.el, en: h.en } })),
    { date: formatLocalDate(labourDay(year)), key: 'labour_day', name: { el: 'Πρωτομαγιά', en: 'Labour Day' } },
  ];
  return out.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

const cache = new Map<number, Set<string>>();

/** The holiday dates of a year as a set, computed once per year per process. */
export function publicHolidayDates(year: number): ReadonlySet<string> {
  let set = cache.get(year);
  if (!set) {
    set = new Set(greekPublicHolidays(year).map((h) => h.date));
    cache.set(year, set);
  }
  return set;
}
