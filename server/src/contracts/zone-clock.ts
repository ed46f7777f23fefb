import { Temporal } from 'temporal-polyfill';
import type { DayOfWeek } from './rating.types.js';

/**
 * Local-time arithmetic for one IANA zone in whole epoch minutes, memoised per clock (never globally).
 * Civil dates are computed with integer day arithmetic; Temporal is asked only for the zone's UTC offset periods
 * (cached from transition to transition) and for the wall-clock conversions of days that contain an offset change.
 */
export type ZoneClock = {
  zone: string;
  /** The epoch minute of `date` + `minuteOfDay` on the wall clock (≥ 1440 runs into the following days). */
  epochMinuteAt: (date: string, minuteOfDay: number) => number;
  localDateOf: (epochMinute: number) => string;
  /** 'YYYY-MM-DD HH:MM+HH:MM' of an epoch minute. */
  describe: (epochMinute: number) => string;
  addDays: (date: string, days: number) => string;
  dayOfWeek: (date: string) => DayOfWeek;
  /** A local 'YYYY-MM-DDTHH:MM' read on this clock; null when it is not a real date and time. */
  parseLocal: (text: string) => Temporal.Instant | null;
};

const DAYS: DayOfWeek[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

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

/** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil). */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = floorDiv(y, 400);
  const yoe = y - era * 400;
  const doy = floorDiv(153 * (month + (month > 2 ? -3 : 9)) + 2, 5) + day - 1;
  const doe = yoe * 365 + floorDiv(yoe, 4) - floorDiv(yoe, 100) + doy;
  return era * 146097 + doe - 719468;
}

function civilFromDays(days: number): string {
  const z = days + 719468;
  const era = floorDiv(z, 146097);
  const doe = z - era * 146097;
  const yoe = floorDiv(doe - floorDiv(doe, 1460) + floorDiv(doe, 36524) - floorDiv(doe, 146096), 365);
  const doy = doe - (365 * yoe + floorDiv(yoe, 4) - floorDiv(yoe, 100));
  const mp = floorDiv(5 * doy + 2, 153);
  const day = doy - floorDiv(153 * mp + 2, 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  return `${String(year).padStart(4, '0')}-${pad(month)}-${pad(day)}`;
}

const pad = (n: number) => String(n).padStart(2, '0');

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Days since the epoch of a 'YYYY-MM-DD', or NaN when it is not a calendar date. */
export function epochDayOf(date: string): number {
  const match = DATE.exec(date);
  if (!match) return Number.NaN;
  const days = daysFromCivil(Number(match[1]), Number(match[2]), Number(match[3]));
  return civilFromDays(days) === date ? days : Number.NaN;
}

function memo<K, V>(compute: (key: K) => V): (key: K) => V {
  const cache = new Map<K, V>();
  return (key) => {
    let value = cache.get(key);
    if (value === undefined) {
      value = compute(key);
      cache.set(key, value);
    }
    return value;
  };
}

function formatOffset(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

const LOCAL = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})$/;

/**
 * Wall-clock times are converted as everywhere in Carebook: a time in the spring-forward gap moves forward by
 * the gap; an ambiguous fall-back time takes the earlier instant.
 */
export function createZoneClock(zone: string): ZoneClock {
  const zonedAt = (epochMinute: number) =>
    Temporal.Instant.fromEpochMilliseconds(epochMinute * 60_000).toZonedDateTimeISO(zone);
  const exactOffset = (epochMinute: number): number | null => {
    const ns = zonedAt(epochMinute).offsetNanoseconds;
    return ns % 60_000_000_000 === 0 ? ns / 60_000_000_000 : null;
  };
  // The zone's offset periods between transitions, as epoch-minute ranges [start, end), sorted and disjoint:
  // Temporal is asked once per period (about twice a year) instead of once per hour. A period whose offset is
  // not a whole number of minutes (historical local mean time) has offset null: callers then ask Temporal.
  type Period = { start: number; end: number; offset: number | null };
  const periods: Period[] = [];
  let recent: Period | undefined;
  const loadPeriod = (epochMinute: number): Period => {
    const zoned = zonedAt(epochMinute);
    const previous = zoned.getTimeZoneTransition('previous');
    const next = zoned.getTimeZoneTransition('next');
    const ns = zoned.offsetNanoseconds;
    const period: Period = {
      start: previous ? Math.ceil(previous.epochMilliseconds / 60_000) : Number.NEGATIVE_INFINITY,
      end: next ? Math.ceil(next.epochMilliseconds / 60_000) : Number.POSITIVE_INFINITY,
      offset: ns % 60_000_000_000 === 0 ? ns / 60_000_000_000 : null,
    };
    let i = periods.length;
    while (i > 0 && periods[i - 1]!.start > period.start) i--;
    periods.splice(i, 0, period);
    return period;
  };
  const offsetAt = (epochMinute: number): number | null => {
    if (recent && epochMinute >= recent.start && epochMinute < recent.end) return recent.offset;
    let lo = 0;
    let hi = periods.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const p = periods[mid]!;
      if (epochMinute < p.start) hi = mid - 1;
      else if (epochMinute >= p.end) lo = mid + 1;
      else {
        recent = p;
        return p.offset;
      }
    }
    recent = loadPeriod(epochMinute);
    return recent.offset;
  };

  // The offset of a local date on which the zone's offset does not change (null: the day has a change).
  const steadyOffset = memo((date: string): number | null => {
    const start = Temporal.PlainDate.from(date).toZonedDateTime(zone);
    const next = start.add({ days: 1 });
    const length = start.until(next).total('minutes');
    return length === 1440 && start.offsetNanoseconds === next.offsetNanoseconds
      ? exactOffset(epochMinuteOf(start.toInstant()))
      : null;
  });
  const slowAt = memo((key: string) => {
    const [date, minute] = key.split('|') as [string, string];
    const m = Number(minute);
    return epochMinuteOf(
      Temporal.PlainDateTime.from(`${date}T${pad(Math.floor(m / 60))}:${pad(m % 60)}`)
        .toZonedDateTime(zone, { disambiguation: 'compatible' })
        .toInstant(),
    );
  });
  const dayNumber = memo(epochDayOf);
  const addDays = (date: string, days: number) => (days === 0 ? date : civilFromDays(dayNumber(date) + days));
  const epochMinuteAt = (date: string, minuteOfDay: number) => {
    let day = date;
    let m = minuteOfDay;
    while (m >= 1440) {
      day = addDays(day, 1);
      m -= 1440;
    }
    const offset = steadyOffset(day);
    return offset === null ? slowAt(`${day}|${m}`) : dayNumber(day) * 1440 + m - offset;
  };
  return {
    zone,
    addDays,
    epochMinuteAt,
    localDateOf: (epochMinute) => {
      const offset = offsetAt(epochMinute);
      if (offset === null) return zonedAt(epochMinute).toPlainDate().toString();
      return civilFromDays(floorDiv(epochMinute + offset, 1440));
    },
    describe: (epochMinute) => {
      const offset = offsetAt(epochMinute);
      if (offset === null) {
        const z = zonedAt(epochMinute);
        return `${z.toPlainDate().toString()} ${z.toPlainTime().toString({ smallestUnit: 'minute' })}${z.offset}`;
      }
      const local = epochMinute + offset;
      const minuteOfDay = local - floorDiv(local, 1440) * 1440;
      return `${civilFromDays(floorDiv(local, 1440))} ${pad(Math.floor(minuteOfDay / 60))}:${pad(minuteOfDay % 60)}${formatOffset(offset)}`;
    },
    // 1970-01-01 was a Thursday.
    dayOfWeek: (date) => DAYS[(((dayNumber(date) + 3) % 7) + 7) % 7]!,
    parseLocal: (text) => {
      const match = LOCAL.exec(text);
      if (!match || Number.isNaN(dayNumber(match[1]!))) return null;
      const hours = Number(match[2]);
      const minutes = Number(match[3]);
      if (hours > 23 || minutes > 59) return null;
      return Temporal.Instant.fromEpochMilliseconds(epochMinuteAt(match[1]!, hours * 60 + minutes) * 60_000);
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
