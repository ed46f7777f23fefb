import { describe, expect, it } from 'vitest';
import { distanceCharge, divideHalfUp, proRata, toHundredths } from './money.js';

describe('divideHalfUp', () => {
  it.each([
    [0, 60, 0],
    [5, 2, 3],
    [7, 2, 4],
    [1, 3, 0],
    [2, 3, 1],
    [29, 60, 0],
    [30, 60, 1],
    [89, 60, 1],
    [90, 60, 2],
    [Number.MAX_SAFE_INTEGER, 1, Number.MAX_SAFE_INTEGER],
    [Number.MAX_SAFE_INTEGER, 2, 4503599627370496],
    [9007199254740990, 60, 150119987579017],
  ])('%i / %i = %i', (numerator, denominator, expected) => {
    expect(divideHalfUp(numerator, denominator)).toBe(expected);
  });

  it('refuses fractions, negatives, unsafe integers and zero denominators', () => {
    for (const [n, d] of [
      [1.5, 2],
      [-1, 2],
      [2 ** 53, 2],
      [1, 0],
    ] as const)
      expect(() => divideHalfUp(n, d)).toThrow(RangeError);
  });
});

describe('proRata', () => {
  it.each([
    [5, 2400, 200],
    [1, 30, 1],
    [1, 29, 0],
    [7, 1999, 233],
    [60, 2400, 2400],
  ])('%i min at %i/h = %i', (minutes, rate, expected) => {
    expect(proRata(minutes, rate)).toBe(expected);
  });
});

describe('distances', () => {
  it('are exact hundredths, refusing more decimals', () => {
    expect(toHundredths(12.3)).toBe(1230);
    expect(toHundredths(0.29)).toBe(29);
    expect(toHundredths(1.005)).toBeNull();
    expect(distanceCharge(1230, 45)).toBe(554);
    expect(distanceCharge(1, 50)).toBe(1);
    expect(distanceCharge(1, 49)).toBe(0);
  });
});
