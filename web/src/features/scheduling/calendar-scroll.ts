import { Temporal } from 'temporal-polyfill';
import type { CalendarItem } from './scheduling-api';

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * Where a day view opens: an hour before now when it shows today, else half an hour before the day's first
 * booking, else 07:00. `day` is the local date shown, `zone` the zone shown; items carry wall clocks in it.
 */
export function dayScrollTime(day: string, zone: string, items: CalendarItem[]): string {
  const now = Temporal.Now.zonedDateTimeISO(zone);
  if (now.toPlainDate().toString() === day) return `${pad(Math.max(0, now.hour - 1))}:00:00`;
  const starts = items
    .map((item) => item.start)
    .filter((start) => start.slice(0, 10) === day)
    .sort();
  if (starts.length === 0) return '07:00:00';
  const first = Temporal.PlainTime.from(starts[0]!.slice(11, 16)).subtract({ minutes: 30 });
  return first.hour > Temporal.PlainTime.from(starts[0]!.slice(11, 16)).hour
    ? '00:00:00'
    : `${pad(first.hour)}:${pad(first.minute)}:00`;
}
