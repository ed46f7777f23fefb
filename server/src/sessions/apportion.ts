/**
 * Splitting a total of cents into shares that add up exactly: the largest remainder (Hamilton) method.
 * Each share is total × weight / denominator; every share is floored to the cent and the cents left over go
 * one each to the largest fractional remainders (ties: the earlier share). The shares then sum to
 * total × Σweights / denominator rounded half up — exactly the total when the weights sum to the denominator.
 */

export const ROUNDING_RULE =
  'largest remainder: each share floored to the cent, the cents left over go to the largest remainders ' +
  '(ties: the client listed first), so the shares add up to the total';

/** Integer weights over one denominator; `total` in minor units. All non-negative safe integers. */
export function largestRemainder(total: number, weights: readonly number[], denominator: number): number[] {
  if (!Number.isSafeInteger(total) || total < 0)
    throw new RangeError(`total must be a cent amount, got ${total}`);
  if (!Number.isSafeInteger(denominator) || denominator <= 0)
    throw new RangeError(`denominator must be positive, got ${denominator}`);
  const products = weights.map((w) => {
    if (!Number.isSafeInteger(w) || w < 0)
      throw new RangeError(`weight must be a non-negative integer, got ${w}`);
    const p = total * w;
    if (!Number.isSafeInteger(p)) throw new RangeError('total × weight is too large');
    return p;
  });
  const floors = products.map((p) => (p - (p % denominator)) / denominator);
  const sumWeights = weights.reduce((a, w) => a + w, 0);
  const exact = total * sumWeights;
  const remainder = exact % denominator;
  const target = (exact - remainder) / denominator + (remainder * 2 >= denominator && remainder > 0 ? 1 : 0);
  const left = target - floors.reduce((a, f) => a + f, 0);
  const order = products.map((p, i) => ({ i, r: p % denominator })).sort((a, b) => b.r - a.r || a.i - b.i);
  // Σ remainders / denominator rounds to at most the number of non-zero remainders, so every cent left over
  // lands on a share that had a remainder.
  const shares = [...floors];
  for (const { i } of order.slice(0, left)) shares[i]! += 1;
  return shares;
}

/**
 * A client's portion of a service as an exact fraction over `PORTION_SCALE × ratio`: the default 1/ratio is
 * PORTION_SCALE (exact for 1:3), an edited portion in basis points is bp × ratio.
 */
export const PORTION_SCALE = 10_000;

export type Portion = { participantId: string; basisPoints: number | null };

/** The weights (over `denominator`) for clients' portions of a service with `ratio`; null: the default. */
export function portionWeights(portions: readonly Portion[], ratio: number) {
  return {
    weights: portions.map((p) => (p.basisPoints === null ? PORTION_SCALE : p.basisPoints * ratio)),
    denominator: PORTION_SCALE * ratio,
  };
}

/** The default portion of a ratio in basis points, for display: 1:3 → 3333. */
export const defaultBasisPoints = (ratio: number) => Math.round(PORTION_SCALE / ratio);
