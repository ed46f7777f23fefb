import type { Temporal } from 'temporal-polyfill';

/**
 * How an organisation writes dates, money and instants (pure): from its country (organisations.country) and,
 * once billing settings are saved, the currency it bills in. The web app gets the same three facts from `/me`.
 */

export type Currency = 'AUD' | 'GBP' | 'NZD' | 'USD';
export type OrganisationFormats = { locale: string; currency: Currency; timeZone: string };

const LOCALES: Record<string, string> = { AU: 'en-AU', GB: 'en-GB', NZ: 'en-NZ', US: 'en-US', IE: 'en-IE' };
const CURRENCIES: Record<string, Currency> = { AU: 'AUD', GB: 'GBP', NZ: 'NZD', US: 'USD' };

/** 'AU' → 'en-AU', 'US' → 'en-US'; a country without its own entry writes dates as Australians do. */
export const localeForCountry = (country: string): string => LOCALES[country] ?? 'en-AU';

/** The currency a country bills in, until the organisation's billing settings say otherwise. */
export const currencyForCountry = (country: string): Currency => CURRENCIES[country] ?? 'AUD';

/** 12345 → '$123.45' (AUD), '£123.45' (GBP): formatted from the exact decimal string, never a float division. */
export function formatMinor(minor: number, f: Pick<OrganisationFormats, 'locale' | 'currency'>): string {
  const sign = minor < 0 ? '-' : '';
  const digits = String(Math.abs(minor)).padStart(3, '0');
  const decimal = `${sign}${digits.slice(0, -2)}.${digits.slice(-2)}`;
  // Intl takes a decimal string exactly (ECMA-402 "StringNumericLiteral"); the cast is for the typings.
  return new Intl.NumberFormat(f.locale, { style: 'currency', currency: f.currency }).format(
    decimal as unknown as number,
  );
}

/** 'YYYY-MM-DD' → '01/12/2026' (en-US: '12/01/2026'). */
export function formatLocalDate(iso: string, locale: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return iso;
  return locale === 'en-US' ? `${m[2]}/${m[3]}/${m[1]}` : `${m[3]}/${m[2]}/${m[1]}`;
}

/** An instant in the organisation's zone, in words: 'Tue 1 Dec 2026, 09:00 AEDT'. */
export function formatInstant(instant: Temporal.Instant, f: Omit<OrganisationFormats, 'currency'>): string {
  const us = f.locale === 'en-US';
  const parts = new Intl.DateTimeFormat(f.locale, {
    timeZone: f.timeZone,
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: us ? 'numeric' : '2-digit',
    minute: '2-digit',
    hourCycle: us ? 'h12' : 'h23',
    timeZoneName: 'short',
  }).formatToParts(instant.epochMilliseconds);
  const p = Object.fromEntries(parts.map((x) => [x.type, x.value])) as Record<string, string>;
  const time = `${p.hour}:${p.minute}${p.dayPeriod ? ` ${p.dayPeriod}` : ''} ${p.timeZoneName}`;
  return us
    ? `${p.weekday} ${p.month} ${p.day} ${p.year}, ${time}`
    : `${p.weekday} ${p.day} ${p.month} ${p.year}, ${time}`;
}
