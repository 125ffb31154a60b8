/** Greek public holidays and working days in Athens, for due dates and SLAs. */
export { tenantHolidays } from './calendar.schema.js';
export { athensDateTime, athensDay, athensMinuteOfDay, athensNaive, athensOffset, athensYear, formatAthens } from './clock.js';
export {
  formatLocalDate,
  greekPublicHolidays,
  labourDay,
  orthodoxEaster,
  parseLocalDate,
  shiftDays,
  type TLocalDate,
  type TPublicHoliday,
  weekday,
} from './holidays.js';
export { loadTenantHolidays, type TTenantHoliday } from './tenant-holidays.js';
export {
  addWorkingDays,
  addWorkingDaysLocal,
  athensDate,
  athensInstant,
  athensWallClock,
  endOfAthensDay,
  isWorkingDay,
  type TDayLike,
  type TExtraDays,
  TIME_ZONE,
  toLocalDate,
  workingDaysBetween,
} from './working-days.js';
