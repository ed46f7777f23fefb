import { Temporal } from 'temporal-polyfill';
import type { SeriesBooking } from '../bookings/booking.types.js';
import { expandRecurrence, untilBeforeStart } from './recurrence.js';
import { RecurrenceError } from './recurrence-error.js';
import { parseRecurrence } from './recurrence-rule.js';

/** The parts of a scheduled service that decide its occurrences and their bookings. */
export type SeriesDefinition = {
  timeZone: string;
  startDate: string;
  startTime: string;
  rrule: string;
  endDate: string | null;
  durationMinutes: number;
  staffId: string | null;
};

export type Occurrence = {
  /** The rule's occurrence instant: with the series id, the booking's identity. */
  originalStart: Temporal.Instant;
  startsAt: Temporal.Instant;
  endsAt: Temporal.Instant;
  /** Local date of the occurrence in the series' zone: how an occurrence is matched across series edits. */
  localDate: string;
};

/** An occurrence's local date and its start and end as ISO 8601 with the zone's offset (to the minute). */
export function occurrenceTimes(o: Pick<Occurrence, 'localDate' | 'startsAt' | 'endsAt'>, zone: string) {
  const format = (i: Temporal.Instant) =>
    i.toZonedDateTimeISO(zone).toString({ timeZoneName: 'never', smallestUnit: 'minute' });
  return { localDate: o.localDate, startsAt: format(o.startsAt), endsAt: format(o.endsAt) };
}

/** The iCalendar text of a series: DTSTART with TZID (the client's zone), then the RRULE. */
export function seriesRecurrenceText(
  s: Pick<SeriesDefinition, 'timeZone' | 'startDate' | 'startTime' | 'rrule'>,
): string {
  const local = `${s.startDate.replaceAll('-', '')}T${s.startTime.replace(':', '')}00`;
  return `DTSTART;TZID=${s.timeZone}:${local}\nRRULE:${s.rrule}`;
}

/**
 * Checks the rule parses and can book something: throws RecurrenceError (with the offending part as field) when
 * it does not parse or its UNTIL is before the series' start.
 */
export function validateSeriesRule(
  s: Pick<SeriesDefinition, 'timeZone' | 'startDate' | 'startTime' | 'rrule'>,
): void {
  const recurrence = parseRecurrence(seriesRecurrenceText(s));
  if (untilBeforeStart(recurrence))
    throw new RecurrenceError('UNTIL', 'is before the start date and time, so the rule would book nothing');
}

/**
 * Occurrences starting in [from, to), also bounded by the series' end date (inclusive, local). Wall-clock times
 * hold across DST; a time in a spring-forward gap moves forward, an ambiguous one takes the earlier instant.
 */
export function occurrencesBetween(
  s: SeriesDefinition,
  from: Temporal.Instant,
  to: Temporal.Instant,
): Occurrence[] {
  const recurrence = parseRecurrence(seriesRecurrenceText(s));
  const endOfSeries = s.endDate
    ? Temporal.PlainDate.from(s.endDate).add({ days: 1 }).toZonedDateTime(s.timeZone).toInstant()
    : undefined;
  const until = endOfSeries && Temporal.Instant.compare(endOfSeries, to) < 0 ? endOfSeries : to;
  const out: Occurrence[] = [];
  // The product rule: a start the rule does not match is not booked, and COUNT counts bookings.
  for (const zdt of expandRecurrence(recurrence, { from, to: until }, { dtstart: 'if-matched' })) {
    const startsAt = zdt.toInstant();
    out.push({
      originalStart: startsAt,
      startsAt,
      endsAt: startsAt.add({ minutes: s.durationMinutes }),
      localDate: zdt.toPlainDate().toString(),
    });
  }
  return out;
}

/** The rolling horizon: generation covers [now, now + weeks). */
export function horizonEnd(now: Temporal.Instant, weeks: number): Temporal.Instant {
  return now.add({ hours: weeks * 7 * 24 });
}

/** A booking of the series as it stands, for planning an edit. */
/** A series' existing booking, as the bookings module reads it for reconciliation. */
export type ExistingOccurrence = SeriesBooking;

export type PlannedChange =
  | { action: 'create'; occurrence: Occurrence }
  | { action: 'update'; bookingId: string; occurrence: Occurrence }
  | { action: 'delete'; bookingId: string; localDate: string }
  | {
      action: 'keep';
      bookingId: string;
      localDate: string;
      reason: 'edited individually' | 'delivered' | 'cancelled' | 'unchanged';
    };

/**
 * Reconciles a series' future bookings with its (new) occurrences, matching by local date: the same day's
 * booking is updated in place (so feeds keep its UID), missing days are created, days no longer in the rule are
 * deleted. Bookings edited on their own and delivered ones are kept and reported, never touched.
 */
export function planSeriesChanges(
  existing: readonly ExistingOccurrence[],
  occurrences: readonly Occurrence[],
  staffId: string | null,
): PlannedChange[] {
  const byDate = new Map(existing.map((e) => [e.localDate, e]));
  const wanted = new Set(occurrences.map((o) => o.localDate));
  const changes: PlannedChange[] = [];
  for (const occurrence of occurrences) {
    const current = byDate.get(occurrence.localDate);
    if (!current) changes.push({ action: 'create', occurrence });
    else if (current.isException)
      changes.push({
        action: 'keep',
        bookingId: current.bookingId,
        localDate: current.localDate,
        reason: 'edited individually',
      });
    else if (current.status === 'completed')
      changes.push({
        action: 'keep',
        bookingId: current.bookingId,
        localDate: current.localDate,
        reason: 'delivered',
      });
    else if (current.cancelledByUser)
      changes.push({
        action: 'keep',
        bookingId: current.bookingId,
        localDate: current.localDate,
        reason: 'cancelled',
      });
    else if (
      current.startsAt.equals(occurrence.startsAt) &&
      current.endsAt.equals(occurrence.endsAt) &&
      current.originalStart.equals(occurrence.originalStart) &&
      current.staffId === staffId
    )
      changes.push({
        action: 'keep',
        bookingId: current.bookingId,
        localDate: current.localDate,
        reason: 'unchanged',
      });
    else changes.push({ action: 'update', bookingId: current.bookingId, occurrence });
  }
  for (const e of existing) {
    if (wanted.has(e.localDate)) continue;
    if (e.isException)
      changes.push({
        action: 'keep',
        bookingId: e.bookingId,
        localDate: e.localDate,
        reason: 'edited individually',
      });
    else if (e.status === 'completed')
      changes.push({ action: 'keep', bookingId: e.bookingId, localDate: e.localDate, reason: 'delivered' });
    else if (e.cancelledByUser)
      changes.push({ action: 'keep', bookingId: e.bookingId, localDate: e.localDate, reason: 'cancelled' });
    else changes.push({ action: 'delete', bookingId: e.bookingId, localDate: e.localDate });
  }
  return changes.sort((a, b) => dateOf(a).localeCompare(dateOf(b)));
}

function dateOf(c: PlannedChange): string {
  return 'occurrence' in c ? c.occurrence.localDate : c.localDate;
}

/** The RRULE of the earlier half when a series is split before `splitDate`: it ends the day before. */
export function dayBefore(date: string): string {
  return Temporal.PlainDate.from(date).subtract({ days: 1 }).toString();
}

export function dayAfter(date: string): string {
  return Temporal.PlainDate.from(date).add({ days: 1 }).toString();
}

/** The instant a local date begins in `zone` (a day that starts in a DST gap begins at the gap's end). */
export function startOfLocalDay(date: string, zone: string): Temporal.Instant {
  return Temporal.PlainDate.from(date).toZonedDateTime(zone).toInstant();
}
