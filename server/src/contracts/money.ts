/** Integer minor-unit arithmetic: no floating-point money anywhere in rating. */

function assertSafeNonNegative(value: number, what: string): void {
  if (!Number.isSafeInteger(value) || value < 0)
    throw new RangeError(`${what} must be a non-negative safe integer, got ${value}`);
}

/** numerator / denominator rounded half-up (x.5 goes up), exactly, for non-negative integers. */
export function divideHalfUp(numerator: number, denominator: number): number {
  assertSafeNonNegative(numerator, 'numerator');
  assertSafeNonNegative(denominator, 'denominator');
  if (denominator === 0) throw new RangeError('denominator must not be zero');
  // `%` is exact on integers, so the quotient below is exact too (no float division rounding).
  const remainder = numerator % denominator;
  const quotient = (numerator - remainder) / denominator;
  return remainder * 2 >= denominator ? quotient + 1 : quotient;
}

/** The pro-rata price of `minutes` at `hourlyRate` minor units per hour: minutes × rate / 60, half-up. */
export function proRata(minutes: number, hourlyRate: number): number {
  return divideHalfUp(minutes * hourlyRate, 60);
}

/**
 * A distance with at most two decimals as an exact count of hundredths (12.3 → 1230), or null when it has
 * more decimals than that.
 */
export function toHundredths(distance: number): number | null {
  const hundredths = Math.round(distance * 100);
  return Number.isSafeInteger(hundredths) && Math.abs(distance * 100 - hundredths) < 1e-6 ? hundredths : null;
}

/** The price of a distance (in hundredths) at `rate` minor units per unit of distance, half-up. */
export function distanceCharge(hundredths: number, rate: number): number {
  return divideHalfUp(hundredths * rate, 100);
}
