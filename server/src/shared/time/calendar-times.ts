import { civilFromDays, SECONDS_PER_DAY } from './civil-date.js';
import { offsetAt } from './zone-offset.js';

const pad2 = (n: number) => (n < 10 ? `0${n}` : `${n}`);

/** An offset in seconds as ISO 8601 prints it: '+11:00', '-03:30', '+10:04:52' (seconds only when not zero). */
export function offsetText(offsetSeconds: number): string {
  const abs = Math.abs(offsetSeconds);
  const seconds = abs % 60;
  return `${offsetSeconds < 0 ? '-' : '+'}${pad2(Math.floor(abs / 3600))}:${pad2(Math.floor((abs % 3600) / 60))}${seconds ? `:${pad2(seconds)}` : ''}`;
}

/**
 * An instant (epoch seconds) as the calendar API prints it in `zone`: the wall clock to the minute
 * ('2026-01-05T09:00') and the instant with its offset to the second ('2026-01-05T09:00:00+11:00'), exactly
 * as Temporal would, but by integer arithmetic on the zone's cached offset periods: converting each row with
 * Temporal was half the calendar endpoint's CPU under load.
 */
export function calendarTimes(zone: string, epochSeconds: number): { wallClock: string; withOffset: string } {
  const offset = offsetAt(zone, epochSeconds);
  const { wallClock, second } = wallClockOf(epochSeconds + offset);
  return { wallClock, withOffset: `${wallClock}:${pad2(second)}${offsetText(offset)}` };
}

/** Wall-clock seconds since 1970-01-01T00:00 as 'YYYY-MM-DDTHH:MM', with the seconds left over. */
export function wallClockOf(local: number): { wallClock: string; second: number } {
  const days = Math.floor(local / SECONDS_PER_DAY);
  const secondOfDay = local - days * SECONDS_PER_DAY;
  const [year, month, day] = civilFromDays(days, [0, 0, 0]);
  return {
    wallClock: `${String(year).padStart(4, '0')}-${pad2(month)}-${pad2(day)}T${pad2(Math.floor(secondOfDay / 3600))}:${pad2(Math.floor((secondOfDay % 3600) / 60))}`,
    second: secondOfDay % 60,
  };
}
