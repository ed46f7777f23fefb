import { Temporal } from 'temporal-polyfill';
import { describe, expect, it } from 'vitest';
import { checkLimit, priceLimitOf, priceZoneOf, timeBandOf } from './catalogue-pricing.js';

const zone = 'Australia/Sydney';
const at = (s: string) => Temporal.PlainDateTime.from(s).toZonedDateTime(zone);
const band = (from: string, to: string, holidays: string[] = []) =>
  timeBandOf(at(from), at(to), new Set(holidays)).band;

describe('the time band of a visit', () => {
  it('weekday daytime, evening and night by start and end', () => {
    expect(band('2025-12-02T06:00', '2025-12-02T20:00')).toBe('weekday_daytime');
    expect(band('2025-12-02T19:00', '2025-12-02T21:00')).toBe('weekday_evening');
    expect(band('2025-12-02T20:30', '2025-12-03T00:00')).toBe('weekday_evening');
    expect(band('2025-12-02T22:00', '2025-12-03T02:00')).toBe('weekday_night');
    expect(band('2025-12-02T05:30', '2025-12-02T08:00')).toBe('weekday_night');
  });
  it('Saturday, Sunday, and a public holiday of the state of delivery over the weekday', () => {
    expect(band('2025-12-06T09:00', '2025-12-06T11:00')).toBe('saturday');
    expect(band('2025-12-07T09:00', '2025-12-07T11:00')).toBe('sunday');
    expect(band('2026-01-26T09:00', '2026-01-26T11:00', ['2026-01-26'])).toBe('public_holiday');
  });
});

describe('price limits', () => {
  it('MMM6 and MMM7 use the remote columns, MMM1-5 the state column, else the national one', () => {
    expect(priceZoneOf('nsw', 2)).toBe('NSW');
    expect(priceZoneOf('NSW', 6)).toBe('REMOTE');
    expect(priceZoneOf(null, 7)).toBe('VERY_REMOTE');
    expect(priceZoneOf('Somewhere', 1)).toBeNull();
    expect(priceLimitOf({ prices: { NATIONAL: 9700 } }, 'VIC')).toBe(9700);
    expect(priceLimitOf({ prices: { NATIONAL: 9700 } }, 'REMOTE')).toBeNull();
  });
  it('a rate above the limit is refused, or claimed at the limit with a warning that says so', () => {
    expect(checkLimit(7023, 7023, 'refuse', 'X')).toEqual({ ok: true, unitPriceMinor: 7023, warning: null });
    expect(checkLimit(8000, 7023, 'refuse', '01_011_0107_1_1')).toEqual({
      ok: false,
      reason: '$80.00 is above the price limit $70.23 of 01_011_0107_1_1',
    });
    expect(checkLimit(8000, 7023, 'warn', 'X')).toMatchObject({
      ok: true,
      unitPriceMinor: 7023,
      warning: expect.stringContaining('claimed at the limit'),
    });
  });
});
