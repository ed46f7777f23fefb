import { Temporal } from 'temporal-polyfill';
import { zoneAbbreviation } from '../../shared/time-zones';

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * The calendar component hands back "local" Date objects whose getters hold the wall clock it displays
 * (its own zone is naive). This reads that wall clock as 'YYYY-MM-DDTHH:MM'.
 */
export function wallClockOf(date: Date): string {
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** A wall clock in a zone → the instant (a time in a DST gap moves forward, like the server). */
export function wallClockToInstant(wallClock: string, timeZone: string): Temporal.Instant {
  return Temporal.PlainDateTime.from(wallClock)
    .toZonedDateTime(timeZone, { disambiguation: 'compatible' })
    .toInstant();
}

/** The calendar's visible range (wall clock in the display zone) → the API's [from, to) instants. */
export function rangeToInstants(start: Date, end: Date, timeZone: string): { from: string; to: string } {
  return {
    from: wallClockToInstant(wallClockOf(start), timeZone).toString(),
    to: wallClockToInstant(wallClockOf(end), timeZone).toString(),
  };
}

/**
 * A wall clock shown in the display zone → the booking date and start time in the client's zone, which is
 * what PATCH /bookings/:id takes.
 */
export function toClientLocal(
  wallClock: string,
  displayZone: string,
  clientZone: string,
): { bookingDate: string; startTime: string } {
  const zoned = wallClockToInstant(wallClock, displayZone).toZonedDateTimeISO(clientZone);
  return {
    bookingDate: zoned.toPlainDate().toString(),
    startTime: `${pad(zoned.hour)}:${pad(zoned.minute)}`,
  };
}

/** '2026-10-05T09:00+11:00' → { date: '2026-10-05', time: '09:00', zone: 'AEDT' } in the given zone. */
export function splitZoned(iso: string, timeZone: string): { date: string; time: string; zone: string } {
  const instant = Temporal.Instant.from(iso);
  const zoned = instant.toZonedDateTimeISO(timeZone);
  return {
    date: zoned.toPlainDate().toString(),
    time: `${pad(zoned.hour)}:${pad(zoned.minute)}`,
    zone: zoneAbbreviation(timeZone, new Date(instant.epochMilliseconds)),
  };
}

export function todayIn(timeZone: string): string {
  return Temporal.Now.plainDateISO(timeZone).toString();
}

/** The default first day of a "this and following" edit: today, unless the server says that is too early. */
export function firstSplitDate(timeZone: string, earliest: string): string {
  const today = todayIn(timeZone);
  return today > earliest ? today : earliest;
}
