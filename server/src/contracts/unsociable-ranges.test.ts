import { describe, expect, it } from 'vitest';
import { epochMinuteOf } from '../shared/time/civil-date.js';
import { createZoneClock, parseVisitTime } from '../shared/time/zone-clock.js';
import type { UnsociableRange } from './rating.types.js';
import { clockMinutes, rangeSpan, ruleAt, splitByRanges } from './unsociable-ranges.js';

const ZONE = 'Australia/Sydney';
const clock = createZoneClock(ZONE);
const calendar = { publicHolidays: new Set<string>(), specialDays: new Set<string>() };
const minute = (local: string) => epochMinuteOf(parseVisitTime(local, ZONE)!);

describe('clock times', () => {
  it.each([
    ['00:00', 0],
    ['06:30', 390],
    ['23:59', 1439],
    ['24:00', 1440],
    ['24:01', Number.NaN],
    ['12:60', Number.NaN],
    ['7:00', Number.NaN],
  ])('%s is minute %d', (text, expected) => {
    expect(clockMinutes(text)).toBe(expected);
  });

  it.each([
    ['22:00', '06:00', 1320, 1800],
    ['00:00', '24:00', 0, 1440],
    ['18:00', '24:00', 1080, 1440],
    ['18:00', '00:00', 1080, 1440],
    ['09:00', '17:00', 540, 1020],
  ])('%s–%s spans %i..%i from its start day’s midnight', (from, to, start, end) => {
    expect(rangeSpan({ from, to })).toEqual({ start, end });
  });
});

describe('splitByRanges', () => {
  const ranges: UnsociableRange[] = [
    { when: { kind: 'weekday' }, from: '18:00', to: '22:00', hourlyRate: 3600 },
    { when: { kind: 'dayOfWeek', day: 'sat' }, from: '22:00', to: '06:00', hourlyRate: 4000 },
  ];
  const parts = (start: string, minutes: number) =>
    splitByRanges(ranges, clock, calendar, minute(start), minute(start) + minutes).map((p) => [
      p.window?.rangeIndex ?? 'base',
      p.end - p.start,
    ]);

  it.each([
    ['inside no range', '2026-04-08T09:00', 60, [['base', 60]]],
    [
      'into a range',
      '2026-04-08T17:00',
      120,
      [
        ['base', 60],
        [0, 60],
      ],
    ],
    [
      'through a range',
      '2026-04-08T17:00',
      360,
      [
        ['base', 60],
        [0, 240],
        ['base', 60],
      ],
    ],
    ['across midnight inside Saturday night', '2026-04-11T23:00', 120, [[1, 120]]],
    [
      'out of Saturday night on Sunday morning',
      '2026-04-12T05:00',
      120,
      [
        [1, 60],
        ['base', 60],
      ],
    ],
    [
      'Friday evening into Saturday night',
      '2026-04-10T21:00',
      120,
      [
        [0, 60],
        ['base', 60],
      ],
    ],
    [
      'a whole day',
      '2026-04-11T00:00',
      1440,
      [
        ['base', 1320],
        [1, 120],
      ],
    ],
  ])('%s', (_name, start, minutes, expected) => {
    expect(parts(start, minutes)).toEqual(expected);
  });

  it('keeps a zero-length visit as one empty part under the rule at its start', () => {
    expect(
      splitByRanges(ranges, clock, calendar, minute('2026-04-08T19:00'), minute('2026-04-08T19:00')),
    ).toMatchObject([
      { window: { rangeIndex: 0 }, start: minute('2026-04-08T19:00'), end: minute('2026-04-08T19:00') },
    ]);
  });

  it('agrees with ruleAt at the start of every part', () => {
    for (const p of splitByRanges(
      ranges,
      clock,
      calendar,
      minute('2026-04-10T12:00'),
      minute('2026-04-12T12:00'),
    ))
      expect(ruleAt(ranges, clock, calendar, p.start)?.rangeIndex).toBe(p.window?.rangeIndex);
  });
});
