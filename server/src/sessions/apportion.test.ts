import { describe, expect, it } from 'vitest';
import { defaultBasisPoints, largestRemainder, portionWeights } from './apportion.js';

describe('largestRemainder', () => {
  it('splits $100.00 three ways to the cent, the extra cent to the first of equal remainders', () => {
    expect(largestRemainder(10_000, [1, 1, 1], 3)).toEqual([3334, 3333, 3333]);
  });

  it('gives the leftover cents to the largest remainders, not the first shares', () => {
    // 1001 × (1, 2, 7) / 10 = 100.1, 200.2, 700.7 → floors 100, 200, 700, one cent left → the 0.7.
    expect(largestRemainder(1001, [1, 2, 7], 10)).toEqual([100, 200, 701]);
  });

  it('sums to the total whenever the weights sum to the denominator', () => {
    for (let total = 0; total < 500; total += 7)
      for (const weights of [
        [1, 1, 1],
        [2500, 2500, 2500, 2500],
        [3000, 3000, 4000],
        [1, 6],
      ]) {
        const denominator = weights.reduce((a, w) => a + w, 0);
        const shares = largestRemainder(total, weights, denominator);
        expect(shares.reduce((a, s) => a + s, 0)).toBe(total);
        for (const [i, s] of shares.entries())
          expect(Math.abs(s - (total * weights[i]!) / denominator)).toBeLessThan(1);
      }
  });

  it('charges less than the total when the portions leave part of it (1:4 with three clients)', () => {
    const { weights, denominator } = portionWeights(
      [
        { participantId: 'a', basisPoints: null },
        { participantId: 'b', basisPoints: null },
        { participantId: 'c', basisPoints: null },
      ],
      4,
    );
    expect(largestRemainder(24_001, weights, denominator)).toEqual([6001, 6000, 6000]);
  });

  it('keeps 1:3 exact: three default portions are the whole service', () => {
    const { weights, denominator } = portionWeights(
      ['a', 'b', 'c'].map((participantId) => ({ participantId, basisPoints: null })),
      3,
    );
    expect(largestRemainder(10_000, weights, denominator)).toEqual([3334, 3333, 3333]);
    expect(defaultBasisPoints(3)).toBe(3333);
  });

  it('mixes edited and default portions over one denominator', () => {
    const { weights, denominator } = portionWeights(
      [
        { participantId: 'a', basisPoints: 4000 },
        { participantId: 'b', basisPoints: null },
        { participantId: 'c', basisPoints: 3500 },
      ],
      4,
    );
    expect(largestRemainder(12_000, weights, denominator)).toEqual([4800, 3000, 4200]);
  });
});
