import { Temporal } from 'temporal-polyfill';

/**
 * Slot search: when an associate is "Available" for a session of a given length. Pure: the zone, "now" and
 * every input come in as arguments; only Temporal does the zone arithmetic.
 *
 * A slot is a start instant on a line's grid (the line's start plus whole steps of elapsed time, so a day that
 * changes daylight saving never yields a start twice or skips one) whose whole session fits inside that one
 * occurrence of the line, starts at or after `now`, and meets nothing blocked: a booking, a break, a day of
 * leave or a public holiday. Lines are wall clock in the associate's zone; a start in a spring-forward gap
 * moves forward by the gap and an ambiguous start takes the earlier instant (ARCHITECTURE.md).
 */
export type ScheduleLine = { scheduleId: string; weekday: number; startsAt: string; endsAt: string };
/** Inclusive local dates; with times it is a part-day break from `fromTime` on the first day to `toTime` on the last. */
export type StaffBreak = { startsOn: string; endsOn: string; fromTime: string | null; toTime: string | null };
export type Busy = { start: Temporal.Instant; end: Temporal.Instant };
export type SlotSearchInput = {
  timeZone: string;
  now: Temporal.Instant;
  /** Calendar days from today (in the associate's zone) to search, today included. */
  days: number;
  durationMinutes: number;
  stepMinutes: number;
  lines: readonly ScheduleLine[];
  busy: readonly Busy[];
  breaks: readonly StaffBreak[];
  /** Local dates (YYYY-MM-DD) blocked whole: the associate's leave and the public holidays of their region. */
  blockedDays: ReadonlySet<string>;
};
export type Slot = { scheduleId: string; start: Temporal.Instant; end: Temporal.Instant };

export const MAX_SEARCH_DAYS = 62;
const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

const isTime = (t: string) => TIME.test(t);
const isEnd = (t: string) => t === '24:00' || TIME.test(t);

/** The instant of a wall-clock time on a local date; "24:00" is the next day's midnight. */
export function wallToInstant(date: Temporal.PlainDate, hhmm: string, timeZone: string): Temporal.Instant {
  const day = hhmm === '24:00' ? date.add({ days: 1 }) : date;
  const time = hhmm === '24:00' ? '00:00' : hhmm;
  return day
    .toPlainDateTime(Temporal.PlainTime.from(time))
    .toZonedDateTime(timeZone, { disambiguation: 'compatible' })
    .toInstant();
}

/** The search's local days and the instant bounds they cover. */
export function searchDays(now: Temporal.Instant, timeZone: string, days: number) {
  const today = now.toZonedDateTimeISO(timeZone).toPlainDate();
  const count = Math.max(0, Math.min(Math.trunc(days), MAX_SEARCH_DAYS));
  return Array.from({ length: count }, (_, i) => today.add({ days: i }));
}

type Span = { start: Temporal.Instant; end: Temporal.Instant }; // half-open
const before = (a: Temporal.Instant, b: Temporal.Instant) => Temporal.Instant.compare(a, b) < 0;
const latest = (a: Temporal.Instant, b: Temporal.Instant) => (before(a, b) ? b : a);

/** Bookings and breaks that meet [from, to), merged into sorted disjoint spans. */
function blockedSpans(input: SlotSearchInput, from: Temporal.Instant, to: Temporal.Instant): Span[] {
  const spans: Span[] = [];
  const keep = (start: Temporal.Instant, end: Temporal.Instant) => {
    if (before(start, end) && before(from, end) && before(start, to)) spans.push({ start, end });
  };
  for (const b of input.busy) keep(b.start, b.end);
  for (const b of input.breaks) {
    if (b.endsOn < b.startsOn) continue;
    const partDay = b.fromTime !== null && b.toTime !== null && isTime(b.fromTime) && isEnd(b.toTime);
    keep(
      wallToInstant(
        Temporal.PlainDate.from(b.startsOn),
        partDay ? (b.fromTime as string) : '00:00',
        input.timeZone,
      ),
      wallToInstant(
        Temporal.PlainDate.from(b.endsOn),
        partDay ? (b.toTime as string) : '24:00',
        input.timeZone,
      ),
    );
  }
  spans.sort((a, b) => Temporal.Instant.compare(a.start, b.start));
  const merged: Span[] = [];
  for (const span of spans) {
    const last = merged[merged.length - 1];
    if (last && !before(last.end, span.start)) last.end = latest(last.end, span.end);
    else merged.push({ ...span });
  }
  return merged;
}

/** The first index whose span ends after `t` (spans sorted and disjoint). */
function firstEndingAfter(spans: Span[], t: Temporal.Instant): number {
  let lo = 0;
  let hi = spans.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (before(t, (spans[mid] as Span).end)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** Whole steps from `origin` to the first grid point at or after `t` (0 when `t` is not after `origin`). */
function stepsUntil(origin: Temporal.Instant, t: Temporal.Instant, stepMinutes: number): number {
  if (!before(origin, t)) return 0;
  return Math.ceil(origin.until(t).total('minutes') / stepMinutes - 1e-9);
}

const validLine = (l: ScheduleLine) =>
  Number.isInteger(l.weekday) &&
  l.weekday >= 1 &&
  l.weekday <= 7 &&
  isTime(l.startsAt) &&
  isEnd(l.endsAt) &&
  l.endsAt > l.startsAt;

/**
 * Every available slot, ordered by start then schedule, each (schedule, start) once. Malformed lines (a bad
 * time, a weekday outside 1–7, an end not after the start), a duration or step under a minute, and reversed
 * periods contribute nothing.
 */
export function findSlots(input: SlotSearchInput): Slot[] {
  const duration = Math.trunc(input.durationMinutes);
  const step = Math.trunc(input.stepMinutes);
  if (!(duration >= 1) || !(step >= 1)) return [];
  const days = searchDays(input.now, input.timeZone, input.days);
  if (days.length === 0) return [];
  const lines = input.lines.filter(validLine);
  const horizon = wallToInstant(days[days.length - 1] as Temporal.PlainDate, '24:00', input.timeZone);
  const blocked = blockedSpans(input, input.now, horizon);
  const slots: Slot[] = [];
  for (const day of days) {
    if (input.blockedDays.has(day.toString())) continue;
    for (const line of lines) {
      if (line.weekday !== day.dayOfWeek) continue;
      const lineStart = wallToInstant(day, line.startsAt, input.timeZone);
      const lineEnd = wallToInstant(day, line.endsAt, input.timeZone);
      let k = stepsUntil(lineStart, input.now, step);
      let i = firstEndingAfter(blocked, lineStart.add({ minutes: k * step }));
      for (;;) {
        const start = lineStart.add({ minutes: k * step });
        const end = start.add({ minutes: duration });
        if (before(lineEnd, end)) break;
        while (i < blocked.length && !before(start, (blocked[i] as Span).end)) i++;
        const next = blocked[i];
        if (next && before(next.start, end)) {
          // Jump to the first grid start at or after the end of what is in the way.
          k = Math.max(k + 1, stepsUntil(lineStart, next.end, step));
          continue;
        }
        slots.push({ scheduleId: line.scheduleId, start, end });
        k++;
      }
    }
  }
  slots.sort(
    (a, b) =>
      Temporal.Instant.compare(a.start, b.start) ||
      (a.scheduleId < b.scheduleId ? -1 : a.scheduleId > b.scheduleId ? 1 : 0),
  );
  return slots.filter(
    (s, n) =>
      n === 0 ||
      s.scheduleId !== (slots[n - 1] as Slot).scheduleId ||
      !s.start.equals((slots[n - 1] as Slot).start),
  );
}

/** Wall-clock date and time of an instant in a zone, for showing a slot to either party. */
export function localOf(instant: Temporal.Instant, timeZone: string) {
  const z = instant.toZonedDateTimeISO(timeZone);
  return {
    date: z.toPlainDate().toString(),
    time: z.toPlainTime().toString({ smallestUnit: 'minute' }),
    offset: z.offset,
  };
}
