import { Temporal } from 'temporal-polyfill';
import { describe, expect, it } from 'vitest';
import {
  currencyForCountry,
  formatInstant,
  formatLocalDate,
  formatMinor,
  localeForCountry,
} from './organisation-formats.js';

describe("an organisation's formats", () => {
  it('follow its country: en-AU and en-GB day first, en-US month first', () => {
    expect(['AU', 'GB', 'US', 'NZ'].map(localeForCountry)).toEqual(['en-AU', 'en-GB', 'en-US', 'en-NZ']);
    expect(['AU', 'GB', 'US'].map(currencyForCountry)).toEqual(['AUD', 'GBP', 'USD']);
    expect(formatLocalDate('2026-12-01', 'en-AU')).toBe('01/12/2026');
    expect(formatLocalDate('2026-12-01', 'en-GB')).toBe('01/12/2026');
    expect(formatLocalDate('2026-12-01', 'en-US')).toBe('12/01/2026');
  });

  it('write money from minor units exactly, with the currency symbol', () => {
    expect(formatMinor(1, { locale: 'en-AU', currency: 'AUD' })).toBe('$0.01');
    expect(formatMinor(900719925474099, { locale: 'en-GB', currency: 'GBP' })).toBe('£9,007,199,254,740.99');
  });

  it("write an instant in the organisation's zone with the zone's abbreviation", () => {
    const at = Temporal.Instant.from('2026-11-30T22:00:00Z');
    expect(formatInstant(at, { locale: 'en-AU', timeZone: 'Australia/Sydney' })).toBe(
      'Tue 1 Dec 2026, 09:00 AEDT',
    );
    expect(formatInstant(at, { locale: 'en-AU', timeZone: 'Australia/Perth' })).toBe(
      'Tue 1 Dec 2026, 06:00 AWST',
    );
    expect(formatInstant(at, { locale: 'en-US', timeZone: 'America/New_York' })).toBe(
      'Mon Nov 30 2026, 5:00 PM EST',
    );
  });
});
