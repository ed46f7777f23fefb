import { Temporal } from 'temporal-polyfill';

/** Leave covers [starts_on 00:00, ends_on + 1 day 00:00) in the client's zone; an open end never ends. */
export function leaveWindow(
  startsOn: string,
  endsOn: string | null,
  zone: string,
): { from: Temporal.Instant; to: Temporal.Instant | null } {
  return {
    from: Temporal.PlainDate.from(startsOn).toZonedDateTime(zone).toInstant(),
    to: endsOn ? Temporal.PlainDate.from(endsOn).add({ days: 1 }).toZonedDateTime(zone).toInstant() : null,
  };
}

export function insideLeave(
  start: Temporal.Instant,
  window: { from: Temporal.Instant; to: Temporal.Instant | null },
): boolean {
  return (
    Temporal.Instant.compare(start, window.from) >= 0 &&
    (window.to === null || Temporal.Instant.compare(start, window.to) < 0)
  );
}

/**
 * The leave (of one client's) whose window covers a visit starting at `start`, if any. Leave periods of one
 * client never overlap (the database refuses it), so at most one does; the first is taken regardless.
 */
export function leaveCovering(
  start: Temporal.Instant,
  leaves: readonly { id: string; window: { from: Temporal.Instant; to: Temporal.Instant | null } }[],
): string | null {
  return leaves.find((l) => insideLeave(start, l.window))?.id ?? null;
}
