import { Temporal } from 'temporal-polyfill';

/** The later of two instants (the first when they are equal). */
export function later(a: Temporal.Instant, b: Temporal.Instant): Temporal.Instant {
  return Temporal.Instant.compare(a, b) >= 0 ? a : b;
}
