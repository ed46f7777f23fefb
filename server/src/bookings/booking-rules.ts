export type BookingStatus = 'booked' | 'completed' | 'cancelled';

export type BookingChange = 'edit' | 'complete' | 'reopen' | 'cancel' | 'delete';

/** Which changes a booking in a given status accepts; the reason is shown to the user when refused. */
export function refusalFor(status: BookingStatus, change: BookingChange): string | null {
  if (status === 'cancelled' && change !== 'delete')
    return 'This booking is cancelled and can no longer be changed';
  if (status === 'completed' && change === 'complete') return 'This booking is already completed';
  if (status === 'booked' && change === 'reopen') return 'This booking is not completed';
  if (status === 'completed' && change === 'cancel') return 'A completed booking cannot be cancelled';
  return null;
}

export type OverrideDecision =
  | { go: true; override: { reason: string; warnings: string[] } | null }
  | { go: false; message: string };

/**
 * Soft conflicts never block a booking outright, but it goes ahead only with a reason; without warnings any
 * reason given is dropped (there is nothing to override) and an earlier recorded override is cleared.
 */
export function overrideDecision(warnings: readonly string[], reason: string | undefined): OverrideDecision {
  if (warnings.length === 0) return { go: true, override: null };
  if (reason) return { go: true, override: { reason, warnings: [...warnings] } };
  const list = warnings.join('; ');
  return { go: false, message: `Give a reason to book despite: ${list}` };
}
