import { Temporal } from 'temporal-polyfill';
import { describe, expect, it } from 'vitest';
import { expandRecurrence, firstOccurrences } from './recurrence.js';
import { RecurrenceError } from './recurrence-error.js';
import { parseRecurrence } from './recurrence-rule.js';

/**
 * The RRULE examples of RFC 5545 §3.8.5.3, with the RFC's DTSTART in America/New_York. Expected dates are the
 * RFC's; each occurrence must be at the RFC's wall-clock time (09:00 unless stated), with the EDT/EST offset of
 * that date (-04:00 in summer, -05:00 in winter — 1997 changed on Oct 26 and 1998 on Apr 5).
 */
const NY = 'America/New_York';

/** Occurrences as `YYYY-MM-DDTHH:MM±hh:mm`, the RFC's local time with its offset. */
function expand(rrule: string, dtstart: string, limit = 100, extra = ''): string[] {
  const text = `DTSTART;TZID=${NY}:${dtstart}\nRRULE:${rrule}${extra ? `\n${extra}` : ''}`;
  return firstOccurrences(parseRecurrence(text), limit).map((z) =>
    z.toString({ smallestUnit: 'minute', timeZoneName: 'never' }),
  );
}

/** The RFC's dates at `time` New York wall-clock time, with the offset New York had then. */
function at(dates: string[], time = '09:00'): string[] {
  return dates.map((d) =>
    Temporal.PlainDateTime.from(`${d}T${time}`)
      .toZonedDateTime(NY)
      .toString({ smallestUnit: 'minute', timeZoneName: 'never' }),
  );
}

const range = (year: number, month: number, from: number, to: number, step = 1) => {
  const out: string[] = [];
  for (let d = from; d <= to; d += step)
    out.push(`${year}-${String(month).padStart(2, '0')}-${String(d).padStart(2, '0')}`);
  return out;
};

describe('RFC 5545 §3.8.5.3 examples', () => {
  it('offsets follow New York: EDT before 1997-10-26, EST after', () => {
    expect(expand('FREQ=WEEKLY;COUNT=10', '19970902T090000').slice(7)).toEqual([
      '1997-10-21T09:00-04:00', // EDT
      '1997-10-28T09:00-05:00', // EST: same wall-clock time after the change
      '1997-11-04T09:00-05:00',
    ]);
  });

  it('daily for 10 occurrences', () => {
    expect(expand('FREQ=DAILY;COUNT=10', '19970902T090000')).toEqual(at(range(1997, 9, 2, 11)));
  });

  it('daily until December 24, 1997', () => {
    expect(expand('FREQ=DAILY;UNTIL=19971224T000000Z', '19970902T090000', 1000)).toEqual(
      at([
        ...range(1997, 9, 2, 30),
        ...range(1997, 10, 1, 31),
        ...range(1997, 11, 1, 30),
        ...range(1997, 12, 1, 23),
      ]),
    );
  });

  it('every other day, forever', () => {
    expect(expand('FREQ=DAILY;INTERVAL=2', '19970902T090000', 25)).toEqual(
      at([...range(1997, 9, 2, 30, 2), ...range(1997, 10, 2, 20, 2)]),
    );
  });

  it('every 10 days, 5 occurrences', () => {
    expect(expand('FREQ=DAILY;INTERVAL=10;COUNT=5', '19970902T090000')).toEqual(
      at(['1997-09-02', '1997-09-12', '1997-09-22', '1997-10-02', '1997-10-12']),
    );
  });

  it('every day in January, for 3 years (both forms)', () => {
    const expected = at([...range(1998, 1, 1, 31), ...range(1999, 1, 1, 31), ...range(2000, 1, 1, 31)]);
    expect(
      expand(
        'FREQ=YEARLY;UNTIL=20000131T140000Z;BYMONTH=1;BYDAY=SU,MO,TU,WE,TH,FR,SA',
        '19980101T090000',
        1000,
      ),
    ).toEqual(expected);
    expect(expand('FREQ=DAILY;UNTIL=20000131T140000Z;BYMONTH=1', '19980101T090000', 1000)).toEqual(expected);
  });

  it('weekly for 10 occurrences', () => {
    expect(expand('FREQ=WEEKLY;COUNT=10', '19970902T090000')).toEqual(
      at([...range(1997, 9, 2, 30, 7), ...range(1997, 10, 7, 28, 7), '1997-11-04']),
    );
  });

  it('weekly until December 24, 1997', () => {
    expect(expand('FREQ=WEEKLY;UNTIL=19971224T000000Z', '19970902T090000')).toEqual(
      at([
        ...range(1997, 9, 2, 30, 7),
        ...range(1997, 10, 7, 28, 7),
        ...range(1997, 11, 4, 25, 7),
        ...range(1997, 12, 2, 23, 7),
      ]),
    );
  });

  it('every other week, forever', () => {
    expect(expand('FREQ=WEEKLY;INTERVAL=2;WKST=SU', '19970902T090000', 13)).toEqual(
      at([
        ...['1997-09-02', '1997-09-16', '1997-09-30', '1997-10-14', '1997-10-28', '1997-11-11', '1997-11-25'],
        ...['1997-12-09', '1997-12-23', '1998-01-06', '1998-01-20', '1998-02-03', '1998-02-17'],
      ]),
    );
  });

  it('weekly on Tuesday and Thursday for five weeks (both forms)', () => {
    const expected = at([
      ...['1997-09-02', '1997-09-04', '1997-09-09', '1997-09-11', '1997-09-16'],
      ...['1997-09-18', '1997-09-23', '1997-09-25', '1997-09-30', '1997-10-02'],
    ]);
    expect(expand('FREQ=WEEKLY;UNTIL=19971007T000000Z;WKST=SU;BYDAY=TU,TH', '19970902T090000')).toEqual(
      expected,
    );
    expect(expand('FREQ=WEEKLY;COUNT=10;WKST=SU;BYDAY=TU,TH', '19970902T090000')).toEqual(expected);
  });

  it('every other week on Monday, Wednesday and Friday until December 24, 1997', () => {
    expect(
      expand('FREQ=WEEKLY;INTERVAL=2;UNTIL=19971224T000000Z;WKST=SU;BYDAY=MO,WE,FR', '19970901T090000'),
    ).toEqual(
      at([
        ...['1997-09-01', '1997-09-03', '1997-09-05', '1997-09-15', '1997-09-17', '1997-09-19', '1997-09-29'],
        ...['1997-10-01', '1997-10-03', '1997-10-13', '1997-10-15', '1997-10-17', '1997-10-27', '1997-10-29'],
        ...['1997-10-31', '1997-11-10', '1997-11-12', '1997-11-14', '1997-11-24', '1997-11-26', '1997-11-28'],
        ...['1997-12-08', '1997-12-10', '1997-12-12', '1997-12-22'],
      ]),
    );
  });

  it('every other week on Tuesday and Thursday, for 8 occurrences', () => {
    expect(expand('FREQ=WEEKLY;INTERVAL=2;COUNT=8;WKST=SU;BYDAY=TU,TH', '19970902T090000')).toEqual(
      at([
        '1997-09-02',
        '1997-09-04',
        '1997-09-16',
        '1997-09-18',
        '1997-09-30',
        '1997-10-02',
        '1997-10-14',
        '1997-10-16',
      ]),
    );
  });

  it('monthly on the first Friday for 10 occurrences, and until December 24, 1997', () => {
    expect(expand('FREQ=MONTHLY;COUNT=10;BYDAY=1FR', '19970905T090000')).toEqual(
      at([
        ...['1997-09-05', '1997-10-03', '1997-11-07', '1997-12-05', '1998-01-02'],
        ...['1998-02-06', '1998-03-06', '1998-04-03', '1998-05-01', '1998-06-05'],
      ]),
    );
    expect(expand('FREQ=MONTHLY;UNTIL=19971224T000000Z;BYDAY=1FR', '19970905T090000')).toEqual(
      at(['1997-09-05', '1997-10-03', '1997-11-07', '1997-12-05']),
    );
  });

  it('every other month on the first and last Sunday for 10 occurrences', () => {
    expect(expand('FREQ=MONTHLY;INTERVAL=2;COUNT=10;BYDAY=1SU,-1SU', '19970907T090000')).toEqual(
      at([
        ...['1997-09-07', '1997-09-28', '1997-11-02', '1997-11-30', '1998-01-04'],
        ...['1998-01-25', '1998-03-01', '1998-03-29', '1998-05-03', '1998-05-31'],
      ]),
    );
  });

  it('monthly on the second-to-last Monday for 6 months', () => {
    expect(expand('FREQ=MONTHLY;COUNT=6;BYDAY=-2MO', '19970922T090000')).toEqual(
      at(['1997-09-22', '1997-10-20', '1997-11-17', '1997-12-22', '1998-01-19', '1998-02-16']),
    );
  });

  it('monthly on the third-to-last day, forever', () => {
    expect(expand('FREQ=MONTHLY;BYMONTHDAY=-3', '19970928T090000', 6)).toEqual(
      at(['1997-09-28', '1997-10-29', '1997-11-28', '1997-12-29', '1998-01-29', '1998-02-26']),
    );
  });

  it('monthly on the 2nd and 15th for 10 occurrences', () => {
    expect(expand('FREQ=MONTHLY;COUNT=10;BYMONTHDAY=2,15', '19970902T090000')).toEqual(
      at([
        ...['1997-09-02', '1997-09-15', '1997-10-02', '1997-10-15', '1997-11-02'],
        ...['1997-11-15', '1997-12-02', '1997-12-15', '1998-01-02', '1998-01-15'],
      ]),
    );
  });

  it('monthly on the first and last day for 10 occurrences', () => {
    expect(expand('FREQ=MONTHLY;COUNT=10;BYMONTHDAY=1,-1', '19970930T090000')).toEqual(
      at([
        ...['1997-09-30', '1997-10-01', '1997-10-31', '1997-11-01', '1997-11-30'],
        ...['1997-12-01', '1997-12-31', '1998-01-01', '1998-01-31', '1998-02-01'],
      ]),
    );
  });

  it('every 18 months on the 10th to 15th for 10 occurrences', () => {
    expect(
      expand('FREQ=MONTHLY;INTERVAL=18;COUNT=10;BYMONTHDAY=10,11,12,13,14,15', '19970910T090000'),
    ).toEqual(at([...range(1997, 9, 10, 15), ...range(1999, 3, 10, 13)]));
  });

  it('every Tuesday, every other month', () => {
    expect(expand('FREQ=MONTHLY;INTERVAL=2;BYDAY=TU', '19970902T090000', 18)).toEqual(
      at([
        ...range(1997, 9, 2, 30, 7),
        ...range(1997, 11, 4, 25, 7),
        ...range(1998, 1, 6, 27, 7),
        ...range(1998, 3, 3, 31, 7),
      ]),
    );
  });

  it('yearly in June and July for 10 occurrences', () => {
    expect(expand('FREQ=YEARLY;COUNT=10;BYMONTH=6,7', '19970610T090000')).toEqual(
      at([1997, 1998, 1999, 2000, 2001].flatMap((y) => [`${y}-06-10`, `${y}-07-10`])),
    );
  });

  it('every other year on January, February and March for 10 occurrences', () => {
    expect(expand('FREQ=YEARLY;INTERVAL=2;COUNT=10;BYMONTH=1,2,3', '19970310T090000')).toEqual(
      at(['1997-03-10', ...[1999, 2001, 2003].flatMap((y) => [`${y}-01-10`, `${y}-02-10`, `${y}-03-10`])]),
    );
  });

  it('refuses BYYEARDAY (every 3rd year on the 1st, 100th and 200th day) by name', () => {
    expect(() => expand('FREQ=YEARLY;INTERVAL=3;COUNT=10;BYYEARDAY=1,100,200', '19970101T090000')).toThrow(
      expect.objectContaining({ field: 'RRULE.BYYEARDAY' }),
    );
  });

  it('every 20th Monday of the year, forever', () => {
    expect(expand('FREQ=YEARLY;BYDAY=20MO', '19970519T090000', 3)).toEqual(
      at(['1997-05-19', '1998-05-18', '1999-05-17']),
    );
  });

  it('refuses BYWEEKNO (Monday of week number 20) by name', () => {
    try {
      expand('FREQ=YEARLY;BYWEEKNO=20;BYDAY=MO', '19970512T090000');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(RecurrenceError);
      expect(error).toMatchObject({ field: 'RRULE.BYWEEKNO', reason: 'is not supported' });
    }
  });

  it('every Thursday in March, forever', () => {
    expect(expand('FREQ=YEARLY;BYMONTH=3;BYDAY=TH', '19970313T090000', 11)).toEqual(
      at([...range(1997, 3, 13, 27, 7), ...range(1998, 3, 5, 26, 7), ...range(1999, 3, 4, 25, 7)]),
    );
  });

  it('every Thursday, but only during June, July and August, forever', () => {
    expect(expand('FREQ=YEARLY;BYDAY=TH;BYMONTH=6,7,8', '19970605T090000', 39)).toEqual(
      at([
        ...range(1997, 6, 5, 26, 7),
        ...range(1997, 7, 3, 31, 7),
        ...range(1997, 8, 7, 28, 7),
        ...range(1998, 6, 4, 25, 7),
        ...range(1998, 7, 2, 30, 7),
        ...range(1998, 8, 6, 27, 7),
        ...range(1999, 6, 3, 24, 7),
        ...range(1999, 7, 1, 29, 7),
        ...range(1999, 8, 5, 26, 7),
      ]),
    );
  });

  it('every Friday the 13th, forever (DTSTART excluded by EXDATE)', () => {
    expect(
      expand(
        'FREQ=MONTHLY;BYDAY=FR;BYMONTHDAY=13',
        '19970902T090000',
        5,
        `EXDATE;TZID=${NY}:19970902T090000`,
      ),
    ).toEqual(at(['1998-02-13', '1998-03-13', '1998-11-13', '1999-08-13', '2000-10-13']));
  });

  it('the first Saturday that follows the first Sunday of the month, forever', () => {
    expect(expand('FREQ=MONTHLY;BYDAY=SA;BYMONTHDAY=7,8,9,10,11,12,13', '19970913T090000', 10)).toEqual(
      at([
        ...['1997-09-13', '1997-10-11', '1997-11-08', '1997-12-13', '1998-01-10'],
        ...['1998-02-07', '1998-03-07', '1998-04-11', '1998-05-09', '1998-06-13'],
      ]),
    );
  });

  it('every 4 years, the first Tuesday after a Monday in November (US election day)', () => {
    expect(
      expand('FREQ=YEARLY;INTERVAL=4;BYMONTH=11;BYDAY=TU;BYMONTHDAY=2,3,4,5,6,7,8', '19961105T090000', 3),
    ).toEqual(at(['1996-11-05', '2000-11-07', '2004-11-02']));
  });

  it('the third instance of Tuesday, Wednesday or Thursday, for the next 3 months (BYSETPOS)', () => {
    expect(expand('FREQ=MONTHLY;COUNT=3;BYDAY=TU,WE,TH;BYSETPOS=3', '19970904T090000')).toEqual(
      at(['1997-09-04', '1997-10-07', '1997-11-06']),
    );
  });

  it('the second-to-last weekday of the month (BYSETPOS=-2)', () => {
    expect(expand('FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-2', '19970929T090000', 7)).toEqual(
      at(['1997-09-29', '1997-10-30', '1997-11-27', '1997-12-30', '1998-01-29', '1998-02-26', '1998-03-30']),
    );
  });

  it('refuses HOURLY and MINUTELY (every 3 hours, every 15 minutes) by name', () => {
    for (const rrule of [
      'FREQ=HOURLY;INTERVAL=3;UNTIL=19970902T170000Z',
      'FREQ=MINUTELY;INTERVAL=15;COUNT=6',
    ])
      expect(() => expand(rrule, '19970902T090000')).toThrow(
        expect.objectContaining({ field: 'RRULE.FREQ', reason: expect.stringMatching(/not supported/) }),
      );
  });

  it('every 20 minutes from 9:00 AM to 4:40 PM every day (BYHOUR, BYMINUTE)', () => {
    const day = (d: string) =>
      [9, 10, 11, 12, 13, 14, 15, 16].flatMap((h) =>
        [0, 20, 40].map((m) => at([d], `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`)[0]!),
      );
    expect(
      expand('FREQ=DAILY;BYHOUR=9,10,11,12,13,14,15,16;BYMINUTE=0,20,40', '19970902T090000', 48),
    ).toEqual([...day('1997-09-02'), ...day('1997-09-03')]);
  });

  it('WKST changes the result: MO versus SU', () => {
    expect(expand('FREQ=WEEKLY;INTERVAL=2;COUNT=4;BYDAY=TU,SU;WKST=MO', '19970805T090000')).toEqual(
      at(['1997-08-05', '1997-08-10', '1997-08-19', '1997-08-24']),
    );
    expect(expand('FREQ=WEEKLY;INTERVAL=2;COUNT=4;BYDAY=TU,SU;WKST=SU', '19970805T090000')).toEqual(
      at(['1997-08-05', '1997-08-17', '1997-08-19', '1997-08-31']),
    );
  });

  it('skips invalid dates (February 30, the 31st of short months) instead of clamping', () => {
    expect(expand('FREQ=MONTHLY;BYMONTHDAY=15,30;COUNT=5', '20070115T090000')).toEqual(
      at(['2007-01-15', '2007-01-30', '2007-02-15', '2007-03-15', '2007-03-30']),
    );
    expect(expand('FREQ=MONTHLY;COUNT=12', '20070131T090000')).toEqual(
      at([
        ...['2007-01-31', '2007-03-31', '2007-05-31', '2007-07-31', '2007-08-31', '2007-10-31'],
        ...['2007-12-31', '2008-01-31', '2008-03-31', '2008-05-31', '2008-07-31', '2008-08-31'],
      ]),
    );
  });

  it('expands lazily: an unbounded rule yields only what is pulled', () => {
    const recurrence = parseRecurrence(`DTSTART;TZID=${NY}:19970902T090000\nRRULE:FREQ=DAILY`);
    const iterator = expandRecurrence(recurrence);
    expect(iterator.next().value?.toString()).toBe('1997-09-02T09:00:00-04:00[America/New_York]');
    expect(iterator.next().value?.toString()).toBe('1997-09-03T09:00:00-04:00[America/New_York]');
  });
});
