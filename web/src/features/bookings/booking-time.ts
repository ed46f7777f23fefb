import { Temporal } from 'temporal-polyfill';
import { zoneAbbreviation } from '../../shared/time-zones';

/**
 * Wall-clock date + time in a zone → the instant, or null when the input isn't a valid time.
 * A time skipped by a DST jump resolves forward ('compatible'), the same as the server is expected to do.
 */
export function localToInstant(
  bookingDate: string,
  startTime: string,
  timeZone: string,
): Temporal.Instant | null {
  try {
    const dateTime = Temporal.PlainDateTime.from(`${bookingDate}T${startTime}`);
    return dateTime.toZonedDateTime(timeZone, { disambiguation: 'compatible' }).toInstant();
  } catch {
    return null;
  }
}

export type TimeSummary = { start: string; end: string; endsNextDay: boolean };

/** Start and end as shown to the user, each with the abbreviation in force at that moment. */
export function summariseTimes(
  bookingDate: string,
  startTime: string,
  durationMinutes: number,
  timeZone: string,
): TimeSummary | null {
  const start = localToInstant(bookingDate, startTime, timeZone);
  if (!start || !Number.isInteger(durationMinutes) || durationMinutes <= 0) return null;
  const startZoned = start.toZonedDateTimeISO(timeZone);
  const endZoned = startZoned.add({ minutes: durationMinutes });
  const hhmm = (value: Temporal.ZonedDateTime) =>
    `${String(value.hour).padStart(2, '0')}:${String(value.minute).padStart(2, '0')}`;
  return {
    start: `${hhmm(startZoned)} ${zoneAbbreviation(timeZone, new Date(startZoned.epochMilliseconds))}`,
    end: `${hhmm(endZoned)} ${zoneAbbreviation(timeZone, new Date(endZoned.epochMilliseconds))}`,
    endsNextDay: Temporal.PlainDate.compare(endZoned.toPlainDate(), startZoned.toPlainDate()) > 0,
  };
}
