import { describe, expect, it } from 'vitest';
import type { Rounding } from './rating.types.js';
import { roundElapsed } from './rounding.js';

const m = (minutes: number, seconds = 0) => minutes * 60 + seconds;

describe('roundElapsed', () => {
  it.each<[string, number, Rounding, number]>([
    ['none drops part minutes', m(47, 59), { mode: 'none', minutes: 15 }, 47],
    ['up', m(46), { mode: 'up', minutes: 15 }, 60],
    ['up by a second', m(45, 1), { mode: 'up', minutes: 15 }, 60],
    ['up leaves a multiple alone', m(45), { mode: 'up', minutes: 15 }, 45],
    ['down', m(59, 59), { mode: 'down', minutes: 15 }, 45],
    ['nearest below half', m(52), { mode: 'nearest', minutes: 15 }, 45],
    ['nearest exactly half rounds down', m(52, 30), { mode: 'nearest', minutes: 15 }, 45],
    ['nearest just over half rounds up', m(52, 31), { mode: 'nearest', minutes: 15 }, 60],
    ['nearest 5: 2.5 min rounds down', m(2, 30), { mode: 'nearest', minutes: 5 }, 0],
    ['nearest 10', m(16), { mode: 'nearest', minutes: 10 }, 20],
    ['nearest 30: 15 min rounds down', m(75), { mode: 'nearest', minutes: 30 }, 60],
    ['up 60', m(61), { mode: 'up', minutes: 60 }, 120],
    ['down 5 to zero', m(4, 59), { mode: 'down', minutes: 5 }, 0],
    ['zero stays zero', 0, { mode: 'up', minutes: 60 }, 0],
  ])('%s', (_name, seconds, rounding, expected) => {
    expect(roundElapsed(seconds, rounding)).toBe(expected);
  });
});
