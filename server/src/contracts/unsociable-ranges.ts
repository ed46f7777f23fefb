import type { ZoneClock } from '../shared/time/zone-clock.js';
import type { DayKind, RatingCalendar, UnsociableRange } from './rating.types.js';

/** Where several windows cover a moment, the highest wins; equal levels go to the range listed first. */
export const PRECEDENCE: Record<DayKind, number> = {
  specialDay: 4,
  publicHoliday: 3,
  dayOfWeek: 2,
  weekday: 1,
  weekend: 1,
};

/** Minutes after midnight of 'HH:MM' ('24:00' is 1440); NaN when malformed or out of range. */
export function clockMinutes(hhmm: string): number {
  const match = /^(\d{2}):(\d{2})$/.exec(hhmm);
  if (!match) return Number.NaN;
  const minutes = Number(match[1]) * 60 + Number(match[2]);
  return Number(match[2]) < 60 && minutes <= 1440 ? minutes : Number.NaN;
}

/** A range's wall-clock span from its start day's midnight: `to` at or before `from` runs into the next day. */
export function rangeSpan(range: Pick<UnsociableRange, 'from' | 'to'>): { start: number; end: number } {
  const start = clockMinutes(range.from);
  const to = clockMinutes(range.to);
  return { start, end: to > start ? to : to + 1440 };
}

/** Whether a range's window starting on `date` exists, judged by that day's classification alone. */
export function rangeAppliesOn(
  range: UnsociableRange,
  date: string,
  clock: ZoneClock,
  calendar: RatingCalendar,
): boolean {
  const { kind, day } = range.when;
  switch (kind) {
    case 'specialDay':
      return calendar.specialDays.has(date);
    case 'publicHoliday':
      return calendar.publicHolidays.has(date);
    case 'dayOfWeek':
      return clock.dayOfWeek(date) === day;
    case 'weekday':
      return !['sat', 'sun'].includes(clock.dayOfWeek(date));
    case 'weekend':
      return ['sat', 'sun'].includes(clock.dayOfWeek(date));
  }
}

/** One occurrence of a range, as epoch minutes [start, end), belonging to the local date it starts on. */
export type RangeWindow = {
  rangeIndex: number;
  range: UnsociableRange;
  date: string;
  start: number;
  end: number;
};

/**
 * The windows overlapping [from, to) (epoch minutes, to > from). Windows are anchored on the day before `from` too, since
 * a window that crosses midnight reaches into the next day. A window wholly inside a spring-forward gap is
 * empty and dropped.
 */
export function windowsAround(
  ranges: readonly UnsociableRange[],
  clock: ZoneClock,
  calendar: RatingCalendar,
  from: number,
  to: number,
): RangeWindow[] {
  if (ranges.length === 0) return [];
  const found: RangeWindow[] = [];
  const last = clock.localDateOf(to - 1);
  for (let date = clock.addDays(clock.localDateOf(from), -1); date <= last; date = clock.addDays(date, 1)) {
    ranges.forEach((range, rangeIndex) => {
      if (!rangeAppliesOn(range, date, clock, calendar)) return;
      const span = rangeSpan(range);
      const start = clock.epochMinuteAt(date, span.start);
      const end = clock.epochMinuteAt(date, span.end);
      if (end > start && start < to && end > from) found.push({ rangeIndex, range, date, start, end });
    });
  }
  return found;
}

function outranks(a: RangeWindow, b: RangeWindow): boolean {
  const pa = PRECEDENCE[a.range.when.kind];
  const pb = PRECEDENCE[b.range.when.kind];
  if (pa !== pb) return pa > pb;
  if (a.rangeIndex !== b.rangeIndex) return a.rangeIndex < b.rangeIndex;
  return a.date < b.date;
}

/** The window in force at an epoch minute, or undefined for the contract's base rule. */
export function windowAt(windows: readonly RangeWindow[], minute: number): RangeWindow | undefined {
  let best: RangeWindow | undefined;
  for (const w of windows) if (w.start <= minute && minute < w.end && (!best || outranks(w, best))) best = w;
  return best;
}

export function ruleAt(
  ranges: readonly UnsociableRange[],
  clock: ZoneClock,
  calendar: RatingCalendar,
  minute: number,
): RangeWindow | undefined {
  return windowAt(windowsAround(ranges, clock, calendar, minute, minute + 1), minute);
}

/** A stretch of a visit priced by one rule (`window` undefined: the base rule). */
export type VisitPart = { window: RangeWindow | undefined; start: number; end: number };

/**
 * Cuts [start, end) at every boundary where the rule in force changes. Adjacent stretches under the same
 * range (e.g. a weekend 00:00–24:00 range on Saturday then Sunday) stay one part. A zero-length visit is one
 * empty part under the rule at its start. The parts' minutes always add up to end − start.
 */
export function splitByRanges(
  ranges: readonly UnsociableRange[],
  clock: ZoneClock,
  calendar: RatingCalendar,
  start: number,
  end: number,
): VisitPart[] {
  const windows = windowsAround(ranges, clock, calendar, start, Math.max(end, start + 1));
  if (end <= start) return [{ window: windowAt(windows, start), start, end: start }];
  const cuts = new Set<number>([start, end]);
  for (const w of windows) {
    if (w.start > start && w.start < end) cuts.add(w.start);
    if (w.end > start && w.end < end) cuts.add(w.end);
  }
  const points = [...cuts].sort((a, b) => a - b);
  const parts: VisitPart[] = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const window = windowAt(windows, points[i]!);
    const previous = parts.at(-1);
    if (previous && previous.window?.rangeIndex === window?.rangeIndex) previous.end = points[i + 1]!;
    else parts.push({ window, start: points[i]!, end: points[i + 1]! });
  }
  return parts;
}
