import { Temporal } from 'temporal-polyfill';

/** A weekly working window, wall clock in the staff member's zone; "24:00" ends at midnight. */
export type WorkingWindow = { weekday: number; startsAt: string; endsAt: string };
export type StaffLeavePeriod = { startsOn: string; endsOn: string };
export type Availability = {
  timeZone: string;
  workingHours: readonly WorkingWindow[];
  leave: readonly StaffLeavePeriod[];
};

const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/**
 * Soft conflicts of a booking [start, end) for its assignee: warnings the user may override, never refusals.
 * Working hours count only when the staff member has any; a booking must fit inside one window of the day it
 * starts (in the staff member's zone). Leave covers whole local days, both ends inclusive.
 */
export function availabilityWarnings(
  start: Temporal.Instant,
  end: Temporal.Instant,
  a: Availability,
): string[] {
  const warnings: string[] = [];
  const from = start.toZonedDateTimeISO(a.timeZone);
  const to = end.toZonedDateTimeISO(a.timeZone);
  const firstDay = from.toPlainDate().toString();
  const lastDay = to.subtract({ nanoseconds: 1 }).toPlainDate().toString();
  if (a.leave.some((l) => l.startsOn <= lastDay && l.endsOn >= firstDay))
    warnings.push('the assignee is on leave');
  if (a.workingHours.length > 0) {
    const startMinute = from.hour * 60 + from.minute;
    const sameDay =
      Temporal.PlainDate.compare(from.toPlainDate(), to.subtract({ nanoseconds: 1 }).toPlainDate()) === 0;
    const endMinute = sameDay
      ? startMinute + Math.round(from.until(to).total('minutes'))
      : Number.POSITIVE_INFINITY;
    const fits = a.workingHours.some(
      (w) =>
        w.weekday === from.dayOfWeek &&
        minutesOf(w.startsAt) <= startMinute &&
        endMinute <= minutesOf(w.endsAt),
    );
    if (!fits) warnings.push("outside the assignee's working hours");
  }
  return warnings;
}
