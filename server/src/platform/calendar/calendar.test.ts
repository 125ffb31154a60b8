import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/db.js';
import { makeTenant } from '../../../test/factories.js';
import type { Database } from '../db/database.js';
import {
  addWorkingDays,
  addWorkingDaysLocal,
  athensDate,
  formatLocalDate,
  greekPublicHolidays,
  isWorkingDay,
  labourDay,
  loadTenantHolidays,
  orthodoxEaster,
  tenantHolidays,
  workingDaysBetween,
} from './index.js';

const easter = (y: number) => formatLocalDate(orthodoxEaster(y));
const holiday = (y: number, key: string) => greekPublicHolidays(y).find((h) => h.key === key)?.date;
/** Athens local time given with its explicit offset, so tests never depend on the machine's zone. */
const at = (iso: string) => new Date(iso);

describe('orthodoxEaster', () => {
  it.each([
    [2024, '2024-05-05'],
    [2025, '2025-04-20'],
    [2026, '2026-04-12'],
    [2027, '2027-05-02'],
    [2021, '2021-05-02'],
    [2016, '2016-05-01'],
    [2010, '2010-04-04'],
    [2000, '2000-04-30'],
  ])('%i is %s', (year, date) => {
    expect(easter(year)).toBe(date);
  });

  it('is always a Sunday between 4 April and 8 May in 1900–2099', () => {
    for (let y = 1900; y <= 2099; y++) {
      const e = orthodoxEaster(y);
      expect(new Date(Date.UTC(e.y, e.m - 1, e.d)).getUTCDay()).toBe(0);
      const key = formatLocalDate(e).slice(5);
      expect(key >= '04-04' && key <= '05-08').toBe(true);
    }
  });

  it('refuses years where the Julian–Gregorian gap is not 13 days', () => {
    expect(() => orthodoxEaster(1899)).toThrow(RangeError);
    expect(() => orthodoxEaster(2100)).toThrow(RangeError);
    expect(() => orthodoxEaster(2026.5)).toThrow(RangeError);
  });
});

describe('greekPublicHolidays', () => {
  it('has the moving holidays of 2026 from Easter on 12 April', () => {
    expect(holiday(2026, 'clean_monday')).toBe('2026-02-23');
    expect(holiday(2026, 'good_friday')).toBe('2026-04-10');
    expect(holiday(2026, 'easter_monday')).toBe('2026-04-13');
    expect(holiday(2026, 'whit_monday')).toBe('2026-06-01');
  });

  it('has every fixed holiday, sorted, with Greek and English names', () => {
    const list = greekPublicHolidays(2026);
    const dates = list.map((h) => h.date);
    for (const d of ['01-01', '01-06', '03-25', '05-01', '08-15', '10-28', '12-25', '12-26']) expect(dates).toContain(`2026-${d}`);
    expect(dates).toEqual([...dates].sort());
    expect(list).toHaveLength(13);
    for (const h of list) {
      expect(h.name.el).toMatch(/[Α-Ωα-ωά-ώ]/);
      expect(h.name.en).toMatch(/[A-Za-z]/);
    }
    expect(list.find((h) => h.key === 'clean_monday')?.name).toEqual({ el: 'Καθαρά Δευτέρα', en: 'Clean Monday' });
  });

  it('moves Labour Day to the Tuesday after Easter when 1 May falls in Holy Week or on Easter', () => {
    expect(formatLocalDate(labourDay(2024))).toBe('2024-05-07'); // 1 May was Holy Wednesday
    expect(formatLocalDate(labourDay(2021))).toBe('2021-05-04'); // Holy Saturday
    expect(formatLocalDate(labourDay(2016))).toBe('2016-05-03'); // Easter Sunday
    expect(formatLocalDate(labourDay(2026))).toBe('2026-05-01'); // Easter long past
    expect(formatLocalDate(labourDay(2027))).toBe('2027-05-04'); // Easter 2 May: 1 May is Holy Saturday
    expect(formatLocalDate(labourDay(2013))).toBe('2013-05-07'); // Holy Wednesday, as decided that year
    expect(holiday(2024, 'labour_day')).toBe('2024-05-07');
    expect(greekPublicHolidays(2024).map((h) => h.date)).not.toContain('2024-05-01');
  });
});

describe('isWorkingDay', () => {
  it('is Monday to Friday that is not a holiday', () => {
    expect(isWorkingDay('2026-02-20')).toBe(true); // Friday
    expect(isWorkingDay('2026-02-21')).toBe(false); // Saturday
    expect(isWorkingDay('2026-02-22')).toBe(false); // Sunday
    expect(isWorkingDay('2026-02-23')).toBe(false); // Clean Monday
    expect(isWorkingDay('2026-02-24')).toBe(true);
    expect(isWorkingDay({ y: 2026, m: 6, d: 1 })).toBe(false); // Whit Monday
  });

  it('reads an instant as its Athens date, not its UTC date', () => {
    // 2026-02-23 00:30 in Athens is still Sunday 22:30 UTC: it is Clean Monday in Athens.
    const t = at('2026-02-22T22:30:00Z');
    expect(formatLocalDate(athensDate(t))).toBe('2026-02-23');
    expect(isWorkingDay(t)).toBe(false);
    expect(isWorkingDay(at('2026-02-24T21:59:00Z'))).toBe(true); // Tue 23:59 Athens
    expect(isWorkingDay(at('2026-02-24T22:00:00Z'))).toBe(true); // Wed 00:00 Athens
    expect(isWorkingDay(at('2026-02-27T22:00:00Z'))).toBe(false); // Sat 00:00 Athens
  });

  it('honours extra days as strings, a set or tenant rows', () => {
    expect(isWorkingDay('2026-11-11', ['2026-11-11'])).toBe(false);
    expect(isWorkingDay('2026-11-11', new Set(['2026-11-11']))).toBe(false);
    expect(isWorkingDay('2026-11-11', [{ date: '2026-11-11' }])).toBe(false);
    expect(isWorkingDay('2026-11-12', [{ date: '2026-11-11' }])).toBe(true);
  });

  it('refuses a date that does not exist', () => {
    expect(() => isWorkingDay('2026-02-30')).toThrow(RangeError);
    expect(() => isWorkingDay('26-02-03')).toThrow(RangeError);
  });
});

describe('addWorkingDays', () => {
  it('takes a case filed Friday 18:00 in Athens with 1 working day to the end of Monday', () => {
    const filed = at('2026-11-20T18:00:00+02:00'); // Friday
    expect(addWorkingDaysLocal(filed, 1)).toBe('2026-11-23');
    expect(addWorkingDays(filed, 1).toISOString()).toBe('2026-11-23T21:59:59.999Z'); // 23:59:59.999 Athens (+02)
  });

  it('skips a Monday holiday: Friday before Clean Monday → Tuesday', () => {
    expect(addWorkingDaysLocal(at('2026-02-20T18:00:00+02:00'), 1)).toBe('2026-02-24');
  });

  it('skips the whole Easter stretch', () => {
    // Thursday 9 April 2026; Good Friday 10, weekend, Easter Monday 13.
    expect(addWorkingDaysLocal('2026-04-09', 1)).toBe('2026-04-14');
    expect(addWorkingDaysLocal('2026-04-09', 5)).toBe('2026-04-20');
  });

  it('skips tenant holidays and closures', () => {
    const extra = [{ date: '2026-11-23' }, { date: '2026-11-24' }];
    expect(addWorkingDaysLocal('2026-11-20', 1, extra)).toBe('2026-11-25');
    expect(addWorkingDaysLocal('2026-11-20', 3, extra)).toBe('2026-11-27');
  });

  it('counts across a year end with Christmas and New Year', () => {
    // Wed 23 Dec 2026 + 3: Thu 24, (Fri 25, Sat, Sun), Mon 28, Tue 29.
    expect(addWorkingDaysLocal('2026-12-23', 3)).toBe('2026-12-29');
    // Wed 30 Dec + 2: Thu 31, (Fri 1 Jan, weekend), Mon 4 Jan.
    expect(addWorkingDaysLocal('2026-12-30', 2)).toBe('2027-01-04');
  });

  it('ends the due day at Athens midnight on both sides of the spring DST change', () => {
    // Clocks go forward on Sunday 29 March 2026 (+02 → +03).
    const filed = at('2026-03-27T18:00:00+02:00'); // Friday, winter time
    expect(addWorkingDaysLocal(filed, 1)).toBe('2026-03-30');
    expect(addWorkingDays(filed, 1).toISOString()).toBe('2026-03-30T20:59:59.999Z'); // 23:59:59.999 at +03
    // The day before the change still ends at +02.
    expect(addWorkingDays(at('2026-03-26T10:00:00+02:00'), 1).toISOString()).toBe('2026-03-27T21:59:59.999Z');
  });

  it('ends the due day at Athens midnight across the autumn DST change', () => {
    // Clocks go back on Sunday 25 October 2026 (+03 → +02); 28 October is a holiday.
    const filed = at('2026-10-23T23:30:00+03:00'); // Friday 23:30 Athens = 20:30 UTC
    expect(addWorkingDaysLocal(filed, 1)).toBe('2026-10-26');
    expect(addWorkingDays(filed, 1).toISOString()).toBe('2026-10-26T21:59:59.999Z');
    expect(addWorkingDaysLocal(filed, 3)).toBe('2026-10-29'); // Mon 26, Tue 27, (Wed 28 Oxi), Thu 29
  });

  it('with n = 0 gives the start day if working, else the next working day', () => {
    expect(addWorkingDaysLocal('2026-11-20', 0)).toBe('2026-11-20');
    expect(addWorkingDaysLocal('2026-11-21', 0)).toBe('2026-11-23');
  });

  it('refuses negative or fractional counts', () => {
    expect(() => addWorkingDays(new Date(), -1)).toThrow(RangeError);
    expect(() => addWorkingDays(new Date(), 1.5)).toThrow(RangeError);
  });
});

describe('workingDaysBetween', () => {
  it('counts working days after a up to and including b', () => {
    expect(workingDaysBetween('2026-11-20', '2026-11-23')).toBe(1); // Fri → Mon
    expect(workingDaysBetween('2026-11-16', '2026-11-20')).toBe(4);
    expect(workingDaysBetween('2026-11-20', '2026-11-20')).toBe(0);
    expect(workingDaysBetween('2026-11-23', '2026-11-20')).toBe(-1);
    expect(workingDaysBetween('2026-02-20', '2026-02-24')).toBe(1); // Clean Monday between
    expect(workingDaysBetween('2026-11-20', '2026-11-27', ['2026-11-25'])).toBe(4);
  });

  it('is the inverse of addWorkingDays', () => {
    const extra = ['2026-05-04', '2026-09-14'];
    const start = at('2026-01-02T09:00:00+02:00');
    for (let n = 0; n <= 260; n += 7) {
      const due = addWorkingDays(start, n, extra);
      expect(workingDaysBetween(start, due, extra)).toBe(n);
      expect(isWorkingDay(due, extra)).toBe(true);
    }
  });
});

describe('loadTenantHolidays', () => {
  let database: Database;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await database.close();
  });

  it("returns only the tenant's days in the years asked, by date, and they stop the clock", async () => {
    const { db } = database;
    const tenant = await makeTenant(db);
    const other = await makeTenant(db);
    await db.insert(tenantHolidays).values([
      { tenantId: tenant.id, date: '2026-11-24', nameEl: 'Κλείσιμο υπηρεσιών', nameEn: 'Offices closed', kind: 'closure' },
      { tenantId: tenant.id, date: '2026-11-23', nameEl: 'Πολιούχος', nameEn: 'Patron saint', kind: 'holiday' },
      { tenantId: tenant.id, date: '2025-12-31', nameEl: 'Παλιά', nameEn: 'Old', kind: 'closure' },
      { tenantId: tenant.id, date: '2028-01-01', nameEl: 'Μελλοντική', nameEn: 'Future', kind: 'closure' },
      { tenantId: other.id, date: '2026-11-25', nameEl: 'Άλλος δήμος', nameEn: 'Other municipality', kind: 'holiday' },
    ]);

    const sut = await loadTenantHolidays(db, tenant.id, 2026, 2027);
    expect(sut).toEqual([
      { date: '2026-11-23', nameEl: 'Πολιούχος', nameEn: 'Patron saint', kind: 'holiday' },
      { date: '2026-11-24', nameEl: 'Κλείσιμο υπηρεσιών', nameEn: 'Offices closed', kind: 'closure' },
    ]);
    expect(addWorkingDaysLocal(at('2026-11-20T18:00:00+02:00'), 1, sut)).toBe('2026-11-25');
    expect(await loadTenantHolidays(db, tenant.id, 2025)).toHaveLength(1);
    expect(await loadTenantHolidays(db, other.id, 2026)).toHaveLength(1);
  });

  it('allows one entry per tenant and day', async () => {
    const { db } = database;
    const tenant = await makeTenant(db);
    const row = { tenantId: tenant.id, date: '2026-06-29', nameEl: 'Α', nameEn: 'A', kind: 'holiday' as const };
    await db.insert(tenantHolidays).values(row);
    await expect(db.insert(tenantHolidays).values(row)).rejects.toThrow();
  });
});
