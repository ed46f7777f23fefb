import { Temporal } from 'temporal-polyfill';
import { offsetText, wallClockOf } from './calendar-times.js';
import { dateText, epochDayOf, floorDiv, SECONDS_PER_DAY } from './civil-date.js';
import { epochToLocal, localToEpoch, offsetAt } from './zone-offset.js';

/** Days of the week as rating names them. */
export type DayOfWeek = 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun';

/** Local-time arithmetic for one IANA zone in whole epoch minutes, for rating and billing. */
export type ZoneClock = {
  zone: string;
  /** The epoch minute of `date` + `minuteOfDay` on the wall clock (≥ 1440 runs into the following days). */
  epochMinuteAt: (date: string, minuteOfDay: number) => number;
  localDateOf: (epochMinute: number) => string;
  /** The local date of an epoch minute as a day number (days since 1970-01-01), without building its text. */
  localDayOf: (epochMinute: number) => number;
  /** 'YYYY-MM-DD HH:MM+HH:MM' of an epoch minute. */
  describe: (epochMinute: number) => string;
  addDays: (date: string, days: number) => string;
  dayOfWeek: (date: string) => DayOfWeek;
  /** A local 'YYYY-MM-DDTHH:MM' read on this clock; null when it is not a real date and time. */
  parseLocal: (text: string) => Temporal.Instant | null;
};

const DAYS: DayOfWeek[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

const LOCAL = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})$/;

/**
 * A clock for one zone on the time kernel's cached offsets. Wall-clock times are converted as everywhere in
 * Carebook: a time in the spring-forward gap moves forward by the gap; an ambiguous fall-back time takes the
 * earlier instant. Only the date-string → day-number parse is memoised per clock.
 */
export function createZoneClock(zone: string): ZoneClock {
  const days = new Map<string, number>();
  const dayNumber = (date: string): number => {
    let n = days.get(date);
    if (n === undefined) {
      n = epochDayOf(date);
      days.set(date, n);
    }
    return n;
  };
  const addDays = (date: string, n: number) => (n === 0 ? date : dateText(dayNumber(date) + n));
  const epochSecondAt = (date: string, minuteOfDay: number) =>
    localToEpoch(zone, (dayNumber(date) * 1440 + minuteOfDay) * 60);
  return {
    zone,
    addDays,
    epochMinuteAt: (date, minuteOfDay) => floorDiv(epochSecondAt(date, minuteOfDay), 60),
    localDateOf: (epochMinute) => dateText(floorDiv(epochToLocal(zone, epochMinute * 60), SECONDS_PER_DAY)),
    // Math.floor of the quotient is exact for safe integers (a non-integer quotient is at least 1/86400 from
    // the next integer, far more than the division's rounding error), and cheaper than floorDiv's two `%`.
    localDayOf: (epochMinute) => Math.floor(epochToLocal(zone, epochMinute * 60) / SECONDS_PER_DAY),
    describe: (epochMinute) => {
      const offset = offsetAt(zone, epochMinute * 60);
      return `${wallClockOf(epochMinute * 60 + offset).wallClock.replace('T', ' ')}${offsetText(offset)}`;
    },
    // 1970-01-01 was a Thursday.
    dayOfWeek: (date) => DAYS[(((dayNumber(date) + 3) % 7) + 7) % 7]!,
    parseLocal: (text) => {
      const match = LOCAL.exec(text);
      if (!match || Number.isNaN(dayNumber(match[1]!))) return null;
      const hours = Number(match[2]);
      const minutes = Number(match[3]);
      if (hours > 23 || minutes > 59) return null;
      return Temporal.Instant.fromEpochMilliseconds(epochSecondAt(match[1]!, hours * 60 + minutes) * 1000);
    },
  };
}

/**
 * A visit time: a local date-time 'YYYY-MM-DDTHH:MM' read in `zone`, or an ISO instant with an offset or Z.
 * Null when it is neither.
 */
export function parseVisitTime(text: string, zone: string): Temporal.Instant | null {
  try {
    if (LOCAL.test(text))
      return Temporal.PlainDateTime.from(text)
        .toZonedDateTime(zone, { disambiguation: 'compatible' })
        .toInstant();
    if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(text) || !/(Z|[+-]\d{2}(:?\d{2})?)(\[[^\]]*\])?$/i.test(text))
      return null;
    return Temporal.Instant.from(text);
  } catch {
    return null;
  }
}

/** Whether `text` is a well-formed visit time, checked without a zone (the zone never makes one invalid). */
export function isVisitTime(text: string): boolean {
  const match = LOCAL.exec(text);
  if (match) return !Number.isNaN(epochDayOf(match[1]!)) && Number(match[2]) < 24 && Number(match[3]) < 60;
  return parseVisitTime(text, 'UTC') !== null;
}
