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
