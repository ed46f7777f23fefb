import { describe, expect, it } from 'vitest';
import { firstOccurrences } from './recurrence.js';
import { RecurrenceError } from './recurrence-error.js';
import { parseRecurrence, printRecurrence } from './recurrence-rule.js';

const fails = (text: string, field: string, reason?: RegExp) => {
  try {
    parseRecurrence(text, { defaultZone: 'Australia/Sydney' });
  } catch (error) {
    expect(error).toBeInstanceOf(RecurrenceError);
    expect((error as RecurrenceError).field).toBe(field);
    if (reason) expect((error as RecurrenceError).reason).toMatch(reason);
    return;
  }
  expect.unreachable(`${text} was accepted`);
};

describe('parseRecurrence / printRecurrence', () => {
  it('parses TZID, UTC and floating date-times, EXDATE and RDATE', () => {
    const r = parseRecurrence(
      [
        'DTSTART;TZID=Australia/Sydney:20260105T090000',
        'RRULE:FREQ=WEEKLY;BYDAY=TH,MO;COUNT=10',
        'EXDATE;TZID=Australia/Sydney:20260112T090000,20260108T090000',
        'RDATE:20260110T000000Z',
      ].join('\r\n'),
    );
    expect(r).toEqual({
      start: { local: '2026-01-05T09:00:00', zone: 'Australia/Sydney', form: 'zoned' },
      rule: {
        freq: 'WEEKLY',
        interval: 1,
        count: 10,
        byDay: [{ weekday: 'MO' }, { weekday: 'TH' }],
        wkst: 'MO',
      },
      exdates: [
        { local: '2026-01-08T09:00:00', zone: 'Australia/Sydney', form: 'zoned' },
        { local: '2026-01-12T09:00:00', zone: 'Australia/Sydney', form: 'zoned' },
      ],
      rdates: [{ local: '2026-01-10T00:00:00', zone: 'UTC', form: 'utc' }],
    });
    expect(printRecurrence(r)).toBe(
      [
        'DTSTART;TZID=Australia/Sydney:20260105T090000',
        'RRULE:FREQ=WEEKLY;COUNT=10;BYDAY=MO,TH',
        'RDATE:20260110T000000Z',
        'EXDATE;TZID=Australia/Sydney:20260108T090000,20260112T090000',
      ].join('\n'),
    );
    expect(parseRecurrence(printRecurrence(r))).toEqual(r);
  });

  it('prints canonically: defaults dropped, parts in a fixed order, lists sorted and deduplicated', () => {
    const r = parseRecurrence(
      'dtstart;tzid=America/New_York:19970907T090000\n' +
        'RRULE:wkst=mo;byday=-1SU,+1SU,1SU;interval=1;bymonthday=15,-1,15;freq=monthly;until=19971224T000000Z',
    );
    expect(printRecurrence(r)).toBe(
      'DTSTART;TZID=America/New_York:19970907T090000\nRRULE:FREQ=MONTHLY;UNTIL=19971224T000000Z;BYMONTHDAY=-1,15;BYDAY=1SU,-1SU',
    );
    expect(printRecurrence(parseRecurrence(printRecurrence(r)))).toBe(printRecurrence(r));
  });

  it('unfolds folded lines and keeps UNTIL as written (UTC, local or date)', () => {
    const r = parseRecurrence('DTSTART:20260101T090000\nRRULE:FREQ=DAILY;\n UNTIL=20260103', {
      defaultZone: 'Europe/London',
    });
    expect(r.rule?.until).toEqual({ kind: 'date', date: '2026-01-03' });
    expect(r.start).toEqual({ local: '2026-01-01T09:00:00', zone: 'Europe/London', form: 'floating' });
    expect(firstOccurrences(r, 10).map(String)).toEqual([
      '2026-01-01T09:00:00+00:00[Europe/London]',
      '2026-01-02T09:00:00+00:00[Europe/London]',
      '2026-01-03T09:00:00+00:00[Europe/London]',
    ]);
    expect(printRecurrence(r)).toBe('DTSTART:20260101T090000\nRRULE:FREQ=DAILY;UNTIL=20260103');
  });

  it('refuses what it does not support, naming the part', () => {
    const start = 'DTSTART;TZID=Australia/Sydney:20260105T090000\n';
    fails(`${start}RRULE:FREQ=HOURLY`, 'RRULE.FREQ', /HOURLY is not supported/);
    fails(`${start}RRULE:FREQ=SECONDLY`, 'RRULE.FREQ', /not supported/);
    fails(`${start}RRULE:FREQ=YEARLY;BYWEEKNO=20`, 'RRULE.BYWEEKNO', /not supported/);
    fails(`${start}RRULE:FREQ=YEARLY;BYYEARDAY=100`, 'RRULE.BYYEARDAY', /not supported/);
    fails(`${start}RRULE:FREQ=DAILY;BYSECOND=5`, 'RRULE.BYSECOND', /not supported/);
    fails(`${start}RRULE:FREQ=DAILY;BYEASTER=0`, 'RRULE.BYEASTER');
    fails(`${start}RRULE:FREQ=WEEKLY;BYMONTHDAY=1`, 'RRULE.BYMONTHDAY', /WEEKLY/);
    fails(`${start}RRULE:FREQ=WEEKLY;BYDAY=1MO`, 'RRULE.BYDAY', /MONTHLY or YEARLY/);
    fails(`${start}RRULE:FREQ=MONTHLY;BYDAY=6MO`, 'RRULE.BYDAY', /±1…5/);
    fails(`${start}RRULE:FREQ=DAILY;COUNT=3;UNTIL=20260110T000000Z`, 'RRULE.UNTIL', /COUNT/);
    fails(`${start}RRULE:FREQ=DAILY;BYSETPOS=1`, 'RRULE.BYSETPOS');
    fails(`${start}RRULE:FREQ=DAILY;INTERVAL=0`, 'RRULE.INTERVAL');
    fails(`${start}RRULE:FREQ=DAILY;BYMONTH=13`, 'RRULE.BYMONTH');
    fails(`${start}RRULE:FREQ=DAILY;FREQ=DAILY`, 'RRULE.FREQ', /more than once/);
    fails(`${start}RRULE:COUNT=3`, 'RRULE.FREQ', /required/);
    fails(`${start}RRULE:FREQ=DAILY\nRRULE:FREQ=WEEKLY`, 'RRULE', /more than once/);
    fails(`${start}EXRULE:FREQ=DAILY`, 'EXRULE');
    fails(`${start}SUMMARY:Shower`, 'SUMMARY');
    fails(`${start}EXDATE;VALUE=DATE:20260106`, 'EXDATE', /VALUE=DATE/);
    fails(`${start}RDATE;VALUE=PERIOD:20260106T090000Z/PT1H`, 'RDATE', /VALUE=PERIOD/);
    fails('DTSTART;TZID=Mars/Olympus:20260105T090000', 'DTSTART', /time zone/);
    fails('DTSTART;TZID=Australia/Sydney:20260230T090000', 'DTSTART', /invalid date/);
    fails('DTSTART;TZID=Australia/Sydney:20260105T250000', 'DTSTART', /invalid time/);
    fails('DTSTART;TZID=Australia/Sydney:20260105T090000Z', 'DTSTART', /TZID/);
    fails('DTSTART;VALUE=DATE:20260105', 'DTSTART', /VALUE=DATE/);
    fails('RRULE:FREQ=DAILY', 'DTSTART', /required/);
    expect(() => parseRecurrence('DTSTART:20260105T090000')).toThrow(/default time zone/);
  });
});

describe('occurrences: DTSTART, COUNT, EXDATE and RDATE', () => {
  const occurrences = (text: string, dtstart: 'rfc5545' | 'if-matched' = 'rfc5545') =>
    firstOccurrences(parseRecurrence(text), 50, {}, { dtstart }).map((z) =>
      z.toString({ timeZoneName: 'never' }),
    );

  it("by RFC 5545's reading DTSTART is the first occurrence even off-rule, and counts toward COUNT", () => {
    // Wednesday 7 Jan 2026 09:00 AEDT, then the rule's Mondays.
    expect(
      occurrences('DTSTART;TZID=Australia/Sydney:20260107T090000\nRRULE:FREQ=WEEKLY;BYDAY=MO;COUNT=3'),
    ).toEqual(['2026-01-07T09:00:00+11:00', '2026-01-12T09:00:00+11:00', '2026-01-19T09:00:00+11:00']);
  });

  it('by the product rule an off-rule DTSTART is not an occurrence, and COUNT counts the Mondays', () => {
    expect(
      occurrences(
        'DTSTART;TZID=Australia/Sydney:20260107T090000\nRRULE:FREQ=WEEKLY;BYDAY=MO;COUNT=3',
        'if-matched',
      ),
    ).toEqual(['2026-01-12T09:00:00+11:00', '2026-01-19T09:00:00+11:00', '2026-01-26T09:00:00+11:00']);
    // Without a rule, DTSTART is the one occurrence under either reading.
    expect(occurrences('DTSTART;TZID=Australia/Sydney:20260107T090000', 'if-matched')).toEqual([
      '2026-01-07T09:00:00+11:00',
    ]);
  });

  it('an EXDATE still counts toward COUNT; an RDATE is added, and once only when it equals an occurrence', () => {
    expect(
      occurrences(
        [
          'DTSTART;TZID=Australia/Sydney:20260105T090000',
          'RRULE:FREQ=DAILY;COUNT=4',
          'EXDATE;TZID=Australia/Sydney:20260106T090000',
          // 22:00 UTC on 6 Jan is 09:00 AEDT on 7 Jan, already an occurrence
          'RDATE:20260106T220000Z',
          'RDATE;TZID=Australia/Sydney:20260120T140000',
        ].join('\n'),
      ),
    ).toEqual([
      '2026-01-05T09:00:00+11:00',
      '2026-01-07T09:00:00+11:00',
      '2026-01-08T09:00:00+11:00',
      '2026-01-20T14:00:00+11:00',
    ]);
  });

  it('an EXDATE in UTC removes the occurrence at that instant', () => {
    expect(
      occurrences(
        'DTSTART;TZID=Australia/Sydney:20260105T090000\nRRULE:FREQ=DAILY;COUNT=3\nEXDATE:20260105T220000Z',
      ),
    ).toEqual(['2026-01-05T09:00:00+11:00', '2026-01-07T09:00:00+11:00']);
  });

  it('without an RRULE the occurrences are DTSTART and the RDATEs', () => {
    expect(occurrences('DTSTART:20260105T090000Z\nRDATE:20260101T090000Z,20260110T090000Z')).toEqual([
      '2026-01-01T09:00:00+00:00',
      '2026-01-05T09:00:00+00:00',
      '2026-01-10T09:00:00+00:00',
    ]);
  });

  it('a rule that can never match ends instead of looping', () => {
    expect(
      occurrences('DTSTART:20260105T090000Z\nRRULE:FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30', 'if-matched'),
    ).toEqual([]);
    expect(occurrences('DTSTART:20260105T090000Z\nRRULE:FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30')).toEqual([
      '2026-01-05T09:00:00+00:00',
    ]);
    expect(occurrences('DTSTART:20260105T090000Z\nRRULE:FREQ=DAILY;BYMONTH=4;BYMONTHDAY=31')).toEqual([
      '2026-01-05T09:00:00+00:00',
    ]);
  });

  it('29 February recurs only in leap years', () => {
    expect(occurrences('DTSTART:20240229T090000Z\nRRULE:FREQ=YEARLY;COUNT=3')).toEqual([
      '2024-02-29T09:00:00+00:00',
      '2028-02-29T09:00:00+00:00',
      '2032-02-29T09:00:00+00:00',
    ]);
  });
});
