import { describe, expect, it } from 'vitest';
import { DomainError } from '../shared/domain-error.js';
import { createZoneClock, parseVisitTime } from '../shared/time/zone-clock.js';
import { type RatingContext, rateVisit } from './rating.js';
import type {
  CarerContractOptions,
  ContractOptions,
  RatedLine,
  Schedule,
  UnsociableRange,
} from './rating.types.js';

const ZONE = 'Australia/Sydney';
const BASE: Partial<ContractOptions> = {
  hourlyRate: 2400,
  nonProRataRates: [
    { minutes: 30, amount: 1600 },
    { minutes: 45, amount: 2000 },
  ],
};

type Setup = {
  assignment?: Schedule<ContractOptions>;
  contractType?: Schedule<ContractOptions>;
  carerContract?: Schedule<CarerContractOptions>;
  publicHolidays?: string[];
  specialDays?: string[];
};
type Visit = { start: string; minutes?: number; actualStart?: string; actualEnd?: string; mileage?: number };

function context(options: Partial<ContractOptions>, setup: Setup = {}): RatingContext {
  return {
    clock: createZoneClock(ZONE),
    calendar: {
      publicHolidays: new Set(setup.publicHolidays ?? []),
      specialDays: new Set(setup.specialDays ?? []),
    },
    contracts: {
      contractType: setup.contractType ?? [{ effectiveFrom: '2026-01-01', options }],
      assignment: setup.assignment ?? [],
      carerContract: setup.carerContract,
    },
  };
}

const at = (text: string) => parseVisitTime(text, ZONE)!;

function rate(options: Partial<ContractOptions>, visit: Visit, setup: Setup = {}) {
  return rateVisit(
    context(options, setup),
    {
      id: 'v1',
      plannedStart: at(visit.start),
      plannedMinutes: visit.minutes ?? 60,
      actualStart: visit.actualStart ? at(visit.actualStart) : undefined,
      actualEnd: visit.actualEnd ? at(visit.actualEnd) : undefined,
      mileage: visit.mileage,
    },
    'visits.0',
  );
}

/** [kind, minutes, rate, amount] per line: the table form of a rated visit. */
const brief = (lines: RatedLine[]) => lines.map((l) => [l.kind, l.minutes, l.rateMinor, l.amountMinor]);

function issuesOf(run: () => unknown): { field: string; reason: string }[] {
  try {
    run();
  } catch (error) {
    if (error instanceof DomainError) return error.issues;
    throw error;
  }
  throw new Error('expected a DomainError');
}

const range = (
  when: UnsociableRange['when'],
  from: string,
  to: string,
  hourlyRate: number,
  extra: Partial<UnsociableRange> = {},
): UnsociableRange => ({ when, from, to, hourlyRate, ...extra });

describe('non-pro-rata rates', () => {
  it.each([
    [10, 400, [['time', 10, 2400, 400]]],
    [29, 1160, [['time', 29, 2400, 1160]]],
    [30, 1600, [['nonProRata', 30, undefined, 1600]]],
    [
      44,
      2160,
      [
        ['nonProRata', 30, undefined, 1600],
        ['time', 14, 2400, 560],
      ],
    ],
    [45, 2000, [['nonProRata', 45, undefined, 2000]]],
    // The worked example: 2000 + 5 × 2400 / 60.
    [
      50,
      2200,
      [
        ['nonProRata', 45, undefined, 2000],
        ['time', 5, 2400, 200],
      ],
    ],
    // The hourly rate is not an implicit 60-minute rate: 60 min is 45 + 15, not 2400.
    [
      60,
      2600,
      [
        ['nonProRata', 45, undefined, 2000],
        ['time', 15, 2400, 600],
      ],
    ],
    [
      90,
      3800,
      [
        ['nonProRata', 45, undefined, 2000],
        ['time', 45, 2400, 1800],
      ],
    ],
  ])('a %i-minute visit costs %i', (minutes, total, lines) => {
    const rated = rate(BASE, { start: '2026-04-08T09:00', minutes });
    expect(rated.totalMinor).toBe(total);
    expect(brief(rated.lines)).toEqual(lines);
  });

  it('explains every line', () => {
    const [npr, time] = rate(BASE, { start: '2026-04-08T09:00', minutes: 50 }).lines;
    expect(npr!.explanation).toContain('Non-pro-rata 45 min = 2000: base rate');
    expect(npr!.explanation).toContain(
      'nonProRataRates: contract type option set 1 (from 2026-01-01), inherited',
    );
    expect(time!.explanation).toContain('Time 5 min × 2400/h = 200');
    expect(time!.source).toMatchObject({
      date: '2026-04-08',
      rule: { kind: 'default' },
      option: { name: 'hourlyRate', source: { from: 'type', effectiveFrom: '2026-01-01' } },
    });
  });

  it('uses a range’s own non-pro-rata rates, not the base ones', () => {
    const options = {
      ...BASE,
      unsociableRanges: [
        range({ kind: 'weekday' }, '00:00', '24:00', 3000, {
          nonProRataRates: [{ minutes: 60, amount: 2500 }],
        }),
      ],
    };
    expect(brief(rate(options, { start: '2026-04-08T09:00', minutes: 50 }).lines)).toEqual([
      ['time', 50, 3000, 2500],
    ]);
    expect(brief(rate(options, { start: '2026-04-08T09:00', minutes: 70 }).lines)).toEqual([
      ['nonProRata', 60, undefined, 2500],
      ['time', 10, 3000, 500],
    ]);
  });
});

describe('precedence: special day > public holiday > day of week > weekday/weekend', () => {
  const ranges = [
    range({ kind: 'weekday' }, '00:00', '24:00', 3000),
    range({ kind: 'weekend' }, '00:00', '24:00', 3200),
    range({ kind: 'dayOfWeek', day: 'wed' }, '00:00', '24:00', 3100),
    range({ kind: 'publicHoliday' }, '00:00', '24:00', 4000),
    range({ kind: 'specialDay' }, '00:00', '24:00', 5000),
  ];
  const options = { hourlyRate: 2400, unsociableRanges: ranges };
  it.each([
    [
      'a special day that is also a public holiday',
      '2026-04-08T10:00',
      ['2026-04-08'],
      ['2026-04-08'],
      5000,
      4,
    ],
    ['a public holiday on a Wednesday', '2026-04-08T10:00', ['2026-04-08'], [], 4000, 3],
    ['a Wednesday', '2026-04-08T10:00', [], [], 3100, 2],
    ['a Thursday', '2026-04-09T10:00', [], [], 3000, 0],
    ['a Saturday', '2026-04-11T10:00', [], [], 3200, 1],
    ['a public holiday on a Saturday', '2026-04-11T10:00', ['2026-04-11'], [], 4000, 3],
  ])('%s', (_name, start, publicHolidays, specialDays, hourly, rangeIndex) => {
    const [line] = rate(options, { start }, { publicHolidays, specialDays }).lines;
    expect(line).toMatchObject({ rateMinor: hourly, source: { rule: { kind: 'range', rangeIndex } } });
  });

  it('falls back to the base rate when no range matches', () => {
    const only = { hourlyRate: 2400, unsociableRanges: [ranges[2]!] };
    expect(rate(only, { start: '2026-04-09T10:00' }).lines[0]).toMatchObject({
      rateMinor: 2400,
      source: { rule: { kind: 'default' } },
    });
  });

  it('takes the range listed first between two of the same level', () => {
    const twice = {
      hourlyRate: 2400,
      unsociableRanges: [range({ kind: 'weekday' }, '08:00', '12:00', 2600), ranges[0]!],
    };
    expect(rate(twice, { start: '2026-04-09T10:00' }).lines[0]!.rateMinor).toBe(2600);
    expect(rate(twice, { start: '2026-04-09T13:00' }).lines[0]!.rateMinor).toBe(3000);
  });
});

describe('ranges crossing midnight belong to the day they start on', () => {
  const saturdayNight = {
    hourlyRate: 2400,
    unsociableRanges: [range({ kind: 'dayOfWeek', day: 'sat' }, '22:00', '06:00', 3600)],
  };
  it.each([
    ['Sunday 01:00 is in Saturday’s 22:00–06:00', '2026-04-05T01:00', 3600],
    ['Saturday 23:00', '2026-04-04T23:00', 3600],
    ['Saturday 22:00, the first minute', '2026-04-04T22:00', 3600],
    ['Saturday 21:59', '2026-04-04T21:59', 2400],
    ['Sunday 06:00, the end is exclusive', '2026-04-12T06:00', 2400],
    ['Saturday 01:00 (Friday’s night is not a Saturday range)', '2026-04-11T01:00', 2400],
    ['Sunday 23:00 (Sunday is not Saturday)', '2026-04-05T23:00', 2400],
  ])('%s', (_name, start, hourly) => {
    expect(rate(saturdayNight, { start }).lines[0]!.rateMinor).toBe(hourly);
  });

  it('the post-midnight part keeps the start day’s classification', () => {
    const weekdayNights = {
      hourlyRate: 2400,
      unsociableRanges: [range({ kind: 'weekday' }, '22:00', '06:00', 3000)],
    };
    // Saturday 01:00 is in Friday's (a weekday's) night.
    expect(rate(weekdayNights, { start: '2026-04-11T01:00' }).lines[0]).toMatchObject({
      rateMinor: 3000,
      source: { rule: { windowDate: '2026-04-10' } },
    });
    // A Friday public holiday's 20:00–08:00 reaches into Saturday morning.
    const holidayNights = {
      hourlyRate: 2400,
      unsociableRanges: [range({ kind: 'publicHoliday' }, '20:00', '08:00', 4000)],
    };
    expect(
      rate(holidayNights, { start: '2026-04-11T02:00' }, { publicHolidays: ['2026-04-10'] }).lines[0]!
        .rateMinor,
    ).toBe(4000);
    expect(
      rate(holidayNights, { start: '2026-04-11T02:00' }, { publicHolidays: ['2026-04-11'] }).lines[0]!
        .rateMinor,
    ).toBe(2400);
  });

  it('a Sunday public holiday outranks Saturday night’s day-of-week range after midnight', () => {
    const both = {
      hourlyRate: 2400,
      unsociableRanges: [
        ...saturdayNight.unsociableRanges,
        range({ kind: 'publicHoliday' }, '00:00', '24:00', 4000),
      ],
    };
    expect(
      rate(both, { start: '2026-04-05T01:00' }, { publicHolidays: ['2026-04-05'] }).lines[0]!.rateMinor,
    ).toBe(4000);
    expect(
      rate(both, { start: '2026-04-04T23:00' }, { publicHolidays: ['2026-04-05'] }).lines[0]!.rateMinor,
    ).toBe(3600);
  });
});

describe('24:00 and the whole day', () => {
  it('"18:00–24:00" ends at midnight', () => {
    const evenings = {
      hourlyRate: 2400,
      useFirstRange: false,
      unsociableRanges: [range({ kind: 'weekday' }, '18:00', '24:00', 3600)],
    };
    // Friday 23:00 → Saturday 01:00: an hour of Friday evening, then the base rate.
    expect(brief(rate(evenings, { start: '2026-04-10T23:00', minutes: 120 }).lines)).toEqual([
      ['time', 60, 3600, 3600],
      ['time', 60, 2400, 2400],
    ]);
    expect(rate(evenings, { start: '2026-04-11T00:00' }).lines[0]!.rateMinor).toBe(2400);
    expect(rate(evenings, { start: '2026-04-10T23:59' }).lines[0]!.rateMinor).toBe(3600);
  });

  it('"00:00–24:00" covers the whole day, and consecutive days of one range are one part', () => {
    const weekends = {
      ...BASE,
      useFirstRange: false,
      unsociableRanges: [
        range({ kind: 'weekend' }, '00:00', '24:00', 3600, {
          nonProRataRates: [{ minutes: 60, amount: 3000 }],
        }),
      ],
    };
    expect(rate(weekends, { start: '2026-04-11T00:00', minutes: 30 }).lines[0]!.rateMinor).toBe(3600);
    expect(rate(weekends, { start: '2026-04-12T23:59', minutes: 1 }).lines[0]!.rateMinor).toBe(3600);
    // Saturday 23:00 → Sunday 01:00 crosses midnight but no range boundary: non-pro-rata applies.
    expect(brief(rate(weekends, { start: '2026-04-11T23:00', minutes: 120 }).lines)).toEqual([
      ['nonProRata', 60, undefined, 3000],
      ['time', 60, 3600, 3600],
    ]);
    // Sunday 23:00 → Monday 01:00 does cross one: both parts pro rata.
    expect(brief(rate(weekends, { start: '2026-04-12T23:00', minutes: 120 }).lines)).toEqual([
      ['time', 60, 3600, 3600],
      ['time', 60, 2400, 2400],
    ]);
  });
});

describe('useFirstRange', () => {
  const evening = range({ kind: 'weekday' }, '18:00', '22:00', 3600, {
    nonProRataRates: [{ minutes: 60, amount: 3000 }],
  });
  it.each<[string, boolean, string, number, (string | number | undefined)[][]]>([
    [
      'on: the rule at the start prices the whole visit',
      true,
      '2026-04-08T17:00',
      120,
      [
        ['nonProRata', 45, undefined, 2000],
        ['time', 75, 2400, 3000],
      ],
    ],
    [
      'on: starting in the range',
      true,
      '2026-04-08T21:30',
      120,
      [
        ['nonProRata', 60, undefined, 3000],
        ['time', 60, 3600, 3600],
      ],
    ],
    [
      'off: split at 18:00, both parts pro rata',
      false,
      '2026-04-08T17:00',
      120,
      [
        ['time', 60, 2400, 2400],
        ['time', 60, 3600, 3600],
      ],
    ],
    [
      'off: split at 22:00',
      false,
      '2026-04-08T21:30',
      120,
      [
        ['time', 30, 3600, 1800],
        ['time', 90, 2400, 3600],
      ],
    ],
    [
      'off: split twice',
      false,
      '2026-04-08T17:30',
      300,
      [
        ['time', 30, 2400, 1200],
        ['time', 240, 3600, 14400],
        ['time', 30, 2400, 1200],
      ],
    ],
    [
      'off: inside one range, non-pro-rata applies',
      false,
      '2026-04-08T19:00',
      120,
      [
        ['nonProRata', 60, undefined, 3000],
        ['time', 60, 3600, 3600],
      ],
    ],
  ])('%s', (_name, useFirstRange, start, minutes, lines) => {
    const rated = rate({ ...BASE, useFirstRange, unsociableRanges: [evening] }, { start, minutes });
    expect(brief(rated.lines)).toEqual(lines);
    expect(rated.totalMinor).toBe(rated.lines.reduce((s, l) => s + l.amountMinor, 0));
    expect(rated.lines.reduce((s, l) => s + (l.minutes ?? 0), 0)).toBe(minutes);
  });

  it('explains which part a split line prices', () => {
    const rated = rate(
      { ...BASE, useFirstRange: false, unsociableRanges: [evening] },
      { start: '2026-04-08T17:00', minutes: 120 },
    );
    expect(rated.lines[1]!.explanation).toContain(
      'unsociable range 1 (weekdays 18:00–22:00, window starting 2026-04-08)',
    );
    expect(rated.lines[1]!.explanation).toContain('2026-04-08 18:00+10:00 → 2026-04-08 19:00+10:00');
    expect(rated.lines[1]!.explanation).toContain('split at range boundaries');
  });
});

describe('daylight saving: durations are real elapsed minutes', () => {
  it.each([
    // Sydney 2026-04-05: 03:00 AEDT falls back to 02:00 AEST.
    ['fall-back, planned', { start: '2026-04-05T01:30', minutes: 180 }, false, 180, '2026-04-05 03:30+10:00'],
    [
      'fall-back, actual 01:30 → 03:30 local',
      { start: '2026-04-05T01:30', actualStart: '2026-04-05T01:30', actualEnd: '2026-04-05T03:30' },
      true,
      180,
      '03:30+10:00',
    ],
    // Sydney 2026-10-04: 02:00 AEST springs forward to 03:00 AEDT.
    [
      'spring-forward, planned',
      { start: '2026-10-04T01:00', minutes: 180 },
      false,
      180,
      '2026-10-04 05:00+11:00',
    ],
    [
      'spring-forward, actual 01:00 → 04:00 local',
      { start: '2026-10-04T01:00', actualStart: '2026-10-04T01:00', actualEnd: '2026-10-04T04:00' },
      true,
      120,
      '04:00+11:00',
    ],
  ])('%s', (_name, visit, billOnActualTimes, minutes, ends) => {
    const [line] = rate({ hourlyRate: 2400, billOnActualTimes }, visit).lines;
    expect(line).toMatchObject({ minutes, amountMinor: minutes * 40 });
    expect(line!.source!.period!.to).toContain(ends);
  });

  it('a range in the repeated hour lasts two real hours', () => {
    const options = {
      hourlyRate: 2400,
      useFirstRange: false,
      unsociableRanges: [range({ kind: 'dayOfWeek', day: 'sun' }, '02:00', '03:00', 3600)],
    };
    expect(brief(rate(options, { start: '2026-04-05T01:00', minutes: 240 }).lines)).toEqual([
      ['time', 60, 2400, 2400],
      ['time', 120, 3600, 7200],
      ['time', 60, 2400, 2400],
    ]);
  });

  it('a range inside the skipped hour does not exist that day', () => {
    const options = {
      hourlyRate: 2400,
      useFirstRange: false,
      unsociableRanges: [range({ kind: 'dayOfWeek', day: 'sun' }, '02:00', '03:00', 3600)],
    };
    expect(brief(rate(options, { start: '2026-10-04T01:00', minutes: 120 }).lines)).toEqual([
      ['time', 120, 2400, 4800],
    ]);
  });

  it('a whole-day range lasts 25 hours on fall-back day and 23 on spring-forward day', () => {
    const sundays = {
      hourlyRate: 2400,
      useFirstRange: false,
      unsociableRanges: [range({ kind: 'dayOfWeek', day: 'sun' }, '00:00', '24:00', 3600)],
    };
    expect(brief(rate(sundays, { start: '2026-04-05T00:00', minutes: 1560 }).lines)).toEqual([
      ['time', 1500, 3600, 90000],
      ['time', 60, 2400, 2400],
    ]);
    expect(brief(rate(sundays, { start: '2026-10-04T00:00', minutes: 1440 }).lines)).toEqual([
      ['time', 1380, 3600, 82800],
      ['time', 60, 2400, 2400],
    ]);
  });
});

describe('billing actual times with rounding', () => {
  it.each([
    ['none', 5, '09:47', 47],
    ['up', 15, '09:46', 60],
    ['down', 15, '09:59', 45],
    ['nearest', 15, '09:52', 45],
    ['nearest', 10, '09:16', 20],
    ['nearest', 30, '10:15', 60],
    ['up', 60, '10:01', 120],
  ] as const)('%s to %i: 09:00 → %s is %i min', (mode, increment, end, minutes) => {
    const rated = rate(
      { hourlyRate: 2400, billOnActualTimes: true, rounding: { mode, minutes: increment } },
      {
        start: '2026-04-08T08:00',
        minutes: 999,
        actualStart: '2026-04-08T09:00',
        actualEnd: `2026-04-08T${end}`,
      },
    );
    expect(brief(rated.lines)).toEqual([['time', minutes, 2400, minutes * 40]]);
  });

  it('rounds exactly half an increment down (seconds count)', () => {
    const options = {
      hourlyRate: 2400,
      billOnActualTimes: true,
      rounding: { mode: 'nearest', minutes: 15 },
    } as const;
    const visit = (end: string) => ({
      start: '2026-04-08T09:00',
      actualStart: '2026-04-08T09:00:00+10:00',
      actualEnd: `2026-04-08T${end}+10:00`,
    });
    expect(rate(options, visit('09:52:30')).lines[0]!.minutes).toBe(45);
    expect(rate(options, visit('09:52:31')).lines[0]!.minutes).toBe(60);
  });

  it('places ranges by the actual start, and ignores the planned length', () => {
    const options = {
      hourlyRate: 2400,
      billOnActualTimes: true,
      unsociableRanges: [range({ kind: 'weekday' }, '18:00', '22:00', 3600)],
    };
    const [line] = rate(options, {
      start: '2026-04-08T17:00',
      minutes: 30,
      actualStart: '2026-04-08T18:05',
      actualEnd: '2026-04-08T19:05',
    }).lines;
    expect(line).toMatchObject({ minutes: 60, rateMinor: 3600 });
    expect(line!.explanation).toContain('actual 60 min');
  });

  it('does not round planned minutes', () => {
    const options = { hourlyRate: 2400, rounding: { mode: 'up', minutes: 60 } } as const;
    expect(rate(options, { start: '2026-04-08T09:00', minutes: 50 }).lines[0]!.minutes).toBe(50);
  });
});

describe('option sets: inherited and overridden on independent dates', () => {
  const contractType: Schedule<ContractOptions> = [
    {
      effectiveFrom: '2026-01-01',
      options: { hourlyRate: 2000, callOutCharges: [{ name: 'Fuel', amount: 300 }] },
    },
    {
      effectiveFrom: '2026-07-01',
      options: { hourlyRate: 2200, callOutCharges: [{ name: 'Fuel', amount: 350 }] },
    },
  ];
  const assignment: Schedule<ContractOptions> = [
    { effectiveFrom: '2026-03-01', options: { hourlyRate: 2500 } },
    { effectiveFrom: '2026-09-01', options: {} },
  ];
  it.each([
    ['2025-12-01T09:00', 2500, 'client contract option set 1 (from 2026-03-01), overridden', 300],
    ['2026-08-01T09:00', 2500, 'client contract option set 1 (from 2026-03-01), overridden', 350],
    ['2026-09-01T09:00', 2200, 'contract type option set 2 (from 2026-07-01), inherited', 350],
  ])('%s: hourly %i (%s), call-out %i', (start, hourly, cited, callOut) => {
    const rated = rate({}, { start }, { contractType, assignment });
    expect(brief(rated.lines)).toEqual([
      ['time', 60, hourly, hourly],
      ['callOut', undefined, undefined, callOut],
    ]);
    expect(rated.lines[0]!.explanation).toContain(`hourlyRate: ${cited}`);
    expect(rated.lines[1]!.explanation).toContain('callOutCharges: contract type option set');
  });

  it('picks option sets by the planned start’s local date', () => {
    // 2026-02-28 23:30 in Sydney is 12:30 UTC: the assignment set from 2026-03-01 is not yet in force.
    const rated = rate({}, { start: '2026-02-28T12:30:00Z' }, { contractType, assignment: [assignment[1]!] });
    expect(rated.lines[0]!.rateMinor).toBe(2000);
    expect(
      rate(
        {},
        { start: '2026-02-28T13:30:00Z' },
        {
          contractType,
          assignment: [
            { effectiveFrom: '2026-03-01', options: {} },
            { effectiveFrom: '2026-03-01', options: { hourlyRate: 2500 } },
          ],
        },
      ).lines[0]!.rateMinor,
    ).toBe(2500);
  });
});

describe('call-out charges', () => {
  it('adds each charge once to every visit', () => {
    const options = {
      hourlyRate: 2400,
      callOutCharges: [
        { name: 'Call-out', amount: 500 },
        { name: 'Fuel', amount: 125 },
      ],
    };
    const rated = rate(options, { start: '2026-04-08T09:00', minutes: 30 });
    expect(brief(rated.lines)).toEqual([
      ['time', 30, 2400, 1200],
      ['callOut', undefined, undefined, 500],
      ['callOut', undefined, undefined, 125],
    ]);
    expect(rated.totalMinor).toBe(1825);
    expect(rated.lines[2]!.explanation).toContain('"Fuel" = 125');
  });

  it('an assignment can override them with none', () => {
    const rated = rate(
      {},
      { start: '2026-04-08T09:00' },
      {
        contractType: [
          {
            effectiveFrom: '2026-01-01',
            options: { hourlyRate: 2400, callOutCharges: [{ name: 'Call-out', amount: 500 }] },
          },
        ],
        assignment: [{ effectiveFrom: '2026-01-01', options: { callOutCharges: [] } }],
      },
    );
    expect(rated.totalMinor).toBe(2400);
  });
});

describe('mileage', () => {
  const carerContract: Schedule<CarerContractOptions> = [
    { effectiveFrom: '2026-01-01', options: { mileageRate: 45 } },
    { effectiveFrom: '2026-07-01', options: { mileageRate: 50 } },
  ];
  const charging = { hourlyRate: 2400, chargeMileageToClient: true };
  it.each([
    ['at the carer rate in force', charging, '2026-04-08T09:00', 12.3, [['mileage', undefined, 45, 554]]],
    ['a later carer option set', charging, '2026-07-08T09:00', 12.3, [['mileage', undefined, 50, 615]]],
    ['not charged to the client', { hourlyRate: 2400 }, '2026-04-08T09:00', 12.3, []],
    ['none recorded', charging, '2026-04-08T09:00', undefined, []],
    [
      'zero recorded with travel payments off',
      { ...charging, enableTravelPayments: false },
      '2026-04-08T09:00',
      0,
      [],
    ],
  ])('%s', (_name, options, start, mileage, lines) => {
    const rated = rate(options, { start, mileage }, { carerContract });
    expect(brief(rated.lines.filter((l) => l.kind === 'mileage'))).toEqual(lines);
  });

  it('explains the carer rate and the client option', () => {
    const line = rate(charging, { start: '2026-04-08T09:00', mileage: 12.3 }, { carerContract }).lines[1]!;
    expect(line.explanation).toBe(
      'Mileage 12.3 × 45 = 554 (mileageRate: carer contract option set 1 (from 2026-01-01); chargeMileageToClient: contract type option set 1 (from 2026-01-01), inherited)',
    );
  });

  it.each([
    [
      'travel payments off',
      { ...charging, enableTravelPayments: false },
      { carerContract },
      'visits.0.mileage',
    ],
    [
      'travel payments off, not charged',
      { hourlyRate: 2400, enableTravelPayments: false },
      {},
      'visits.0.mileage',
    ],
    ['no carer contract', charging, {}, 'carerContract'],
    [
      'no mileage rate in force',
      charging,
      { carerContract: [{ effectiveFrom: '2026-01-01', options: {} }] },
      'carerContract.optionSets.0.options.mileageRate',
    ],
  ])('is an error naming the field: %s', (_name, options, setup, field) => {
    expect(issuesOf(() => rate(options, { start: '2026-04-08T09:00', mileage: 3 }, setup))).toEqual([
      { field, reason: expect.any(String) },
    ]);
  });
});

describe('errors name the field', () => {
  it('a missing hourly rate at the base rule names the type option set in force', () => {
    const contractType: Schedule<ContractOptions> = [
      { effectiveFrom: '2026-01-01', options: { hourlyRate: 2400 } },
      { effectiveFrom: '2026-06-01', options: {} },
    ];
    expect(issuesOf(() => rate({}, { start: '2026-06-08T09:00' }, { contractType }))).toEqual([
      { field: 'contractType.optionSets.1.options.hourlyRate', reason: expect.stringMatching(/is required/) },
    ]);
  });

  it('but no hourly rate is needed when a range or an exact non-pro-rata duration prices the visit', () => {
    const options = {
      nonProRataRates: [{ minutes: 60, amount: 3000 }],
      unsociableRanges: [range({ kind: 'weekend' }, '00:00', '24:00', 3600)],
    };
    expect(rate(options, { start: '2026-04-08T09:00', minutes: 60 }).totalMinor).toBe(3000);
    expect(rate(options, { start: '2026-04-11T09:00', minutes: 50 }).totalMinor).toBe(3000);
  });

  it.each([
    ['missing actual times', { start: '2026-04-08T09:00' }, 'visits.0.actualStart'],
    [
      'an end before the start',
      { start: '2026-04-08T09:00', actualStart: '2026-04-08T10:00', actualEnd: '2026-04-08T09:00' },
      'visits.0.actualEnd',
    ],
  ])('billing actual times: %s', (_name, visit, field) => {
    expect(issuesOf(() => rate({ hourlyRate: 2400, billOnActualTimes: true }, visit))[0]!.field).toBe(field);
  });
});
