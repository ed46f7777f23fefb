import { Temporal } from 'temporal-polyfill';
import type { CalendarItem } from './scheduling-api';

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * Where a day or week view opens: an hour before now when it shows today, else half an hour before the
 * earliest booking time of the days shown, else 07:00. `from`–`to` are the local dates shown (to exclusive),
 * `zone` the zone shown; `starts` are wall clocks in it (YYYY-MM-DDTHH:MM…).
 */
export function rangeScrollTime(from: string, to: string, zone: string, starts: string[]): string {
  const now = Temporal.Now.zonedDateTimeISO(zone);
  const today = now.toPlainDate().toString();
  if (today >= from && today < to) return `${pad(Math.max(0, now.hour - 1))}:00:00`;
  const times = starts
    .filter((start) => start.slice(0, 10) >= from && start.slice(0, 10) < to)
    .map((start) => start.slice(11, 16))
    .sort();
  if (times.length === 0) return '07:00:00';
  const earliest = Temporal.PlainTime.from(times[0]!);
  const first = earliest.subtract({ minutes: 30 });
  return first.hour > earliest.hour ? '00:00:00' : `${pad(first.hour)}:${pad(first.minute)}:00`;
}

/** A day view's opening time: rangeScrollTime for that one day. */
export function dayScrollTime(day: string, zone: string, items: CalendarItem[]): string {
  const next = Temporal.PlainDate.from(day).add({ days: 1 }).toString();
  return rangeScrollTime(
    day,
    next,
    zone,
    items.map((item) => item.start),
  );
}
