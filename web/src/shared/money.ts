/**
 * Money on the contract screens: the API speaks integer minor units (cents, pence); people type the amount.
 * Conversion is string arithmetic only, so no binary-float rounding can creep into a rate.
 */

import { orgFormats } from './org-formats';

const MONEY_TEXT = /^(\d{1,7})(?:\.(\d{0,2}))?$/;

/** '24', '24.5', '$1,024.50' → 2400, 2450, 102450; null when it isn't an amount with at most two decimals. */
export function parseMoney(text: string): number | null {
  const cleaned = text.trim().replace(/^[$£]/, '').replaceAll(',', '').replaceAll(' ', '');
  const match = MONEY_TEXT.exec(cleaned);
  if (!match) return null;
  const [, whole = '0', cents = ''] = match;
  return Number.parseInt(`${whole}${cents.padEnd(2, '0')}`, 10);
}

/** 2450 → '24.50': the value an input shows for an amount in minor units. */
export function minorToInput(minor: number | null | undefined): string {
  if (minor === null || minor === undefined || !Number.isSafeInteger(minor)) return '';
  const sign = minor < 0 ? '-' : '';
  const digits = String(Math.abs(minor)).padStart(3, '0');
  return `${sign}${digits.slice(0, -2)}.${digits.slice(-2)}`;
}

const formatters = new Map<string, Intl.NumberFormat>();
function currencyFormat(): Intl.NumberFormat {
  const { locale, currency } = orgFormats();
  const key = `${locale} ${currency}`;
  let format = formatters.get(key);
  if (!format) {
    format = new Intl.NumberFormat(locale, { style: 'currency', currency });
    formatters.set(key, format);
  }
  return format;
}

/**
 * 2450 → '$24.50' in an Australian organisation, '£24.50' in a British one (the organisation's currency, from
 * `/me`); formatted from the exact decimal string, never from a float division.
 */
export function formatMoney(minor: number | null | undefined): string {
  if (minor === null || minor === undefined || !Number.isSafeInteger(minor)) return '—';
  return currencyFormat().format(minorToInput(minor) as unknown as number);
}

/** The currency's symbol, for an amount field's prefix: '$' or '£'. */
export function currencySymbol(): string {
  return (
    currencyFormat()
      .formatToParts(0)
      .find((p) => p.type === 'currency')?.value ?? '$'
  );
}

/** The field message for an amount that isn't one, in the organisation's currency's own words. */
export function moneyError(): string {
  const { currency } = orgFormats();
  const units = currency === 'GBP' ? 'pounds and pence' : 'dollars and cents';
  return `Enter an amount in ${units}, e.g. ${currencySymbol()}24.50`;
}
