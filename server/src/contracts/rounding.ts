import type { Rounding } from './rating.types.js';

/**
 * Billable minutes for an actual elapsed time of `seconds`. 'none' drops part minutes; 'up'/'down' go to the
 * next/previous multiple of the increment; 'nearest' rounds a remainder of half an increment or less down.
 */
export function roundElapsed(seconds: number, rounding: Rounding): number {
  if (!Number.isSafeInteger(seconds) || seconds < 0) throw new RangeError(`bad elapsed seconds ${seconds}`);
  if (rounding.mode === 'none') return (seconds - (seconds % 60)) / 60;
  const increment = rounding.minutes * 60;
  const remainder = seconds % increment;
  const whole = (seconds - remainder) / increment;
  const steps =
    rounding.mode === 'down' || remainder === 0
      ? whole
      : rounding.mode === 'up'
        ? whole + 1
        : remainder * 2 > increment
          ? whole + 1
          : whole;
  return steps * rounding.minutes;
}
