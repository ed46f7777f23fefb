import type { Temporal } from 'temporal-polyfill';
import type { PriceZone, SupportItem, TimeBand } from './catalogue.types.js';
import { STATE_ZONES } from './catalogue.types.js';

/**
 * Which price level a visit is at, which item that makes it, and whether a rate is within the item's limit
 * (pure: zone, holidays and catalogue come in as arguments).
 */

/**
 * The time band of a support worker's visit, from its local start and end in the zone of delivery:
 * - a public holiday of the state of delivery, a Saturday or a Sunday: the day it starts on;
 * - weekday daytime: starts at or after 06:00 and ends at or before 20:00 on the same day;
 * - weekday evening: starts at or after 06:00 and ends after 20:00, at or before midnight;
 * - weekday night: ends after midnight, or starts before 06:00.
 * A visit that starts in the day and runs past 20:00 is an evening visit as a whole (the reading of providers'
 * published terms; the PAPL's wording for band-crossing shifts is unconfirmed, so this is not split by band).
 */
export function timeBandOf(
  start: Temporal.ZonedDateTime,
  end: Temporal.ZonedDateTime,
  publicHolidays: ReadonlySet<string>,
): { band: TimeBand; why: string } {
  const day = start.toPlainDate();
  const dayName = start.toLocaleString('en-AU', { weekday: 'long' });
  if (publicHolidays.has(day.toString()))
    return { band: 'public_holiday', why: `${day} is a public holiday` };
  if (start.dayOfWeek === 6) return { band: 'saturday', why: `${day} is a Saturday` };
  if (start.dayOfWeek === 7) return { band: 'sunday', why: `${day} is a Sunday` };
  const startMin = start.hour * 60 + start.minute;
  const nextMidnight = day.add({ days: 1 }).toZonedDateTime({ timeZone: start.timeZoneId });
  const endsNextDay = end.epochNanoseconds > nextMidnight.epochNanoseconds;
  const endMin = end.toPlainDate().equals(day) ? end.hour * 60 + end.minute : 24 * 60;
  if (startMin < 6 * 60 || endsNextDay)
    return {
      band: 'weekday_night',
      why:
        startMin < 6 * 60 ? `a ${dayName} visit starting before 06:00` : `a ${dayName} visit past midnight`,
    };
  if (endMin <= 20 * 60)
    return { band: 'weekday_daytime', why: `a ${dayName} visit between 06:00 and 20:00` };
  return { band: 'weekday_evening', why: `a ${dayName} visit ending after 20:00, by midnight` };
}

/**
 * The price zone of a participant: very remote (MMM7), remote (MMM6), else their state's column (MMM1–5);
 * null when the state is not an Australian state or territory.
 */
export function priceZoneOf(state: string | null, mmmBand: number | null): PriceZone | null {
  if (mmmBand === 7) return 'VERY_REMOTE';
  if (mmmBand === 6) return 'REMOTE';
  const s = (state ?? '').trim().toUpperCase();
  return (STATE_ZONES as readonly string[]).includes(s) ? (s as PriceZone) : null;
}

/** The item version in force on `date` among a number's versions. */
export function versionOn<T extends Pick<SupportItem, 'startsOn' | 'endsOn'>>(
  versions: readonly T[],
  date: string,
): T | null {
  return versions.find((v) => v.startsOn <= date && (v.endsOn === null || date <= v.endsOn)) ?? null;
}

/**
 * The price limit of an item in a zone: the zone's own column, else the national column (the 2026-27
 * schedule has no state columns); null: no limit (a quoted item).
 */
export function priceLimitOf(item: Pick<SupportItem, 'prices'>, zone: PriceZone | null): number | null {
  if (zone !== null && item.prices[zone] !== undefined) return item.prices[zone]!;
  if (zone !== 'REMOTE' && zone !== 'VERY_REMOTE' && item.prices.NATIONAL !== undefined)
    return item.prices.NATIONAL;
  return null;
}

export type LimitMode = 'warn' | 'refuse';

export type LimitVerdict =
  | { ok: true; unitPriceMinor: number; warning: null }
  | { ok: true; unitPriceMinor: number; warning: string }
  | { ok: false; reason: string };

/**
 * A rate checked against its limit: within it as it is; above it refused, or (warn) claimed at the limit with
 * a warning that says so — never silently lowered.
 */
export function checkLimit(
  rateMinor: number,
  limitMinor: number | null,
  mode: LimitMode,
  label: string,
): LimitVerdict {
  if (limitMinor === null || rateMinor <= limitMinor)
    return { ok: true, unitPriceMinor: rateMinor, warning: null };
  const says = `${dollars(rateMinor)} is above the price limit ${dollars(limitMinor)} of ${label}`;
  return mode === 'refuse'
    ? { ok: false, reason: says }
    : { ok: true, unitPriceMinor: limitMinor, warning: `${says}; claimed at the limit` };
}

export const dollars = (minor: number) =>
  `$${Math.floor(minor / 100).toLocaleString('en-AU')}.${String(minor % 100).padStart(2, '0')}`;
