import { Temporal } from 'temporal-polyfill';
import type { Actor } from '../identity/actor.js';
import type { Tx } from '../platform/db/database.js';
import { invalid } from '../shared/domain-error.js';
import { isHolidayRegion, publicHolidays } from '../shared/public-holidays.js';
import { listFamilies, listItems } from './catalogue.store.js';
import {
  checkLimit,
  dollars,
  priceLimitOf,
  priceZoneOf,
  timeBandOf,
  versionOn,
} from './catalogue-pricing.js';
import { findClaimSettings } from './claim-settings.store.js';

/**
 * Which item a visit is claimed under and whether a rate is within its limit, before anything is booked or
 * claimed: the visit's time band (public holidays of the state of delivery) picks the family's item, and the
 * limit is the one for the visit's date and the participant's zone, judged by the organisation's setting.
 */
export async function priceCheck(
  tx: Tx,
  actor: Actor,
  q: {
    supportItem: string;
    start: Temporal.Instant;
    end: Temporal.Instant;
    timeZone: string;
    state: string | null;
    mmmBand: number | null;
    rateMinor: number;
  },
) {
  if (Temporal.Instant.compare(q.end, q.start) <= 0) throw invalid('end', 'must be after the start');
  const start = q.start.toZonedDateTimeISO(q.timeZone);
  const end = q.end.toZonedDateTimeISO(q.timeZone);
  const date = start.toPlainDate().toString();
  const region = `AU-${(q.state ?? '').toUpperCase()}`;
  const holidays = new Set(
    publicHolidays(isHolidayRegion(region) ? region : 'AU', date, date).map((h) => h.date),
  );
  const families = await listFamilies(tx, actor.organisationId);
  const family = families.find((f) => f.itemNumber === q.supportItem)?.family ?? null;
  const { band, why } = timeBandOf(start, end, holidays);
  const number = family
    ? (families.find((f) => f.family === family && f.band === band)?.itemNumber ?? null)
    : q.supportItem;
  if (number === null)
    throw invalid('supportItem', `its family "${family}" has no ${band.replace('_', ' ')} item`);
  const item = versionOn(await listItems(tx, actor.organisationId, { numbers: [number] }), date);
  if (!item) throw invalid('supportItem', `${number} is not in the catalogue on ${date}`);
  const zone = priceZoneOf(q.state, q.mmmBand);
  const limitMinor = priceLimitOf(item, zone);
  const settings = await findClaimSettings(tx, actor.organisationId);
  const verdict = checkLimit(q.rateMinor, limitMinor, settings.priceLimitMode, item.number);
  return {
    band,
    bandReason: why,
    family,
    item: { number: item.number, name: item.name, unit: item.unit },
    zone,
    limitMinor,
    mode: settings.priceLimitMode,
    allowed: verdict.ok,
    unitPriceMinor: verdict.ok ? verdict.unitPriceMinor : null,
    message: verdict.ok
      ? (verdict.warning ??
        `${dollars(q.rateMinor)} is within the limit${limitMinor === null ? ' (none)' : ` ${dollars(limitMinor)}`} of ${item.number}`)
      : verdict.reason,
  };
}
