/**
 * Calendar dates as integer day numbers (days since 1970-01-01, UTC), computed with pure
 * arithmetic (H. Hinnant's civil-date algorithms): no Date objects, no time zones, no clock.
 */

/** A date as "YYYY-MM-DD". */
export type IsoDate = string;

export const WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"] as const;
export type Weekday = (typeof WEEKDAYS)[number];

const WEEKDAY_NAMES = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"] as const;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/**
 * Day number of a (proleptic Gregorian) calendar date, year ≥ 1. Truncating division equals
 * floor division here because every operand is non-negative.
 */
export function dayNumberFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = (y / 400) | 0;
  const yearOfEra = y - era * 400;
  const dayOfYear = (((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) | 0) + day - 1;
  const dayOfEra = yearOfEra * 365 + ((yearOfEra / 4) | 0) - ((yearOfEra / 100) | 0) + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
}

/** Day number of a real calendar date "YYYY-MM-DD", or null if malformed (e.g. "2026-02-30"). */
export function parseDay(date: string): number | null {
  const match = ISO_DATE.exec(date);
  if (!match) return null;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (year < 1 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return dayNumberFromCivil(year, month, day);
}

export function isValidDate(date: string): boolean {
  return parseDay(date) !== null;
}

/**
 * Day number of a date already known to be valid. Reads the digits directly: this is on the
 * evaluation's hot path, where a regex per run would dominate the cost.
 */
export function dayOf(date: IsoDate): number {
  const year =
    (date.charCodeAt(0) - 48) * 1000 +
    (date.charCodeAt(1) - 48) * 100 +
    (date.charCodeAt(2) - 48) * 10 +
    (date.charCodeAt(3) - 48);
  const month = (date.charCodeAt(5) - 48) * 10 + (date.charCodeAt(6) - 48);
  const day = (date.charCodeAt(8) - 48) * 10 + (date.charCodeAt(9) - 48);
  return dayNumberFromCivil(year, month, day);
}

/** "00" … "99": formatting a date is then three lookups (it runs once per evaluated week). */
const TWO_DIGITS = /*#__PURE__*/ Array.from({ length: 100 }, (_, n) => (n < 10 ? `0${n}` : `${n}`));

/** "YYYY-MM-DD" of a day number. */
export function formatDay(dayNumber: number): IsoDate {
  const z = dayNumber + 719468;
  const era = Math.floor(z / 146097);
  const dayOfEra = z - era * 146097;
  const yearOfEra = Math.floor(
    (dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36524) - Math.floor(dayOfEra / 146096)) / 365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const mp = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  const yearText = year >= 1000 ? `${year}` : String(year).padStart(4, "0");
  return `${yearText}-${TWO_DIGITS[month] as string}-${TWO_DIGITS[day] as string}`;
}

/** 0 = Monday … 6 = Sunday. Day 0 (1970-01-01) was a Thursday. */
export function weekdayIndex(dayNumber: number): number {
  return (((dayNumber + 3) % 7) + 7) % 7;
}

/** "Monday" … "Sunday". */
export function weekdayName(dayNumber: number): string {
  return WEEKDAY_NAMES[weekdayIndex(dayNumber)] as string;
}

function requireDay(date: IsoDate): number {
  const day = parseDay(date);
  if (day === null) throw new RangeError(`Not a calendar date (YYYY-MM-DD): ${date}`);
  return day;
}

/** The date `days` days after (or before, if negative) `date`. Throws RangeError on a malformed date. */
export function addDays(date: IsoDate, days: number): IsoDate {
  return formatDay(requireDay(date) + days);
}

/** The first day of the week that contains `date`, for weeks starting on `weekStartDay`. Throws RangeError on a malformed date. */
export function weekStartFor(date: IsoDate, weekStartDay: Weekday = "monday"): IsoDate {
  const day = requireDay(date);
  const back = (weekdayIndex(day) - WEEKDAYS.indexOf(weekStartDay) + 7) % 7;
  return formatDay(day - back);
}
