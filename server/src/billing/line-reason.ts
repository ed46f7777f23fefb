import type { Currency } from './billing-settings.js';
import { TAX_REGIME } from './billing-settings.js';

/**
 * "Why this price" in words a client reads on an invoice ("Sunday rate $126.41/h × 1 h"), built from the
 * rating engine's structured reason. Never internal names: no option keys, no indexes, no debug text.
 */

type Rule =
  | { kind: 'default' }
  | { kind: 'range'; when: { kind: string; day?: string }; from: string; to: string };
type Source = { rule?: Rule; period?: { from: string; to: string } };
export type ReasonLine = {
  kind: 'time' | 'nonProRata' | 'callOut' | 'mileage' | 'stay';
  minutes: number | null;
  rateMinor: number | null;
  amountMinor: number;
  explanation: string;
  source: unknown;
};

const DAY: Record<string, string> = {
  mon: 'Monday',
  tue: 'Tuesday',
  wed: 'Wednesday',
  thu: 'Thursday',
  fri: 'Friday',
  sat: 'Saturday',
  sun: 'Sunday',
};
const KIND: Record<string, string> = {
  weekday: 'Weekday',
  weekend: 'Weekend',
  publicHoliday: 'Public holiday',
  specialDay: 'Special day',
};

/** '$126.41', '-£20.00'. */
export function money(minor: number, currency: Currency): string {
  const abs = Math.abs(minor);
  const text = `${TAX_REGIME[currency].symbol}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
  return minor < 0 ? `-${text}` : text;
}

/** 60 → '1 h', 90 → '1 h 30 min', 45 → '45 min'. */
export function duration(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  if (h === 0) return `${m} min`;
  return m === 0 ? `${h} h` : `${h} h ${m} min`;
}

/** 'Sunday rate', 'Weekday evening rate (18:00–24:00)', 'Standard rate'. */
export function rateName(rule: Rule | undefined): string {
  if (!rule || rule.kind === 'default') return 'Standard rate';
  const day =
    rule.when.kind === 'dayOfWeek'
      ? (DAY[rule.when.day ?? ''] ?? 'Day')
      : (KIND[rule.when.kind] ?? 'Special');
  const allDay = rule.from === '00:00' && (rule.to === '24:00' || rule.to === '00:00');
  return allDay ? `${day} rate` : `${day} rate (${rule.from}–${rule.to})`;
}

function sourceOf(line: ReasonLine): Source {
  return line.source !== null && typeof line.source === 'object' ? (line.source as Source) : {};
}

/** The local start–end of the stretch a line prices ('14:30–15:30'), or '' for call-outs and mileage. */
export function localTimes(line: ReasonLine): string {
  const period = sourceOf(line).period;
  if (!period) return '';
  const time = (t: string) => /[ T](\d{2}:\d{2})/.exec(t)?.[1] ?? '';
  return `${time(period.from)}–${time(period.to)}`;
}

export function plainReason(line: ReasonLine, currency: Currency): string {
  // A completed session's delivered record (delivered-rating.ts) already says, in words, what it charges.
  if (line.source !== null && typeof line.source === 'object' && 'delivered' in line.source)
    return line.explanation;
  const credit = line.amountMinor < 0 ? 'Credit: ' : '';
  const { rule } = sourceOf(line);
  switch (line.kind) {
    case 'time':
      return line.minutes !== null && line.rateMinor !== null
        ? `${credit}${rateName(rule)} ${money(line.rateMinor, currency)}/h × ${duration(line.minutes)}`
        : `${credit}${rateName(rule)}`;
    case 'nonProRata':
      return `${credit}${rateName(rule)}: fixed price for a visit of ${duration(line.minutes ?? 0)}`;
    case 'callOut':
      return `${credit}Call-out charge`;
    case 'mileage': {
      const distance = /^Mileage ([0-9.]+) ×/.exec(line.explanation)?.[1];
      return distance && line.rateMinor !== null
        ? `${credit}Travel ${distance} km × ${money(line.rateMinor, currency)}`
        : `${credit}Travel`;
    }
    case 'stay':
      // The run wrote it for the client: service, bed and nights ("Respite stay, Room 2 Bed A, 3 nights 4–7 Dec").
      return `${credit}${line.explanation}`;
  }
}

/** Quantity as printed: hours for time, '1' for a fixed price or call-out, the distance for travel. */
export function quantity(line: ReasonLine): string {
  if (line.kind === 'time' && line.minutes !== null) return `${(line.minutes / 60).toFixed(2)} h`;
  if (line.kind === 'stay') return String((line.source as { units?: number } | null)?.units ?? 1);
  if (line.kind === 'mileage') return /^Mileage ([0-9.]+) ×/.exec(line.explanation)?.[1] ?? '1';
  return '1';
}
