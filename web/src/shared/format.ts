import { Temporal } from 'temporal-polyfill';
import { formatNumericDate } from './org-formats';
import { zoneAbbreviation } from './time-zones';

export function fullName(person: { givenName: string; familyName: string }): string {
  return `${person.givenName} ${person.familyName}`.trim();
}

/** '2026-03-14' → 'Sat 14 Mar 2026': a calendar date, so formatted in UTC to avoid any zone shift. */
export function formatPlainDate(isoDate: string | null | undefined): string {
  if (!isoDate) return '—';
  try {
    const date = Temporal.PlainDate.from(isoDate);
    const utc = new Date(Date.UTC(date.year, date.month - 1, date.day));
    const part = (options: Intl.DateTimeFormatOptions) =>
      new Intl.DateTimeFormat('en-AU', { ...options, timeZone: 'UTC' }).format(utc);
    return `${part({ weekday: 'short' })} ${date.day} ${part({ month: 'short' })} ${date.year}`;
  } catch {
    return isoDate;
  }
}

/** '1950-03-04' → '04/03/1950': the organisation's order (day/month/year; month first in en-US). */
export function formatDayMonthYear(isoDate: string): string {
  return formatNumericDate(isoDate);
}

/** 'HH:MM' as entered, followed by the zone abbreviation in force at the booking's instant. */
export function formatLocalTime(startTime: string, timeZone: string, startsAt: string): string {
  return `${startTime} ${zoneAbbreviation(timeZone, startsAt)}`;
}

export function formatDuration(minutes: number): string {
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  return rest ? `${hours} h ${rest} min` : `${hours} h`;
}

/** An instant shown in a zone, e.g. '14 Mar 2026, 09:05 AEDT'. */
export function formatInstant(iso: string, timeZone: string, withSeconds = false): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const text = new Intl.DateTimeFormat('en-AU', {
    timeZone,
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    second: withSeconds ? '2-digit' : undefined,
    hourCycle: 'h23',
  }).format(date);
  return `${text} ${zoneAbbreviation(timeZone, date)}`;
}

export function orDash(value: string | null | undefined): string {
  return value?.trim() ? value : '—';
}

/** Form strings → API values: blank becomes null. */
export function blankToNull(value: string): string | null {
  const trimmed = value.trim();
  return trimmed === '' ? null : trimmed;
}
