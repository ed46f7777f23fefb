let cached: string[] | null = null;

/** IANA zones the browser knows, with UTC added (some engines leave it out). */
export function timeZoneOptions(): string[] {
  if (!cached) {
    const zones = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
    cached = zones.includes('UTC') ? zones : [...zones, 'UTC'];
  }
  return cached;
}

export function browserTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

/** Short zone name at a given instant, e.g. "AEDT" or "AWST" (en-AU names Australian zones). */
export function zoneAbbreviation(timeZone: string, at: string | Date = new Date()): string {
  try {
    const parts = new Intl.DateTimeFormat('en-AU', { timeZone, timeZoneName: 'short' }).formatToParts(
      typeof at === 'string' ? new Date(at) : at,
    );
    return parts.find((part) => part.type === 'timeZoneName')?.value ?? timeZone;
  } catch {
    return timeZone;
  }
}
