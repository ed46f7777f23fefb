import { Temporal } from 'temporal-polyfill';

/**
 * The time kernel's zone offsets: an IANA zone's UTC offset at an instant, and wall clock ↔ instant, on plain
 * numbers (epoch seconds; wall-clock seconds since 1970-01-01T00:00 local). Each zone's offset periods are
 * learnt from Temporal once per process and kept sorted, so an expansion or a calendar page asks Temporal about
 * each DST transition once rather than once per row.
 *
 * A period is [the latest transition at or before the instant asked, the first transition after it): Temporal's
 * `getTimeZoneTransition('previous')` is strictly before its receiver, so it is asked one nanosecond after the
 * instant — otherwise a first lookup exactly on a transition would store one period spanning two offsets.
 *
 * Wall clock → instant follows Carebook's rule (Temporal's `disambiguation: 'compatible'`): a time in a
 * spring-forward gap moves forward by the gap's length; an ambiguous fall-back time takes the earlier instant.
 */

type Period = { start: number; end: number; offset: number };
type ZoneState = { periods: Period[]; recent: Period | undefined };

const zones = new Map<string, ZoneState>();
let lastZone = '';
let lastState: ZoneState | undefined;

function stateOf(zone: string): ZoneState {
  if (zone === lastZone && lastState) return lastState;
  let state = zones.get(zone);
  if (!state) {
    state = { periods: [], recent: undefined };
    zones.set(zone, state);
  }
  lastZone = zone;
  lastState = state;
  return state;
}

function load(zone: string, periods: Period[], epochSeconds: number): Period {
  const zoned = Temporal.Instant.fromEpochNanoseconds(
    BigInt(Math.round(epochSeconds * 1e9)),
  ).toZonedDateTimeISO(zone);
  const previous = zoned.add({ nanoseconds: 1 }).getTimeZoneTransition('previous');
  const next = zoned.getTimeZoneTransition('next');
  const period: Period = {
    start: previous ? previous.epochMilliseconds / 1000 : Number.NEGATIVE_INFINITY,
    end: next ? next.epochMilliseconds / 1000 : Number.POSITIVE_INFINITY,
    offset: zoned.offsetNanoseconds / 1e9,
  };
  let i = periods.length;
  while (i > 0 && periods[i - 1]!.start > period.start) i--;
  periods.splice(i, 0, period);
  return period;
}

/** The zone's UTC offset in seconds at an instant given in epoch seconds. */
export function offsetAt(zone: string, epochSeconds: number): number {
  const state = stateOf(zone);
  const recent = state.recent;
  if (recent && epochSeconds >= recent.start && epochSeconds < recent.end) return recent.offset;
  const periods = state.periods;
  let lo = 0;
  let hi = periods.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const p = periods[mid]!;
    if (epochSeconds < p.start) hi = mid - 1;
    else if (epochSeconds >= p.end) lo = mid + 1;
    else {
      state.recent = p;
      return p.offset;
    }
  }
  const loaded = load(zone, periods, epochSeconds);
  state.recent = loaded;
  return loaded.offset;
}

/** The epoch second a wall-clock time (seconds since 1970-01-01T00:00 local) denotes in `zone`. */
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
  // In a gap: the wall-clock time read with the offset before it, i.e. moved forward by the gap.
  return early;
}

/** Whether a wall-clock time happens twice in `zone` (the repeated hour of a fall-back night). */
export function isAmbiguousLocal(zone: string, local: number): boolean {
  const before = offsetAt(zone, local - 86400);
  const after = offsetAt(zone, local + 86400);
  return (
    before !== after && offsetAt(zone, local - before) === before && offsetAt(zone, local - after) === after
  );
}

/** Wall-clock seconds since 1970-01-01T00:00 local of an instant. */
export function epochToLocal(zone: string, epochSeconds: number): number {
  return epochSeconds + offsetAt(zone, epochSeconds);
}

/** Forgets every zone's cached periods (tests start from a fresh cache). */
export function clearZoneOffsetCache(): void {
  zones.clear();
  lastZone = '';
  lastState = undefined;
}
