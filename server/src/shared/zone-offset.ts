import { Temporal } from 'temporal-polyfill';

/**
 * Wall-clock ↔ epoch conversion for an IANA zone on plain numbers (seconds), memoising the zone's offset
 * periods as Temporal reports them, so an expansion asks Temporal about each DST transition once rather than
 * once per occurrence. The rule is Temporal's `disambiguation: 'compatible'`.
 */

type Segment = { start: number; end: number; offset: number };

const cache = new Map<string, Segment[]>();

function segmentsOf(zone: string): Segment[] {
  let segments = cache.get(zone);
  if (!segments) {
    segments = [];
    cache.set(zone, segments);
  }
  return segments;
}

function load(zone: string, segments: Segment[], epochSeconds: number): Segment {
  const zoned = Temporal.Instant.fromEpochMilliseconds(epochSeconds * 1000).toZonedDateTimeISO(zone);
  const previous = zoned.getTimeZoneTransition('previous');
  const next = zoned.getTimeZoneTransition('next');
  const segment: Segment = {
    start: previous ? previous.epochMilliseconds / 1000 : Number.NEGATIVE_INFINITY,
    end: next ? next.epochMilliseconds / 1000 : Number.POSITIVE_INFINITY,
    offset: zoned.offsetNanoseconds / 1e9,
  };
  let i = segments.length;
  while (i > 0 && segments[i - 1]!.start > segment.start) i--;
  segments.splice(i, 0, segment);
  return segment;
}

/** The zone's UTC offset in seconds at an instant given in epoch seconds. */
export function offsetAt(zone: string, epochSeconds: number): number {
  const segments = segmentsOf(zone);
  let lo = 0;
  let hi = segments.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const s = segments[mid]!;
    if (epochSeconds < s.start) hi = mid - 1;
    else if (epochSeconds >= s.end) lo = mid + 1;
    else return s.offset;
  }
  return load(zone, segments, epochSeconds).offset;
}

/**
 * The epoch second a wall-clock time (seconds since 1970-01-01T00:00 local) denotes in `zone`: a time in a gap
 * moves forward by the gap's length, an ambiguous time takes the earlier instant.
 */
export function localToEpoch(zone: string, local: number): number {
  const before = offsetAt(zone, local - 86400);
  const after = offsetAt(zone, local + 86400);
  if (before === after && offsetAt(zone, local - before) === before) return local - before;
  const early = local - before;
  const late = local - after;
  const earlyValid = offsetAt(zone, early) === before;
  const lateValid = offsetAt(zone, late) === after;
  if (earlyValid && lateValid) return Math.min(early, late);
  if (earlyValid) return early;
  if (lateValid) return late;
  return early;
}

/** Wall-clock seconds since 1970-01-01T00:00 local of an instant. */
export function epochToLocal(zone: string, epochSeconds: number): number {
  return epochSeconds + offsetAt(zone, epochSeconds);
}
