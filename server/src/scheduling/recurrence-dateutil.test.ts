import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Temporal } from 'temporal-polyfill';
import { describe, expect, it } from 'vitest';
import { clearZoneOffsetCache } from '../shared/time/zone-offset.js';
import { expandRecurrence } from './recurrence.js';
import { parseRecurrence } from './recurrence-rule.js';
import { occurrencesBetween } from './series.js';

/**
 * Carebook's expansion against python-dateutil's, from fixture vectors made offline by
 * `vectors/make-dateutil-vectors.py` (dateutil yields DTSTART only when the rule matches it and counts what it
 * yields: the product rule).
 */

type Case = { zone: string; start: string; rrule: string; occurrences: string[] };
const vectors = JSON.parse(
  readFileSync(join(import.meta.dirname, 'vectors/dateutil-vectors.json'), 'utf8'),
) as {
  transitionTimeRules: Case[];
  productRule: Case[];
};

const textOf = (c: Case) => `DTSTART;TZID=${c.zone}:${c.start.replace(/[-:]/g, '')}00\nRRULE:${c.rrule}`;
const expand = (c: Case) =>
  [...expandRecurrence(parseRecurrence(textOf(c)))].map((z) => z.toInstant().toString());

describe('recurrence expansion agrees with python-dateutil', () => {
  it('has the 21 transition-time rules', () => {
    expect(vectors.transitionTimeRules).toHaveLength(21);
  });

  // Wall times equal to the UTC time of day of a transition, with UNTIL: the expansion's first zone lookups
  // fall exactly on transition instants. Each case starts from a fresh offset cache, as a new process would.
  it.each(vectors.transitionTimeRules.map((c) => [`${c.zone} ${c.start.slice(11)} ${c.rrule}`, c] as const))(
    '%s',
    (_name, c) => {
      clearZoneOffsetCache();
      expect(expand(c)).toEqual(c.occurrences);
    },
  );

  it.each(vectors.productRule.map((c) => [`${c.start} ${c.rrule}`, c] as const))(
    'product rule: %s',
    (_name, c) => {
      expect(expand(c)).toEqual(c.occurrences);
    },
  );
});

describe('a series books by the product rule', () => {
  const series = (startDate: string, rrule: string, endDate: string | null = null) => ({
    timeZone: 'Australia/Sydney',
    startDate,
    startTime: '09:00',
    rrule,
    endDate,
    durationMinutes: 60,
    staffId: null,
  });
  const dates = (s: ReturnType<typeof series>) =>
    occurrencesBetween(
      s,
      Temporal.Instant.from('2026-01-01T00:00:00Z'),
      Temporal.Instant.from('2040-01-01T00:00:00Z'),
    ).map((o) => o.localDate);

  it('"every Monday from Tuesday 2 March, COUNT=4" is four Mondays', () => {
    expect(dates(series('2026-03-03', 'FREQ=WEEKLY;BYDAY=MO;COUNT=4'))).toEqual([
      '2026-03-09',
      '2026-03-16',
      '2026-03-23',
      '2026-03-30',
    ]);
  });

  it('29 February twice from 28 February is two leap days', () => {
    expect(dates(series('2027-02-28', 'FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29;COUNT=2'))).toEqual([
      '2028-02-29',
      '2032-02-29',
    ]);
  });

  it('a start that is not the first Monday, the last weekday or the rule hour is not booked', () => {
    expect(dates(series('2026-03-09', 'FREQ=MONTHLY;BYDAY=1MO;COUNT=2'))).toEqual([
      '2026-04-06',
      '2026-05-04',
    ]);
    expect(dates(series('2026-03-02', 'FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1;COUNT=2'))).toEqual([
      '2026-03-31',
      '2026-04-30',
    ]);
    const byHour = occurrencesBetween(
      series('2026-03-02', 'FREQ=DAILY;BYHOUR=10;COUNT=2'),
      Temporal.Instant.from('2026-01-01T00:00:00Z'),
      Temporal.Instant.from('2027-01-01T00:00:00Z'),
    ).map((o) => o.startsAt.toZonedDateTimeISO('Australia/Sydney').toPlainDateTime().toString());
    expect(byHour).toEqual(['2026-03-02T10:00:00', '2026-03-03T10:00:00']);
  });

  it('a start the rule matches is the first booking', () => {
    expect(dates(series('2026-03-02', 'FREQ=WEEKLY;BYDAY=MO;COUNT=2'))).toEqual(['2026-03-02', '2026-03-09']);
  });
});
