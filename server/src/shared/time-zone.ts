import { Temporal } from 'temporal-polyfill';
import { z } from 'zod';

/**
 * The IANA name of a zone as the time-zone database spells it ('australia/sydney' → 'Australia/Sydney'), or
 * null for offsets such as "+10:00" and unknown names. Zone names are matched case-insensitively (as IANA and
 * Temporal define them), so every zone Carebook accepts is stored in this one spelling.
 */
export function canonicalTimeZone(zone: string): string | null {
  if (!/^[A-Za-z_]+(?:\/[A-Za-z0-9_+-]+)*$/.test(zone)) return null;
  try {
    return Temporal.PlainDate.from('2000-01-01').toZonedDateTime(zone).timeZoneId;
  } catch {
    return null;
  }
}

/** True for IANA zone names (e.g. Australia/Sydney, UTC) in any letter case; false for offsets or unknown names. */
export function isIanaTimeZone(zone: string): boolean {
  return canonicalTimeZone(zone) !== null;
}

/** A Zod field for an IANA zone name: refused when unknown, stored as the database spells it. */
export function timeZoneField(message = 'must be an IANA time zone name such as Australia/Sydney') {
  return z
    .string()
    .refine(isIanaTimeZone, message)
    .transform((zone) => canonicalTimeZone(zone)!);
}
