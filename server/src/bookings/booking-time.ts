import { Temporal } from 'temporal-polyfill';

export type LocalSlot = { bookingDate: string; startTime: string };

/**
 * The instant a wall-clock date and time denote in `zone`. A time that does not exist (the spring-forward
 * gap) moves forward by the gap's length; an ambiguous time (fall-back) takes the earlier instant.
 */
export function localToInstant(slot: LocalSlot, zone: string): Temporal.Instant {
  return Temporal.PlainDateTime.from(`${slot.bookingDate}T${slot.startTime}`)
    .toZonedDateTime(zone, { disambiguation: 'compatible' })
    .toInstant();
}

export type LocalView = LocalSlot & { offsetIso: string };

/** The date, HH:MM and ISO string with offset of an instant as seen in `zone`. */
export function instantToLocal(instant: Temporal.Instant, zone: string): LocalView {
  const zoned = instant.toZonedDateTimeISO(zone);
  return {
    bookingDate: zoned.toPlainDate().toString(),
    startTime: zoned.toPlainTime().toString({ smallestUnit: 'minute' }),
    offsetIso: zoned.toString({ timeZoneName: 'never', smallestUnit: 'second' }),
  };
}

/** Durations are elapsed minutes: a 3-hour booking across a DST change still lasts 180 minutes. */
export function endOf(start: Temporal.Instant, durationMinutes: number): Temporal.Instant {
  return start.add({ minutes: durationMinutes });
}

export function minutesBetween(start: Temporal.Instant, end: Temporal.Instant): number {
  return Math.round(start.until(end).total('minutes'));
}

export const MAX_BOOKING_MINUTES = 24 * 60;
