import type { Temporal } from 'temporal-polyfill';

/**
 * The time kernel's civil dates: proleptic Gregorian calendar arithmetic on day numbers (days since
 * 1970-01-01), so that expansion, rating and the calendar walk dates without allocating a Temporal object per
 * candidate. After H. Hinnant's `days_from_civil`.
 */

export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = month > 2 ? month - 3 : month + 9;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** Year, month (1–12) and day of a day number, written into `out` to avoid allocating. */
export function civilFromDays(days: number, out: [number, number, number]): [number, number, number] {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const month = mp < 10 ? mp + 3 : mp - 9;
  out[0] = yoe + era * 400 + (month <= 2 ? 1 : 0);
  out[1] = month;
  out[2] = doy - Math.floor((153 * mp + 2) / 5) + 1;
  return out;
}

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export function weekdayOf(days: number): number {
  return ((((days + 3) % 7) + 7) % 7) + 1;
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

const MONTH_LENGTHS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

export function daysInMonth(year: number, month: number): number {
  return month === 2 && isLeapYear(year) ? 29 : MONTH_LENGTHS[month - 1]!;
}

export const SECONDS_PER_DAY = 86400;

export const SECONDS_PER_MINUTE = 60;

/** Floor division for integers of either sign. */
export function floorDiv(a: number, b: number): number {
  const r = ((a % b) + b) % b;
  return (a - r) / b;
}

export function epochMinuteOf(instant: Temporal.Instant): number {
  return floorDiv(instant.epochMilliseconds, 60_000);
}

export function epochSecondOf(instant: Temporal.Instant): number {
  return floorDiv(instant.epochMilliseconds, 1000);
}

const pad2 = (n: number) => (n < 10 ? `0${n}` : `${n}`);
const scratch: [number, number, number] = [0, 0, 0];

/** 'YYYY-MM-DD' of a day number. */
export function dateText(days: number): string {
  const [year, month, day] = civilFromDays(days, scratch);
  return `${String(year).padStart(4, '0')}-${pad2(month)}-${pad2(day)}`;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Days since the epoch of a 'YYYY-MM-DD', or NaN when it is not a calendar date. */
export function epochDayOf(date: string): number {
  const match = DATE.exec(date);
  if (!match) return Number.NaN;
  const days = daysFromCivil(Number(match[1]), Number(match[2]), Number(match[3]));
  return dateText(days) === date ? days : Number.NaN;
}
