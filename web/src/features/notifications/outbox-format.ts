import { Temporal } from 'temporal-polyfill';

/** An instant as wall time in `zone`, with the zone named ("3 Mar 2026, 9:00 am Australia/Sydney"). */
export function formatInstantIn(iso: string, zone: string): string {
  const zdt = Temporal.Instant.from(iso).toZonedDateTimeISO(zone);
  return `${zdt.toLocaleString('en-AU', {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
  })} ${zone}`;
}
