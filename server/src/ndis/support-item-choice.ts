import type { Temporal } from 'temporal-polyfill';
import type { PriceZone, SupportItem, TimeBand } from './catalogue.types.js';
import {
  checkLimit,
  dollars,
  type LimitMode,
  priceLimitOf,
  timeBandOf,
  versionOn,
} from './catalogue-pricing.js';

/**
 * The support item a contract-priced visit is claimed under, and whether the contract's rate for it is within
 * the item's price limit (pure: the visit's zone, the public holidays of the state of delivery, the catalogue's
 * versions and the organisation's setting all come in as arguments).
 */

/** A contract option's items, one per time band; a band not named has no item (the visit is not NDIS-claimed). */
export type BandItems = Partial<Record<TimeBand, string>>;

export type SupportItemCheck = {
  band: TimeBand;
  /** Why the visit is in its band ("2026-01-26 is a public holiday"). */
  bandReason: string;
  /** The item the option names for the band; null: it names none for this band. */
  itemNumber: string | null;
  itemName: string | null;
  zone: PriceZone | null;
  /** The item's limit on the visit's date in its zone; null: no limit (quoted, or no column for the zone). */
  limitMinor: number | null;
  rateMinor: number;
  mode: LimitMode;
  /** within: the rate is at or under the limit; warn: above it, claimed at the limit; refuse: above it. */
  verdict: 'within' | 'warn' | 'refuse' | 'no_item';
  message: string;
};

const BAND_WORDS: Record<TimeBand, string> = {
  weekday_daytime: 'weekday daytime',
  weekday_evening: 'weekday evening',
  weekday_night: 'weekday night',
  saturday: 'Saturday',
  sunday: 'Sunday',
  public_holiday: 'public holiday',
};

export const bandWords = (band: TimeBand) => BAND_WORDS[band];

/**
 * The visit's band picks the option's item; the item's version in force on the visit's local date gives the
 * limit for the participant's zone; the rate (the highest hourly rate the contract charges for the visit) is
 * judged against it. An item the catalogue does not hold on that date is a `no_item` verdict naming it, so a
 * mistyped number is seen, never silently unchecked.
 */
export function checkSupportItem(q: {
  start: Temporal.ZonedDateTime;
  end: Temporal.ZonedDateTime;
  publicHolidays: ReadonlySet<string>;
  items: BandItems;
  /** Every version of the option's items (any number, any dates). */
  catalogue: readonly SupportItem[];
  zone: PriceZone | null;
  rateMinor: number;
  mode: LimitMode;
}): SupportItemCheck {
  const { band, why } = timeBandOf(q.start, q.end, q.publicHolidays);
  const date = q.start.toPlainDate().toString();
  const base = { band, bandReason: why, zone: q.zone, rateMinor: q.rateMinor, mode: q.mode };
  const number = q.items[band] ?? null;
  if (number === null)
    return {
      ...base,
      itemNumber: null,
      itemName: null,
      limitMinor: null,
      verdict: 'no_item',
      message: `the contract names no support item for a ${BAND_WORDS[band]} visit`,
    };
  const item = versionOn(
    q.catalogue.filter((v) => v.number === number),
    date,
  );
  if (!item)
    return {
      ...base,
      itemNumber: number,
      itemName: null,
      limitMinor: null,
      verdict: 'no_item',
      message: `${number} (named for ${BAND_WORDS[band]}) is not in the catalogue on ${date}`,
    };
  const limitMinor = priceLimitOf(item, q.zone);
  const v = checkLimit(q.rateMinor, limitMinor, q.mode, `${item.number} on ${date}`);
  const where = q.zone === null ? 'no price zone' : q.zone.replace('_', ' ').toLowerCase();
  return {
    ...base,
    itemNumber: item.number,
    itemName: item.name,
    limitMinor,
    verdict: !v.ok ? 'refuse' : v.warning ? 'warn' : 'within',
    message: !v.ok
      ? `${v.reason} (${where}); the organisation refuses rates above the limit`
      : (v.warning ??
        (limitMinor === null
          ? `${item.number} has no price limit for ${where}`
          : `${dollars(q.rateMinor)} is within the price limit ${dollars(limitMinor)} of ${item.number} on ${date} (${where})`)),
  };
}
