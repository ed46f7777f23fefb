import { Temporal } from 'temporal-polyfill';

export const WEEKDAYS = [
  { code: 'MO', short: 'Mon', label: 'Monday' },
  { code: 'TU', short: 'Tue', label: 'Tuesday' },
  { code: 'WE', short: 'Wed', label: 'Wednesday' },
  { code: 'TH', short: 'Thu', label: 'Thursday' },
  { code: 'FR', short: 'Fri', label: 'Friday' },
  { code: 'SA', short: 'Sat', label: 'Saturday' },
  { code: 'SU', short: 'Sun', label: 'Sunday' },
] as const;

export type WeekdayCode = (typeof WEEKDAYS)[number]['code'];

/** What the form offers: weekly on chosen weekdays every 1–4 weeks, or monthly on the start date's day. */
export type Repeat = { frequency: 'weekly' | 'monthly'; interval: number; weekdays: WeekdayCode[] };

export function toRrule(repeat: Repeat): string {
  const interval = repeat.interval > 1 ? `;INTERVAL=${repeat.interval}` : '';
  if (repeat.frequency === 'monthly') return `FREQ=MONTHLY${interval}`;
  const days = WEEKDAYS.map((day) => day.code).filter((code) => repeat.weekdays.includes(code));
  return `FREQ=WEEKLY${interval};BYDAY=${days.join(',')}`;
}

function parts(rrule: string): Map<string, string> {
  return new Map(
    rrule
      .split(';')
      .map((part) => part.split('=') as [string, string | undefined])
      .filter((pair): pair is [string, string] => pair[1] !== undefined)
      .map(([key, value]) => [key.toUpperCase(), value]),
  );
}

/** The form's repeat from a stored rule, or null when the rule is richer than the form can show. */
export function fromRrule(rrule: string): Repeat | null {
  const p = parts(rrule);
  const interval = Number(p.get('INTERVAL') ?? '1');
  const known = new Set(['FREQ', 'INTERVAL', 'BYDAY', 'BYMONTHDAY']);
  if ([...p.keys()].some((key) => !known.has(key)) || !Number.isInteger(interval)) return null;
  if (p.get('FREQ') === 'WEEKLY') {
    const codes = WEEKDAYS.map((day) => day.code);
    const weekdays = (p.get('BYDAY') ?? '').split(',').filter(Boolean);
    if (!weekdays.every((day) => (codes as string[]).includes(day))) return null;
    return { frequency: 'weekly', interval, weekdays: weekdays as WeekdayCode[] };
  }
  if (p.get('FREQ') === 'MONTHLY' && !p.has('BYDAY')) return { frequency: 'monthly', interval, weekdays: [] };
  return null;
}

function ordinal(n: number): string {
  const tens = n % 100;
  if (tens >= 11 && tens <= 13) return `${n}th`;
  return `${n}${['th', 'st', 'nd', 'rd'][n % 10] ?? 'th'}`;
}

/** "Every Mon, Thu at 09:00", "Every 2 weeks on Sat at 06:00", "Monthly on the 5th at 10:30". */
export function describeRule(rrule: string, startTime: string, startDate?: string): string {
  const p = parts(rrule);
  const interval = Number(p.get('INTERVAL') ?? '1');
  const at = ` at ${startTime}`;
  if (p.get('FREQ') === 'WEEKLY') {
    const codes = (p.get('BYDAY') ?? '').split(',');
    const days = WEEKDAYS.filter((day) => codes.includes(day.code)).map((day) => day.short);
    const list = days.length === 7 ? 'day' : days.join(', ');
    if (interval > 1) return `Every ${interval} weeks on ${list}${at}`;
    return `Every ${list}${at}`;
  }
  if (p.get('FREQ') === 'MONTHLY') {
    const day = p.get('BYMONTHDAY') ?? (startDate ? String(Temporal.PlainDate.from(startDate).day) : null);
    const on = day && /^\d+$/.test(day) ? ` on the ${ordinal(Number(day))}` : '';
    return `${interval > 1 ? `Every ${interval} months` : 'Monthly'}${on}${at}`;
  }
  if (p.get('FREQ') === 'DAILY') return `${interval > 1 ? `Every ${interval} days` : 'Daily'}${at}`;
  return `${rrule}${at}`;
}

/** The weekday code of a local date, e.g. 'MO'. */
export function weekdayOf(isoDate: string): WeekdayCode | null {
  try {
    return WEEKDAYS[Temporal.PlainDate.from(isoDate).dayOfWeek - 1]?.code ?? null;
  } catch {
    return null;
  }
}
