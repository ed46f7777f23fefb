import fc from 'fast-check';
import { Temporal } from 'temporal-polyfill';
import { describe, expect, it } from 'vitest';
import {
  clearZoneOffsetCache,
  epochToLocal,
  isAmbiguousLocal,
  localToEpoch,
  offsetAt,
} from './zone-offset.js';

/**
 * The kernel's cached offsets against plain Temporal, for random instants and for every transition instant of
 * 2020–2035 (and the seconds either side), queried in a random order in a fresh cache on every run: the cache
 * must give Temporal's answer whichever instant it learns a zone's period from first.
 */

const ZONES = [
  'Australia/Sydney',
  'Australia/Lord_Howe',
  'Europe/London',
  'America/New_York',
  'Pacific/Chatham',
  'Asia/Kolkata',
  'UTC',
];

const FROM = Temporal.Instant.from('2020-01-01T00:00:00Z');
const TO = Temporal.Instant.from('2036-01-01T00:00:00Z');

function transitionsOf(zone: string): number[] {
  const out: number[] = [];
  let zdt = FROM.toZonedDateTimeISO(zone);
  for (;;) {
    const next = zdt.getTimeZoneTransition('next');
    if (!next || Temporal.Instant.compare(next.toInstant(), TO) >= 0) return out;
    out.push(next.epochMilliseconds / 1000);
    zdt = next;
  }
}

const temporalOffset = (zone: string, epochSeconds: number) =>
  Temporal.Instant.fromEpochMilliseconds(epochSeconds * 1000).toZonedDateTimeISO(zone).offsetNanoseconds /
  1e9;

/** Seconds since 1970-01-01T00:00 on the wall clock → epoch second, by Temporal's 'compatible' rule. */
function temporalLocalToEpoch(zone: string, local: number): number {
  const plain = Temporal.PlainDateTime.from('1970-01-01T00:00').add({ seconds: local });
  return plain.toZonedDateTime(zone, { disambiguation: 'compatible' }).epochMilliseconds / 1000;
}

const TRANSITIONS = new Map(ZONES.map((zone) => [zone, transitionsOf(zone)]));

const instantArb = fc.integer({
  min: FROM.epochMilliseconds / 1000,
  max: TO.epochMilliseconds / 1000,
});

describe('the time kernel agrees with Temporal', () => {
  it('knows the transitions it is tested on', () => {
    expect(TRANSITIONS.get('Australia/Sydney')!.length).toBe(32);
    expect(TRANSITIONS.get('Australia/Lord_Howe')!.length).toBe(32);
    expect(TRANSITIONS.get('UTC')!.length).toBe(0);
    expect(TRANSITIONS.get('Asia/Kolkata')!.length).toBe(0);
  });

  it.each(ZONES)(
    'on offsets at every transition of 2020–2035 and at random instants, in any order (%s)',
    (zone) => {
      const edges = TRANSITIONS.get(zone)!.flatMap((t) => [t - 1, t, t + 1]);
      fc.assert(
        fc.property(
          fc.array(instantArb, { maxLength: 40 }),
          fc.integer({ min: 0, max: 2 ** 31 - 1 }),
          (randoms, seed) => {
            // A fresh cache, then every query in an order drawn from the seed.
            clearZoneOffsetCache();
            const queries = [...edges, ...randoms];
            let s = seed || 1;
            for (let i = queries.length - 1; i > 0; i--) {
              s = (s * 48271) % 2147483647;
              const j = s % (i + 1);
              [queries[i], queries[j]] = [queries[j]!, queries[i]!];
            }
            for (const q of queries) {
              expect(offsetAt(zone, q), `offset at ${Temporal.Instant.fromEpochMilliseconds(q * 1000)}`).toBe(
                temporalOffset(zone, q),
              );
              expect(epochToLocal(zone, q)).toBe(q + temporalOffset(zone, q));
            }
          },
        ),
        { numRuns: 25 },
      );
    },
  );

  it.each(ZONES)(
    'on wall-clock → instant around every transition and at random, in any order (%s)',
    (zone) => {
      // Wall-clock times just before, inside and after each gap or overlap (both offsets of each transition).
      const locals = TRANSITIONS.get(zone)!.flatMap((t) => {
        const before = temporalOffset(zone, t - 1);
        const after = temporalOffset(zone, t);
        return [t + before - 1, t + before, t + after - 1, t + after, t + Math.min(before, after) + 60];
      });
      fc.assert(
        fc.property(fc.array(instantArb, { maxLength: 40 }), fc.boolean(), (randoms, reversed) => {
          clearZoneOffsetCache();
          const queries = [...locals, ...randoms];
          if (reversed) queries.reverse();
          else queries.sort((a, b) => ((a * 7919) % 1009) - ((b * 7919) % 1009));
          for (const local of queries)
            expect(localToEpoch(zone, local), `wall clock ${local}`).toBe(temporalLocalToEpoch(zone, local));
        }),
        { numRuns: 15 },
      );
    },
  );

  it('after a first lookup exactly on a transition instant, other instants of the year read right', () => {
    // Sydney fell back at 2026-04-04T16:00:00Z; asking for that instant first used to cache one period from
    // October 2025 to October 2026 with the winter offset, so summer instants before it read an hour late.
    clearZoneOffsetCache();
    const transition = Temporal.Instant.from('2026-04-04T16:00:00Z').epochMilliseconds / 1000;
    expect(offsetAt('Australia/Sydney', transition)).toBe(36000);
    const summer = Temporal.Instant.from('2026-01-05T09:00:00Z').epochMilliseconds / 1000;
    expect(offsetAt('Australia/Sydney', summer)).toBe(39600);
  });
});

describe('isAmbiguousLocal', () => {
  const local = (text: string) =>
    Temporal.PlainDateTime.from(text).toZonedDateTime('UTC').epochMilliseconds / 1000;
  it('is true only inside the repeated hour of a fall-back night', () => {
    clearZoneOffsetCache();
    expect(isAmbiguousLocal('Australia/Sydney', local('2026-04-05T02:00'))).toBe(true);
    expect(isAmbiguousLocal('Australia/Sydney', local('2026-04-05T02:59'))).toBe(true);
    expect(isAmbiguousLocal('Australia/Sydney', local('2026-04-05T03:00'))).toBe(false);
    expect(isAmbiguousLocal('Australia/Sydney', local('2026-04-05T01:59'))).toBe(false);
    expect(isAmbiguousLocal('Australia/Sydney', local('2026-10-04T02:30'))).toBe(false); // the gap
    expect(isAmbiguousLocal('Europe/London', local('2026-10-25T01:30'))).toBe(true);
    expect(isAmbiguousLocal('Australia/Lord_Howe', local('2026-04-05T01:45'))).toBe(true);
    expect(isAmbiguousLocal('Australia/Lord_Howe', local('2026-04-05T02:00'))).toBe(false);
    expect(isAmbiguousLocal('UTC', local('2026-04-05T02:30'))).toBe(false);
  });
});
