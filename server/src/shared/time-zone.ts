import { Temporal } from 'temporal-polyfill';

/** True for IANA zone names (e.g. Australia/Sydney, UTC); false for offsets such as "+10:00" or unknown names. */
export function isIanaTimeZone(zone: string): boolean {
  if (!/^[A-Za-z_]+(?:\/[A-Za-z0-9_+-]+)*$/.test(zone)) return false;
  try {
    Temporal.PlainDate.from('2000-01-01').toZonedDateTime(zone);
    return true;
  } catch {
    return false;
  }
}
